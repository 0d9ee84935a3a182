/**
 * tableObjectName: the XR's metadata.name for a DynamoDB table name. Names
 * that already are DNS-1123 labels stay as they are (BBWS's dist/ does not
 * churn); every other name becomes a valid label with a hash of the original.
 * The expected names are pinned: dist/ file names, `plan` and `status` key on
 * them, so a change here renames every such XR.
 */
import { isDnsLabel, tableObjectName } from '../../src/model/object-name';
import { K8S_DNS1123_LABEL, K8S_DNS1123_SUBDOMAIN, K8S_LABEL_VALUE } from './kubernetes-names';

interface Case {
  readonly name: string;
  readonly reason: string;
  readonly tableName: string;
  readonly want: string;
}

const cases: Case[] = [
  { name: 'lower-case word', reason: 'Already a DNS label, so kept: BBWS\'s tenants stays tenants.', tableName: 'tenants', want: 'tenants' },
  { name: 'digits only', reason: 'A DNS-1123 label may start with a digit.', tableName: '123', want: '123' },
  { name: 'dashes inside', reason: 'Dashes between letters are valid and kept.', tableName: 'customer-orders', want: 'customer-orders' },
  { name: 'upper case', reason: 'Kubernetes names are lower case; the hash keeps Orders apart from a table named orders.', tableName: 'Orders', want: 'orders-b7e8acdd' },
  { name: 'underscore', reason: '"_" is not allowed in a DNS label and becomes "-".', tableName: 'order_items', want: 'order-items-ff26d5dd' },
  { name: 'dot', reason: '"." would make a subdomain, not a label, and becomes "-"; the hash differs from order_items.', tableName: 'order.items', want: 'order-items-fcd8fb84' },
  { name: 'mixed case and underscore', reason: 'The issue\'s example.', tableName: 'Order_Items', want: 'order-items-62753264' },
  { name: 'run of separators', reason: 'A run of "_" becomes one "-".', tableName: 'Order__Items', want: 'order-items-acf3bc11' },
  { name: 'leading and trailing underscores', reason: 'A label starts and ends with a letter or digit.', tableName: '_orders_', want: 'orders-4361bdeb' },
  { name: 'trailing dash', reason: 'Valid in DynamoDB, not in a DNS label.', tableName: 'orders-', want: 'orders-3cd32598' },
  { name: 'leading dash', reason: 'Valid in DynamoDB, not in a DNS label.', tableName: '-orders', want: 'orders-17c79137' },
  { name: 'dot-separated version', reason: 'A common DynamoDB naming style.', tableName: 'customer-orders.v2', want: 'customer-orders-v2-099a3887' },
  { name: 'separators only', reason: 'Nothing readable is left, so a fixed stem stands in.', tableName: '___', want: 'table-bda25155' },
  { name: '63 characters', reason: 'The longest DNS label is kept.', tableName: 'x'.repeat(63), want: 'x'.repeat(63) },
  { name: '64 characters', reason: 'One too many for a label value: cut to 54, plus "-" and the hash, is 63.', tableName: 'x'.repeat(64), want: `${'x'.repeat(54)}-7ce10097` },
  { name: '80 characters', reason: 'The issue\'s example of a long DynamoDB name.', tableName: 'a'.repeat(80), want: `${'a'.repeat(54)}-0f45e858` },
  { name: 'cut at a separator', reason: 'A cut that ends in "-" drops it, so there is no "--" before the hash.', tableName: `${'a'.repeat(53)}_b`, want: `${'a'.repeat(53)}-79423a79` },
];

describe('tableObjectName', () => {
  test.each(cases)('$name: $reason', ({ tableName, want }) => {
    // WHEN
    const name = tableObjectName(tableName);

    // THEN
    expect(name).toEqual(want);
  });

  test.each(cases)('$name: Kubernetes accepts the result as an object name and a label value', ({ tableName }) => {
    // WHEN
    const name = tableObjectName(tableName);

    // THEN it passes k8s.io/apimachinery's checks, written out independently of the implementation
    expect(name).toMatch(K8S_DNS1123_SUBDOMAIN);
    expect(name.length).toBeLessThanOrEqual(253);
    expect(name).toMatch(K8S_DNS1123_LABEL);
    expect(name).toMatch(K8S_LABEL_VALUE);
    expect(name.length).toBeLessThanOrEqual(63);
  });

  test('the longest DynamoDB name, 255 characters of every allowed character class, becomes a valid label', () => {
    // GIVEN
    const tableName = 'Ab_9.-'.repeat(43).slice(0, 255);

    // WHEN
    const name = tableObjectName(tableName);

    // THEN
    expect(name).toMatch(K8S_DNS1123_LABEL);
    expect(name.length).toBeLessThanOrEqual(63);
  });

  test('distinct DynamoDB names that normalise alike get distinct object names', () => {
    // GIVEN names that all lower-case and dash to "order-items"
    const names = ['order-items', 'order_items', 'order.items', 'Order_Items', 'ORDER_ITEMS', 'Order-Items', 'order__items'];

    // WHEN
    const objectNames = names.map(tableObjectName);

    // THEN
    expect(new Set(objectNames).size).toBe(names.length);
  });

  test('the same name always gives the same object name', () => {
    expect(tableObjectName('Order_Items')).toEqual(tableObjectName('Order_Items'));
  });

  test('an object name is its own object name, so a reviewer may write either in an acknowledgement', () => {
    for (const { tableName } of cases) {
      const name = tableObjectName(tableName);
      expect(tableObjectName(name)).toEqual(name);
    }
  });
});

describe('isDnsLabel', () => {
  test.each([
    ['tenants', true, 'lower case letters'],
    ['a-1', true, 'letters, a dash and a digit'],
    ['x'.repeat(63), true, '63 characters'],
    ['x'.repeat(64), false, '64 characters'],
    ['Orders', false, 'upper case'],
    ['a_b', false, 'underscore'],
    ['a.b', false, 'a dot (a subdomain, not a label)'],
    ['-a', false, 'leading dash'],
    ['a-', false, 'trailing dash'],
    ['', false, 'empty'],
  ])('%s → %s (%s)', (name, want) => {
    expect(isDnsLabel(name)).toBe(want);
    expect(K8S_DNS1123_LABEL.test(name) && name.length <= 63).toBe(want);
  });
});
