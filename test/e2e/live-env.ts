/**
 * The live loop's environment, started once for the e2e suite: a real
 * Kubernetes control plane, Crossplane core with function-patch-and-transform
 * installed by its package manager, the provider simulator (the only
 * simulated piece), Argo CD's controller and repo server, and the bare git
 * repository they read. docs/live-loop.md describes the boundary.
 *
 * Every process runs on a random 127.0.0.1 port, is watched by a watchdog
 * that kills it if this process dies, and is stopped (and its temp dir
 * removed) by stop().
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { ApiServer, startApiServer } from '../harness/apiserver';
import { RunningCrossplane, startCrossplane } from '../harness/crossplane-core';
import { KubeRest } from '../harness/kube-rest';
import { ManagedProcess, ProcessMemory, readMemory, removeWhenGone } from '../harness/proc';
import { sharedCrdsDir } from '../harness/tools';
import { installArgoCd, RunningArgoCd, startArgoCd } from './argocd';
import { FunctionRuntime, imageConfig, preparePackage, startFunctionRuntime } from './function-runtime';
import { createGitRemote, GitRemote } from './git-remote';
import { ProviderSimulator } from './provider-simulator';

/** Everything the e2e suite needs installed (checked by describeWithTools). */
export const LIVE_TOOLS = [
  'etcd', 'kube-apiserver', 'kube-controller-manager', 'kubectl', 'crossplane', 'crossplane-core', 'function-patch-and-transform',
  'argocd', 'redis-server', 'git', 'openssl', 'crossplane-crds', 'argocd-crds', 'function-patch-and-transform-package',
] as const;

/** The provider CRDs a cluster with provider-aws-dynamodb, -backup and -iam (namespaced APIs) has. */
const PROVIDER_CRDS = /^(aws|dynamodb\.aws|backup\.aws|iam\.aws|kms\.aws)\.m\.upbound\.io_.*\.yaml$/;

export interface LiveEnv {
  readonly api: ApiServer;
  readonly rest: KubeRest;
  readonly crossplane: RunningCrossplane;
  readonly fn: FunctionRuntime;
  readonly simulator: ProviderSimulator;
  readonly argocd: RunningArgoCd;
  readonly git: GitRemote;
  /** Milliseconds each start-up stage took, in order. */
  readonly stageMs: ReadonlyArray<readonly [string, number]>;
  /** Resident and peak memory per component now (MiB). */
  memory(): Record<string, ProcessMemory | undefined>;
  /** The last lines of every component's log and the simulator's events, for a failing test. */
  diagnostics(lines?: number): string;
  /** Copies every component's full log, and the simulator's events, into dir. */
  saveLogs(dir: string): void;
  stop(): Promise<void>;
}

/** Starts the whole environment; on failure stops what was started and rethrows with the logs. */
export async function startLiveEnv(): Promise<LiveEnv> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ddb-live-'));
  const cancelDirWatch = removeWhenGone(dir);
  const stageMs: Array<readonly [string, number]> = [];
  const stage = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    const t = Date.now();
    const r = await fn();
    stageMs.push([name, Date.now() - t]);
    return r;
  };
  // Filled in as each stage starts, so a failed start stops exactly what is running.
  const parts: { -readonly [K in keyof Omit<LiveEnv, 'stageMs' | 'memory' | 'diagnostics' | 'saveLogs' | 'stop'>]?: LiveEnv[K] } = {};
  const processes = (): Array<[string, ManagedProcess]> => [
    ...(parts.api?.processes ?? []).map((p): [string, ManagedProcess] => [p.name, p]),
    ...(parts.crossplane ? [['crossplane', parts.crossplane.process] as [string, ManagedProcess]] : []),
    ...(parts.fn ? [['function-patch-and-transform', parts.fn.process] as [string, ManagedProcess]] : []),
    ...(parts.argocd ? (['redis', 'repoServer', 'controller'] as const).map((k): [string, ManagedProcess] => [parts.argocd![k].name, parts.argocd![k]]) : []),
  ];
  const diagnostics = (lines = 25): string => [
    ...processes().map(([name, p]) => `----- ${name} (last ${lines} lines) -----\n${p.tail(lines)}`),
    `----- provider simulator (last ${lines} events) -----\n${(parts.simulator?.events ?? []).slice(-lines).join('\n')}`,
  ].join('\n');
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    parts.simulator?.stop();
    await parts.argocd?.stop();
    await parts.fn?.stop();
    await parts.crossplane?.stop();
    parts.rest?.close();
    await parts.api?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
    cancelDirWatch();
  };

  try {
    const api = await stage('kubernetes (etcd, kube-apiserver, kube-controller-manager)', () => startApiServer({ controllerManager: true }));
    parts.api = api;
    const rest = new KubeRest(api);
    parts.rest = rest;
    await stage('provider CRDs', async () => {
      const crdDir = path.join(sharedCrdsDir(), 'provider-aws');
      const files = fs.readdirSync(crdDir).filter((f) => PROVIDER_CRDS.test(f)).sort();
      await api.kubectl(['apply', '--server-side', ...files.flatMap((f) => ['-f', path.join(crdDir, f)])]);
      await api.kubectl(['wait', '--for=condition=Established', '--timeout=60s', ...files.map((f) => `crd/${f.replace(/\.yaml$/, '').split('_')[1]}.${f.split('_')[0]}`)]);
    });
    let pkg: Awaited<ReturnType<typeof preparePackage>> | undefined;
    const crossplane = await stage('crossplane core (init, start)', () =>
      startCrossplane(api, { prepareCache: async (cacheDir) => { pkg = await preparePackage(dir, cacheDir); } }));
    parts.crossplane = crossplane;
    await stage('function runtime (ImageConfig, TLS, function process)', async () => {
      await rest.create({ group: 'pkg.crossplane.io', version: 'v1beta1', plural: 'imageconfigs', namespaced: false }, undefined, imageConfig(pkg!));
      parts.fn = await startFunctionRuntime(rest, dir);
    });
    const simulator = new ProviderSimulator(rest);
    parts.simulator = simulator;
    await stage('provider simulator', () => simulator.start());
    await stage('argo cd (install, redis, repo server, controller)', async () => {
      await installArgoCd(api);
      const argoDir = path.join(dir, 'argocd');
      fs.mkdirSync(argoDir);
      parts.argocd = await startArgoCd(api, argoDir);
    });
    parts.git = await stage('git repository (synth, commit, push)', () => createGitRemote(path.join(dir, 'git')));
  } catch (e) {
    const logs = diagnostics(40);
    await stop();
    throw new Error(`${(e as Error).message}\n${logs}`);
  }

  return {
    api: parts.api, rest: parts.rest, crossplane: parts.crossplane, fn: parts.fn!, simulator: parts.simulator, argocd: parts.argocd!, git: parts.git,
    stageMs,
    memory: () => Object.fromEntries(processes().map(([name, p]) => [name, p.memory()] as const).concat([['jest (tests + provider simulator)', readMemory(process.pid)]])),
    diagnostics,
    saveLogs: (target) => {
      fs.mkdirSync(target, { recursive: true });
      for (const [name, p] of processes()) if (p.logFile && fs.existsSync(p.logFile)) fs.copyFileSync(p.logFile, path.join(target, `${name}.log`));
      fs.writeFileSync(path.join(target, 'provider-simulator.log'), `${parts.simulator?.events.join('\n') ?? ''}\n`);
    },
    stop,
  };
}
