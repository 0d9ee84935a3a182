/**
 * A throwaway Kubernetes control plane for tests: Debian's etcd, the real
 * kube-apiserver and, when asked, kube-controller-manager (Kubernetes
 * v1.35.4, built by tools/install.sh), on random 127.0.0.1 ports. No kubelet,
 * no scheduler: nothing here runs pods; it serves the API, validates, defaults,
 * admits, and (with the controller manager) garbage-collects and finalizes
 * namespaces, which is what deletion needs.
 *
 * How it is wired:
 *  - TLS serving with a certificate from a throwaway CA (SANs 127.0.0.1,
 *    localhost, kubernetes.default.svc); the kubeconfig trusts that CA.
 *  - Authentication: client certificates from the same CA; the kubeconfig's
 *    user is in group system:masters. Authorization AlwaysAllow.
 *  - ServiceAccount admission is off (it wants a token controller and pods we
 *    never run); every other default admission plugin, NamespaceLifecycle
 *    included, stays on, as in a real cluster.
 *  - Priority and fairness is off and the endpoint reconciler is `none`: on
 *    2 cores they cost CPU and nothing here needs them.
 */
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as https from 'https';
import * as os from 'os';
import * as path from 'path';

import { createCa, createKeyPair } from './certs';
import { freePort, ManagedProcess } from './proc';
import { toolPath } from './tools';

export interface ApiServer {
  /** kubeconfig with a single context named `test` (client certificate, CA-verified TLS). */
  readonly kubeconfigPath: string;
  /** https://127.0.0.1:PORT */
  readonly url: string;
  /** PEM of the CA that signed the serving certificate. */
  readonly caPem: string;
  /** PEM client certificate and key of the system:masters user in the kubeconfig. */
  readonly clientCertPem: string;
  readonly clientKeyPem: string;
  /** etcd, kube-apiserver and (if started) kube-controller-manager, for memory figures and logs. */
  readonly processes: readonly ManagedProcess[];
  /** Runs the installed kubectl against this server; rejects on non-zero exit. */
  kubectl(args: string[], stdin?: string): Promise<string>;
  /** Kills every process and removes all temp files; safe to call twice. */
  stop(): Promise<void>;
}

export interface StartApiServerOptions {
  /**
   * How long each component may take to become ready.
   * @default 60000
   */
  readyTimeoutMs?: number;
  /**
   * Keep the temp dir (logs, certs, kubeconfig) after stop(), for debugging.
   * @default false
   */
  keepTempDir?: boolean;
  /**
   * Also run kube-controller-manager with the garbage collector and namespace
   * controllers (deleting an owner deletes its dependents; deleting a
   * namespace empties it).
   * @default false
   */
  controllerManager?: boolean;
}

function kubeconfigYaml(url: string, caPem: string, certPem: string, keyPem: string): string {
  const b64 = (s: string): string => Buffer.from(s).toString('base64');
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- name: test',
    '  cluster:',
    `    server: ${url}`,
    `    certificate-authority-data: ${b64(caPem)}`,
    'users:',
    '- name: test',
    '  user:',
    `    client-certificate-data: ${b64(certPem)}`,
    `    client-key-data: ${b64(keyPem)}`,
    'contexts:',
    '- name: test',
    '  context:',
    '    cluster: test',
    '    user: test',
    'current-context: test',
    '',
  ].join('\n');
}

function httpsStatus(url: string, ca: string, cert: string, key: string): Promise<number> {
  return new Promise((resolve) => {
    const req = https.get(url, { ca, cert, key, timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', () => resolve(0));
    req.on('timeout', () => {
      req.destroy();
      resolve(0);
    });
  });
}

function etcdHealthy(etcdUrl: string): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const req = http.get(`${etcdUrl}/health`, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
  });
}

/** Starts etcd + kube-apiserver (+ kube-controller-manager) on random loopback ports. */
export async function startApiServer(opts: StartApiServerOptions = {}): Promise<ApiServer> {
  const timeout = opts.readyTimeoutMs ?? 60_000;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ddb-apiserver-'));
  const processes: ManagedProcess[] = [];
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    // Reverse start order: clients first, etcd last.
    for (const p of [...processes].reverse()) await p.stop();
    if (!opts.keepTempDir) fs.rmSync(dir, { recursive: true, force: true });
  };
  const orphanDir = opts.keepTempDir ? undefined : dir;

  try {
    const [clientPort, peerPort, apiPort] = [await freePort(), await freePort(), await freePort()];
    const etcdUrl = `http://127.0.0.1:${clientPort}`;
    const peerUrl = `http://127.0.0.1:${peerPort}`;
    const url = `https://127.0.0.1:${apiPort}`;

    const ca = createCa(dir, 'ca');
    const serving = ca.issue('serving', {
      commonName: 'kube-apiserver',
      hosts: ['127.0.0.1', 'localhost', 'kubernetes', 'kubernetes.default', 'kubernetes.default.svc', 'kubernetes.default.svc.cluster.local'],
    });
    const client = ca.issue('admin', { commonName: 'ddb-test-admin', organisation: 'system:masters' });
    const sa = createKeyPair(dir, 'service-account');
    const caPem = fs.readFileSync(ca.cert, 'utf8');
    const clientCertPem = fs.readFileSync(client.cert, 'utf8');
    const clientKeyPem = fs.readFileSync(client.key, 'utf8');
    const kubeconfigPath = path.join(dir, 'kubeconfig');
    fs.writeFileSync(kubeconfigPath, kubeconfigYaml(url, caPem, clientCertPem, clientKeyPem), { mode: 0o600 });

    const etcd = new ManagedProcess(
      'etcd',
      toolPath('etcd'),
      [
        '--name=test',
        `--data-dir=${path.join(dir, 'etcd')}`,
        `--listen-client-urls=${etcdUrl}`,
        `--advertise-client-urls=${etcdUrl}`,
        `--listen-peer-urls=${peerUrl}`,
        `--initial-advertise-peer-urls=${peerUrl}`,
        `--initial-cluster=test=${peerUrl}`,
        '--logger=zap',
        '--log-level=warn',
      ],
      { logFile: path.join(dir, 'etcd.log'), cleanupDirOnOrphan: orphanDir },
    );
    processes.push(etcd);
    await etcd.waitFor(() => etcdHealthy(etcdUrl), timeout, `etcd ${etcdUrl}/health`);

    const api = new ManagedProcess(
      'kube-apiserver',
      toolPath('kube-apiserver'),
      [
        `--etcd-servers=${etcdUrl}`,
        '--bind-address=127.0.0.1',
        '--advertise-address=127.0.0.1',
        `--secure-port=${apiPort}`,
        `--tls-cert-file=${serving.cert}`,
        `--tls-private-key-file=${serving.key}`,
        `--client-ca-file=${ca.cert}`,
        '--anonymous-auth=false',
        '--authorization-mode=AlwaysAllow',
        '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
        `--service-account-key-file=${sa.publicKey}`,
        `--service-account-signing-key-file=${sa.privateKey}`,
        '--service-cluster-ip-range=10.96.0.0/24',
        '--disable-admission-plugins=ServiceAccount',
        '--enable-priority-and-fairness=false',
        '--endpoint-reconciler-type=none',
        '--profiling=false',
      ],
      { logFile: path.join(dir, 'kube-apiserver.log') },
    );
    processes.push(api);
    await api.waitFor(async () => (await httpsStatus(`${url}/readyz`, caPem, clientCertPem, clientKeyPem)) === 200, timeout, `${url}/readyz`);

    if (opts.controllerManager) {
      const kcm = new ManagedProcess(
        'kube-controller-manager',
        toolPath('kube-controller-manager'),
        [
          `--kubeconfig=${kubeconfigPath}`,
          `--authentication-kubeconfig=${kubeconfigPath}`,
          `--authorization-kubeconfig=${kubeconfigPath}`,
          '--controllers=garbagecollector,namespace',
          '--leader-elect=false',
          '--use-service-account-credentials=false',
          '--bind-address=127.0.0.1',
          `--secure-port=${await freePort()}`,
          `--cert-dir=${path.join(dir, 'kcm-certs')}`,
          '--profiling=false',
        ],
        { logFile: path.join(dir, 'kube-controller-manager.log') },
      );
      processes.push(kcm);
      // The garbage collector is what deletion needs; it logs this once it runs.
      await kcm.waitFor(async () => /"Starting controller" controller="garbagecollector"/.test(kcm.logs), timeout, 'kube-controller-manager to start the garbage collector');
    }

    const kubectl = (args: string[], stdin?: string): Promise<string> =>
      new Promise((resolve, reject) => {
        const child = execFile(
          toolPath('kubectl'),
          [`--kubeconfig=${kubeconfigPath}`, '--context=test', ...args],
          { maxBuffer: 64 * 1024 * 1024, timeout: 120_000 },
          (err, stdout, stderr) => {
            if (err) reject(new Error(`kubectl ${args.join(' ')} failed: ${String(stderr).trim() || err.message}`));
            else resolve(String(stdout));
          },
        );
        child.stdin?.end(stdin ?? '');
      });

    return { kubeconfigPath, url, caPem, clientCertPem, clientKeyPem, processes, kubectl, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
