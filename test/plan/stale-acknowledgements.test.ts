/**
 * An acknowledgement approves the change it was reviewed with, and no later
 * one: if the base already has it, plan ignores it and says to remove it.
 * Real git repositories: the acknowledgement is committed on the base.
 */
import * as fs from 'fs';
import { Json, ScratchRepo } from './scratch-repo';
import { CROSSPLANE_CHARTS } from '../../charts';

const TENANTS = 'schemas/tenants.schema.json';
const OLD_ACK = { change: 'replace', environment: 'prod', reason: 'tenants-v2 migration done in CHG-1234', by: 'dba@bigbeard.co.za' };

let template: ScratchRepo;
let repo: ScratchRepo;

beforeAll(() => {
  // A base on which an earlier, reviewed change left its acknowledgement behind.
  template = new ScratchRepo({ dist: true, charts: CROSSPLANE_CHARTS });
  template.editJson(TENANTS, (s) => { s.acknowledge = [OLD_ACK]; });
  template.commit('base: an earlier change, acknowledged');
});
afterAll(() => template.cleanup());
beforeEach(() => { repo = template.copy(); });
afterEach(() => repo.cleanup());

const renameSortKey = (r: ScratchRepo) => fs.writeFileSync(r.file(TENANTS), fs.readFileSync(r.file(TENANTS), 'utf8').replace(/\bSK\b/g, 'SortKey'));

test('an acknowledgement already on the base does not approve a new change: it is blocked, and the acknowledgement is reported stale', async () => {
  // GIVEN a new key change under the old acknowledgement
  renameSortKey(repo);

  // WHEN
  const json = await repo.plan('--format', 'json');
  const text = await repo.plan();
  const markdown = await repo.plan('--format', 'markdown');

  // THEN
  expect(json.code).toEqual(3);
  const plan = JSON.parse(json.stdout);
  expect(plan.changes.find((c: Json) => c.environment === 'prod' && c.name === 'tenants')).toMatchObject({ blocked: true, blockedBy: ['replace'], acknowledged: [] });
  expect(plan.staleAcknowledgements).toEqual([{
    change: 'replace', environment: 'prod', resource: 'tenants', reason: 'tenants-v2 migration done in CHG-1234',
    source: TENANTS, path: '$.acknowledge[0]', wouldApprove: ['prod/DynamoDBTable/tenants'],
  }]);
  expect(plan.unusedAcknowledgements).toEqual([]);
  const lines = text.stdout.split('\n');
  expect(lines).toContain('        ✗ replace acknowledgement in schemas/tenants.schema.json $.acknowledge[0] ignored: it is already on the base, so it approved an earlier change');
  expect(lines.slice(lines.findIndex((l) => l.startsWith('✗ Stale')), lines.findIndex((l) => l.startsWith('✗ Stale')) + 2)).toEqual([
    '✗ Stale acknowledgements (1): already on the base, so they approved an earlier change and approve nothing now; remove them (a new change needs its own acknowledgement):',
    '  schemas/tenants.schema.json $.acknowledge[0]: replace in prod for tenants; would have approved prod/DynamoDBTable/tenants',
  ]);
  expect(markdown.stdout).toContain('⛔ 1 acknowledgement is stale: already on the base, so it approved an earlier change and approves nothing now; remove it (a new change needs its own acknowledgement):\n\n'
    + '- `schemas/tenants.schema.json $.acknowledge[0]`: `replace` in prod for tenants; would have approved `prod/DynamoDBTable/tenants`\n');
  expect(markdown.stdout).toContain('<br>⛔ stale `replace` acknowledgement in `schemas/tenants.schema.json $.acknowledge[0]` ignored: it is already on the base');
});

test('a new reason is a new acknowledgement: reviewed with this change, it approves it', async () => {
  // GIVEN the key change, acknowledged anew
  renameSortKey(repo);
  repo.editJson(TENANTS, (s) => { s.acknowledge = [{ ...OLD_ACK, reason: 'tenants-v3: table empty until launch, CHG-2001' }]; });

  // WHEN
  const result = await repo.plan('--format', 'json');

  // THEN
  const plan = JSON.parse(result.stdout);
  expect(result.code).toEqual(0);
  expect(plan.staleAcknowledgements).toEqual([]);
  expect(plan.changes.find((c: Json) => c.environment === 'prod' && c.name === 'tenants').acknowledged)
    .toEqual([{ change: 'replace', reason: 'tenants-v3: table empty until launch, CHG-2001', by: 'dba@bigbeard.co.za', source: TENANTS }]);
});

test('moving an acknowledgement to another position or adding who gave it does not renew it', async () => {
  // GIVEN the key change, the old acknowledgement second and with another "by"
  renameSortKey(repo);
  repo.editJson(TENANTS, (s) => { s.acknowledge = [{ change: 'gsi-added', reason: 'new index' }, { ...OLD_ACK, by: 'someone-else@bigbeard.co.za' }]; });

  // WHEN
  const result = await repo.plan('--format', 'json');

  // THEN
  const plan = JSON.parse(result.stdout);
  expect(result.code).toEqual(3);
  expect(plan.staleAcknowledgements.map((a: Json) => a.path)).toEqual(['$.acknowledge[1]']);
  expect(plan.unusedAcknowledgements.map((a: Json) => a.path)).toEqual(['$.acknowledge[0]']);
});

test('a stale acknowledgement that matches nothing is listed as stale, not as unused', async () => {
  // WHEN nothing changes
  const result = await repo.plan('--format', 'json');

  // THEN
  const plan = JSON.parse(result.stdout);
  expect(result.code).toEqual(0);
  expect(plan.staleAcknowledgements.map((a: Json) => [a.source, a.path, a.wouldApprove])).toEqual([[TENANTS, '$.acknowledge[0]', []]]);
  expect(plan.unusedAcknowledgements).toEqual([]);
});

test('environment-file acknowledgements go stale the same way', async () => {
  // GIVEN a base whose prod file acknowledges deleting campaigns, and a head that deletes it
  repo.editYaml('environments/prod.yaml', (d) => { d.set('acknowledge', [{ change: 'delete', resource: 'campaigns', reason: 'retired in CHG-1301' }]); });
  repo.commit('acknowledged on the base');
  repo.remove('schemas/campaigns.schema.json');

  // WHEN
  const result = await repo.plan('--format', 'json');

  // THEN
  const plan = JSON.parse(result.stdout);
  expect(result.code).toEqual(3);
  expect(plan.staleAcknowledgements.filter((a: Json) => a.source === 'environments/prod.yaml')).toEqual([{
    change: 'delete', environment: 'prod', resource: 'campaigns', reason: 'retired in CHG-1301',
    source: 'environments/prod.yaml', path: '$.acknowledge[0]', wouldApprove: ['prod/DynamoDBTable/campaigns'],
  }]);
});

test('a base planned from its committed dist/ (sources invalid there) still has its acknowledgements read', async () => {
  // GIVEN a base whose tenants schema no longer validates (BOOL key) but still holds the acknowledgement
  repo.editJson(TENANTS, (s) => { s.primaryKey.partitionKey.type = 'BOOL'; });
  repo.commit('base with a legacy key type');
  repo.editJson(TENANTS, (s) => { s.primaryKey.partitionKey.type = 'S'; });
  renameSortKey(repo);

  // WHEN
  const result = await repo.plan('--format', 'json');

  // THEN
  const plan = JSON.parse(result.stdout);
  expect(plan.base.source).toEqual('dist');
  expect(result.code).toEqual(3);
  expect(plan.staleAcknowledgements.map((a: Json) => [a.change, a.environment, a.resource, a.wouldApprove])).toEqual([['replace', 'prod', 'tenants', ['prod/DynamoDBTable/tenants']]]);
});
