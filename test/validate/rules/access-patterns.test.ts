/**
 * Access patterns: the index they name exists (access-pattern-index), their
 * key condition fits that index's keys (access-pattern-key), single-item
 * operations address the base table (access-pattern-operation), ids are unique
 * (access-pattern-id), and Scans, unused indexes and missing patterns are
 * warned about (access-pattern-scan, index-unused, access-pattern-missing).
 */
import { checkTable, err, Json, Said, summarize, TABLE_FILE, warn } from '../fixtures';
import { parseKeyCondition } from '../../../src/validate/rules/access-patterns';

interface Case {
  readonly name: string;
  readonly reason: string;
  readonly mutate: (t: Json) => void;
  readonly want: Said[];
  /** The exact hint of the first finding, when the case is about the hint. */
  readonly hint?: string;
}

/** AP-1 is a GetItem on the table, AP-2 a Query on CustomerIndex, AP-3 a PutItem. */
const ap = (t: Json, id: 'AP-1' | 'AP-2' | 'AP-3') => t.accessPatterns.find((p: Json) => p.id === id);

function run(cases: Case[]): void {
  test.each(cases)('$name: $reason', ({ mutate, want, hint }) => {
    // WHEN
    const findings = checkTable(mutate);

    // THEN
    expect(summarize(findings)).toEqual(want);
    if (hint !== undefined) expect(findings[0].hint).toEqual(hint);
  });
}

const UNUSED_CUSTOMER_INDEX = warn(TABLE_FILE, '$.globalSecondaryIndexes[0].indexName', 'index-unused',
  'no access pattern uses index "CustomerIndex"; it costs storage and a write per item');

describe('access-pattern-index', () => {
  run([
    {
      name: 'misspelled index',
      reason: 'A pattern on an index that does not exist cannot be served; a near miss gets a suggestion.',
      mutate: (t) => { ap(t, 'AP-2').index = 'CustomerIdx'; },
      want: [
        UNUSED_CUSTOMER_INDEX,
        err(TABLE_FILE, '$.accessPatterns[1].index', 'access-pattern-index', 'AP-2 uses index "CustomerIdx", which this table does not declare'),
      ],
    },
    {
      name: 'unrelated index name',
      reason: 'With no close match the hint lists the declared indexes.',
      mutate: (t) => { ap(t, 'AP-2').index = 'StatusIndex'; },
      want: [
        UNUSED_CUSTOMER_INDEX,
        err(TABLE_FILE, '$.accessPatterns[1].index', 'access-pattern-index', 'AP-2 uses index "StatusIndex", which this table does not declare'),
      ],
    },
  ]);

  test.each([
    ['CustomerIdx', 'did you mean "CustomerIndex"?'],
    ['StatusIndex', 'declared indexes: CustomerIndex'],
  ])('index "%s" is answered with: %s', (index, hint) => {
    // WHEN
    const findings = checkTable((t) => { ap(t, 'AP-2').index = index; });

    // THEN
    expect(findings.find((f) => f.rule === 'access-pattern-index')?.hint).toEqual(hint);
  });
});

describe('access-pattern-key', () => {
  run([
    {
      name: 'condition on the wrong partition key',
      reason: 'A Query must name the partition key of the index it reads.',
      mutate: (t) => { ap(t, 'AP-2').keyCondition = 'status = :status'; },
      want: [err(TABLE_FILE, '$.accessPatterns[1].keyCondition', 'access-pattern-key',
        'AP-2: key condition starts with "status", but the partition key of index "CustomerIndex" is "customerId"')],
      hint: 'start the condition with "customerId = <value>"',
    },
    {
      name: 'partition key compared with >',
      reason: 'DynamoDB reads one partition per Query, so the partition key takes "=" only.',
      mutate: (t) => { ap(t, 'AP-2').keyCondition = 'customerId > :c'; },
      want: [err(TABLE_FILE, '$.accessPatterns[1].keyCondition', 'access-pattern-key',
        'AP-2: the partition key "customerId" must be matched with "=", not ">"')],
    },
    {
      name: 'sort-key condition on a non-key attribute',
      reason: 'Only the index\'s sort key can narrow a Query; anything else is a filter.',
      mutate: (t) => { ap(t, 'AP-2').keyCondition = 'customerId = :c AND total > :min'; },
      want: [err(TABLE_FILE, '$.accessPatterns[1].keyCondition', 'access-pattern-key',
        'AP-2: "total" is not the sort key of index "CustomerIndex" ("createdAt")')],
      hint: 'use "createdAt" in the sort-key condition, or move "total" to a filter',
    },
    {
      name: 'sort-key condition on the base table with the index\'s sort key',
      reason: 'Without "index" the pattern reads the table, whose sort key is SK.',
      mutate: (t) => { delete ap(t, 'AP-2').index; ap(t, 'AP-2').keyCondition = 'PK = :pk AND createdAt > :d'; },
      want: [
        UNUSED_CUSTOMER_INDEX,
        err(TABLE_FILE, '$.accessPatterns[1].keyCondition', 'access-pattern-key', 'AP-2: "createdAt" is not the sort key of the table ("SK")'),
      ],
    },
    {
      name: 'GetItem with the partition key only',
      reason: 'GetItem addresses one item, so it needs the partition and the sort key.',
      mutate: (t) => { ap(t, 'AP-1').keyCondition = 'PK = ORDER#{orderId}'; },
      want: [err(TABLE_FILE, '$.accessPatterns[0].keyCondition', 'access-pattern-key',
        'AP-1: GetItem needs the full primary key (PK and SK with "=")')],
      hint: 'write "PK = <value> AND SK = <value>", or use Query',
    },
    {
      name: 'GetItem with begins_with on the sort key',
      reason: 'A sort-key range can match many items; GetItem needs an exact key.',
      mutate: (t) => { ap(t, 'AP-1').keyCondition = 'PK = ORDER#{orderId} AND begins_with(SK, \'META\')'; },
      want: [err(TABLE_FILE, '$.accessPatterns[0].keyCondition', 'access-pattern-key',
        'AP-1: GetItem needs the full primary key (PK and SK with "=")')],
    },
    {
      name: 'UpdateItem with the partition key only',
      reason: 'UpdateItem and DeleteItem address one item just like GetItem.',
      mutate: (t) => { t.accessPatterns.push({ id: 'AP-4', description: 'Mark paid', operation: 'UpdateItem', keyCondition: 'PK = :pk' }); },
      want: [err(TABLE_FILE, '$.accessPatterns[3].keyCondition', 'access-pattern-key',
        'AP-4: UpdateItem needs the full primary key (PK and SK with "=")')],
    },
    {
      name: 'Query without a keyCondition',
      reason: 'A Query is defined by its key condition.',
      mutate: (t) => { delete ap(t, 'AP-2').keyCondition; },
      want: [err(TABLE_FILE, '$.accessPatterns[1]', 'access-pattern-key', 'AP-2: Query needs a keyCondition')],
      hint: 'add e.g. "keyCondition": "customerId = :value"',
    },
    {
      name: 'three conditions',
      reason: 'A key condition has at most two parts; the third cannot be read.',
      mutate: (t) => { ap(t, 'AP-2').keyCondition = 'customerId = :c AND createdAt > :d AND total > 5'; },
      want: [err(TABLE_FILE, '$.accessPatterns[1].keyCondition', 'access-pattern-key',
        'AP-2: cannot read key condition "customerId = :c AND createdAt > :d AND total > 5"')],
      hint: 'write "customerId = <value>" optionally followed by "AND createdAt <op> <value>" (op: =, <, <=, >, >=, BETWEEN, begins_with)',
    },
    {
      name: 'begins_with on the partition key',
      reason: 'A function on the partition key is not a key condition DynamoDB accepts.',
      mutate: (t) => { ap(t, 'AP-2').keyCondition = 'begins_with(customerId, \'C\')'; },
      want: [err(TABLE_FILE, '$.accessPatterns[1].keyCondition', 'access-pattern-key',
        'AP-2: cannot read key condition "begins_with(customerId, \'C\')"')],
    },
    {
      name: 'Query on an LSI uses the table\'s partition key',
      reason: 'An LSI shares the table\'s partition key, so PK is right and customerId is not.',
      mutate: (t) => {
        t.localSecondaryIndexes = [{ indexName: 'ByTotal', sortKey: { name: 'total', type: 'N' }, projectionType: 'KEYS_ONLY' }];
        t.accessPatterns.push({ id: 'AP-4', description: 'Largest orders', operation: 'Query', index: 'ByTotal', keyCondition: 'customerId = :c AND total > :min' });
      },
      want: [err(TABLE_FILE, '$.accessPatterns[3].keyCondition', 'access-pattern-key',
        'AP-4: key condition starts with "customerId", but the partition key of index "ByTotal" is "PK"')],
    },
  ]);

  test.each([
    ['customerId = :c', 'partition key alone'],
    ['customerId = :c AND createdAt = :d', 'sort key ='],
    ['customerId = :c AND createdAt < :d', 'sort key <'],
    ['customerId = :c AND createdAt <= :d', 'sort key <='],
    ['customerId = :c AND createdAt > :d', 'sort key >'],
    ['customerId = :c AND createdAt >= :d', 'sort key >='],
    ['customerId = :c AND createdAt BETWEEN :from AND :to', 'sort key BETWEEN'],
    ['customerId = :c AND begins_with(createdAt, \'2026-\')', 'sort key begins_with'],
    ['customerId = :c and createdAt between :from and :to', 'lower-case AND and BETWEEN'],
  ])('"%s" is a valid Query condition (%s)', (keyCondition) => {
    expect(summarize(checkTable((t) => { ap(t, 'AP-2').keyCondition = keyCondition; }))).toEqual([]);
  });
});

describe('parseKeyCondition', () => {
  test.each([
    ['PK = TENANT#{tenantId} AND SK = METADATA', { partition: { name: 'PK', operator: '=' }, sort: { name: 'SK', operator: '=' } }],
    ['status = :status AND dateCreated BETWEEN :from AND :to', { partition: { name: 'status', operator: '=' }, sort: { name: 'dateCreated', operator: 'BETWEEN' } }],
    ['PK = X AND begins_with(SK, \'ORDER#\')', { partition: { name: 'PK', operator: '=' }, sort: { name: 'SK', operator: 'begins_with' } }],
    ['active = 1', { partition: { name: 'active', operator: '=' } }],
    ['PK >= 1', { partition: { name: 'PK', operator: '>=' } }],
    ['PK = 1 AND SK = 2 AND x = 3', undefined],
    ['PK', undefined],
  ])('%s', (text, want) => {
    expect(parseKeyCondition(text)).toEqual(want);
  });
});

describe('access-pattern-operation', () => {
  run([
    {
      name: 'GetItem on an index',
      reason: 'GetItem, UpdateItem and DeleteItem only address the base table by its primary key.',
      mutate: (t) => { ap(t, 'AP-1').index = 'CustomerIndex'; },
      want: [err(TABLE_FILE, '$.accessPatterns[0].index', 'access-pattern-operation',
        'AP-1: GetItem cannot use an index; only Query and Scan read indexes')],
      hint: 'use Query on the index, or address the item by its primary key',
    },
  ]);
});

describe('access-pattern-id', () => {
  run([
    {
      name: 'repeated id',
      reason: 'Ids are how docs and reviews refer to a pattern, so they must be unique.',
      mutate: (t) => { ap(t, 'AP-3').id = 'AP-1'; },
      want: [err(TABLE_FILE, '$.accessPatterns[2].id', 'access-pattern-id', 'access pattern id "AP-1" is used twice')],
    },
  ]);
});

describe('access-pattern-scan', () => {
  run([
    {
      name: 'Scan of the table',
      reason: 'A Scan reads every item; it is allowed but worth a warning.',
      mutate: (t) => { t.accessPatterns.push({ id: 'AP-4', description: 'Export', operation: 'Scan' }); },
      want: [warn(TABLE_FILE, '$.accessPatterns[3].operation', 'access-pattern-scan',
        'AP-4 scans the whole table; cost and latency grow with the table')],
    },
    {
      name: 'Scan of an index',
      reason: 'Scanning an index is as unbounded as scanning the table.',
      mutate: (t) => { t.accessPatterns.push({ id: 'AP-4', description: 'Export', operation: 'Scan', index: 'CustomerIndex' }); },
      want: [warn(TABLE_FILE, '$.accessPatterns[3].operation', 'access-pattern-scan',
        'AP-4 scans the whole index "CustomerIndex"; cost and latency grow with the table')],
    },
  ]);
});

describe('index-unused', () => {
  run([
    {
      name: 'GSI no pattern uses',
      reason: 'An index costs storage and a write per item; one nobody reads is waste.',
      mutate: (t) => { t.accessPatterns = t.accessPatterns.filter((p: Json) => p.id !== 'AP-2'); },
      want: [UNUSED_CUSTOMER_INDEX],
    },
    {
      name: 'LSI no pattern uses',
      reason: 'LSIs are checked the same way.',
      mutate: (t) => { t.localSecondaryIndexes = [{ indexName: 'ByTotal', sortKey: { name: 'total', type: 'N' }, projectionType: 'KEYS_ONLY' }]; },
      want: [warn(TABLE_FILE, '$.localSecondaryIndexes[0].indexName', 'index-unused',
        'no access pattern uses index "ByTotal"; it costs storage and a write per item')],
    },
  ]);
});

describe('access-pattern-missing', () => {
  run([
    {
      name: 'indexes without any access pattern',
      reason: 'Without patterns no index can be checked, which is what the legacy files look like.',
      mutate: (t) => { delete t.accessPatterns; },
      want: [warn(TABLE_FILE, '$', 'access-pattern-missing', 'no accessPatterns declared, so no index can be checked against its use')],
    },
    {
      name: 'no indexes and no access patterns',
      reason: 'A key-value table without indexes has nothing to check against.',
      mutate: (t) => { delete t.accessPatterns; delete t.globalSecondaryIndexes; },
      want: [],
    },
  ]);
});
