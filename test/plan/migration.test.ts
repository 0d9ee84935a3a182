/**
 * An acknowledged key change passes the guard but cannot be applied to the
 * existing table: plan prints the migration (new table, copy, switch, retire)
 * instead of letting the acknowledgement read as "done".
 */
import * as fs from 'fs';
import { migrationSteps } from '../../src/plan/migration';
import { readTableSpec } from '../../src/plan/table-spec';
import { devTenants, prodTenants } from './fixtures';
import { Json, ScratchRepo } from './scratch-repo';
import { CROSSPLANE_CHARTS } from '../../charts';

const TENANTS = 'schemas/tenants.schema.json';

const PROD_STEPS = [
  'new table: undo this edit in schemas/tenants.schema.json (and remove its replace acknowledgement), and make it in a new schema file, schemas/tenants-v2.schema.json with "tableName": "tenants-v2"; '
    + 'Argo CD then creates table tenants-v2 next to tenants, which keeps its items and keeps syncing',
  'copy: fill tenants-v2 from tenants, either by dual-writing from the application and backfilling the older items (a job that Scans tenants and BatchWriteItems each item under its new key), '
    + 'or by exporting tenants to S3 (aws dynamodb export-table-to-point-in-time) and loading the export with such a job; '
    + 'DynamoDB\'s import from S3 only creates a new table, so it fits only if run before tenants-v2 is merged (Crossplane then adopts the imported table)',
  'switch: point the application at tenants-v2, deploy, and check that tenants no longer serves traffic (its ConsumedReadCapacityUnits and ConsumedWriteCapacityUnits in CloudWatch fall to zero)',
  'retire: delete schemas/tenants.schema.json in a later PR, with acknowledge: [{ change: delete, resource: tenants, reason: "<migrated to tenants-v2>" }] in environments/prod.yaml; '
    + 'in management mode keep-on-delete tenants is released and kept in AWS; delete it by hand after a final on-demand backup',
];

describe('plan', () => {
  let template: ScratchRepo;
  let repo: ScratchRepo;
  beforeAll(() => {
    template = new ScratchRepo({ charts: CROSSPLANE_CHARTS });
    template.commit('base');
  });
  afterAll(() => template.cleanup());
  beforeEach(() => { repo = template.copy(); });
  afterEach(() => repo.cleanup());

  const renameSortKey = (r: ScratchRepo, ack?: Json) => {
    fs.writeFileSync(r.file(TENANTS), fs.readFileSync(r.file(TENANTS), 'utf8').replace(/\bSK\b/g, 'SortKey'));
    if (ack) r.editJson(TENANTS, (s) => { s.acknowledge = [ack]; });
  };

  test('an acknowledged key change in prod passes, and prints the migration in every format', async () => {
    // GIVEN
    renameSortKey(repo, { change: 'replace', environment: 'prod', reason: 'moving to a SortKey attribute, CHG-1500' });

    // WHEN
    const json = await repo.plan('--format', 'json');
    const text = await repo.plan();
    const markdown = await repo.plan('--format', 'markdown');

    // THEN
    expect(json.code).toEqual(0);
    const plan = JSON.parse(json.stdout);
    const migration = (env: string) => plan.changes.find((c: Json) => c.environment === env && c.name === 'tenants').migration;
    expect({ dev: migration('dev'), prod: migration('prod'), sit: migration('sit') }).toEqual({ dev: null, prod: PROD_STEPS, sit: null });
    const lines = text.stdout.split('\n');
    expect(lines).toContain('        ⚠ acknowledged, but the existing table cannot take this change (why: below): migrate to a new table instead, steps at the end');
    const at = lines.findIndex((l) => l.startsWith('⚠ Acknowledged, but impossible in place'));
    expect(lines.slice(at, at + 6)).toEqual([
      '⚠ Acknowledged, but impossible in place (1 table): an acknowledgement lets the plan pass, not the edit; migrate to a new table instead:',
      '  tenants in prod (schemas/tenants.schema.json):',
      ...PROD_STEPS.map((s, i) => `    ${i + 1}. ${s}`),
    ]);
    expect(markdown.stdout).toContain('### ⚠️ Acknowledged, but impossible in place: 1 table\n\n');
    expect(markdown.stdout).toContain('**tenants** in prod (`schemas/tenants.schema.json`):\n\n1. new table: undo this edit in schemas/tenants.schema.json');
    expect(markdown.stdout).toContain('| ⚠️ | `DynamoDBTable/tenants` | **replace** |');
  });

  test('acknowledged for every environment: environments whose steps read the same are one migration', async () => {
    // GIVEN
    renameSortKey(repo, { change: 'replace', reason: 'moving to a SortKey attribute, CHG-1500' });

    // WHEN
    const result = await repo.plan();

    // THEN
    const lines = result.stdout.split('\n');
    expect(lines.filter((l) => /^ {2}tenants in .* \(schemas\/tenants\.schema\.json\):$/.test(l))).toEqual([
      '  tenants in dev, sit (schemas/tenants.schema.json):',
      '  tenants in prod (schemas/tenants.schema.json):',
    ]);
    expect(lines).toContain('    4. retire: delete schemas/tenants.schema.json in a later PR; in management mode full Crossplane deletes tenants and its items, so take a final on-demand backup first');
  });

  test('a blocked key change has no migration yet: the safe path says it, and nothing is acknowledged', async () => {
    // GIVEN
    renameSortKey(repo);

    // WHEN
    const result = await repo.plan('--format', 'json');

    // THEN
    expect(result.code).toEqual(3);
    expect(JSON.parse(result.stdout).changes.filter((c: Json) => c.migration !== null)).toEqual([]);
  });
});

describe('migrationSteps', () => {
  test('a table without PITR needs it on for the export; full management mode with deletion protection retires in two steps', () => {
    // GIVEN dev tenants (full), with PITR off and deletion protection on
    const x = devTenants();
    x.spec.pointInTimeRecovery = { enabled: false };
    x.spec.deletionProtection = true;

    // WHEN
    const steps = migrationSteps({
      name: 'tenants', table: readTableSpec(x), schema: TENANTS, environmentFile: 'environments/dev.yaml', guardsDelete: false,
    });

    // THEN
    expect(steps[1]).toContain('(aws dynamodb export-table-to-point-in-time, after turning PITR on, which the export needs)');
    expect(steps[3]).toEqual('retire: delete schemas/tenants.schema.json in a later PR; in management mode full Crossplane deletes tenants and its items, '
      + 'once deletion protection is turned off (deletion-protection-off, acknowledged where guarded), so take a final on-demand backup first');
  });

  test('observe mode: retiring only stops Crossplane observing the table', () => {
    // GIVEN
    const x = prodTenants();
    x.spec.managementMode = 'observe';

    // WHEN
    const steps = migrationSteps({
      name: 'tenants', table: readTableSpec(x), schema: TENANTS, environmentFile: 'environments/prod.yaml', guardsDelete: true,
    });

    // THEN
    expect(steps[3]).toEqual('retire: delete schemas/tenants.schema.json in a later PR, with acknowledge: [{ change: delete, resource: tenants, reason: "<migrated to tenants-v2>" }] in environments/prod.yaml; '
      + 'in management mode observe Crossplane only stops observing tenants; delete it by hand after a final on-demand backup');
  });
});
