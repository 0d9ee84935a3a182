/**
 * One change that blocks every table of an environment (an environment
 * default, the backup plan) gets one environment-level acknowledgement, not
 * one per table. Real git repositories.
 */
import { Json, ScratchRepo } from './scratch-repo';
import { CROSSPLANE_CHARTS } from '../../charts';

const PROD = 'environments/prod.yaml';
const protectionOff = (r: ScratchRepo) => r.editYaml(PROD, (d) => { d.setIn(['tableDefaults', 'deletionProtection'], false); });

let template: ScratchRepo;
let repo: ScratchRepo;

beforeAll(() => {
  template = new ScratchRepo({ charts: CROSSPLANE_CHARTS });
  template.commit('base');
});
afterAll(() => template.cleanup());
beforeEach(() => { repo = template.copy(); });
afterEach(() => repo.cleanup());

test('an environment default that blocks every table: one acknowledgement in the environment file, in every format', async () => {
  // GIVEN prod's default deletion protection turned off
  protectionOff(repo);

  // WHEN
  const json = await repo.plan('--format', 'json');
  const text = await repo.plan();
  const markdown = await repo.plan('--format', 'markdown');

  // THEN
  expect(json.code).toEqual(3);
  expect(JSON.parse(json.stdout).environments.find((e: Json) => e.name === 'prod').environmentWide).toEqual([{
    change: 'deletion-protection-off',
    resources: ['DynamoDBTable/campaigns', 'DynamoDBTable/products', 'DynamoDBTable/tenants'],
    acknowledgeIn: PROD,
  }]);
  const lines = text.stdout.split('\n');
  expect(lines.slice(lines.findIndex((l) => l.startsWith('✗ Guard:')))).toEqual([
    '✗ Guard: 3 changes blocked in 1 environment; plan exits 3.',
    '  prod, every table at once (DynamoDBTable campaigns, DynamoDBTable products, DynamoDBTable tenants): deletion-protection-off; one environment-level acknowledgement covers them all',
    '    safe path (deletion-protection-off): keep deletion protection on; turn it off only in the PR that deliberately deletes the table, acknowledged',
    `    to accept it on purpose, add once to ${PROD}: acknowledge: [{ change: deletion-protection-off, reason: "<why this is safe>" }]`,
    '',
  ]);
  expect(markdown.stdout).toContain('- **prod**, every table at once: `deletion-protection-off` blocks `DynamoDBTable/campaigns`, `DynamoDBTable/products`, `DynamoDBTable/tenants`; one environment-level acknowledgement covers them all\n'
    + '  - safe path: keep deletion protection on; turn it off only in the PR that deliberately deletes the table, acknowledged\n'
    + `  - to accept it on purpose, add once to \`${PROD}\`: \`acknowledge: [{ change: deletion-protection-off, reason: "<why this is safe>" }]\`\n`);
  expect(text.stdout).not.toContain('schemas/tenants.schema.json: "acknowledge"');
});

test('the suggested acknowledgement, added, lets every table through', async () => {
  // GIVEN
  protectionOff(repo);
  repo.editYaml(PROD, (d) => { d.set('acknowledge', [{ change: 'deletion-protection-off', reason: 'prod is being retired in CHG-1400' }]); });

  // WHEN
  const result = await repo.plan('--format', 'json');

  // THEN
  const plan = JSON.parse(result.stdout);
  expect(result.code).toEqual(0);
  expect(plan.changes.filter((c: Json) => c.acknowledged.length).map((c: Json) => `${c.name}: ${c.acknowledged[0].source}`))
    .toEqual([`campaigns: ${PROD}`, `products: ${PROD}`, `tenants: ${PROD}`]);
  expect(plan.environments.find((e: Json) => e.name === 'prod').environmentWide).toEqual([]);
});

test('the backup plan removed: every table and the plan itself, one acknowledgement for all four', async () => {
  // GIVEN
  repo.editYaml(PROD, (d) => { d.setIn(['backup', 'enabled'], false); });

  // WHEN
  const result = await repo.plan('--format', 'json');

  // THEN
  expect(JSON.parse(result.stdout).environments.find((e: Json) => e.name === 'prod').environmentWide).toEqual([{
    change: 'backup-removed',
    resources: ['DynamoDBTable/campaigns', 'DynamoDBTable/products', 'DynamoDBTable/tenants', 'DynamoDBBackupPlan/dynamodb-backup'],
    acknowledgeIn: PROD,
  }]);
});

test('a change that blocks some tables only is acknowledged per table', async () => {
  // GIVEN two of three prod tables lose deletion protection
  for (const t of ['products', 'tenants']) repo.editJson(`schemas/${t}.schema.json`, (s) => { s.overrides = { prod: { deletionProtection: false } }; });

  // WHEN
  const json = await repo.plan('--format', 'json');
  const text = await repo.plan();

  // THEN
  expect(JSON.parse(json.stdout).environments.find((e: Json) => e.name === 'prod').environmentWide).toEqual([]);
  expect(text.stdout).toContain('    to accept it on purpose, add to schemas/products.schema.json: "acknowledge": [{ "change": "deletion-protection-off", "environment": "prod", "reason": "<why this is safe>" }]');
  expect(text.stdout).not.toContain('every table at once');
});
