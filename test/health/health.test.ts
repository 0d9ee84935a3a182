/**
 * Runs the XR health check, health/_/_/health.lua, under real Lua 5.1 against
 * every case in its health_test.yaml (Argo CD's resource_customizations test format),
 * through test/health/run-health.lua, which gives the script only what Argo
 * CD gives a custom check.
 *
 * lua5.1 comes from tools/install.sh (apt). Without it the suite is skipped
 * with a loud banner locally and fails under CI=true.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse } from 'yaml';

import { ANY, HEALTH_DIR as HEALTH_ROOT } from '../../charts/argocd/health-checks';
import { HEALTH_CHECKED_XR_KINDS } from '../../src/model/xr-api';
import { describeWithTools, toolPath } from '../harness/tools';
import { JsonValue, toLuaChunk, toLuaLiteral } from './lua-literal';

/** Any kind of the project's group: the check argocd-cm registers for every XR kind. */
const HEALTH_DIR = path.join(HEALTH_ROOT, ANY, ANY);
const HEALTH_LUA = path.join(HEALTH_DIR, 'health.lua');
const RUNNER = path.join(__dirname, 'run-health.lua');
const HEALTH_TEST_YAML = path.join(HEALTH_DIR, 'health_test.yaml');

type HealthStatusCode = 'Healthy' | 'Progressing' | 'Degraded' | 'Suspended';

interface HealthCase {
  inputPath: string;
  healthStatus: { status: HealthStatusCode; message: string };
}

/** Why each case expects what it expects; one entry per case in health_test.yaml. */
const REASONS: Record<string, string> = {
  'testdata/healthy.yaml': 'Ready=True and Synced=True for the current generation is the normal steady state.',
  'testdata/healthy_backupPlan.yaml': 'The same script serves DynamoDBBackupPlan, whose Ready=True means the vault, plan, selection and role are all ready.',
  'testdata/healthy_responsiveFalse.yaml': "Responsive=False/WatchCircuitOpen is Crossplane v2 throttling its own watches, not a fault of this XR.",
  'testdata/healthy_pausedFalse.yaml': 'crossplane-runtime only pauses on the exact annotation value "true".',
  'testdata/progressing_noStatus.yaml': 'A freshly applied XR has no conditions until Crossplane first reconciles it.',
  'testdata/progressing_creating.yaml': 'Ready=False/Creating lists the composed resources Crossplane is still waiting for.',
  'testdata/progressing_backupPlanCreating.yaml': 'A backup plan waits on several composed resources and the message names them.',
  'testdata/progressing_staleGeneration.yaml': 'Conditions from an older generation say nothing about the spec Argo CD just applied.',
  'testdata/progressing_resuming.yaml': 'ReconcilePaused without the annotation means it was just removed and reconciliation is about to resume.',
  'testdata/progressing_deleting.yaml': "Deletion is Progressing and names the finalizers left, like Argo CD's bundled deletion block.",
  'testdata/progressing_deletionFailed.yaml': 'A deletion blocked by an error stays Progressing but shows the error so the blocker is visible.',
  'testdata/progressing_pausedDeleting.yaml': 'Crossplane checks the pause before deletion, so a paused XR cannot be deleted and the message says why.',
  'testdata/degraded_reconcileError.yaml': 'Synced=False/ReconcileError from a fatal function result is a real failure and shows its message.',
  'testdata/degraded_syncedFalse.yaml': 'Synced=False wins over Ready=True even when Ready is listed first.',
  'testdata/degraded_readyUnavailable.yaml': 'Ready=False/Unavailable means Crossplane expected the resource to be available and knows it is not.',
  'testdata/suspended_paused.yaml': 'A deliberate crossplane.io/paused is Suspended, not Degraded as the upstream check reports it.',
  'testdata/healthy_composedInSync.yaml': 'Every composed resource in sync with AWS, as copied into status.resources, changes nothing.',
  'testdata/degraded_composedCreateFailed.yaml': 'AWS refused to create the table: only the composed Table knows, and Argo CD must show Degraded with AWS\'s words, not Progressing forever.',
  'testdata/degraded_composedUpdateFailedWhileReady.yaml': 'An update AWS refused leaves the table Ready; the composed Synced=False still makes it Degraded.',
  'testdata/degraded_composedAsyncFailureOnly.yaml': 'upjet reports a failed async update in LastAsyncOperation before Synced follows: Degraded already.',
  'testdata/degraded_backupPlanComposedFailed.yaml': 'With several failing resources, the first by name is shown, so the message is stable between checks.',
  'testdata/suspended_pausedAnnotationOnly.yaml': 'The annotation alone pauses the XR even before Crossplane has updated its status.',
};

function loadCases(): HealthCase[] {
  const doc = parse(fs.readFileSync(HEALTH_TEST_YAML, 'utf8')) as { tests?: HealthCase[] };
  if (!doc.tests || doc.tests.length === 0) {
    throw new Error(`${HEALTH_TEST_YAML} has no tests`);
  }
  return doc.tests;
}

/** The object as Argo CD sees it: JSON, as in the unstructured object from the API server. */
function loadObject(inputPath: string): JsonValue {
  const parsed: unknown = parse(fs.readFileSync(path.join(HEALTH_DIR, inputPath), 'utf8'));
  return JSON.parse(JSON.stringify(parsed)) as JsonValue;
}

interface LuaResult {
  status: string;
  message: string;
}

function runHealth(lua: string, obj: JsonValue): LuaResult {
  const res = spawnSync(lua, [RUNNER, HEALTH_LUA], {
    input: toLuaChunk(obj),
    encoding: 'utf8',
    // Argo CD gives a script one second; this only guards against a hang.
    timeout: 10_000,
  });
  if (res.error) throw res.error;
  if (res.status !== 0) {
    throw new Error(`run-health.lua exited ${String(res.status)}: ${res.stderr}`);
  }
  const line = res.stdout.replace(/\n$/, '');
  const tab = line.indexOf('\t');
  if (tab < 0) throw new Error(`unexpected runner output: ${JSON.stringify(res.stdout)}`);
  return { status: line.slice(0, tab), message: line.slice(tab + 1) };
}

describe('health testdata', () => {
  const cases = loadCases();

  it('has a reason for every case and a case for every reason', () => {
    expect(cases.map((c) => c.inputPath).sort()).toEqual(Object.keys(REASONS).sort());
  });

  it('lists every file in its testdata/ exactly once', () => {
    const files = fs
      .readdirSync(path.join(HEALTH_DIR, 'testdata'))
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => `testdata/${f}`)
      .sort();
    expect(cases.map((c) => c.inputPath).sort()).toEqual(files);
  });

  it.each(cases.map((c) => [c.inputPath] as const))('%s is a namespaced platform XR in bbws-prod', (inputPath) => {
    const obj = loadObject(inputPath) as { apiVersion?: string; kind?: string; metadata?: { namespace?: string } };
    expect(obj.apiVersion).toBe('platform.bigbeard.co.za/v1alpha1');
    expect(HEALTH_CHECKED_XR_KINDS).toContain(obj.kind);
    expect(obj.metadata?.namespace).toBe('bbws-prod');
  });

  it('covers both kinds', () => {
    const kinds = new Set(cases.map((c) => (loadObject(c.inputPath) as { kind?: string }).kind));
    expect([...kinds].sort()).toEqual([...HEALTH_CHECKED_XR_KINDS].sort());
  });
});

describeWithTools(['lua5.1'], 'the XR health check under lua5.1', () => {
  const lua = toolPath('lua5.1');
  const table = loadCases().map((c) => ({
    inputPath: c.inputPath,
    status: c.healthStatus.status,
    message: c.healthStatus.message,
    reason: REASONS[c.inputPath] ?? '(no reason recorded)',
  }));

  it.each(table)('$inputPath -> $status: $reason', ({ inputPath, status, message }) => {
    expect(runHealth(lua, loadObject(inputPath))).toEqual({ status, message });
  });

  // Objects Argo CD could plausibly hand over that no testdata file covers:
  // the script must still return a valid status instead of raising, since an
  // error shows up in Argo CD as Unknown health.
  it.each([
    ['an object with no metadata', { apiVersion: 'platform.bigbeard.co.za/v1alpha1', kind: 'DynamoDBTable' }, 'Progressing'],
    ['an empty status', { metadata: { name: 'x' }, status: {} }, 'Progressing'],
    ['an empty conditions list', { metadata: { name: 'x' }, status: { conditions: [] } }, 'Progressing'],
    ['a condition without a type', { metadata: {}, status: { conditions: [{ status: 'True' }] } }, 'Progressing'],
    ['Synced=True but no Ready yet', { metadata: {}, status: { conditions: [{ type: 'Synced', status: 'True', reason: 'ReconcileSuccess' }] } }, 'Progressing'],
    ['Ready=Unknown without reason or message', { metadata: {}, status: { conditions: [{ type: 'Ready', status: 'Unknown' }] } }, 'Progressing'],
    ['Synced=False without a message', { metadata: {}, status: { conditions: [{ type: 'Synced', status: 'False', reason: 'ReconcileError' }] } }, 'Degraded'],
    ['deletion without finalizers', { metadata: { deletionTimestamp: '2025-11-22T11:05:40Z' } }, 'Progressing'],
  ] as const)('copes with %s', (_what, obj, status) => {
    const got = runHealth(lua, obj as unknown as JsonValue);
    expect(got.status).toBe(status);
    expect(got.message).not.toBe('');
  });

  it('runs in a sandbox without the string library, like Argo CD without useOpenLibs', () => {
    const probe = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'health-probe-')), 'probe.lua');
    fs.writeFileSync(probe, 'return { status = "Healthy", message = string.format("%d", 1) }\n');
    const res = spawnSync(lua, [RUNNER, probe], { input: 'return {}\n', encoding: 'utf8', timeout: 10_000 });
    fs.rmSync(path.dirname(probe), { recursive: true, force: true });
    expect(res.status).toBe(1);
    expect(res.stderr).toContain("global 'string' is not available");
  });

  it('serialises strings to Lua byte for byte', () => {
    const samples = [
      'plain',
      'quote " and backslash \\ and ]] and [[',
      'newline\nreturn\rtab\tnul\u0000bell\u0007',
      'escape then digits: \u00011234',
      'utf-8: Jürgen — 東京 🦆',
      '',
    ];
    const script =
      'local t = loadstring(io.read("*a"))() ' +
      'for _, s in ipairs(t) do local b = {} for i = 1, #s do b[#b + 1] = s:byte(i) end print(table.concat(b, ",")) end';
    const res = spawnSync(lua, ['-e', script], { input: `return ${toLuaLiteral(samples)}\n`, encoding: 'utf8' });
    expect(res.stderr).toBe('');
    const expected = samples.map((s) => [...Buffer.from(s, 'utf8')].join(',')).join('\n') + '\n';
    expect(res.stdout).toBe(expected);
  });
});
