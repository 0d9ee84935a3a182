/**
 * The argoproj.io_Application health check (argocd-cm) under real Lua 5.1,
 * through test/health/run-health.lua, which gives a script only what Argo CD
 * gives a custom check without useOpenLibs. The root app waits on it between
 * sync waves, so it decides when the environment apps are created. Cases come
 * from health/argoproj.io/Application/health_test.yaml (Argo CD's
 * resource_customizations format), testdata named by state.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';

import { HEALTH_DIR } from '../../charts/argocd/health-checks';
import { describeWithTools, toolPath } from '../harness/tools';
import { JsonValue, toLuaChunk } from '../health/lua-literal';
import { inDir } from './argocd-fixture';

const DIR = path.join(HEALTH_DIR, 'argoproj.io', 'Application');
const HEALTH_LUA = path.join(DIR, 'health.lua');
const RUNNER = path.join(__dirname, '..', 'health', 'run-health.lua');

interface HealthCase {
  readonly inputPath: string;
  readonly healthStatus: { readonly status: string; readonly message: string };
}

const CASES = (parse(fs.readFileSync(path.join(DIR, 'health_test.yaml'), 'utf8')) as { tests: HealthCase[] }).tests;

/** Why each state reads as it does; one entry per testdata file. */
const REASONS: Record<string, string> = {
  'testdata/healthy.yaml': 'Healthy, Synced, and the last sync succeeded for this revision: the next wave may start.',
  'testdata/healthy_noopCommit.yaml': 'A commit that does not touch the child moves its revision on without a sync; it is still done.',
  'testdata/healthy_failedOnEarlierRevision.yaml': 'A failure on an older revision says nothing about the revision the child is in sync with now.',
  'testdata/healthy_neverNeededSync.yaml': 'A child whose objects already matched git never needed an operation.',
  'testdata/progressing_noStatus.yaml': 'A just-created Application has no status; treating it as Healthy is the bug this check exists for.',
  'testdata/progressing_staleSource.yaml': 'The parent just changed the child\'s source; its status describes the old one.',
  'testdata/progressing_syncRunning.yaml': 'A running sync, e.g. waiting for XRDs to be established, is not done.',
  'testdata/progressing_syncTerminating.yaml': 'A sync being terminated is not done either.',
  'testdata/progressing_outOfSyncButHealthy.yaml': 'Argo CD leaves missing objects out of health (argo-cd #25962): OutOfSync with Healthy means the XRDs may not exist yet.',
  'testdata/progressing_healthMissing.yaml': 'Missing would make the parent ignore the child (and start the next wave); it is reported as not done.',
  'testdata/progressing_xrdsEstablishing.yaml': 'The child\'s own Progressing, with its message.',
  'testdata/degraded_syncFailed.yaml': 'A sync that failed for the current revision stops the rollout with Argo CD\'s message.',
  'testdata/degraded_syncError.yaml': 'An Error phase is a failure too.',
  'testdata/degraded_comparisonError.yaml': 'Sync status Unknown with a ComparisonError: git cannot be read, which is a failure, not a wait.',
  'testdata/degraded_childDegraded.yaml': 'The child\'s Degraded passes through with its message (e.g. AWS refused a table).',
  'testdata/suspended_childSuspended.yaml': 'The child\'s Suspended passes through.',
};

test('every testdata file has a case and a reason, and every case a file', () => {
  const files = fs.readdirSync(path.join(DIR, 'testdata')).map((f) => `testdata/${f}`).sort();
  expect(CASES.map((c) => c.inputPath).sort()).toEqual(files);
  expect(Object.keys(REASONS).sort()).toEqual(files);
});

test('no case expects Missing or Unknown: a parent ignores children that report them', () => {
  expect(CASES.filter((c) => c.healthStatus.status === 'Missing' || c.healthStatus.status === 'Unknown')).toEqual([]);
});

test('the rendered argocd-cm carries exactly this script', () => {
  const [cm] = inDir('argocd-cm-patch');
  expect(cm.data['resource.customizations.health.argoproj.io_Application']).toBe(fs.readFileSync(HEALTH_LUA, 'utf8'));
});

describeWithTools(['lua5.1'], 'argoproj.io_Application health under lua5.1', () => {
  test.each(CASES.map((c) => ({ ...c, reason: REASONS[c.inputPath] })))('$inputPath -> $healthStatus.status: $reason', ({ inputPath, healthStatus }) => {
    // GIVEN the Application as Argo CD hands it over (JSON)
    const obj = JSON.parse(JSON.stringify(parse(fs.readFileSync(path.join(DIR, inputPath), 'utf8')))) as JsonValue;

    // WHEN
    const r = spawnSync(toolPath('lua5.1'), [RUNNER, HEALTH_LUA], { input: toLuaChunk(obj), encoding: 'utf8', timeout: 10_000 });

    // THEN
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`${healthStatus.status}\t${healthStatus.message}\n`);
  });
});
