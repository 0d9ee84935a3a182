/**
 * A table's references to environments: overrides and acknowledgements name
 * a declared environment (override-environment, acknowledge-environment) and
 * per-table replicas follow the environment's replica rules: a real region,
 * not the table's own, each once (region, replica-region), with a key under a
 * customer-managed key (replica-kms).
 */
import {
  ACCOUNT, check, checkTable, err, Json, Said, summarize, TABLE_FILE, validEnvironment, validProdEnvironment, validTable,
} from '../fixtures';

interface Case {
  readonly name: string;
  readonly reason: string;
  readonly mutate: (t: Json) => void;
  readonly want: Said[];
  /** The exact hint of the single finding, when the case is about the hint. */
  readonly hint?: string;
}

/** The table next to dev and prod. */
const withDevAndProd = (mutate: (t: Json) => void) => {
  const table = validTable();
  mutate(table);
  return check({ tables: [table], environments: [validEnvironment('dev'), validProdEnvironment()] });
};

const cases: Case[] = [
  {
    name: 'override for a misspelled environment',
    reason: 'An override for an environment that does not exist would silently never apply.',
    mutate: (t) => { t.overrides = { prd: { deletionProtection: true } }; },
    want: [err(TABLE_FILE, '$.overrides.prd', 'override-environment', 'override for unknown environment "prd"')],
    hint: 'did you mean "prod"?',
  },
  {
    name: 'override for an unrelated environment',
    reason: 'With no close match the hint lists the environments there are.',
    mutate: (t) => { t.overrides = { staging: { deletionProtection: true } }; },
    want: [err(TABLE_FILE, '$.overrides.staging', 'override-environment', 'override for unknown environment "staging"')],
    hint: 'known environments: dev, prod',
  },
  {
    name: 'acknowledgement for a misspelled environment',
    reason: 'An acknowledgement that matches no environment would not unblock `plan` where it was meant to.',
    mutate: (t) => { t.acknowledge = [{ change: 'replace', environment: 'prdo', reason: 'key change, table is empty' }]; },
    want: [err(TABLE_FILE, '$.acknowledge[0].environment', 'acknowledge-environment', 'acknowledgement for unknown environment "prdo"')],
    hint: 'did you mean "prod"?',
  },
  {
    name: 'per-table replica in a made-up region',
    reason: 'Replica regions must be real AWS regions.',
    mutate: (t) => { t.overrides = { dev: { replicas: [{ region: 'eu-wst-1' }] } }; },
    want: [err(TABLE_FILE, '$.overrides.dev.replicas[0].region', 'region', '"eu-wst-1" is not an AWS region')],
    hint: 'did you mean "eu-west-1"?',
  },
  {
    name: 'per-table replica in the table\'s own region',
    reason: 'A global table cannot have a replica in its own region.',
    mutate: (t) => { t.overrides = { dev: { replicas: [{ region: 'eu-west-1' }] } }; },
    want: [err(TABLE_FILE, '$.overrides.dev.replicas[0].region', 'replica-region', 'replica region eu-west-1 is the table\'s own region in dev')],
  },
  {
    name: 'per-table replica region listed twice',
    reason: 'Per-table replica lists follow the environment\'s replica rules.',
    mutate: (t) => { t.overrides = { dev: { replicas: [{ region: 'eu-north-1' }, { region: 'eu-north-1' }] } }; },
    want: [err(TABLE_FILE, '$.overrides.dev.replicas[1].region', 'replica-region', 'replica region eu-north-1 is listed twice')],
  },
  {
    name: 'override and acknowledgement for declared environments',
    reason: 'The correct use: both name an environment that exists.',
    mutate: (t) => {
      t.overrides = { prod: { deletionProtection: true } };
      t.acknowledge = [{ change: 'gsi-added', environment: 'prod', reason: 'new access pattern AP-9' }];
    },
    want: [],
  },
];

test.each(cases)('$name: $reason', ({ mutate, want, hint }) => {
  // WHEN
  const findings = withDevAndProd(mutate);

  // THEN
  expect(summarize(findings)).toEqual(want);
  if (hint !== undefined) expect(findings[0].hint).toEqual(hint);
});

test('an acknowledgement without an environment applies everywhere and needs no check', () => {
  // WHEN
  const findings = checkTable((t) => { t.acknowledge = [{ change: 'replace', reason: 'table is empty' }]; });

  // THEN
  expect(summarize(findings)).toEqual([]);
});

test('a per-table replica needs a key when the environment uses a CMK', () => {
  // GIVEN prod encrypts with a customer-managed key, and a table replicates to eu-north-1 there without a key
  const prod = validProdEnvironment();
  prod.encryption = { type: 'customer-managed', kmsKeyArn: `arn:aws:kms:eu-west-1:${ACCOUNT}:key/1234abcd` };
  prod.replicas = [{ region: 'eu-central-1', kmsKeyArn: `arn:aws:kms:eu-central-1:${ACCOUNT}:key/5678` }];
  const table = validTable();
  table.overrides = { prod: { replicas: [{ region: 'eu-north-1' }] } };

  // WHEN
  const findings = check({ tables: [table], environments: [validEnvironment('dev'), prod] });

  // THEN
  expect(summarize(findings)).toEqual([
    err(TABLE_FILE, '$.overrides.prod.replicas[0]', 'replica-kms', 'replica in eu-north-1 needs kmsKeyArn because the tables use a customer-managed key'),
  ]);
});
