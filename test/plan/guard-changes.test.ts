/**
 * Weakening an environment's protection is a finding of its own, in every
 * output format: risk classes dropped from guard.block, sync.confirmDeletion
 * turned off, sync.prune turned on. Real git repositories.
 */
import { Json, ScratchRepo } from './scratch-repo';
import { CROSSPLANE_CHARTS } from '../../charts';

const PROD = 'environments/prod.yaml';

let template: ScratchRepo;
let repo: ScratchRepo;

beforeAll(() => {
  template = new ScratchRepo({ charts: CROSSPLANE_CHARTS });
  template.commit('base');
});
afterAll(() => template.cleanup());
beforeEach(() => { repo = template.copy(); });
afterEach(() => repo.cleanup());

test('risk classes dropped from guard.block: listed in json, text and markdown, though nothing in AWS changes', async () => {
  // GIVEN prod stops blocking pitr-off and backup-shortened
  repo.editYaml(PROD, (d) => { d.setIn(['guard', 'block'], ['replace', 'delete', 'deletion-protection-off', 'backup-removed']); });

  // WHEN
  const json = await repo.plan('--format', 'json');
  const text = await repo.plan();
  const markdown = await repo.plan('--format', 'markdown');

  // THEN
  const explanation = 'guard.block no longer lists pitr-off and backup-shortened: once this is merged, plan lets such changes through in prod without an acknowledgement';
  expect(json.code).toEqual(0);
  const plan = JSON.parse(json.stdout);
  expect(plan.summary).toMatchObject({ create: 0, update: 0, replace: 0, delete: 0 });
  expect(plan.guardChanges).toEqual([{
    environment: 'prod', field: 'guard.block',
    before: ['replace', 'delete', 'pitr-off', 'deletion-protection-off', 'backup-removed', 'backup-shortened'],
    after: ['replace', 'delete', 'deletion-protection-off', 'backup-removed'],
    explanation, source: PROD,
  }]);
  const lines = text.stdout.split('\n');
  expect(lines.slice(lines.findIndex((l) => l.startsWith('⚠ Guard weakened')), lines.findIndex((l) => l.startsWith('⚠ Guard weakened')) + 2)).toEqual([
    '⚠ Guard weakened (1): each protects every later change, so review it as a change of its own:',
    `  prod (${PROD}): ${explanation}`,
  ]);
  expect(markdown.stdout).toContain(`### ⚠️ Guard weakened: 1 setting\n\nEach protects every later change in its environment, so review it as a change of its own:\n\n- **prod** \`guard.block\` in \`${PROD}\`: ${explanation}\n`);
});

test('sync.confirmDeletion turned off: the last environment that confirmed, so the platform loses it too', async () => {
  // GIVEN
  repo.editYaml(PROD, (d) => { d.setIn(['sync', 'confirmDeletion'], false); });

  // WHEN
  const result = await repo.plan('--format', 'json');

  // THEN
  expect(JSON.parse(result.stdout).guardChanges).toEqual([{
    environment: 'prod', field: 'sync.confirmDeletion', before: true, after: false, source: PROD,
    explanation: 'sync.confirmDeletion true → false: Argo CD no longer waits for someone to confirm before it prunes or deletes prod\'s tables, backup plan and namespace, '
      + 'or before the root app removes prod\'s Application; and as no environment asks for it any more, nor before it prunes the platform\'s XRDs and Compositions',
  }]);
});

test('sync.prune turned on: the last environment that did not prune, so the platform app prunes too', async () => {
  // GIVEN
  repo.editYaml(PROD, (d) => { d.setIn(['sync', 'prune'], true); });

  // WHEN
  const result = await repo.plan('--format', 'json');

  // THEN
  expect(JSON.parse(result.stdout).guardChanges).toEqual([{
    environment: 'prod', field: 'sync.prune', before: false, after: true, source: PROD,
    explanation: 'sync.prune false → true: Argo CD\'s automated sync now deletes from the cluster whatever leaves git in prod, without anyone syncing by hand; '
      + 'for a table in management mode full, that deletes it in AWS; and as every environment now prunes, so does the platform app: an XRD removed from git takes every XR of its kind with it',
  }]);
});

test('strengthening is not a finding: a guard added to dev, prune turned off in sit', async () => {
  // GIVEN
  repo.editYaml('environments/dev.yaml', (d) => { d.setIn(['guard', 'block'], ['replace']); });
  repo.editYaml('environments/sit.yaml', (d) => { d.set('sync', { prune: false, confirmDeletion: true }); });

  // WHEN
  const json = await repo.plan('--format', 'json');
  const text = await repo.plan();

  // THEN
  expect(JSON.parse(json.stdout).guardChanges).toEqual([]);
  expect(text.stdout).not.toContain('Guard weakened');
});

test('lifting the guard in the change its own risk trips: both the finding and the block', async () => {
  // GIVEN prod's guard emptied and a prod table's deletion protection turned off together
  repo.editYaml(PROD, (d) => { d.setIn(['guard', 'block'], []); });
  repo.editJson('schemas/products.schema.json', (s) => { s.overrides = { prod: { deletionProtection: false } }; });

  // WHEN
  const result = await repo.plan('--format', 'json');

  // THEN
  const plan = JSON.parse(result.stdout);
  expect(result.code).toEqual(3);
  expect(plan.guardChanges.map((g: Json) => [g.field, g.after])).toEqual([['guard.block', []]]);
  expect(plan.changes.filter((c: Json) => c.blocked).map((c: Json) => `${c.environment}/${c.name}`)).toEqual(['prod/products']);
});
