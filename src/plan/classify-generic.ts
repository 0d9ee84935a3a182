import { KubeObject } from '../render/render';
import { change } from './change';
import { diffPaths } from '../json/diff';
import { listSomeChange } from '../text/lists';
import { metadataChanges, pruneNeedsConfirmation } from './metadata';
import { classifier } from './classifier';
import { Change } from './types';

/** What deleting an object of a kind does, beyond the object itself. */
const DELETE_EFFECTS: Readonly<Record<string, Change>> = {
  Namespace: change('deletes the namespace and every XR in it: tables in full management mode are deleted with their items', ['delete'], ['data-loss']),
  ProviderConfig: change('Crossplane can no longer reach the account: the environment\'s XRs stop syncing', [], ['app-impact']),
  CompositeResourceDefinition: change('deleting an XRD deletes every XR of its kind, in every namespace', [], ['data-loss']),
  Composition: change('XRs that use it stop reconciling', [], ['app-impact']),
  Function: change('Compositions that call it stop reconciling', [], ['app-impact']),
  // charts/argocd/gitops-application.ts renders no resources finalizer, so the delete never cascades.
  Application: change('Argo CD deletes the Application only: it has no resources finalizer, so everything it synced stays in the cluster, orphaned'),
};

/** Namespaces, ProviderConfigs, platform and Argo CD objects: a structural diff by path. */
export const classifyGeneric = classifier({
  created: (head) => [change(`creates ${head.kind} ${head.metadata.name}`)],
  deleted: (base) => {
    const effect = DELETE_EFFECTS[base.kind];
    const confirm = pruneNeedsConfirmation(base) ? '; Argo CD waits for someone to confirm the prune' : '';
    return [effect ? { ...effect, text: `removed: ${effect.text}${confirm}` } : change(`removes ${base.kind} ${base.metadata.name}${confirm}`)];
  },
  updated: (base, head) => {
    const paths = diffPaths(body(base), body(head));
    return [...(paths.length ? [change(listSomeChange(paths))] : []), ...metadataChanges(base, head)];
  },
});

/** Everything but apiVersion, kind and metadata (those are compared by metadataChanges). */
function body(o: KubeObject): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (k !== 'apiVersion' && k !== 'kind' && k !== 'metadata') out[k] = v;
  return out;
}
