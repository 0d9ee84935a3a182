/**
 * The cluster edge of `status`: kubeconfig and context selection, listing and
 * watching XRs with @kubernetes/client-node.
 *
 * client-node 2.x is an ES module. Node >= 20.19 loads it with require()
 * (it has no top-level await); older Node gets ERR_REQUIRE_ESM, and then a
 * real dynamic import() that TypeScript's CommonJS output leaves alone (a plain
 * `import()` would be compiled to require()). require() comes first because
 * bin/compile-cache.js compiles our modules with vm.Script, where an import()
 * inside `new Function` code has no loader.
 */
import { existsSync } from 'fs';
import { homedir } from 'os';
import { delimiter, join, resolve } from 'path';
import type * as k8s from '@kubernetes/client-node';
import { UsageError } from '../diagnostics/usage-error';
import { ClusterError, clusterErrorLine, httpStatusOf } from './cluster-error';
import { XrDefinition } from '../dist/xrd';
import { JsonObject, isObject } from '../json/json';

type ClientNode = typeof import('@kubernetes/client-node');

// eslint-disable-next-line @typescript-eslint/no-implied-eval
const importEsm = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<ClientNode>;

let clientNode: Promise<ClientNode> | undefined;
function loadClientNode(): Promise<ClientNode> {
  clientNode ??= (async () => {
    try {
      return require('@kubernetes/client-node') as ClientNode;
    } catch (e) {
      if ((e as { code?: unknown }).code !== 'ERR_REQUIRE_ESM') throw e;
      return importEsm('@kubernetes/client-node');
    }
  })();
  return clientNode;
}

export interface KubeconfigOptions {
  /** --kubeconfig */
  readonly kubeconfig?: string;
  /** --context */
  readonly context?: string;
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
}

export interface WatchHandlers {
  readonly onEvent: (type: string, object: JsonObject) => void;
  /** The watch ended (server closed it, a timeout, or an error). */
  readonly onDone: (err: unknown) => void;
}

export interface Cluster {
  readonly context: string;
  readonly server: string;
  /** Lists the XRs of one kind in a namespace; resolves with the list's resourceVersion. */
  list(namespace: string, kind: XrDefinition): Promise<{ items: JsonObject[]; resourceVersion: string }>;
  /** Starts a watch from resourceVersion; resolves with a function that stops it. */
  watch(namespace: string, kind: XrDefinition, resourceVersion: string, handlers: WatchHandlers): Promise<() => void>;
  /** The one-line ClusterError for a failed request. */
  error(err: unknown, kind?: XrDefinition): ClusterError;
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
export async function connect(opts: KubeconfigOptions): Promise<Cluster> {
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
  const contextName = opts.context ?? kc.getCurrentContext();
  if (!contextName) {
    throw new UsageError(`kubeconfig ${label} has no current-context; pass --context NAME`);
  }
  const ctx = kc.getContextObject(contextName);
  if (!ctx) {
    const known = kc.getContexts().map((c) => c.name);
    throw new UsageError(`context "${contextName}" not found in kubeconfig ${label} (${known.length ? `contexts: ${known.join(', ')}` : 'it has no contexts'})`);
  }
  kc.setCurrentContext(contextName);
  const cluster = kc.getCluster(ctx.cluster);
  if (!cluster) {
    throw new UsageError(`context "${contextName}" names cluster "${ctx.cluster}", which is not in kubeconfig ${label}`);
  }
  const server = cluster.server;
  const api = kc.makeApiClient(lib.CustomObjectsApi);
  const errorFor = (err: unknown, kind?: XrDefinition): ClusterError =>
    new ClusterError(clusterErrorLine(contextName, server, err, kind ? `${kind.plural}.${kind.group}/${kind.version}` : undefined));

  return {
    context: contextName,
    server,
    async list(namespace, kind) {
      let res: unknown;
      try {
        res = await api.listNamespacedCustomObject({ group: kind.group, version: kind.version, namespace, plural: kind.plural });
      } catch (e) {
        throw errorFor(e, kind);
      }
      const body = (isObject(res) ? res : {}) as JsonObject;
      const items = Array.isArray(body.items) ? body.items.filter(isObject) : [];
      const meta = isObject(body.metadata) ? body.metadata : {};
      return { items, resourceVersion: typeof meta.resourceVersion === 'string' ? meta.resourceVersion : '' };
    },
    async watch(namespace, kind, resourceVersion, handlers) {
      const watch: k8s.Watch = new lib.Watch(kc);
      const path = `/apis/${kind.group}/${kind.version}/namespaces/${encodeURIComponent(namespace)}/${kind.plural}`;
      const controller = await watch.watch(
        path,
        { resourceVersion, allowWatchBookmarks: true },
        (type, object) => handlers.onEvent(type, isObject(object) ? object : {}),
        (err) => handlers.onDone(err),
      );
      return () => controller.abort();
    },
    error: errorFor,
  };
}

/** True when a watch ended because its resourceVersion is too old (410 Gone): list again. */
export function isGone(err: unknown): boolean {
  return httpStatusOf(err) === 410;
}
