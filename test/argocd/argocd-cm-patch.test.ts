/**
 * scripts/patch-argocd-cm.sh, minus the cluster: the rendered argocd-cm
 * settings planned against live ConfigMaps (testdata named by state), the
 * resulting merge patch applied by the real `kubectl patch --local`, and the
 * result planned again to show a second run changes nothing.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parse, stringify } from 'yaml';

import { main } from '../../src/argocd/patch-argocd-cm';
import { describeWithTools, REPO_ROOT, toolPath } from '../harness/tools';
import { tempDir } from '../integration/synth-fixture';
import { inDir, Json, REPO } from './argocd-fixture';

const TESTDATA = path.join(__dirname, 'testdata', 'argocd-cm');
const OURS = inDir('argocd-cm-patch')[0] as Json;
const EXCLUSION = { apiGroups: ['*'], kinds: ['ProviderConfigUsage'] };
const HEALTH = {
  table: 'resource.customizations.health.platform.bigbeard.co.za_DynamoDBTable',
  backup: 'resource.customizations.health.platform.bigbeard.co.za_DynamoDBBackupPlan',
  app: 'resource.customizations.health.argoproj.io_Application',
};
const TRACKING = 'application.resourceTrackingMethod';

interface Run { code: number; stdout: string; stderr: string }

/** The CLI with --live (no kubectl) and --dry-run, in process. */
async function plan(live: string, oursFile: string, ...flags: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await main(['--file', oursFile, '--live', live, '--dry-run', ...flags], {
    cwd: REPO_ROOT,
    env: {},
    stdout: (s) => { stdout += s; },
    stderr: (s) => { stderr += s; },
  });
  return { code, stdout, stderr };
}

/** `kubectl patch --local`: the merge patch applied to a file by kubectl's own merge code. */
function kubectlPatch(file: string, patch: string): Json {
  const r = spawnSync(toolPath('kubectl'), ['patch', '--local', '-f', file, '--type', 'merge', '-p', patch, '-o', 'json'], {
    encoding: 'utf8',
    env: { ...process.env, KUBECONFIG: '/dev/null' },
  });
  if (r.status !== 0) throw new Error(`kubectl patch --local failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Json;
}

const CASES = [
  {
    state: 'stock.yaml',
    reason: 'Argo CD 3.x ships default exclusions: ours is appended, theirs and their comments are kept',
    code: 0,
    plan: { add: [TRACKING, HEALTH.app, HEALTH.backup, HEALTH.table], append: ['resource.exclusions'], conflict: [] as string[] },
    exclusionsAfter: 3,
    keepsComments: true,
  },
  {
    state: 'empty.yaml',
    reason: 'an install with no data gets every key',
    code: 0,
    plan: { add: [TRACKING, HEALTH.app, HEALTH.backup, HEALTH.table, 'resource.exclusions'], append: [], conflict: [] },
    exclusionsAfter: 1,
    keepsComments: true,
  },
  {
    state: 'customized_labelTracking.yaml',
    reason: 'a deliberate label tracking and an own Application check are reported and left alone',
    code: 1,
    plan: { add: [HEALTH.backup, HEALTH.table], append: ['resource.exclusions'], conflict: [TRACKING, HEALTH.app] },
    exclusionsAfter: 2,
    keepsComments: true,
  },
  {
    state: 'customized_flowStyleExclusions.yaml',
    reason: 'a flow-style list cannot take appended text, so it is re-serialised with the same entries plus ours',
    code: 0,
    plan: { add: [TRACKING, HEALTH.app, HEALTH.backup, HEALTH.table], append: ['resource.exclusions'], conflict: [] },
    exclusionsAfter: 2,
    keepsComments: false,
  },
  {
    state: 'invalid_exclusionsNotAList.yaml',
    reason: 'an exclusions value that is not a list is never guessed at',
    code: 1,
    plan: { add: [TRACKING, HEALTH.app, HEALTH.backup, HEALTH.table], append: [], conflict: ['resource.exclusions'] },
    exclusionsAfter: undefined,
    keepsComments: true,
  },
];

test('every testdata file has a case, and every case a file', () => {
  expect(fs.readdirSync(TESTDATA).sort()).toEqual(CASES.map((c) => c.state).sort());
});

describeWithTools(['kubectl'], 'patch-argocd-cm against live argocd-cm states', () => {
  const { dir, cleanup } = tempDir('argocd-cm-');
  const oursFile = path.join(dir, 'configmap-argocd-cm.yaml');
  beforeAll(() => fs.writeFileSync(oursFile, REPO.files.get('argocd-cm-patch/configmap-argocd-cm.yaml') ?? ''));
  afterAll(cleanup);

  const keysOf = (stderr: string, label: string) =>
    stderr.split('\n').filter((l) => l.startsWith(`  ${label}`)).map((l) => l.slice(2 + label.length).trim().split(':')[0]).sort();

  test.each(CASES)('$state: $reason', async (c) => {
    // GIVEN a live argocd-cm in this state
    const live = path.join(TESTDATA, c.state);
    const before = parse(fs.readFileSync(live, 'utf8')) as Json;
    // WHEN the change is planned
    const run = await plan(live, oursFile);
    // THEN the plan and exit code say what happens to each key
    expect({ code: run.code, add: keysOf(run.stderr, 'add'), append: keysOf(run.stderr, 'append to'), conflict: keysOf(run.stderr, 'CONFLICT') })
      .toEqual({ code: c.code, add: [...c.plan.add].sort(), append: [...c.plan.append].sort(), conflict: [...c.plan.conflict].sort() });

    // WHEN kubectl applies the patch
    const after = kubectlPatch(live, run.stdout.trim());
    // THEN keys we do not set, and conflicting keys, are untouched
    for (const [k, v] of Object.entries(before.data ?? {})) {
      if (!c.plan.append.includes(k)) expect({ key: k, value: after.data[k] }).toEqual({ key: k, value: v });
    }
    for (const k of [...c.plan.add]) expect({ key: k, value: after.data[k] }).toEqual({ key: k, value: OURS.data[k] });
    // and resource.exclusions keeps every live entry, plus ours once
    if (c.exclusionsAfter !== undefined) {
      const list = parse(after.data['resource.exclusions']) as Json[];
      expect(list).toHaveLength(c.exclusionsAfter);
      expect(list.filter((e) => stringify(e) === stringify(EXCLUSION))).toHaveLength(1);
      const beforeList = (parse(before.data?.['resource.exclusions'] ?? '[]') ?? []) as Json[];
      expect(list.slice(0, beforeList.length)).toEqual(beforeList);
      const liveText: string = before.data?.['resource.exclusions'] ?? '';
      if (c.keepsComments && liveText) expect(after.data['resource.exclusions'].startsWith(liveText)).toBe(true);
    }

    // WHEN it runs a second time on the patched ConfigMap
    const patched = path.join(dir, `patched-${c.state}`);
    fs.writeFileSync(patched, stringify(after));
    const again = await plan(patched, oursFile);
    // THEN nothing changes
    expect({ patch: again.stdout.trim(), code: again.code }).toEqual({ patch: '{"data":{}}', code: c.code });
  });

  test('--force replaces the conflicting keys, and only them', async () => {
    // GIVEN the operator's label tracking
    const live = path.join(TESTDATA, 'customized_labelTracking.yaml');
    // WHEN forced
    const run = await plan(live, oursFile, '--force');
    const after = kubectlPatch(live, run.stdout.trim());
    // THEN
    expect(run.code).toBe(0);
    expect(keysOf(run.stderr, 'replace')).toEqual([TRACKING, HEALTH.app].sort());
    expect(after.data[TRACKING]).toBe('annotation');
    expect(after.data.url).toBe('https://argocd.example.com');
  });

  test('usage errors exit 2 and say how to fix them, without a stack trace', async () => {
    const missing = await plan(path.join(TESTDATA, 'stock.yaml'), path.join(dir, 'nope.yaml'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read rendered settings');
    expect(missing.stderr).toContain('run npm run synth');
    expect(missing.stderr).not.toMatch(/\n\s+at /);
  });

  test('scripts/patch-argocd-cm.sh runs the compiled CLI with the rendered file', () => {
    const script = fs.readFileSync(path.join(REPO_ROOT, 'scripts', 'patch-argocd-cm.sh'), 'utf8');
    expect(script).toContain('lib/src/argocd/patch-argocd-cm.js');
    expect(script).toContain('dist/argocd-cm-patch/configmap-argocd-cm.yaml');
  });
});
