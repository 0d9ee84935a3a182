/**
 * The cluster edge of `status`: listing and watching XRs with
 * @kubernetes/client-node, in the cluster src/kube/kubeconfig.ts selects.
 */
import type * as k8s from '@kubernetes/client-node';
import { XrDefinition } from '../dist/xrd';
import { isObject, JsonObject } from '../json/json';
import { ClusterError, clusterErrorLine, httpStatusOf } from '../kube/cluster-error';
import { KubeconfigOptions, loadKubeConfig } from '../kube/kubeconfig';

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

/** Connects to the cluster the kubeconfig and context name; UsageError (exit 2) when they cannot be used. */
export async function connect(opts: KubeconfigOptions): Promise<Cluster> {
  const { lib, kc, context: contextName, server } = await loadKubeConfig(opts);
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
