/**
 * The design document shows a table's Kubernetes object name when it differs
 * from the DynamoDB name, so `kubectl get dynamodbtables` can be matched to
 * the table; BBWS's names are their own object names, so their sections do not
 * change.
 */
import { rawInputs, validTable } from '../validate/fixtures';
import { render, section } from './fixtures';
import { tables } from './markdown-check';

function settings(tableName: string): string[][] {
  const t = validTable();
  t.tableName = tableName;
  const doc = render(rawInputs({ tables: [t] }));
  return tables(section(section(doc, `### Table: ${tableName}`), '#### Settings')).flatMap((x) => x.rows);
}

test('Order_Items: a "Kubernetes object name" row with the derived name', () => {
  expect(settings('Order_Items').find((r) => r[0] === 'Kubernetes object name')).toEqual(['Kubernetes object name', '`order-items-62753264`']);
});

test('orders: no such row, because the object name is the table name', () => {
  expect(settings('orders').map((r) => r[0])).not.toContain('Kubernetes object name');
});
