/**
 * function-patch-and-transform for a Crossplane that can neither pull images
 * nor run Deployments, done the way Crossplane supports it:
 *
 * 1. The package. dist/platform's Function names
 *    xpkg.crossplane.io/crossplane-contrib/function-patch-and-transform:v0.10.8.
 *    We build that package with the real CLI (`crossplane xpkg build`) from
 *    the function module's own package/ sources (v0.10.7: the same code and
 *    input CRD, see tools/install.sh), and place it in Crossplane's package
 *    cache with `crossplane xpkg extract`, the documented way to pre-load the
 *    cache of an air-gapped cluster. An ImageConfig pins the tag to the
 *    package's digest, so Crossplane resolves it without asking a registry and
 *    finds it in the cache. Crossplane's package manager then installs the
 *    Function from dist/ for real: revision, input CRD, health.
 * 2. The runtime. With `--package-runtime=External` Crossplane leaves running
 *    the function to an external runtime, which must serve it and report the
 *    FunctionRevision's endpoint and RuntimeHealthy condition. This module is
 *    that runtime: it runs the function binary locally with a server
 *    certificate signed by Crossplane's root CA (Crossplane dials functions
 *    with mutual TLS), keeps that certificate in the Secret a Deployment
 *    runtime would create (`<function>-tls-server`; the revision controller
 *    reads it before it installs the package's CRDs), and reports the
 *    revision's endpoint, TLS server Secret and RuntimeHealthy condition.
 */
import { execFile } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

import { loadCa } from '../harness/certs';
import { CROSSPLANE_NAMESPACE, ROOT_CA_SECRET } from '../harness/crossplane-core';
import { KubeApiError, KubeObject, KubeRest, ResourceType } from '../harness/kube-rest';
import { freePort, ManagedProcess } from '../harness/proc';
import { toolPath } from '../harness/tools';

export const FUNCTION_NAME = 'function-patch-and-transform';
export const FUNCTION_SOURCE = 'xpkg.crossplane.io/crossplane-contrib/function-patch-and-transform';
const FUNCTION_TAG = 'v0.10.8';
const FUNCTION_REVISIONS: ResourceType = { group: 'pkg.crossplane.io', version: 'v1', plural: 'functionrevisions', namespaced: false };

function run(file: string, args: string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { cwd, timeout: 120_000 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${path.basename(file)} ${args.join(' ')} failed: ${String(stderr).trim() || err.message}`));
      else resolve(String(stdout));
    });
  });
}

/**
 * Crossplane's cache key for a package (crossplane-runtime xpkg.FriendlyID of
 * the source and the digest, made a DNS label); the cache file is `<key>.gz`.
 */
export function packageCacheKey(source: string, digest: string): string {
  const s = `${source.slice(0, 50)}-${digest.slice(0, 12)}`;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const b = s[i];
    if (/[a-z0-9]/.test(b)) out += b;
    if ('./:-'.includes(b) && i !== 0 && i !== 62 && i !== s.length - 1) out += '-';
    if (i === 62) break;
  }
  return out.replace(/^-+|-+$/g, '');
}

/** What the prepared package is known by. */
export interface FunctionPackage {
  /** sha256:… of the built package file. */
  readonly digest: string;
  /** The digest-pinned reference the ImageConfig rewrites the rendered tag to. */
  readonly pinned: string;
}

/** Builds the package into workDir and extracts it into Crossplane's cache dir. */
export async function preparePackage(workDir: string, cacheDir: string): Promise<FunctionPackage> {
  const root = path.join(workDir, 'package');
  fs.cpSync(toolPath('function-patch-and-transform-package'), root, { recursive: true, dereference: true });
  // The module cache is read-only; so is the copy, which the temp dir's removal must be able to delete.
  const writable = (p: string): void => {
    fs.chmodSync(p, fs.statSync(p).isDirectory() ? 0o755 : 0o644);
    if (fs.statSync(p).isDirectory()) for (const e of fs.readdirSync(p)) writable(path.join(p, e));
  };
  writable(root);
  const xpkg = path.join(workDir, 'function-patch-and-transform.xpkg');
  await run(toolPath('crossplane'), ['xpkg', 'build', `--package-root=${root}`, `--examples-root=${path.join(root, 'examples')}`, `--package-file=${xpkg}`], workDir);
  const digest = `sha256:${createHash('sha256').update(fs.readFileSync(xpkg)).digest('hex')}`;
  const out = path.join(cacheDir, `${packageCacheKey(FUNCTION_SOURCE, digest)}.gz`);
  await run(toolPath('crossplane'), ['xpkg', 'extract', '--from-xpkg', xpkg, `--output=${out}`], workDir);
  return { digest, pinned: `${FUNCTION_SOURCE}@${digest}` };
}

/** The ImageConfig that pins the rendered tag to the built package's digest. */
export function imageConfig(pkg: FunctionPackage): KubeObject {
  return {
    apiVersion: 'pkg.crossplane.io/v1beta1',
    kind: 'ImageConfig',
    metadata: { name: 'function-patch-and-transform-digest' },
    spec: {
      matchImages: [{ type: 'Prefix', prefix: `${FUNCTION_SOURCE}:${FUNCTION_TAG}` }],
      rewriteImage: { prefix: pkg.pinned },
    },
  };
}

export interface FunctionRuntime {
  readonly process: ManagedProcess;
  /** What the FunctionRevision's status.endpoint is set to. */
  readonly endpoint: string;
  stop(): Promise<void>;
}

type Condition = { type: string; status: string; reason?: string; message?: string; lastTransitionTime?: string };

/** Starts the function with TLS and reports it on every active FunctionRevision of the package. */
export async function startFunctionRuntime(rest: KubeRest, workDir: string): Promise<FunctionRuntime> {
  const secret = await rest.get({ group: '', version: 'v1', plural: 'secrets' }, CROSSPLANE_NAMESPACE, ROOT_CA_SECRET) as { data: Record<string, string> };
  const decode = (k: string): string => Buffer.from(secret.data[k] ?? '', 'base64').toString();
  const certDir = path.join(workDir, 'function-tls');
  fs.mkdirSync(certDir, { recursive: true });
  const ca = loadCa(certDir, 'crossplane-root-ca', decode('tls.crt'), decode('tls.key'));
  const server = ca.issue('server', { commonName: FUNCTION_NAME, hosts: ['localhost', '127.0.0.1'] });
  fs.copyFileSync(server.cert, path.join(certDir, 'tls.crt'));
  fs.copyFileSync(server.key, path.join(certDir, 'tls.key'));
  fs.copyFileSync(ca.cert, path.join(certDir, 'ca.crt'));

  // What Crossplane's Deployment runtime would make (runtime_function.go, FunctionHooks.Pre).
  const tlsSecret = `${FUNCTION_NAME}-tls-server`;
  await rest.create({ group: '', version: 'v1', plural: 'secrets' }, CROSSPLANE_NAMESPACE, {
    apiVersion: 'v1', kind: 'Secret', type: 'Opaque',
    metadata: { name: tlsSecret, namespace: CROSSPLANE_NAMESPACE },
    data: Object.fromEntries(['tls.crt', 'tls.key', 'ca.crt'].map((f) => [f, fs.readFileSync(path.join(certDir, f)).toString('base64')])),
  });

  const port = await freePort();
  const proc = new ManagedProcess(FUNCTION_NAME, toolPath('function-patch-and-transform'), [`--address=127.0.0.1:${port}`], {
    env: { ...process.env, TLS_SERVER_CERTS_DIR: certDir },
    logFile: path.join(workDir, 'function.log'),
  });
  await proc.waitForPort('127.0.0.1', port, 30_000);
  const endpoint = `dns:///localhost:${port}`;

  // Report on each revision until it carries our endpoint and RuntimeHealthy=True.
  let stopped = false;
  let stopWatch = (): void => undefined;
  const report = async (rev: KubeObject): Promise<void> => {
    const labels = rev.metadata?.labels ?? {};
    const spec = rev.spec as { desiredState?: string } | undefined;
    if (labels['pkg.crossplane.io/package'] !== FUNCTION_NAME || spec?.desiredState !== 'Active') return;
    const status = (rev.status ?? {}) as { endpoint?: string; tlsServerSecretName?: string; conditions?: Condition[] };
    const healthy = (status.conditions ?? []).find((c) => c.type === 'RuntimeHealthy');
    if (status.endpoint === endpoint && status.tlsServerSecretName === tlsSecret && healthy?.status === 'True') return;
    const conditions = (status.conditions ?? []).filter((c) => c.type !== 'RuntimeHealthy');
    conditions.push({ type: 'RuntimeHealthy', status: 'True', reason: 'HealthyPackageRevision', lastTransitionTime: new Date().toISOString().replace(/\.\d+Z$/, 'Z') });
    try {
      await rest.replace(FUNCTION_REVISIONS, { ...rev, status: { ...status, endpoint, tlsServerSecretName: tlsSecret, conditions } }, 'status');
    } catch (e) {
      // A conflict means Crossplane wrote first; the watch brings the new version.
      if (!(e instanceof KubeApiError && e.status === 409)) throw e;
    }
  };
  const watchFrom = async (): Promise<void> => {
    if (stopped) return;
    const { items, resourceVersion } = await rest.list(FUNCTION_REVISIONS);
    for (const rev of items) await report(rev).catch(() => undefined);
    stopWatch = rest.watch(FUNCTION_REVISIONS, undefined, resourceVersion,
      (e) => {
        if (e.type === 'ADDED' || e.type === 'MODIFIED') void report(e.object).catch(() => undefined);
      },
      () => {
        if (!stopped) setTimeout(() => void watchFrom().catch(() => undefined), 500);
      });
  };
  await watchFrom();

  return {
    process: proc,
    endpoint,
    stop: async () => {
      stopped = true;
      stopWatch();
      await proc.stop();
    },
  };
}
