/**
 * Secondary indexes: the GSI/LSI quotas (index-limit), LSI key rules
 * (lsi-needs-sort-key, lsi-partition-key), projections (projection,
 * projection-attribute, projection-limit: 20 per index, 100 per table) and
 * indexes that repeat a key schema (index-duplicate, a design rule stricter
 * than DynamoDB).
 */
import { checkTable, err, Json, Said, summarize, TABLE_FILE, times } from '../fixtures';

interface Case {
  readonly name: string;
  readonly reason: string;
  readonly mutate: (t: Json) => void;
  readonly want: Said[];
}

/** Adds `n` GSIs, each on its own declared attribute and used by its own access pattern. */
function addGsis(t: Json, n: number, projection: (i: number) => Json = () => ({ projectionType: 'KEYS_ONLY' })): void {
  for (let i = 0; i < n; i++) {
    const key = `g${i}`;
    t.attributes.push({ name: key, type: 'S' });
    t.globalSecondaryIndexes.push({ indexName: `Index${i}`, partitionKey: { name: key, type: 'S' }, ...projection(i) });
    t.accessPatterns.push({ id: `G-${i}`, description: `By ${key}`, operation: 'Query', index: `Index${i}`, keyCondition: `${key} = :v` });
  }
}

/** Adds `n` LSIs, each on its own declared sort key and used by its own access pattern. */
function addLsis(t: Json, n: number): void {
  t.localSecondaryIndexes = [];
  for (let i = 0; i < n; i++) {
    const key = `l${i}`;
    t.attributes.push({ name: key, type: 'N' });
    t.localSecondaryIndexes.push({ indexName: `Local${i}`, sortKey: { name: key, type: 'N' }, projectionType: 'KEYS_ONLY' });
    t.accessPatterns.push({ id: `L-${i}`, description: `By ${key}`, operation: 'Query', index: `Local${i}`, keyCondition: `PK = :pk AND ${key} > :n` });
  }
}

/** An LSI on `total`, with a pattern that uses it. */
function addTotalLsi(t: Json, lsi: Json = {}): void {
  t.localSecondaryIndexes = [{ indexName: 'ByTotal', sortKey: { name: 'total', type: 'N' }, projectionType: 'ALL', ...lsi }];
  t.accessPatterns.push({ id: 'AP-9', description: 'Orders by total', operation: 'Query', index: 'ByTotal', keyCondition: 'PK = :pk AND total >= :min' });
}

describe('index-limit', () => {
  const cases: Case[] = [
    {
      name: '21 GSIs',
      reason: 'DynamoDB\'s default quota is 20 GSIs per table.',
      mutate: (t) => addGsis(t, 20),
      want: [err(TABLE_FILE, '$.globalSecondaryIndexes', 'index-limit',
        '21 global secondary indexes; DynamoDB allows at most 20 per table')],
    },
    {
      name: '6 LSIs',
      reason: 'DynamoDB allows 5 LSIs per table, fixed at creation.',
      mutate: (t) => addLsis(t, 6),
      want: [err(TABLE_FILE, '$.localSecondaryIndexes', 'index-limit',
        '6 local secondary indexes; DynamoDB allows at most 5 per table')],
    },
    {
      name: '20 GSIs and 5 LSIs',
      reason: 'Exactly at the quotas is allowed.',
      mutate: (t) => { addGsis(t, 19); addLsis(t, 5); },
      want: [],
    },
  ];

  test.each(cases)('$name: $reason', ({ mutate, want }) => {
    expect(summarize(checkTable(mutate))).toEqual(want);
  });
});

describe('lsi-needs-sort-key', () => {
  test('an LSI on a table without a sort key is reported at the LSI', () => {
    // GIVEN a partition-key-only table with an LSI
    const mutate = (t: Json) => {
      delete t.primaryKey.sortKey;
      t.accessPatterns[0].keyCondition = 'PK = ORDER#{orderId}';
      t.accessPatterns[2].keyCondition = 'PK = ORDER#{orderId}';
      addTotalLsi(t);
    };

    // WHEN
    const findings = checkTable(mutate);

    // THEN
    expect(summarize(findings)).toEqual([
      err(TABLE_FILE, '$.localSecondaryIndexes[0]', 'lsi-needs-sort-key',
        'local secondary index "ByTotal" needs the table to have a sort key'),
    ]);
  });
});

describe('lsi-partition-key', () => {
  const cases: Case[] = [
    {
      name: 'LSI with its own partition key',
      reason: 'An LSI always shares the table\'s partition key; a different one needs a GSI.',
      mutate: (t) => addTotalLsi(t, { partitionKey: { name: 'customerId', type: 'S' } }),
      want: [err(TABLE_FILE, '$.localSecondaryIndexes[0].partitionKey.name', 'lsi-partition-key',
        'local secondary index "ByTotal" has partition key "customerId", but an LSI shares the table\'s partition key "PK"')],
    },
    {
      name: 'LSI repeating the table\'s partition key',
      reason: 'Spelling out the shared partition key is allowed.',
      mutate: (t) => addTotalLsi(t, { partitionKey: { name: 'PK', type: 'S' } }),
      want: [],
    },
  ];

  test.each(cases)('$name: $reason', ({ mutate, want }) => {
    expect(summarize(checkTable(mutate))).toEqual(want);
  });
});

describe('projection', () => {
  const cases: Case[] = [
    {
      name: 'INCLUDE without nonKeyAttributes',
      reason: 'INCLUDE means "keys plus these attributes"; without a list it is KEYS_ONLY in disguise.',
      mutate: (t) => { t.globalSecondaryIndexes[0].projectionType = 'INCLUDE'; },
      want: [err(TABLE_FILE, '$.globalSecondaryIndexes[0].projectionType', 'projection',
        'index "CustomerIndex" projects INCLUDE but lists no nonKeyAttributes')],
    },
    {
      name: 'INCLUDE with an empty list',
      reason: 'An empty list is the same mistake as no list.',
      mutate: (t) => { t.globalSecondaryIndexes[0].projectionType = 'INCLUDE'; t.globalSecondaryIndexes[0].nonKeyAttributes = []; },
      want: [err(TABLE_FILE, '$.globalSecondaryIndexes[0].projectionType', 'projection',
        'index "CustomerIndex" projects INCLUDE but lists no nonKeyAttributes')],
    },
    {
      name: 'KEYS_ONLY with nonKeyAttributes',
      reason: 'DynamoDB rejects NonKeyAttributes unless the projection is INCLUDE.',
      mutate: (t) => { t.globalSecondaryIndexes[0].projectionType = 'KEYS_ONLY'; t.globalSecondaryIndexes[0].nonKeyAttributes = ['total']; },
      want: [err(TABLE_FILE, '$.globalSecondaryIndexes[0].nonKeyAttributes', 'projection',
        'index "CustomerIndex" projects KEYS_ONLY, which takes no nonKeyAttributes')],
    },
    {
      name: 'ALL with nonKeyAttributes',
      reason: 'ALL already projects everything, so a list is a contradiction.',
      mutate: (t) => { t.globalSecondaryIndexes[0].nonKeyAttributes = ['total']; },
      want: [err(TABLE_FILE, '$.globalSecondaryIndexes[0].nonKeyAttributes', 'projection',
        'index "CustomerIndex" projects ALL, which takes no nonKeyAttributes')],
    },
    {
      name: 'LSI INCLUDE without nonKeyAttributes',
      reason: 'LSI projections follow the same rules as GSI projections.',
      mutate: (t) => addTotalLsi(t, { projectionType: 'INCLUDE' }),
      want: [err(TABLE_FILE, '$.localSecondaryIndexes[0].projectionType', 'projection',
        'index "ByTotal" projects INCLUDE but lists no nonKeyAttributes')],
    },
    {
      name: 'INCLUDE with declared attributes',
      reason: 'The correct use of INCLUDE.',
      mutate: (t) => { t.globalSecondaryIndexes[0].projectionType = 'INCLUDE'; t.globalSecondaryIndexes[0].nonKeyAttributes = ['total', 'status']; },
      want: [],
    },
  ];

  test.each(cases)('$name: $reason', ({ mutate, want }) => {
    expect(summarize(checkTable(mutate))).toEqual(want);
  });
});

describe('projection-attribute', () => {
  test('an attribute listed twice in one index', () => {
    // GIVEN total projected twice; DynamoDB refuses "Duplicate element in NonKeyAttributes"
    const mutate = (t: Json) => {
      addTotalLsi(t, { projectionType: 'INCLUDE', nonKeyAttributes: ['status', 'customerId', 'status'] });
    };

    // WHEN
    const findings = checkTable(mutate);

    // THEN
    expect(summarize(findings)).toEqual([
      err(TABLE_FILE, '$.localSecondaryIndexes[0].nonKeyAttributes[2]', 'projection-attribute', 'index "ByTotal" lists "status" twice in nonKeyAttributes'),
    ]);
  });

  test('a projected attribute must be declared', () => {
    // GIVEN a typo in nonKeyAttributes
    const mutate = (t: Json) => {
      t.globalSecondaryIndexes[0].projectionType = 'INCLUDE';
      t.globalSecondaryIndexes[0].nonKeyAttributes = ['total', 'totl'];
    };

    // WHEN
    const findings = checkTable(mutate);

    // THEN
    expect(summarize(findings)).toEqual([
      err(TABLE_FILE, '$.globalSecondaryIndexes[0].nonKeyAttributes[1]', 'projection-attribute',
        'projected attribute "totl" of index "CustomerIndex" is not declared in attributes'),
    ]);
  });
});

describe('projection-limit', () => {
  /** `indexes` INCLUDE GSIs projecting `perIndex` declared attributes each. */
  const project = (indexes: number, perIndex: number) => (t: Json) => {
    const names = times(perIndex, (i) => `p${i}`);
    for (const name of names) t.attributes.push({ name, type: 'S' });
    addGsis(t, indexes, () => ({ projectionType: 'INCLUDE', nonKeyAttributes: names }));
  };

  const cases: Case[] = [
    {
      name: '6 × 17 projected attributes',
      reason: 'The 100-attribute quota counts every index\'s list, so the same attribute in two indexes counts twice.',
      mutate: project(6, 17),
      want: [err(TABLE_FILE, '$', 'projection-limit',
        'indexes project 102 non-key attributes in total; DynamoDB allows at most 100 across all indexes of a table')],
    },
    {
      name: '5 × 20 projected attributes',
      reason: 'Exactly 100 in total, and exactly 20 per index, is allowed.',
      mutate: project(5, 20),
      want: [],
    },
    {
      name: '21 projected attributes in one index',
      reason: 'DynamoDB allows at most 20 NonKeyAttributes per index (API_Projection), well below the table\'s 100.',
      mutate: project(1, 21),
      want: [err(TABLE_FILE, '$.globalSecondaryIndexes[1].nonKeyAttributes', 'projection-limit',
        'index "Index0" projects 21 non-key attributes; DynamoDB allows at most 20 per index')],
    },
  ];

  test.each(cases)('$name: $reason', ({ mutate, want }) => {
    expect(summarize(checkTable(mutate))).toEqual(want);
  });
});

describe('index-duplicate', () => {
  const cases: Case[] = [
    {
      name: 'two GSIs on customerId / createdAt',
      reason: 'The same key schema twice stores and bills the same data twice.',
      mutate: (t) => {
        t.globalSecondaryIndexes.push({ ...t.globalSecondaryIndexes[0], indexName: 'ByCustomer' });
        t.accessPatterns.push({ ...t.accessPatterns[1], id: 'AP-9', index: 'ByCustomer' });
      },
      want: [err(TABLE_FILE, '$.globalSecondaryIndexes[1]', 'index-duplicate',
        'index "ByCustomer" has the same key schema (customerId / createdAt) as index "CustomerIndex"; it doubles storage and write cost for nothing')],
    },
    {
      name: 'two GSIs on customerId alone',
      reason: 'Partition-key-only indexes are compared the same way.',
      mutate: (t) => {
        delete t.globalSecondaryIndexes[0].sortKey;
        t.accessPatterns[1].keyCondition = 'customerId = :c';
        t.globalSecondaryIndexes.push({ ...t.globalSecondaryIndexes[0], indexName: 'ByCustomer', sortKey: null });
        t.accessPatterns.push({ ...t.accessPatterns[1], id: 'AP-9', index: 'ByCustomer' });
      },
      want: [err(TABLE_FILE, '$.globalSecondaryIndexes[1]', 'index-duplicate',
        'index "ByCustomer" has the same key schema (customerId) as index "CustomerIndex"; it doubles storage and write cost for nothing')],
    },
    {
      name: 'a GSI on the table\'s own keys',
      reason: 'A GSI keyed like the table answers nothing a base-table Query does not.',
      mutate: (t) => {
        t.globalSecondaryIndexes.push({ indexName: 'Copy', partitionKey: { name: 'PK', type: 'S' }, sortKey: { name: 'SK', type: 'S' }, projectionType: 'ALL' });
        t.accessPatterns.push({ id: 'AP-9', description: 'Copy', operation: 'Query', index: 'Copy', keyCondition: 'PK = :pk' });
      },
      want: [err(TABLE_FILE, '$.globalSecondaryIndexes[1]', 'index-duplicate',
        'index "Copy" has the same key schema (PK / SK) as the table\'s primary key; it doubles storage and write cost for nothing')],
    },
    {
      name: 'an LSI on the table\'s sort key',
      reason: 'An LSI shares the partition key, so its sort key alone decides whether it repeats the table.',
      mutate: (t) => {
        addTotalLsi(t, { sortKey: { name: 'SK', type: 'S' } });
        t.accessPatterns[3].keyCondition = 'PK = :pk AND SK >= :min';
      },
      want: [err(TABLE_FILE, '$.localSecondaryIndexes[0]', 'index-duplicate',
        'index "ByTotal" has the same key schema (PK / SK) as the table\'s primary key; it doubles storage and write cost for nothing')],
    },
  ];

  test.each(cases)('$name: $reason', ({ mutate, want }) => {
    expect(summarize(checkTable(mutate))).toEqual(want);
  });
});
