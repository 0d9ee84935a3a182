/**
 * The repo's own configuration, BBWS's tables and environments, validates
 * with no findings at all, and declares what the facts say.
 */
import { resolve } from 'path';
import { DEFAULT_INPUT_PATHS, readInputs } from '../../src/load/read-inputs';
import { checkInputs, Checked } from '../../src/pipeline/check';

const REPO_ROOT = resolve(__dirname, '..', '..');

let checked: Checked;
beforeAll(() => {
  checked = checkInputs(readInputs(DEFAULT_INPUT_PATHS, REPO_ROOT));
});

const table = (name: string) => checked.inputs!.schemas.find((s) => s.value.tableName === name)!.value;

test('zero errors and zero warnings', () => {
  expect(checked.findings).toEqual([]);
  expect(checked.ok).toBe(true);
});

test('3 tables, 6 GSIs, 18 access patterns, no LSIs', () => {
  const schemas = checked.inputs!.schemas.map((s) => s.value);
  expect(schemas.map((t) => t.tableName)).toEqual(['campaigns', 'products', 'tenants']);
  expect(schemas.flatMap((t) => t.globalSecondaryIndexes ?? [])).toHaveLength(6);
  expect(schemas.flatMap((t) => t.accessPatterns ?? [])).toHaveLength(18);
  expect(schemas.flatMap((t) => t.localSecondaryIndexes ?? [])).toEqual([]);
});

test.each([
  ['tenants', [['EmailIndex', 'email', undefined], ['TenantStatusIndex', 'status', 'dateCreated'], ['ActiveIndex', 'active', 'dateCreated']], 7],
  ['products', [['ProductActiveIndex', 'active', 'dateCreated']], 5],
  ['campaigns', [['CampaignActiveIndex', 'active', 'fromDate'], ['CampaignProductIndex', 'productId', 'fromDate']], 6],
])('%s has the GSIs and access patterns of the facts', (name, gsis, patterns) => {
  const t = table(name);
  expect(t.globalSecondaryIndexes!.map((g) => [g.indexName, g.partitionKey.name, g.sortKey?.name ?? undefined])).toEqual(gsis);
  expect(t.globalSecondaryIndexes!.every((g) => g.projectionType === 'ALL')).toBe(true);
  expect(t.accessPatterns!.map((p) => p.id)).toEqual(Array.from({ length: patterns }, (_, i) => `AP-${i + 1}`));
});

test.each(['tenants', 'products', 'campaigns'])('%s: PK/SK strings, active as N, ON_DEMAND, PITR, NEW_AND_OLD_IMAGES, no TTL', (name) => {
  const t = table(name);
  expect([t.primaryKey.partitionKey.name, t.primaryKey.partitionKey.type, t.primaryKey.sortKey?.name, t.primaryKey.sortKey?.type])
    .toEqual(['PK', 'S', 'SK', 'S']);
  expect(t.attributes.find((a) => a.name === 'active')?.type).toBe('N');
  expect(t.capacityMode).toBe('ON_DEMAND');
  expect(t.pitr?.enabled).toBe(true);
  expect(t.streams).toEqual(expect.objectContaining({ enabled: true, viewType: 'NEW_AND_OLD_IMAGES' }));
  expect(t.ttl).toBeUndefined();
});

test('dev, sit and prod', () => {
  const envs = checked.inputs!.environments.map((e) => e.value);
  expect(envs.map((e) => [e.name, e.account, e.region, e.namespace])).toEqual([
    ['dev', '536580886816', 'af-south-1', 'bbws-dev'],
    ['prod', '093646564004', 'af-south-1', 'bbws-prod'],
    ['sit', '815856636111', 'af-south-1', 'bbws-sit'],
  ]);
});
