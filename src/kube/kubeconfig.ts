/**
 * Which cluster a command talks to: the kubeconfig (--kubeconfig, else
 * $KUBECONFIG, else ~/.kube/config, else the in-cluster service account) and
 * its context (--context, else the current one). Every failure to get there
 * is a UsageError (exit 2) that says which file or context.
 */
import { existsSync } from 'fs';
import { homedir } from 'os';
import { delimiter, join, resolve } from 'path';
import type * as k8s from '@kubernetes/client-node';
import { UsageError } from '../diagnostics/usage-error';
import { ClientNode, loadClientNode } from './client-node';

export interface KubeconfigOptions {
  /**
   * --kubeconfig
   * @default $KUBECONFIG, else ~/.kube/config
   */
  readonly kubeconfig?: string;
  /**
   * --context
   * @default the kubeconfig's current context
   */
  readonly context?: string;
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
}

/** A kubeconfig with its context selected, and what messages name it by. */
export interface KubeContext {
  readonly lib: ClientNode;
  readonly kc: k8s.KubeConfig;
  readonly context: string;
  readonly server: string;
}

function describeSource(opts: KubeconfigOptions): { files: string[]; label: string } | undefined {
  if (opts.kubeconfig) {
    const file = resolve(opts.cwd, opts.kubeconfig);
    return { files: [file], label: file };
  }
  const fromEnv = (opts.env.KUBECONFIG ?? '').split(delimiter).filter(Boolean);
  if (fromEnv.length > 0) return { files: fromEnv.map((f) => resolve(opts.cwd, f)), label: `KUBECONFIG=${opts.env.KUBECONFIG}` };
  const home = opts.env.HOME || homedir();
  const def = join(home, '.kube', 'config');
  return existsSync(def) ? { files: [def], label: def } : undefined;
}

function firstLine(e: unknown): string {
  const err = e as { code?: unknown; message?: unknown };
  if (err?.code === 'ENOENT') return 'no such file';
  if (err?.code === 'EACCES') return 'permission denied';
  if (err?.code === 'EISDIR') return 'is a directory';
  return String(err?.message ?? e).split('\n')[0];
}

/** Loads the kubeconfig and selects the context; UsageError (exit 2) when that cannot be done. */
export async function loadKubeConfig(opts: KubeconfigOptions): Promise<KubeContext> {
  const lib = await loadClientNode();
  const kc = new lib.KubeConfig();
  const source = describeSource(opts);
  if (!source) {
    if (opts.env.KUBERNETES_SERVICE_HOST) {
      kc.loadFromCluster();
    } else {
      throw new UsageError('no kubeconfig: --kubeconfig not given, KUBECONFIG not set and ~/.kube/config does not exist');
    }
  } else {
    for (const file of source.files) {
      try {
        if (file === source.files[0]) {
          kc.loadFromFile(file);
        } else {
          const more = new lib.KubeConfig();
          more.loadFromFile(file);
          kc.mergeConfig(more);
        }
      } catch (e) {
        throw new UsageError(`cannot read kubeconfig ${file}: ${firstLine(e)}`);
      }
    }
  }
  const label = source?.label ?? 'in-cluster config';
  const context = opts.context ?? kc.getCurrentContext();
  if (!context) {
    throw new UsageError(`kubeconfig ${label} has no current-context; pass --context NAME`);
  }
  const ctx = kc.getContextObject(context);
  if (!ctx) {
    const known = kc.getContexts().map((c) => c.name);
    throw new UsageError(`context "${context}" not found in kubeconfig ${label} (${known.length ? `contexts: ${known.join(', ')}` : 'it has no contexts'})`);
  }
  kc.setCurrentContext(context);
  const cluster = kc.getCluster(ctx.cluster);
  if (!cluster) {
    throw new UsageError(`context "${context}" names cluster "${ctx.cluster}", which is not in kubeconfig ${label}`);
  }
  return { lib, kc, context, server: cluster.server };
}
