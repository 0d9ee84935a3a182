/**
 * Tables whose DynamoDB names Kubernetes refuses as object names (`Order_Items`,
 * `Orders`, 80 characters) render XRs the API server accepts: metadata.name and
 * every label value pass Kubernetes' own checks, spec.tableName keeps the exact
 * DynamoDB name, and the dist/ file is named after the object.
 */
import { Json, synthOk } from '../integration/synth-fixture';
import { kubernetesNameProblems } from '../model/kubernetes-names';
import { rawInputs, validEnvironment, validProdEnvironment, validTable } from '../validate/fixtures';

const LONG = `Customer_Order_History.${'x'.repeat(57)}`;

function table(tableName: string): Json {
  const t = validTable();
  t.tableName = tableName;
  return t;
}

describe('names Kubernetes refuses', () => {
  // GIVEN three tables with names Kubernetes refuses and one it accepts, in dev and prod
  const result = synthOk(rawInputs({
    tables: [table('Order_Items'), table('Orders'), table(LONG), table('invoices')],
    environments: [validEnvironment('dev'), validProdEnvironment()],
  }));
  const xrs = result.objects.filter((o) => o.object.kind === 'DynamoDBTable');
  const xr = (env: string, tableName: string) => xrs.find((o) => o.dir === env && (o.object as Json).spec.tableName === tableName)!;

  test('Order_Items: a valid object name, the exact DynamoDB name in spec.tableName, and a dist/ file named after the object', () => {
    // WHEN
    const o = xr('dev', 'Order_Items');

    // THEN
    expect(o.object.metadata.name).toBe('order-items-62753264');
    expect(o.object.metadata.labels).toMatchObject({ 'platform.example.com/table': 'order-items-62753264' });
    expect(o.file).toBe('dynamodbtable-order-items-62753264.yaml');
  });

  test('an 80-character name becomes a 63-character object name', () => {
    // WHEN
    const o = xr('prod', LONG);

    // THEN
    expect(LONG).toHaveLength(80);
    expect(o.object.metadata.name).toBe('customer-order-history-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx-3932230a');
    expect(o.object.metadata.name).toHaveLength(63);
  });

  test('Orders gets a hashed name, and a name that already is a DNS label keeps it', () => {
    expect(xr('dev', 'Orders').object.metadata.name).toBe('orders-b7e8acdd');
    expect(xr('dev', 'invoices').object.metadata.name).toBe('invoices');
  });

  test('every rendered object\'s name and labels pass Kubernetes validation', () => {
    // THEN
    expect(xrs).toHaveLength(8);
    expect(result.objects.flatMap((o) => kubernetesNameProblems(o.object))).toEqual([]);
  });
});
