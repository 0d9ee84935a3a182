/**
 * A real kube-apiserver with the CRDs Crossplane itself creates for our XRDs,
 * and helpers to drive XRs and the compiled CLI against it.
 *
 * The CRDs take Crossplane's own path: Crossplane core v2.3.4 runs against the
 * server, our dist/platform XRDs are applied, and Crossplane's definition
 * controller makes and establishes their CRDs. Crossplane is then stopped, so
 * the statuses these tests write are the only ones: they stand for what
 * Crossplane would write, in states a test wants to pin.
 */
import { ChildProcess, execFile, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse } from 'yaml';

import { ApiServer, startApiServer } from '../harness/apiserver';
import { startCrossplane } from '../harness/crossplane-core';
import { REPO_ROOT } from '../harness/tools';

export const TOOLS = ['etcd', 'kube-apiserver', 'kubectl', 'crossplane-core', 'crossplane-crds'] as const;
export const BIN = path.join(REPO_ROOT, 'bin', 'ddbops.js');
export const XRD_FILES = [
  'dist/platform/compositeresourcedefinition-dynamodbtables.platform.bigbeard.co.za.yaml',
  'dist/platform/compositeresourcedefinition-dynamodbbackupplans.platform.bigbeard.co.za.yaml',
].map((f) => path.join(REPO_ROOT, f));

export interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Newest mtime of the .ts files under dir. */
function newestTs(dir: string): number {
  let newest = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestTs(p));
    else if (e.name.endsWith('.ts')) newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

/**
 * The CLI runs from lib/bundle/ddbops.js (`npm test` builds it first). Rebuilds when it is
 * missing or older than src/, so `npx jest test/status` never tests stale code.
 */
export function ensureBuilt(): void {
  const marker = path.join(REPO_ROOT, 'lib', 'bundle', 'ddbops.js');
  const fresh = fs.existsSync(marker) && fs.statSync(marker).mtimeMs >= newestTs(path.join(REPO_ROOT, 'src'));
  if (fresh) return;
  spawnSync('npm', ['run', 'build', '--silent'], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (!fs.existsSync(marker)) throw new Error('npm run build did not produce lib/bundle/ddbops.js');
  // tsc writes files it could emit even when another module has type errors; touch the marker so we don't loop.
  const now = new Date();
  fs.utimesSync(marker, now, now);
}

function cliEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  delete env.DDBOPS_DEBUG;
  delete env.KUBECONFIG;
  return env;
}

/** Runs `node bin/ddbops.js args` to completion. */
export function runCli(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: opts.cwd ?? REPO_ROOT, env: cliEnv(opts.env), timeout: opts.timeoutMs ?? 60_000 },
      (err, stdout, stderr) => {
        const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : null) : 0;
        resolve({ code, stdout: String(stdout), stderr: String(stderr) });
      });
  });
}

/** A running CLI process whose output can be awaited piece by piece. */
export class CliProcess {
  readonly child: ChildProcess;
  stdout = '';
  stderr = '';
  readonly exited: Promise<Run>;

  constructor(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
    this.child = spawn(process.execPath, [BIN, ...args], { cwd: opts.cwd ?? REPO_ROOT, env: cliEnv(opts.env), stdio: ['ignore', 'pipe', 'pipe'] });
    this.child.stdout?.on('data', (d: Buffer) => { this.stdout += d.toString(); });
    this.child.stderr?.on('data', (d: Buffer) => { this.stderr += d.toString(); });
    this.exited = new Promise((resolve) => {
      this.child.once('close', (code) => resolve({ code, stdout: this.stdout, stderr: this.stderr }));
    });
  }

  /** Resolves once stderr+stdout match; rejects after timeoutMs. */
  async waitFor(re: RegExp, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!re.test(this.stdout) && !re.test(this.stderr)) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${re}; stdout:\n${this.stdout}\nstderr:\n${this.stderr}`);
      if (this.child.exitCode !== null) throw new Error(`exited (${this.child.exitCode}) before ${re}; stdout:\n${this.stdout}\nstderr:\n${this.stderr}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Kills it if it is still running (safe in afterAll). */
  kill(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }
}

export interface PlatformCluster {
  readonly api: ApiServer;
  /** The XR CRDs Crossplane created from our XRDs, as the server returns them (a List, YAML). */
  readonly crdYaml: string;
  readonly tmp: string;
}

/** Starts the server and has Crossplane create the XR CRDs from dist/platform's XRDs. */
export async function startPlatformCluster(): Promise<PlatformCluster> {
  const api = await startApiServer();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ddb-status-'));
  try {
    const crossplane = await startCrossplane(api);
    try {
      for (const f of XRD_FILES) await api.kubectl(['apply', '--server-side', '-f', f]);
      await api.kubectl(['wait', '--for=condition=Established', '--timeout=120s',
        'compositeresourcedefinition/dynamodbtables.platform.bigbeard.co.za', 'compositeresourcedefinition/dynamodbbackupplans.platform.bigbeard.co.za']);
      await api.kubectl(['wait', '--for=condition=Established', '--timeout=60s',
        'crd/dynamodbtables.platform.bigbeard.co.za', 'crd/dynamodbbackupplans.platform.bigbeard.co.za']);
    } finally {
      await crossplane.stop();
    }
    const crdYaml = await api.kubectl(['get', 'crd', 'dynamodbtables.platform.bigbeard.co.za', 'dynamodbbackupplans.platform.bigbeard.co.za', '-o', 'yaml']);
    for (const ns of ['bbws-dev', 'bbws-sit', 'bbws-prod']) await api.kubectl(['create', 'namespace', ns]);
    return { api, crdYaml, tmp };
  } catch (e) {
    await api.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
}

/** The rendered dist/<env>/ XR files (tables and backup plans), as YAML text. */
export function distXrFiles(env: string): string[] {
  const dir = path.join(REPO_ROOT, 'dist', env);
  return fs.readdirSync(dir).filter((f) => /^dynamodb(table|backupplan)-/.test(f)).sort().map((f) => path.join(dir, f));
}

export const iso = (msAgo: number, now = Date.now()): string => new Date(now - msAgo).toISOString().replace(/\.\d{3}Z$/, 'Z');

export interface ConditionSpec {
  readonly type: 'Ready' | 'Synced';
  readonly status: 'True' | 'False' | 'Unknown';
  readonly reason: string;
  readonly message?: string;
  readonly lastTransitionTime: string;
}

/** Patches an XR's status through the status subresource, as Crossplane does. */
export async function setStatus(api: ApiServer, plural: string, namespace: string, name: string, status: Record<string, unknown>): Promise<void> {
  await api.kubectl(['patch', plural, name, '-n', namespace, '--subresource=status', '--type=merge', '-p', JSON.stringify({ status })]);
}

/** Crossplane's conditions for a healthy XR. */
export function healthy(since: string): ConditionSpec[] {
  return [
    { type: 'Synced', status: 'True', reason: 'ReconcileSuccess', lastTransitionTime: since },
    { type: 'Ready', status: 'True', reason: 'Available', lastTransitionTime: since },
  ];
}

/** Every document of a YAML stream. */
export function parseStream(text: string): Record<string, unknown>[] {
  return text.split(/^---$/m).map((d) => parse(d) as Record<string, unknown>).filter((d) => d && typeof d === 'object');
}

/** Replaces the clock-dependent parts of `status` output. */
export function normalizeAges(text: string): string {
  return text.replace(/\b\d+[smhd](\d+[mh])? ago\b/g, '<age> ago');
}
