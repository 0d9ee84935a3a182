/**
 * Key attributes: type S/N/B (key-type), declared in attributes
 * (key-declared), one type everywhere (key-type-consistent), and no attribute
 * declared twice (attribute-duplicate), and partition and sort keys on two
 * different attributes (key-same-attribute).
 */
import { checkTable, err, Json, Said, summarize, TABLE_FILE } from '../fixtures';

interface Case {
  readonly name: string;
  readonly reason: string;
  readonly mutate: (t: Json) => void;
  readonly want: Said[];
}

const attr = (t: Json, name: string) => t.attributes.find((a: Json) => a.name === name);

describe('key-type', () => {
  const cases: Case[] = [
    {
      name: 'BOOL table partition key',
      reason: 'DynamoDB rejects BOOL for every key, including the table\'s own partition key.',
      mutate: (t) => { t.primaryKey.partitionKey.type = 'BOOL'; attr(t, 'PK').type = 'BOOL'; },
      want: [err(TABLE_FILE, '$.primaryKey.partitionKey.type', 'key-type',
        'partition key "PK" of table has type BOOL; DynamoDB key attributes must be S, N or B')],
    },
    {
      name: 'BOOL table sort key',
      reason: 'The sort key is a key attribute too.',
      mutate: (t) => { t.primaryKey.sortKey.type = 'BOOL'; attr(t, 'SK').type = 'BOOL'; },
      want: [err(TABLE_FILE, '$.primaryKey.sortKey.type', 'key-type',
        'sort key "SK" of table has type BOOL; DynamoDB key attributes must be S, N or B')],
    },
    {
      name: 'BOOL GSI partition key',
      reason: 'The legacy BBWS mistake: a soft-delete flag used as an index key.',
      mutate: (t) => { t.globalSecondaryIndexes[0].partitionKey.type = 'BOOL'; attr(t, 'customerId').type = 'BOOL'; },
      want: [err(TABLE_FILE, '$.globalSecondaryIndexes[0].partitionKey.type', 'key-type',
        'partition key "customerId" of index "CustomerIndex" has type BOOL; DynamoDB key attributes must be S, N or B')],
    },
    {
      name: 'map GSI sort key',
      reason: 'Document types (M, L, sets) cannot be keys either.',
      mutate: (t) => { t.globalSecondaryIndexes[0].sortKey.type = 'M'; attr(t, 'createdAt').type = 'M'; },
      want: [err(TABLE_FILE, '$.globalSecondaryIndexes[0].sortKey.type', 'key-type',
        'sort key "createdAt" of index "CustomerIndex" has type M; DynamoDB key attributes must be S, N or B')],
    },
    {
      name: 'list LSI sort key',
      reason: 'LSI sort keys follow the same rule as every other key.',
      mutate: (t) => {
        t.attributes.push({ name: 'tags', type: 'L' });
        t.localSecondaryIndexes = [{ indexName: 'TagsIndex', sortKey: { name: 'tags', type: 'L' }, projectionType: 'KEYS_ONLY' }];
        t.accessPatterns.push({ id: 'AP-9', description: 'By tags', operation: 'Query', index: 'TagsIndex', keyCondition: 'PK = :pk' });
      },
      want: [err(TABLE_FILE, '$.localSecondaryIndexes[0].sortKey.type', 'key-type',
        'sort key "tags" of index "TagsIndex" has type L; DynamoDB key attributes must be S, N or B')],
    },
  ];

  test.each(cases)('$name: $reason', ({ mutate, want }) => {
    // WHEN
    const findings = checkTable(mutate);

    // THEN
    expect(summarize(findings)).toEqual(want);
  });

  test('a BOOL key is told to store 1/0 as N or "true"/"false" as S', () => {
    // GIVEN a BOOL index key, as in the BBWS legacy files
    const mutate = (t: Json) => { t.globalSecondaryIndexes[0].partitionKey.type = 'BOOL'; attr(t, 'customerId').type = 'BOOL'; };

    // WHEN
    const [finding] = checkTable(mutate);

    // THEN
    expect(finding.hint).toEqual(
      'store 1/0 as N (e.g. customerId = 1) or "true"/"false" as S, and declare "customerId" with that type in attributes');
  });

  test('any other non-key type is told the allowed types', () => {
    // GIVEN
    const mutate = (t: Json) => { t.globalSecondaryIndexes[0].sortKey.type = 'SS'; attr(t, 'createdAt').type = 'SS'; };

    // WHEN
    const [finding] = checkTable(mutate);

    // THEN
    expect(finding.hint).toEqual('declare "createdAt" as S, N or B');
  });
});

describe('key-declared', () => {
  const cases: Case[] = [
    {
      name: 'undeclared GSI partition key',
      reason: 'An index key the attributes list does not know is a typo or a forgotten declaration.',
      mutate: (t) => { t.attributes = t.attributes.filter((a: Json) => a.name !== 'customerId'); },
      want: [err(TABLE_FILE, '$.globalSecondaryIndexes[0].partitionKey.name', 'key-declared',
        'partition key "customerId" of index "CustomerIndex" is not declared in attributes')],
    },
    {
      name: 'undeclared table sort key',
      reason: 'The table\'s own keys must be declared as well.',
      mutate: (t) => { t.attributes = t.attributes.filter((a: Json) => a.name !== 'SK'); },
      want: [err(TABLE_FILE, '$.primaryKey.sortKey.name', 'key-declared', 'sort key "SK" of table is not declared in attributes')],
    },
    {
      name: 'misspelled GSI sort key',
      reason: 'A misspelled key name reads as an undeclared attribute, and the access pattern using the real name no longer fits.',
      mutate: (t) => { t.globalSecondaryIndexes[0].sortKey.name = 'createAt'; },
      want: [
        err(TABLE_FILE, '$.globalSecondaryIndexes[0].sortKey.name', 'key-declared',
          'sort key "createAt" of index "CustomerIndex" is not declared in attributes'),
        err(TABLE_FILE, '$.accessPatterns[1].keyCondition', 'access-pattern-key',
          'AP-2: "createdAt" is not the sort key of index "CustomerIndex" ("createAt")'),
      ],
    },
  ];

  test.each(cases)('$name: $reason', ({ mutate, want }) => {
    expect(summarize(checkTable(mutate))).toEqual(want);
  });

  test('the hint is the declaration to add', () => {
    // WHEN
    const [finding] = checkTable((t) => { t.attributes = t.attributes.filter((a: Json) => a.name !== 'customerId'); });

    // THEN
    expect(finding.hint).toEqual('add { "name": "customerId", "type": "S", "required": true } to attributes');
  });
});

describe('key-type-consistent', () => {
  const cases: Case[] = [
    {
      name: 'GSI key type differs from the declaration',
      reason: 'One attribute has one type in DynamoDB; the index would be created with the wrong one.',
      mutate: (t) => { t.globalSecondaryIndexes[0].partitionKey.type = 'N'; },
      want: [err(TABLE_FILE, '$.globalSecondaryIndexes[0].partitionKey.type', 'key-type-consistent',
        'partition key "customerId" of index "CustomerIndex" has type N, but attributes[2] declares it as S')],
    },
    {
      name: 'table key type differs from the declaration',
      reason: 'The primary key is checked against attributes just like index keys.',
      mutate: (t) => { attr(t, 'PK').type = 'B'; },
      want: [err(TABLE_FILE, '$.primaryKey.partitionKey.type', 'key-type-consistent',
        'partition key "PK" of table has type S, but attributes[0] declares it as B')],
    },
  ];

  test.each(cases)('$name: $reason', ({ mutate, want }) => {
    expect(summarize(checkTable(mutate))).toEqual(want);
  });
});

describe('attribute-duplicate', () => {
  test('an attribute declared twice is reported at the second declaration', () => {
    // GIVEN
    const mutate = (t: Json) => { t.attributes.push({ name: 'total', type: 'N' }); };

    // WHEN
    const findings = checkTable(mutate);

    // THEN
    expect(summarize(findings)).toEqual([
      err(TABLE_FILE, '$.attributes[6].name', 'attribute-duplicate', 'attribute "total" is declared twice'),
    ]);
  });
});

describe('key-same-attribute', () => {
  const cases: Case[] = [
    {
      name: 'table sort key equal to its partition key',
      reason: 'DynamoDB refuses a KeySchema whose HASH and RANGE elements name one attribute.',
      mutate: (t) => {
        t.primaryKey.sortKey = { name: 'PK', type: 'S' };
        t.attributes = t.attributes.filter((a: Json) => a.name !== 'SK');
        t.accessPatterns = [t.accessPatterns[1]];
      },
      want: [err(TABLE_FILE, '$.primaryKey.sortKey.name', 'key-same-attribute',
        'sort key "PK" of table is also its partition key; DynamoDB needs two different attributes')],
    },
    {
      name: 'GSI sort key equal to its partition key',
      reason: 'The same rule holds for every index key schema ("The KeySchema contains multiple key attributes with the same name").',
      mutate: (t) => {
        t.globalSecondaryIndexes[0].sortKey = { name: 'customerId', type: 'S' };
        t.accessPatterns[1].keyCondition = 'customerId = :customerId';
      },
      want: [err(TABLE_FILE, '$.globalSecondaryIndexes[0].sortKey.name', 'key-same-attribute',
        'sort key "customerId" of index "CustomerIndex" is also its partition key; DynamoDB needs two different attributes')],
    },
    {
      name: 'LSI sort key equal to the table\'s partition key',
      reason: 'An LSI\'s partition key is the table\'s, so its KeySchema would be [PK HASH, PK RANGE].',
      mutate: (t) => {
        t.localSecondaryIndexes = [{ indexName: 'ByPk', sortKey: { name: 'PK', type: 'S' }, projectionType: 'KEYS_ONLY' }];
        t.accessPatterns.push({ id: 'AP-9', description: 'By PK', operation: 'Query', index: 'ByPk', keyCondition: 'PK = :pk' });
      },
      want: [err(TABLE_FILE, '$.localSecondaryIndexes[0].sortKey.name', 'key-same-attribute',
        'sort key "PK" of index "ByPk" is the table\'s partition key, which a local secondary index already uses as its partition key; DynamoDB needs two different attributes')],
    },
  ];

  test.each(cases)('$name: $reason', ({ mutate, want }) => {
    expect(summarize(checkTable(mutate))).toEqual(want);
  });
});
