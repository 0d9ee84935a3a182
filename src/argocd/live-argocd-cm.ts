/**
 * The cluster edge of `ddbops patch-argocd-cm`: reads the live argocd-cm and
 * merge-patches it with @kubernetes/client-node, in the cluster
 * src/kube/kubeconfig.ts selects, as `status` reads XRs there.
 */
import { UsageError } from '../diagnostics/usage-error';
import { clusterErrorLine, httpStatusOf } from '../kube/cluster-error';
import { KubeconfigOptions, loadKubeConfig } from '../kube/kubeconfig';

/** The part of a ConfigMap the merge reads. */
export interface ConfigMapLike {
  readonly metadata?: { readonly name?: string; readonly namespace?: string };
  readonly data?: Readonly<Record<string, string>>;
}

/** One ConfigMap in one cluster. */
export interface LiveConfigMap {
  read(): Promise<ConfigMapLike>;
  /** A JSON merge patch (`kubectl patch --type merge`). */
  patch(patch: { readonly data: Readonly<Record<string, string>> }): Promise<void>;
}

/** The ConfigMap `namespace/name` in the kubeconfig's cluster; every failure is a one-line usage error (exit 2). */
export async function liveConfigMap(opts: KubeconfigOptions, namespace: string, name: string): Promise<LiveConfigMap> {
  const { lib, kc, context, server } = await loadKubeConfig(opts);
  const api = kc.makeApiClient(lib.CoreV1Api);
  const failed = (e: unknown): UsageError => (httpStatusOf(e) === 404
    ? new UsageError(`there is no ConfigMap ${namespace}/${name} in the cluster of context "${context}" (${server})`,
      'install Argo CD there first, or pass --context for the cluster it runs in')
    : new UsageError(clusterErrorLine(context, server, e, `configmaps in namespace ${namespace}`)));
  return {
    async read() {
      try {
        return await api.readNamespacedConfigMap({ name, namespace });
      } catch (e) {
        throw failed(e);
      }
    },
    async patch(patch) {
      try {
        await api.patchNamespacedConfigMap({ name, namespace, body: patch }, lib.setHeaderOptions('Content-Type', lib.PatchStrategy.MergePatch));
      } catch (e) {
        throw failed(e);
      }
    },
  };
}
