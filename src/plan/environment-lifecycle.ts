import { applicationName } from '../../charts/argocd/app-sync';
import { Model } from '../model/resolved';
import { KubeObject, RenderedObject } from '../render/render';
import { pruneNeedsConfirmation } from './metadata';
import { EnvironmentLifecycle } from './types';

/** The page with the safe steps for adding, renaming and removing an environment. */
export const ENVIRONMENTS_DOC = 'docs/environments.md';
/** Its section on removing one; test/plan checks the anchor is a heading there. */
export const REMOVING_DOC = `${ENVIRONMENTS_DOC}#removing-an-environment`;
/** Its section on renaming one. */
export const RENAMING_DOC = `${ENVIRONMENTS_DOC}#renaming-an-environment`;

/** The Argo CD annotation that says which Application an object belongs to (annotation tracking, pinned in argocd-cm). */
export const TRACKING_ID = 'argocd.argoproj.io/tracking-id';

/** One side of the plan, as far as environments go. */
export interface LifecycleSide {
  readonly objects: readonly RenderedObject[];
  /**
   * The side's model, when it came from sources.
   * @default undefined: environments are the folders that render a Namespace
   */
  readonly model?: Model;
}

/** How the environments themselves change between base and head. */
export interface EnvironmentMoves {
  /** Base name → head name: the head environment renders the base one's namespace under another name. */
  readonly renamed: ReadonlyMap<string, string>;
  /** Keyed by the folder the plan lists the environment under: the head name when renamed, else the base name. */
  readonly lifecycles: ReadonlyMap<string, EnvironmentLifecycle>;
}

/**
 * Environments on the base but not the head. Each had an Argo CD Application
 * (`<project>-<env>`) that the root app now prunes. The Applications have no
 * `resources-finalizer.argocd.argoproj.io` (charts/argocd/gitops-application.ts),
 * so deleting one deletes none of its objects: they stay, orphaned, and
 * Crossplane keeps reconciling them. When a new environment renders the same
 * namespace, it is a rename: its Application finds the same objects, but their
 * tracking-id still names the old Application, and Argo CD v3.1 raises
 * SharedResourceWarning for any live object whose tracking-id names another
 * app, whether or not that app still exists (controller/state.go, CompareAppState),
 * which FailOnSharedResource=true turns into a failed sync (controller/sync.go).
 */
export function environmentMoves(base: LifecycleSide, head: LifecycleSide): EnvironmentMoves {
  const before = environments(base);
  const after = environments(head);
  const project = base.model?.argocd.project ?? head.model?.argocd.project;
  const app = (env: string) => (project ? applicationName(project, env) : `the Application of ${env}`);
  const root = project ? applicationName(project, 'root') : 'the root app';
  const renamed = new Map<string, string>();
  const lifecycles = new Map<string, EnvironmentLifecycle>();
  const added = [...after.keys()].filter((e) => !before.has(e));
  for (const [name, { namespace, confirm }] of before) {
    if (after.has(name)) continue;
    const pruned = `the root app prunes ${app(name)}${confirm ? ` once someone confirms it (it carries Prune=confirm: argocd app confirm-deletion ${root})` : ''}`;
    const to = added.find((e) => namespace !== undefined && after.get(e)!.namespace === namespace);
    if (to !== undefined) {
      renamed.set(name, to);
      lifecycles.set(to, {
        change: 'renamed', from: name, oldApplication: app(name), newApplication: app(to), docs: RENAMING_DOC,
        text: `environment ${name} is renamed ${to} and keeps namespace ${namespace}: ${app(to)} takes over what ${app(name)} synced, and ${pruned}; `
          + `that Application has no resources finalizer, so nothing is deleted. But every object it synced still carries ${TRACKING_ID} naming ${app(name)}, `
          + `so with FailOnSharedResource=true the sync of ${app(to)} fails ("Shared resource found") until that annotation is removed, even once ${app(name)} is gone`,
      });
    } else {
      lifecycles.set(name, {
        change: 'removed', oldApplication: app(name), docs: REMOVING_DOC,
        text: `environment ${name} is removed: ${pruned}. That Application has no resources finalizer, so Argo CD deletes none of its objects and Crossplane deletes no table: `
          + `${namespace ? `namespace ${namespace}, ` : ''}its ProviderConfig and XRs stay in the cluster, orphaned, and Crossplane keeps each table as last synced while git no longer changes or guards it`,
      });
    }
  }
  return { renamed, lifecycles };
}

/** Environment name → its namespace and whether its objects need a confirmed prune; from the model, else from the folders that render a Namespace. */
function environments(side: LifecycleSide): Map<string, { namespace?: string; confirm: boolean }> {
  const namespaces = new Map<string, KubeObject>();
  for (const o of side.objects) if (o.object.kind === 'Namespace') namespaces.set(o.dir, o.object);
  const out = new Map<string, { namespace?: string; confirm: boolean }>();
  if (side.model) {
    for (const e of side.model.environments) out.set(e.name, { namespace: e.namespace, confirm: e.confirmDeletion });
    return out;
  }
  for (const [dir, ns] of namespaces) out.set(dir, { namespace: ns.metadata.name, confirm: pruneNeedsConfirmation(ns) });
  return out;
}
