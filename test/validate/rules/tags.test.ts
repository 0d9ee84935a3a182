/**
 * Mandatory tags are environment policy: a table that sets one to a different
 * value is warned that the environment wins (tag-mandatory). Every tag, from a
 * table, an override, an environment or the project's backup selection tag,
 * obeys DynamoDB's tag rules (tag-key, tag-value), and a table gets at most 50
 * tags once they are merged and Crossplane has added its own (tag-limit).
 */
import {
  check, checkEnvironment, checkTable, ENV_FILE, err, Json, PROJECT_FILE, Said, summarize, TABLE_FILE, times, validEnvironment,
  validProdEnvironment, validProject, validTable, warn,
} from '../fixtures';

interface Case {
  readonly name: string;
  readonly reason: string;
  readonly mutate: (t: Json) => void;
  readonly want: Said[];
}

const cases: Case[] = [
  {
    name: 'a mandatory tag with its own value',
    reason: 'The BBWS legacy files set ManagedBy: Terraform, which the environment overrides.',
    mutate: (t) => { t.tags = { ManagedBy: 'Terraform' }; },
    want: [warn(TABLE_FILE, '$.tags.ManagedBy', 'tag-mandatory',
      'tag "ManagedBy" is set by each environment and wins over this value ("Terraform")')],
  },
  {
    name: 'a mandatory tag in an override',
    reason: 'Per-environment tags are checked the same way.',
    mutate: (t) => { t.overrides = { dev: { tags: { Owner: 'someone@example.com' } } }; },
    want: [warn(TABLE_FILE, '$.overrides.dev.tags.Owner', 'tag-mandatory',
      'tag "Owner" is set by each environment and wins over this value ("someone@example.com")')],
  },
  {
    name: 'a mandatory tag repeating the environments\' value',
    reason: 'Repeating what every environment already sets changes nothing.',
    mutate: (t) => { t.tags = { Component: 'dynamodb' }; },
    want: [],
  },
  {
    name: 'an extra tag',
    reason: 'A table may add tags of its own.',
    mutate: (t) => { t.tags = { Application: 'CustomerPortal' }; },
    want: [],
  },
];

test.each(cases)('$name: $reason', ({ mutate, want }) => {
  expect(summarize(checkTable(mutate))).toEqual(want);
});

test('a tag whose value differs between environments is always overridden', () => {
  // GIVEN dev and prod set different Environment values
  const table = validTable();
  table.tags = { Environment: 'dev' };

  // WHEN
  const findings = check({ tables: [table], environments: [validEnvironment('dev'), validProdEnvironment()] });

  // THEN
  expect(summarize(findings)).toEqual([
    warn(TABLE_FILE, '$.tags.Environment', 'tag-mandatory', 'tag "Environment" is set by each environment and wins over this value ("dev")'),
  ]);
});

test('the project\'s mandatoryTags replace the default list', () => {
  // GIVEN a project whose only mandatory tag is Team, and a table setting ManagedBy
  const project = validProject();
  project.mandatoryTags = ['Team'];
  const env = validEnvironment();
  env.tags.Team = 'platform';
  const table = validTable();
  table.tags = { ManagedBy: 'Terraform', Team: 'orders' };

  // WHEN
  const findings = check({ project, tables: [table], environments: [env] });

  // THEN
  expect(summarize(findings)).toEqual([
    warn(TABLE_FILE, '$.tags.Team', 'tag-mandatory', 'tag "Team" is set by each environment and wins over this value ("orders")'),
  ]);
});

describe('tag-key and tag-value', () => {
  const tagCases: Case[] = [
    {
      name: 'aws: key prefix',
      reason: 'AWS reserves the aws: prefix ("Tag Key cannot be prefixed with aws:").',
      mutate: (t) => { t.tags = { 'aws:team': 'orders' }; },
      want: [err(TABLE_FILE, '$.tags["aws:team"]', 'tag-key', 'tag key "aws:team" starts with "aws:", which AWS reserves for its own tags')],
    },
    {
      name: 'AWS: key prefix in upper case',
      reason: 'The prefix is compared without case, as AWS documents it for tags in general.',
      mutate: (t) => { t.tags = { 'AWS:Team': 'orders' }; },
      want: [err(TABLE_FILE, '$.tags["AWS:Team"]', 'tag-key', 'tag key "AWS:Team" starts with "aws:", which AWS reserves for its own tags')],
    },
    {
      name: 'a comma in a key',
      reason: 'Only letters, digits, spaces and + - = . _ : / @ are allowed ("The Tag Key provided is invalid").',
      mutate: (t) => { t.tags = { 'team,owner': 'orders' }; },
      want: [err(TABLE_FILE, '$.tags["team,owner"]', 'tag-key',
        'tag key "team,owner" contains ","; DynamoDB tags use letters, digits, spaces and + - = . _ : / @')],
    },
    {
      name: '129-character key',
      reason: 'Keys are at most 128 characters.',
      mutate: (t) => { t.tags = { ['k'.repeat(129)]: 'x' }; },
      want: [err(TABLE_FILE, `$.tags.${'k'.repeat(129)}`, 'tag-key', `tag key "${'k'.repeat(40)}…" is 129 characters long; DynamoDB allows 1-128`)],
    },
    {
      name: 'a percent sign in a value',
      reason: 'Values have the same character set as keys ("The Tag Value provided is invalid").',
      mutate: (t) => { t.tags = { Discount: '100%' }; },
      want: [err(TABLE_FILE, '$.tags.Discount', 'tag-value',
        'tag "Discount" value "100%" contains "%"; DynamoDB tags use letters, digits, spaces and + - = . _ : / @')],
    },
    {
      name: '257-character value',
      reason: 'Values are at most 256 characters.',
      mutate: (t) => { t.tags = { Note: 'v'.repeat(257) }; },
      want: [err(TABLE_FILE, '$.tags.Note', 'tag-value', 'tag "Note" has a value of 257 characters; DynamoDB allows at most 256')],
    },
    {
      name: 'a bad value in an override',
      reason: 'Per-environment tags are checked where they are written.',
      mutate: (t) => { t.overrides = { dev: { tags: { Ticket: '#123' } } }; },
      want: [err(TABLE_FILE, '$.overrides.dev.tags.Ticket', 'tag-value',
        'tag "Ticket" value "#123" contains "#"; DynamoDB tags use letters, digits, spaces and + - = . _ : / @')],
    },
    {
      name: 'letters of other scripts, @, an empty value and 128/256 characters',
      reason: 'All allowed: letters and digits of any script, the listed symbols, and values of 0-256 characters.',
      mutate: (t) => { t.tags = { Équipe: 'Données clients', Contact: 'team@example.com', Note: '', ['k'.repeat(128)]: 'v'.repeat(256) }; },
      want: [],
    },
  ];

  test.each(tagCases)('$name: $reason', ({ mutate, want }) => {
    expect(summarize(checkTable(mutate))).toEqual(want);
  });

  test('an environment tag is checked in the environment file', () => {
    // WHEN
    const findings = checkEnvironment((e) => { e.tags['aws:createdBy'] = 'platform'; });

    // THEN
    expect(summarize(findings)).toEqual([
      err(ENV_FILE, '$.tags["aws:createdBy"]', 'tag-key', 'tag key "aws:createdBy" starts with "aws:", which AWS reserves for its own tags'),
    ]);
  });

  test('the project\'s backup selection tag is checked in project.yaml', () => {
    // GIVEN
    const project = validProject();
    project.backupSelectionTag = { key: 'Backup Plan', value: 'hourly;daily' };

    // WHEN
    const findings = check({ project });

    // THEN
    expect(summarize(findings)).toEqual([
      err(PROJECT_FILE, '$.backupSelectionTag', 'tag-value',
        'tag "Backup Plan" value "hourly;daily" contains ";"; DynamoDB tags use letters, digits, spaces and + - = . _ : / @'),
    ]);
  });
});

describe('tag-limit', () => {
  /** `n` extra table tags, next to dev (7 mandatory tags) and prod (7 plus the backup selection tag). */
  const withTags = (n: number) => {
    const t = validTable();
    t.tags = Object.fromEntries(times(n, (i) => [`Extra${i}`, 'x']));
    return check({ tables: [t], environments: [validEnvironment('dev'), validProdEnvironment()] });
  };

  test('40 table tags: 48 in prod with the backup tag, and Crossplane\'s 3 make 51', () => {
    // THEN prod is over the limit; dev, with 47 + 3 = 50, is not
    expect(summarize(withTags(40))).toEqual([
      err(TABLE_FILE, '$.tags', 'tag-limit',
        'in prod this table gets 48 tags, plus the 3 Crossplane adds (crossplane-kind, crossplane-name, crossplane-providerconfig); DynamoDB allows at most 50'),
    ]);
  });

  test('39 table tags: exactly 50 in prod', () => {
    expect(summarize(withTags(39))).toEqual([]);
  });

  test('a table tag that repeats a mandatory key does not count twice', () => {
    // GIVEN 39 extra tags plus Component, which every environment sets to the same value
    const t = validTable();
    t.tags = { ...Object.fromEntries(times(39, (i) => [`Extra${i}`, 'x'])), Component: 'dynamodb' };

    // WHEN
    const findings = check({ tables: [t], environments: [validEnvironment('dev'), validProdEnvironment()] });

    // THEN
    expect(summarize(findings)).toEqual([]);
  });

  test('an environment whose own tags are too many is reported once, in its file', () => {
    // GIVEN 48 environment tags: 48 + 3 > 50 on every table
    const findings = checkEnvironment((e) => { for (let i = 0; i < 41; i++) e.tags[`Extra${i}`] = 'x'; });

    // THEN
    expect(summarize(findings)).toEqual([
      err(ENV_FILE, '$.tags', 'tag-limit',
        'every table gets 48 tags from this environment, plus the 3 Crossplane adds (crossplane-kind, crossplane-name, crossplane-providerconfig); DynamoDB allows at most 50'),
    ]);
  });
});
