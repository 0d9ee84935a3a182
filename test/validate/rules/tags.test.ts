/**
 * Mandatory tags are environment policy: a table that sets one to a different
 * value is warned that the environment wins (tag-mandatory).
 */
import {
  check, checkTable, Json, Said, summarize, TABLE_FILE, validEnvironment, validProdEnvironment, validProject, validTable, warn,
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
