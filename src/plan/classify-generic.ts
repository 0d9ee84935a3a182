import { KubeObject } from '../render/render';
import { change } from './change';
import { deepEqual, diffPaths, listSome } from './diff';
import { metadataChanges, pruneNeedsConfirmation } from './metadata';
import { Change, Classified } from './types';

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
export function classifyGeneric(base: KubeObject | undefined, head: KubeObject | undefined): Classified {
  if (!base && head) return { action: 'create', changes: [change(`creates ${head.kind} ${head.metadata.name}`)] };
  if (base && !head) {
    const effect = DELETE_EFFECTS[base.kind];
    const confirm = pruneNeedsConfirmation(base) ? '; Argo CD waits for someone to confirm the prune' : '';
    return { action: 'delete', changes: [effect ? { ...effect, text: `removed: ${effect.text}${confirm}` } : change(`removes ${base.kind} ${base.metadata.name}${confirm}`)] };
  }
  if (!base || !head) throw new Error('classifyGeneric needs at least one side');
  const paths = diffPaths(body(base), body(head));
  const changes: Change[] = paths.length ? [change(`${listSome(paths)} change${paths.length === 1 ? 's' : ''}`)] : [];
  changes.push(...metadataChanges(base, head));
  if (changes.length || !deepEqual(base, head)) return { action: 'update', changes };
  return { action: 'no-op', changes: [] };
}

/** Everything but apiVersion, kind and metadata (those are compared by metadataChanges). */
function body(o: KubeObject): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (k !== 'apiVersion' && k !== 'kind' && k !== 'metadata') out[k] = v;
  return out;
}
