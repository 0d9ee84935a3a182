/**
 * Names DynamoDB receives are 1-255 bytes in UTF-8 (attribute-name-length):
 * key attributes, projected attributes and the TTL attribute.
 */
import { checkTable, err, Json, Said, summarize, TABLE_FILE } from '../fixtures';

interface Case {
  readonly name: string;
  readonly reason: string;
  readonly mutate: (t: Json) => void;
  readonly want: Said[];
}

const LONG = 'a'.repeat(256);
const rename = (t: Json, from: string, to: string) => { t.attributes.find((a: Json) => a.name === from).name = to; };

const cases: Case[] = [
  {
    name: '256-character GSI partition key',
    reason: 'KeySchemaElement.AttributeName is at most 255 characters; the name is reported once although the key also appears elsewhere.',
    mutate: (t) => {
      rename(t, 'customerId', LONG);
      t.globalSecondaryIndexes[0].partitionKey.name = LONG;
      t.accessPatterns[1].keyCondition = `${LONG} = :c AND createdAt BETWEEN :from AND :to`;
    },
    want: [err(TABLE_FILE, '$.globalSecondaryIndexes[0].partitionKey.name', 'attribute-name-length',
      'key attribute name "aaaaaaaaaaaaaaaaaaaa…" is 256 bytes long in UTF-8; DynamoDB allows 1-255')],
  },
  {
    name: '128 two-byte characters in a projected attribute',
    reason: 'The limit is in UTF-8 bytes: 128 characters of "é" are 256 bytes.',
    mutate: (t) => {
      const name = 'é'.repeat(128);
      t.attributes.push({ name, type: 'S' });
      t.globalSecondaryIndexes[0].projectionType = 'INCLUDE';
      t.globalSecondaryIndexes[0].nonKeyAttributes = [name];
    },
    want: [err(TABLE_FILE, '$.globalSecondaryIndexes[0].nonKeyAttributes[0]', 'attribute-name-length',
      `projected attribute name "${'é'.repeat(20)}…" of index "CustomerIndex" is 256 bytes long in UTF-8; DynamoDB allows 1-255`)],
  },
  {
    name: '256-character TTL attribute',
    reason: 'UpdateTimeToLive takes an AttributeName of at most 255 characters.',
    mutate: (t) => {
      t.attributes.push({ name: LONG, type: 'N' });
      t.ttl = { attributeName: LONG, enabled: true };
    },
    want: [err(TABLE_FILE, '$.ttl.attributeName', 'attribute-name-length',
      'TTL attribute name "aaaaaaaaaaaaaaaaaaaa…" is 256 bytes long in UTF-8; DynamoDB allows 1-255')],
  },
  {
    name: '255 characters everywhere',
    reason: 'The limit itself is allowed.',
    mutate: (t) => {
      const name = 'b'.repeat(255);
      t.attributes.push({ name, type: 'N' });
      t.ttl = { attributeName: name, enabled: true };
      t.globalSecondaryIndexes[0].projectionType = 'INCLUDE';
      t.globalSecondaryIndexes[0].nonKeyAttributes = [name];
    },
    want: [],
  },
  {
    name: 'a long attribute no key, index or TTL uses',
    reason: 'Other attribute names only live in items, where DynamoDB allows far longer names.',
    mutate: (t) => { t.attributes.push({ name: 'c'.repeat(300), type: 'S' }); },
    want: [],
  },
];

test.each(cases)('$name: $reason', ({ mutate, want }) => {
  expect(summarize(checkTable(mutate))).toEqual(want);
});
