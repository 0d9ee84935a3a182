/**
 * `ddbops patch-argocd-cm`: the rendered argocd-cm settings planned against
 * live ConfigMaps (testdata named by state), the resulting merge patch applied
 * by the real `kubectl patch --local`, and the result planned again to show a
 * second run changes nothing; then the same against a real API server, where
 * the command reads and patches argocd-cm itself.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parse, stringify } from 'yaml';

import { ARGOCD_CM_PATCH_FILE } from '../../charts/argocd/dirs';
import { main } from '../../src/cli/main';
import { ApiServer, startApiServer } from '../harness/apiserver';
import { describeWithTools, REPO_ROOT, toolPath } from '../harness/tools';
import { ensureBuilt, runCli } from '../status/status-fixture';
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

/** `ddbops patch-argocd-cm`, in process. */
async function patchArgoCdCm(...args: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await main(['patch-argocd-cm', ...args], {
    cwd: REPO_ROOT,
    env: {},
    stdout: (s) => { stdout += s; },
    stderr: (s) => { stderr += s; },
  });
  return { code, stdout, stderr };
}

/** The command with --live (no cluster) and --dry-run. */
function plan(live: string, oursFile: string, ...flags: string[]): Promise<Run> {
  return patchArgoCdCm('--file', oursFile, '--live', live, '--dry-run', ...flags);
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

interface Case {
  readonly state: string;
  readonly reason: string;
  readonly code: number;
  /** Keys the plan adds, appends to and leaves alone. */
  readonly plan: { readonly add: readonly string[]; readonly append: readonly string[]; readonly conflict: readonly string[] };
  /** Entries in resource.exclusions after the patch; undefined when it is left alone. */
  readonly exclusionsAfter: number | undefined;
  readonly keepsComments: boolean;
}

const CASES: Case[] = [
  {
    state: 'stock.yaml',
    reason: 'Argo CD 3.x ships default exclusions: ours is appended, theirs and their comments are kept',
    code: 0,
    plan: { add: [TRACKING, HEALTH.app, HEALTH.backup, HEALTH.table], append: ['resource.exclusions'], conflict: [] },
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

  test.each([
    { args: ['--file', 'nope.yaml', '--live', path.join(TESTDATA, 'stock.yaml')], reason: 'no rendered settings',
      stderr: 'error: cannot read rendered settings nope.yaml: no such file\n  fix: run `npm run synth` (or `ddbops synth`), or pass --file FILE\n' },
    { args: ['--frce'], reason: 'a mistyped option, from the shared parser', stderr: 'error: unknown option --frce for patch-argocd-cm\n  fix: did you mean --force?\n' },
  ])('usage errors exit 2 with one line and its fix, no stack trace: $reason', async ({ args, stderr }) => {
    // WHEN
    const run = await patchArgoCdCm(...args);
    // THEN
    expect({ code: run.code, stderr: run.stderr.replace(/^(?!error:|  fix:).*\n/gm, '') }).toEqual({ code: 2, stderr });
  });

  test('without --file it merges what synth rendered next to project.yaml', async () => {
    // WHEN run in the project with nothing to change
    const run = await patchArgoCdCm('--live', oursFile, '--dry-run');
    // THEN it read dist/argocd-cm-patch/ and found every key in place
    expect({ code: run.code, patch: run.stdout, last: run.stderr.split('\n').slice(-2) }).toEqual({ code: 0, patch: '{"data":{}}\n', last: ['dry run: nothing to change', ''] });
    expect(fs.readFileSync(path.join(REPO_ROOT, 'dist', ARGOCD_CM_PATCH_FILE), 'utf8')).toEqual(fs.readFileSync(oursFile, 'utf8'));
  });
});

/**
 * The compiled CLI, as users run it: client-node is an ES module, which jest's
 * CommonJS runtime cannot load, so the cluster half runs in a process of its own.
 */
describeWithTools(['etcd', 'kube-apiserver', 'kubectl'], 'patch-argocd-cm against a real API server', () => {
  let api: ApiServer;
  const patchArgoCdCm = (...args: string[]) => runCli(['patch-argocd-cm', ...args]);
  beforeAll(async () => {
    ensureBuilt();
    api = await startApiServer();
    await api.kubectl(['create', 'namespace', 'argocd']);
    await api.kubectl(['create', '-f', path.join(TESTDATA, 'stock.yaml')]);
  }, 120_000);
  afterAll(() => api?.stop());

  const liveData = async (): Promise<Record<string, string>> => (JSON.parse(await api.kubectl(['-n', 'argocd', 'get', 'configmap', 'argocd-cm', '-o', 'json'])) as Json).data;

  test('merges into the live argocd-cm through the kubeconfig, and a second run changes nothing', async () => {
    // GIVEN Argo CD's stock argocd-cm
    const before = await liveData();

    // WHEN the command runs with --kubeconfig and --context, twice
    const first = await patchArgoCdCm('--kubeconfig', api.kubeconfigPath, '--context', 'test');
    const second = await patchArgoCdCm('--kubeconfig', api.kubeconfigPath, '--context', 'test');

    // THEN the first adds our keys and appends our exclusion, keeping Argo CD's settings
    const after = await liveData();
    expect({ code: first.code, last: first.stderr.split('\n').slice(-2) }).toEqual({ code: 0, last: ['patched argocd/argocd-cm', ''] });
    for (const k of [TRACKING, HEALTH.app, HEALTH.backup, HEALTH.table]) expect({ key: k, value: after[k] }).toEqual({ key: k, value: OURS.data[k] });
    expect(after['resource.exclusions'].startsWith(before['resource.exclusions'])).toBe(true);
    // AND the second finds nothing to do
    expect({ code: second.code, last: second.stderr.split('\n').slice(-2) }).toEqual({ code: 0, last: ['nothing to change', ''] });
  });

  test('a kubeconfig that cannot be read is a usage error naming it, once the patch is to be applied', async () => {
    // WHEN the live ConfigMap comes from a file, but the patch goes to the cluster
    const run = await patchArgoCdCm('--live', path.join(TESTDATA, 'stock.yaml'), '--kubeconfig', 'no-such-kubeconfig');
    // THEN
    expect({ code: run.code, stderr: run.stderr.replace(/^(?!error:).*\n/gm, '') })
      .toEqual({ code: 2, stderr: `error: cannot read kubeconfig ${path.join(REPO_ROOT, 'no-such-kubeconfig')}: no such file\n` });
  });

  test('a context the kubeconfig does not have is a usage error naming the contexts it has', async () => {
    // WHEN
    const run = await patchArgoCdCm('--kubeconfig', api.kubeconfigPath, '--context', 'prod');
    // THEN
    expect({ code: run.code, stderr: run.stderr.replace(/^(?!error:).*\n/gm, '') })
      .toEqual({ code: 2, stderr: `error: context "prod" not found in kubeconfig ${api.kubeconfigPath} (contexts: test)\n` });
  });

  test('a cluster without argocd-cm is a usage error that says what to do', async () => {
    // GIVEN settings for an Argo CD in another namespace
    const { dir, cleanup } = tempDir('argocd-cm-elsewhere-');
    const elsewhere = path.join(dir, 'configmap-argocd-cm.yaml');
    fs.writeFileSync(elsewhere, stringify({ ...OURS, metadata: { name: 'argocd-cm', namespace: 'gitops' } }));
    try {
      // WHEN
      const run = await patchArgoCdCm('--kubeconfig', api.kubeconfigPath, '--file', elsewhere);
      // THEN
      expect({ code: run.code, stderr: run.stderr.replace(/^(?!error:|  fix:).*\n/gm, '') }).toEqual({
        code: 2,
        stderr: `error: there is no ConfigMap gitops/argocd-cm in the cluster of context "test" (${api.url})\n  fix: install Argo CD there first, or pass --context for the cluster it runs in\n`,
      });
    } finally {
      cleanup();
    }
  });
});
