/**
 * Names: DynamoDB's 3-255 characters from [a-zA-Z0-9_.-] (name), unique index
 * names (index-name-unique), a schema file named after its table (file-name)
 * and one schema per table (table-name-unique).
 */
import {
  check, checkTable, err, Json, Said, summarize, TABLE_FILE, tableFile, validEnvironment, validTable,
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
