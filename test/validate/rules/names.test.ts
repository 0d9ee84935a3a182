/**
 * Names: DynamoDB's 3-255 characters from [a-zA-Z0-9_.-] (name), unique index
 * names (index-name-unique), a schema file named after its table (file-name),
 * one schema per table and one physical name per environment (table-name-unique),
 * one Kubernetes object name per table (object-name-unique) and no two input
 * files that differ only in case (file-name-case).
 */
import {
  check, checkTable, err, Json, Said, summarize, TABLE_FILE, tableFile, validEnvironment, validProdEnvironment, validTable,
} from '../fixtures';

interface Case {
  readonly name: string;
  readonly reason: string;
  readonly mutate: (t: Json) => void;
  readonly want: Said[];
}

/** Renames the GSI and the access pattern that uses it, so only the name itself is wrong. */
const renameIndex = (t: Json, name: string) => {
  t.globalSecondaryIndexes[0].indexName = name;
  t.accessPatterns[1].index = name;
};

describe('name', () => {
  const cases: Case[] = [
    {
      name: 'two-character table name',
      reason: 'DynamoDB needs at least 3 characters.',
      mutate: (t) => { t.tableName = 'or'; },
      want: [err('schemas/or.schema.json', '$.tableName', 'name',
        'table name "or" is 2 characters long; DynamoDB names are 3-255 characters')],
    },
    {
      name: '256-character table name',
      reason: 'DynamoDB allows at most 255 characters.',
      mutate: (t) => { t.tableName = 'o'.repeat(256); },
      want: [err(`schemas/${'o'.repeat(256)}.schema.json`, '$.tableName', 'name',
        `table name "${'o'.repeat(256)}" is 256 characters long; DynamoDB names are 3-255 characters`)],
    },
    {
      name: 'space and bang in a table name',
      reason: 'Only letters, digits, "_", "." and "-" are allowed; the message lists the offending characters once each.',
      mutate: (t) => { t.tableName = 'my orders!!'; },
      want: [err('schemas/my orders!!.schema.json', '$.tableName', 'name',
        'table name "my orders!!" contains " !"; DynamoDB names use only letters, digits, "_", "." and "-"')],
    },
    {
      name: 'slash in an index name',
      reason: 'Index names follow the table-name rules.',
      mutate: (t) => renameIndex(t, 'Customer/Index'),
      want: [err(TABLE_FILE, '$.globalSecondaryIndexes[0].indexName', 'name',
        'index name "Customer/Index" contains "/"; DynamoDB names use only letters, digits, "_", "." and "-"')],
    },
    {
      name: 'two-character index name',
      reason: 'Index names are 3-255 characters, like table names.',
      mutate: (t) => renameIndex(t, 'ix'),
      want: [err(TABLE_FILE, '$.globalSecondaryIndexes[0].indexName', 'name',
        'index name "ix" is 2 characters long; DynamoDB names are 3-255 characters')],
    },
    {
      name: 'short per-environment table name',
      reason: 'An override\'s physical table name must be a valid DynamoDB name as well.',
      mutate: (t) => { t.overrides = { dev: { tableName: 'x' } }; },
      want: [err(TABLE_FILE, '$.overrides.dev.tableName', 'name',
        'table name "x" is 1 characters long; DynamoDB names are 3-255 characters')],
    },
  ];

  test.each(cases)('$name: $reason', ({ mutate, want }) => {
    expect(summarize(checkTable(mutate))).toEqual(want);
  });

  test('3 and 255 characters are accepted', () => {
    // GIVEN the two boundary lengths
    const short = validTable();
    short.tableName = 'ord';
    const long = validTable();
    long.tableName = 'o'.repeat(255);

    // WHEN
    const findings = check({ tables: [short, long] });

    // THEN
    expect(summarize(findings)).toEqual([]);
  });
});

describe('index-name-unique', () => {
  const cases: Case[] = [
    {
      name: 'two GSIs with one name',
      reason: 'DynamoDB identifies an index by name within its table.',
      mutate: (t) => {
        t.globalSecondaryIndexes.push({ indexName: 'CustomerIndex', partitionKey: { name: 'status', type: 'S' }, projectionType: 'KEYS_ONLY' });
      },
      want: [err(TABLE_FILE, '$.globalSecondaryIndexes[1].indexName', 'index-name-unique',
        'index name "CustomerIndex" is already used by $.globalSecondaryIndexes[0]')],
    },
    {
      name: 'an LSI named like a GSI',
      reason: 'GSIs and LSIs share one namespace.',
      mutate: (t) => {
        t.localSecondaryIndexes = [{ indexName: 'CustomerIndex', sortKey: { name: 'total', type: 'N' }, projectionType: 'KEYS_ONLY' }];
      },
      want: [err(TABLE_FILE, '$.localSecondaryIndexes[0].indexName', 'index-name-unique',
        'index name "CustomerIndex" is already used by $.globalSecondaryIndexes[0]')],
    },
  ];

  test.each(cases)('$name: $reason', ({ mutate, want }) => {
    expect(summarize(checkTable(mutate))).toEqual(want);
  });
});

describe('file-name', () => {
  test('a schema file must be named after its table', () => {
    // GIVEN orders declared in order.schema.json
    const schemaFiles = [tableFile(validTable(), 'schemas/order.schema.json')];

    // WHEN
    const findings = check({ tables: [], schemaFiles });

    // THEN
    expect(summarize(findings)).toEqual([
      err('schemas/order.schema.json', '$.tableName', 'file-name', 'tableName "orders" does not match the file name "order.schema.json"'),
    ]);
    expect(findings[0].hint).toEqual('rename the file to orders.schema.json, or set tableName to "order"');
  });
});

describe('table-name-unique', () => {
  test('a second schema for the same table is reported in the later file', () => {
    // GIVEN two files declaring "orders"
    const schemaFiles = [tableFile(validTable()), tableFile(validTable(), 'schemas/orders-copy.schema.json')];

    // WHEN
    const findings = check({ tables: [], schemaFiles, environments: [validEnvironment()] });

    // THEN
    expect(summarize(findings)).toEqual([
      err('schemas/orders-copy.schema.json', '$.tableName', 'file-name',
        'tableName "orders" does not match the file name "orders-copy.schema.json"'),
      err('schemas/orders-copy.schema.json', '$.tableName', 'table-name-unique',
        'table "orders" is also declared in schemas/orders.schema.json'),
    ]);
  });
});

describe('table-name-unique: physical names per environment', () => {
  /** A valid table named `tableName`, with optional per-environment physical names. */
  const named = (tableName: string, physical: Record<string, string> = {}): Json => {
    const t = validTable();
    t.tableName = tableName;
    if (Object.keys(physical).length) t.overrides = Object.fromEntries(Object.entries(physical).map(([env, name]) => [env, { tableName: name }]));
    return t;
  };

  interface PhysicalCase {
    readonly name: string;
    readonly reason: string;
    readonly tables: Json[];
    readonly want: Said[];
  }

  const cases: PhysicalCase[] = [
    {
      name: 'an override takes another table\'s name',
      reason: 'DynamoDB table names are unique per account and region, so both schemas would manage one table.',
      tables: [named('orders'), named('invoices', { dev: 'orders' })],
      want: [err('schemas/invoices.schema.json', '$.overrides.dev.tableName', 'table-name-unique',
        'in dev, table "orders" is also the physical name of schemas/orders.schema.json')],
    },
    {
      name: 'the earlier file holds the override',
      reason: 'The finding goes to the later file, at its own tableName, naming the file with the override.',
      tables: [named('invoices', { prod: 'orders' }), named('orders')],
      want: [err('schemas/orders.schema.json', '$.tableName', 'table-name-unique',
        'in prod, table "orders" is also the physical name of schemas/invoices.schema.json')],
    },
    {
      name: 'two overrides with one name',
      reason: 'Two per-environment names can collide as well.',
      tables: [named('orders', { dev: 'shared-orders' }), named('invoices', { dev: 'shared-orders' })],
      want: [err('schemas/invoices.schema.json', '$.overrides.dev.tableName', 'table-name-unique',
        'in dev, table "shared-orders" is also the physical name of schemas/orders.schema.json')],
    },
    {
      name: 'two tables swapping names in one environment',
      reason: 'Each physical name is still used once.',
      tables: [named('orders', { dev: 'invoices' }), named('invoices', { dev: 'orders' })],
      want: [],
    },
  ];

  test.each(cases)('$name: $reason', ({ tables, want }) => {
    // WHEN
    const findings = check({ tables, environments: [validEnvironment('dev'), validProdEnvironment()] });

    // THEN
    expect(summarize(findings)).toEqual(want);
  });

  test('the hint names the override to change', () => {
    // WHEN
    const [finding] = check({ tables: [named('orders'), named('invoices', { dev: 'orders' })] });

    // THEN
    expect(finding.hint).toEqual('give one of them another overrides.dev.tableName');
  });
});

describe('object-name-unique', () => {
  test('a table named like another table\'s derived Kubernetes name', () => {
    // GIVEN order_items (XR order-items-ff26d5dd) and a table literally called order-items-ff26d5dd
    const first = validTable();
    first.tableName = 'order_items';
    const second = validTable();
    second.tableName = 'order-items-ff26d5dd';

    // WHEN
    const findings = check({ tables: [first, second] });

    // THEN both files are named: the finding's own, and the other in the message
    expect(summarize(findings)).toEqual([
      err('schemas/order-items-ff26d5dd.schema.json', '$.tableName', 'object-name-unique',
        'table "order-items-ff26d5dd" gets the Kubernetes object name "order-items-ff26d5dd", which table "order_items" in schemas/order_items.schema.json gets as well'),
    ]);
  });

  test('names that only normalise alike get distinct object names and no finding', () => {
    // GIVEN three DynamoDB tables that all read "order items"
    const tables = ['order-items', 'order_items', 'order.items'].map((name) => {
      const t = validTable();
      t.tableName = name;
      return t;
    });

    // WHEN
    const findings = check({ tables });

    // THEN
    expect(summarize(findings)).toEqual([]);
  });
});

describe('file-name-case', () => {
  test('two schema files whose names differ only in case', () => {
    // GIVEN Orders and orders: two DynamoDB tables, but one file on macOS and Windows
    const upper = validTable();
    upper.tableName = 'Orders';

    // WHEN
    const findings = check({ tables: [upper, validTable()] });

    // THEN
    expect(summarize(findings)).toEqual([
      err(TABLE_FILE, '$', 'file-name-case',
        'schemas/orders.schema.json and schemas/Orders.schema.json differ only in case: a checkout on macOS or Windows keeps only one of them'),
    ]);
  });
});
