/** The three output formats, from hand-made plans. */
import { renderJson } from '../../src/plan/render-json';
import { MARKDOWN_LIMIT, renderMarkdown } from '../../src/plan/render-markdown';
import { renderText } from '../../src/plan/render-text';
import { EnvironmentPlan, Plan, PlanEntry } from '../../src/plan/types';

function entry(e: Partial<PlanEntry> & Pick<PlanEntry, 'name' | 'action'>): PlanEntry {
  return {
    environment: 'prod', kind: 'DynamoDBTable', labels: [], risks: [], blocked: false, blockedBy: [], acknowledged: [],
    explanation: 'no change', changes: [], acknowledgeIn: `schemas/${e.name}.schema.json`, ...e,
  };
}

const replaceTenants = entry({
  name: 'tenants', action: 'replace', labels: ['replace', 'data-loss'], risks: ['replace'], blocked: true, blockedBy: ['replace'],
  explanation: 'sort key SK → SK2: a new table',
  changes: [{ risks: ['replace'], labels: ['data-loss'], text: 'sort key SK → SK2: a new table' }],
});
const tagProducts = entry({
  name: 'products', action: 'update', labels: ['cosmetic'], explanation: 'tags +Team: no effect on data',
  acknowledged: [{ change: 'gsi-removed', reason: 'unused | index', source: 'schemas/products.schema.json' }],
  changes: [{ risks: [], labels: ['cosmetic'], text: 'tags +Team: no effect on data' }],
});

const small: Plan = {
  base: { ref: 'origin/main', commit: '0123456789abcdef0123456789abcdef01234567', source: 'sources' },
  environments: [
    { name: 'dev', isEnvironment: true, guard: [], entries: [entry({ environment: 'dev', name: 'tenants', action: 'no-op' })], environmentWide: [] },
    { name: 'prod', isEnvironment: true, guard: ['replace', 'delete'], entries: [tagProducts, replaceTenants], environmentWide: [] },
  ],
  unusedAcknowledgements: [],
  staleAcknowledgements: [],
  guardChanges: [],
};

test('text reads like terraform plan: symbols, changes per environment, totals, then what blocks and the safe path', () => {
  // WHEN
  const text = renderText(small);

  // THEN
  expect(text.split('\n')).toEqual([
    'ddbops plan: base origin/main at 0123456789ab (its sources synthesized in memory) → working tree',
    '',
    'Symbols: + create, ~ update in place, -/+ replace, - delete',
    '',
    'dev: no changes (1 resource unchanged)',
    '',
    'prod (guard blocks: replace, delete):',
    '    ~ DynamoDBTable products will be updated in place  [cosmetic]',
    '        ✓ gsi-removed acknowledged in schemas/products.schema.json: unused | index',
    '        • tags +Team: no effect on data',
    '  -/+ DynamoDBTable tenants must be replaced  [replace, data-loss]',
    '        ✗ BLOCKED by the prod guard: replace',
    '        • sort key SK → SK2: a new table',
    '',
    'Plan: 0 to create, 1 to update in place, 1 to replace, 0 to delete, 1 unchanged.',
    '',
    '✗ Guard: 1 change blocked in 1 environment; plan exits 3.',
    '  prod DynamoDBTable tenants: replace',
    '    safe path (replace): add a new table (a new schema file with a new tableName), migrate the items into it (export to S3 and import, or dual-write and backfill), move the application over, then retire the old table; keys, LSIs and names are never edited in place',
    '    to accept it on purpose, add to schemas/tenants.schema.json: "acknowledge": [{ "change": "replace", "environment": "prod", "reason": "<why this is safe>" }]',
    '',
  ]);
});

test('JSON: the documented fields, in a stable order, null for what is absent; fields added since version 1 come last', () => {
  // WHEN
  const json = JSON.parse(renderJson(small));

  // THEN
  expect(json.formatVersion).toEqual(1);
  expect(Object.keys(json)).toEqual(['formatVersion', 'base', 'summary', 'environments', 'changes', 'unusedAcknowledgements', 'staleAcknowledgements', 'guardChanges']);
  expect(json.base).toEqual({ ref: 'origin/main', commit: '0123456789abcdef0123456789abcdef01234567', source: 'sources', note: null });
  expect(json.summary).toEqual({ 'create': 0, 'update': 1, 'replace': 1, 'delete': 0, 'no-op': 1, 'blocked': 1, 'exitCode': 3 });
  expect(json.environments[1]).toEqual({
    name: 'prod', guard: ['replace', 'delete'], counts: { 'create': 0, 'update': 1, 'replace': 1, 'delete': 0, 'no-op': 0, 'blocked': 1 },
    lifecycle: null, environmentWide: [],
  });
  expect(json.changes.map((c: object) => Object.keys(c))).toEqual(Array(3).fill(
    ['environment', 'kind', 'name', 'action', 'labels', 'blocked', 'explanation', 'risks', 'blockedBy', 'acknowledged', 'migration'],
  ));
  expect(json.changes[1]).toEqual({
    environment: 'prod', kind: 'DynamoDBTable', name: 'products', action: 'update', labels: ['cosmetic'], blocked: false,
    explanation: 'tags +Team: no effect on data', risks: [], blockedBy: [],
    acknowledged: [{ change: 'gsi-removed', reason: 'unused | index', by: null, source: 'schemas/products.schema.json' }],
    migration: null,
  });
  expect({ stale: json.staleAcknowledgements, guardChanges: json.guardChanges }).toEqual({ stale: [], guardChanges: [] });
});

test('markdown escapes table cells and opens the details of an environment with blocked changes', () => {
  // WHEN
  const md = renderMarkdown(small);

  // THEN
  expect(md).toContain('✔️ `gsi-removed` acknowledged: unused \\| index');
  expect(md).toContain('<details open><summary><b>prod</b>: 1 update, 1 replace · ⛔ 1 blocked</summary>');
  expect(md).toContain('<details><summary><b>dev</b>: no changes</summary>');
  expect(md).toContain('| prod | 0 | **1** | **1** | 0 | 0 | ⛔ **1** |');
});

describe('markdown size limit', () => {
  // 3 environments × 1000 tables, each with a long explanation; every 100th blocked.
  const big: Plan = {
    base: small.base,
    environments: ['dev', 'prod', 'sit'].map((env): EnvironmentPlan => ({
      name: env, isEnvironment: true, guard: ['replace'], environmentWide: [],
      entries: Array.from({ length: 1000 }, (_, i) => entry({
        environment: env, name: `table-${String(i).padStart(4, '0')}`, action: i % 2 ? 'update' : 'replace',
        labels: ['gsi-added', 'backfill'], blocked: env === 'prod' && i % 100 === 0, blockedBy: env === 'prod' && i % 100 === 0 ? ['replace'] : [],
        explanation: `GSI Index${i} added: DynamoDB backfills it from every existing item, online but for up to hours on a large table`,
      })),
    })),
    unusedAcknowledgements: [],
    staleAcknowledgements: [],
    guardChanges: [],
  };

  test('stays under the limit by leaving out whole resources, and says so', () => {
    // WHEN
    const md = renderMarkdown(big);

    // THEN
    expect(md.length).toBeLessThanOrEqual(MARKDOWN_LIMIT);
    expect(MARKDOWN_LIMIT).toBeLessThan(65_536);
    expect(md).toMatch(/This comment shows \d+ of 3000 changed resources: \d+ were left out/);
    expect(md.split('\n').filter((l) => l.startsWith('| ') && !l.endsWith('|'))).toEqual([]);
    expect(md.match(/<details/g)).toHaveLength(3);
    expect(md.match(/<\/details>/g)).toHaveLength(3);
  });

  test('keeps every blocked resource, and is the same every time', () => {
    // WHEN
    const md = renderMarkdown(big);

    // THEN
    for (let i = 0; i < 1000; i += 100) expect(md).toContain(`| ⛔ | \`DynamoDBTable/table-${String(i).padStart(4, '0')}\``);
    expect(renderMarkdown(big)).toEqual(md);
  });

  test('a small limit still yields a well-formed comment', () => {
    // WHEN
    const md = renderMarkdown(big, 6_000);

    // THEN
    expect(md.length).toBeLessThanOrEqual(6_000);
    expect(md).toContain('This comment shows');
  });
});

test('a summary alone over the limit is cut at a line, and says so', () => {
  // WHEN
  const md = renderMarkdown(small, 400);

  // THEN
  expect(md.length).toBeLessThanOrEqual(400);
  expect(md).toMatch(/\n\n… cut to stay under GitHub's comment size limit; run `ddbops plan` or read the job log for the full plan\.\n$/);
});
