/**
 * Crossplane core v2.3.4 running against a test API server, with no kubelet
 * and no image registry:
 *  - `crossplane core init` installs Crossplane's CRDs (from the core module's
 *    own cluster/crds, linked by tools/install.sh) and makes the TLS CA and
 *    client certificates, as the init container of the Helm chart does;
 *  - `crossplane core start --package-runtime=External` runs every controller
 *    (XRDs, compositions, packages), but leaves running package images to an
 *    external runtime, since nothing here can run a Deployment;
 *  - webhooks are off: nothing here could call back into this process.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { ApiServer } from './apiserver';
import { freePort, ManagedProcess } from './proc';
import { toolPath } from './tools';

export const CROSSPLANE_NAMESPACE = 'crossplane-system';
export const ROOT_CA_SECRET = 'crossplane-root-ca';
export const TLS_CLIENT_SECRET = 'crossplane-tls-client';

export interface RunningCrossplane {
  readonly process: ManagedProcess;
  /** Crossplane's package cache (`--cache-dir`); a package extracted here is never pulled. */
  readonly cacheDir: string;
  /** Wall time of `core init` plus `core start` until its health probe answered (ms). */
  readonly startMs: number;
  /** Kills Crossplane and removes its temp dir; safe to call twice. */
  stop(): Promise<void>;
}

export interface StartCrossplaneOptions {
  /**
   * How long init, and then start, may take.
   * @default 120000
   */
  readyTimeoutMs?: number;
  /**
   * Called with the cache dir before `core start`, to place packages there.
   * @default nothing is placed
   */
  prepareCache?: (cacheDir: string) => void | Promise<void>;
}

function run(name: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<{ ok: boolean; output: string }> {
  const p = new ManagedProcess(name, toolPath('crossplane-core'), args, { env });
  return new Promise((resolve) => {
    const timer = setTimeout(() => void p.stop(), timeoutMs);
    p.child.once('exit', (code) => {
      clearTimeout(timer);
      // Give the stdout/stderr pipes a tick to flush into the captured output.
      setImmediate(() => resolve({ ok: code === 0, output: p.logs }));
    });
  });
}

/** Runs `core init` (retried: its first run can race the establishment of the CRDs it just created), then `core start`. */
export async function startCrossplane(api: ApiServer, opts: StartCrossplaneOptions = {}): Promise<RunningCrossplane> {
  const timeout = opts.readyTimeoutMs ?? 120_000;
  const started = Date.now();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ddb-crossplane-'));
  const cacheDir = path.join(dir, 'cache');
  const clientCerts = path.join(dir, 'tls-client');
  fs.mkdirSync(cacheDir);
  fs.mkdirSync(clientCerts);
  let proc: ManagedProcess | undefined;
  const stop = async (): Promise<void> => {
    await proc?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await api.kubectl(['create', 'namespace', CROSSPLANE_NAMESPACE]);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      KUBECONFIG: api.kubeconfigPath,
      CRDS_PATH: toolPath('crossplane-crds'),
      TLS_CA_SECRET_NAME: ROOT_CA_SECRET,
      TLS_CLIENT_SECRET_NAME: TLS_CLIENT_SECRET,
    };
    const deadline = Date.now() + timeout;
    for (let attempt = 1; ; attempt++) {
      const r = await run('crossplane core init', ['core', 'init', `--namespace=${CROSSPLANE_NAMESPACE}`, '--enable-webhooks=false'], env, timeout);
      if (r.ok) break;
      if (Date.now() > deadline || attempt >= 5) throw new Error(`crossplane core init failed ${attempt} times; last output:\n${r.output.slice(-4000)}`);
      // Typically "no matches for kind Lock": the CRDs it just created are not served yet.
      await api.kubectl(['wait', '--for=condition=Established', '--timeout=60s', 'crd', '--all']).catch((e: Error) => {
        throw new Error(`crossplane core init failed, and then: ${e.message}\ninit output:\n${r.output.slice(-4000)}`);
      });
    }

    // Crossplane dials composition functions with the client certificate init made.
    const secret = JSON.parse(await api.kubectl(['get', 'secret', TLS_CLIENT_SECRET, '-n', CROSSPLANE_NAMESPACE, '-o', 'json'])) as { data: Record<string, string> };
    for (const f of ['ca.crt', 'tls.crt', 'tls.key']) {
      fs.writeFileSync(path.join(clientCerts, f), Buffer.from(secret.data[f] ?? '', 'base64'), { mode: 0o600 });
    }
    await opts.prepareCache?.(cacheDir);

    const [metrics, health] = [await freePort(), await freePort()];
    proc = new ManagedProcess(
      'crossplane',
      toolPath('crossplane-core'),
      [
        'core', 'start',
        `--namespace=${CROSSPLANE_NAMESPACE}`,
        '--enable-webhooks=false',
        '--package-runtime=External',
        `--cache-dir=${cacheDir}`,
        `--metrics-port=${metrics}`,
        `--health-probe-port=${health}`,
      ],
      {
        env: { ...env, TLS_CLIENT_CERTS_DIR: clientCerts, TLS_CLIENT_SECRET_NAME: TLS_CLIENT_SECRET },
        logFile: path.join(dir, 'crossplane.log'),
        cleanupDirOnOrphan: dir,
      },
    );
    await proc.waitForPort('127.0.0.1', health, timeout);
    const p = proc;
    return { process: p, cacheDir, startMs: Date.now() - started, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
