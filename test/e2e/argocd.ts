/**
 * Argo CD v3.1.9, the real application controller and repo server, run
 * outside a cluster the way Argo CD's own Procfile runs them for development:
 * one binary picked by ARGOCD_BINARY_NAME, ARGOCD_FAKE_IN_CLUSTER=true so the
 * in-cluster destination (https://kubernetes.default.svc) is the kubeconfig's
 * server, and Debian's redis-server as the cache.
 *
 * The argocd namespace gets what Argo CD's install manifests create (the
 * CRDs and the base ConfigMaps and Secret of v3.1.9, from its module), so
 * argocd-cm starts with Argo CD's own defaults and our
 * `ddbops patch-argocd-cm` merges into them as it would on a real install.
 * No API server, UI, Dex or ApplicationSet controller: nothing in the loop
 * talks to them.
 */
import * as fs from 'fs';
import * as path from 'path';

import { ApiServer } from '../harness/apiserver';
import { freePort, ManagedProcess } from '../harness/proc';
import { toolPath } from '../harness/tools';

export const ARGOCD_NAMESPACE = 'argocd';

export interface RunningArgoCd {
  readonly redis: ManagedProcess;
  readonly repoServer: ManagedProcess;
  readonly controller: ManagedProcess;
  stop(): Promise<void>;
}

/** Installs Argo CD's CRDs and base configuration into the argocd namespace. */
export async function installArgoCd(api: ApiServer): Promise<void> {
  await api.kubectl(['create', 'namespace', ARGOCD_NAMESPACE]);
  const crds = toolPath('argocd-crds');
  for (const f of ['application-crd.yaml', 'appproject-crd.yaml']) {
    await api.kubectl(['apply', '--server-side', '-f', path.join(crds, f)]);
  }
  await api.kubectl(['wait', '--for=condition=Established', '--timeout=60s', 'crd/applications.argoproj.io', 'crd/appprojects.argoproj.io']);
  const config = path.join(crds, '..', 'base', 'config');
  for (const f of fs.readdirSync(config).filter((x) => x.endsWith('.yaml') && x !== 'kustomization.yaml').sort()) {
    await api.kubectl(['apply', '-n', ARGOCD_NAMESPACE, '-f', path.join(config, f)]);
  }
  // The API server would generate this on its first start; the controller reads settings that expect it.
  await api.kubectl(['patch', 'secret', 'argocd-secret', '-n', ARGOCD_NAMESPACE, '--type=merge', '-p',
    JSON.stringify({ stringData: { 'server.secretkey': 'e2e-not-a-secret' } })]);
}

/** Starts redis, the repo server and the application controller; resolves when all listen. */
export async function startArgoCd(api: ApiServer, workDir: string): Promise<RunningArgoCd> {
  const dirs = ['tls', 'ssh', 'gnupg', 'tmp'].map((d) => path.join(workDir, d));
  for (const d of dirs) fs.mkdirSync(d, { recursive: true, mode: 0o700 });
  const [tlsDir, sshDir, gnupgDir, tmpDir] = dirs;
  const started: ManagedProcess[] = [];
  const stop = async (): Promise<void> => {
    for (const p of [...started].reverse()) await p.stop();
  };
  try {
    const [redisPort, repoPort, repoMetrics, ctrlMetrics] = [await freePort(), await freePort(), await freePort(), await freePort()];
    const redis = new ManagedProcess('redis-server', toolPath('redis-server'),
      ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', workDir],
      { logFile: path.join(workDir, 'redis.log') });
    started.push(redis);
    await redis.waitForPort('127.0.0.1', redisPort, 30_000);

    const env = (binary: string): NodeJS.ProcessEnv => ({
      ...process.env,
      ARGOCD_BINARY_NAME: binary,
      ARGOCD_FAKE_IN_CLUSTER: 'true',
      KUBECONFIG: api.kubeconfigPath,
      ARGOCD_TLS_DATA_PATH: tlsDir,
      ARGOCD_SSH_DATA_PATH: sshDir,
      ARGOCD_GNUPGHOME: gnupgDir,
      ARGOCD_GPG_ENABLED: 'false',
      // The repo server checks repositories out under the temp dir; keep them inside ours.
      TMPDIR: tmpDir,
    });
    const repoServer = new ManagedProcess('argocd-repo-server', toolPath('argocd'),
      ['--address', '127.0.0.1', '--port', String(repoPort), '--metrics-address', '127.0.0.1', '--metrics-port', String(repoMetrics),
        '--redis', `127.0.0.1:${redisPort}`, '--disable-tls', '--loglevel', 'info'],
      { env: env('argocd-repo-server'), cwd: workDir, logFile: path.join(workDir, 'repo-server.log') });
    started.push(repoServer);
    await repoServer.waitForPort('127.0.0.1', repoPort, 60_000);

    const controller = new ManagedProcess('argocd-application-controller', toolPath('argocd'),
      ['--namespace', ARGOCD_NAMESPACE, '--redis', `127.0.0.1:${redisPort}`, '--repo-server', `127.0.0.1:${repoPort}`, '--repo-server-plaintext',
        '--metrics-port', String(ctrlMetrics), '--status-processors', '4', '--operation-processors', '4', '--loglevel', 'info'],
      { env: env('argocd-application-controller'), cwd: workDir, logFile: path.join(workDir, 'application-controller.log') });
    started.push(controller);
    await controller.waitForPort('127.0.0.1', ctrlMetrics, 60_000);
    return { redis, repoServer, controller, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
