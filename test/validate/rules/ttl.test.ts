/** TTL reads a declared number attribute holding epoch seconds (ttl-attribute). */
import { checkTable, err, Json, Said, summarize, TABLE_FILE } from '../fixtures';

interface Case {
  readonly name: string;
  readonly reason: string;
  readonly mutate: (t: Json) => void;
  readonly want: Said[];
}

const cases: Case[] = [
  {
    name: 'undeclared TTL attribute',
    reason: 'A typo here silently disables expiry, so the attribute must be declared.',
    mutate: (t) => { t.ttl = { attributeName: 'expiresAt', enabled: true }; },
    want: [err(TABLE_FILE, '$.ttl.attributeName', 'ttl-attribute', 'TTL attribute "expiresAt" is not declared in attributes')],
  },
  {
    name: 'string TTL attribute',
    reason: 'DynamoDB ignores items whose TTL attribute is not a number, e.g. an ISO date string.',
    mutate: (t) => { t.ttl = { attributeName: 'createdAt', enabled: true }; },
    want: [err(TABLE_FILE, '$.ttl.attributeName', 'ttl-attribute',
      'TTL attribute "createdAt" has type S; DynamoDB only expires items whose TTL attribute is N (epoch seconds)')],
  },
  {
    name: 'number TTL attribute',
    reason: 'The correct declaration.',
    mutate: (t) => {
      t.attributes.push({ name: 'expiresAt', type: 'N' });
      t.ttl = { attributeName: 'expiresAt', enabled: true };
    },
    want: [],
  },
];

test.each(cases)('$name: $reason', ({ mutate, want }) => {
  expect(summarize(checkTable(mutate))).toEqual(want);
});

test('an undeclared TTL attribute is told the declaration to add', () => {
  // WHEN
  const [finding] = checkTable((t) => { t.ttl = { attributeName: 'expiresAt', enabled: true }; });

  // THEN
  expect(finding.hint).toEqual('declare { "name": "expiresAt", "type": "N", "description": "expiry, epoch seconds" }');
});
