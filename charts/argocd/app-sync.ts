/**
 * How the Argo CD Applications sync: waves between Applications, retry, sync
 * options, and the prune/confirm policy each app derives from the
 * environments. Pure data and functions, so tests read the same constants.
 */
import { EnvironmentModel } from '../../src/model/resolved';

/**
 * Sync waves of the objects the root app of apps applies. The root waits for
 * each wave to be Healthy before the next (Application health comes from the
 * `argoproj.io_Application` check in the argocd-cm patch), so the environment
 * apps only appear once the platform app is Healthy: XRDs established,
 * Compositions and the Function installed. Every environment shares one wave,
 * so one unhealthy environment never holds back another.
 */
export const APP_WAVES = {
  /** The workload AppProject, which every app below needs. */
  project: -2,
  platform: -1,
  environments: 0,
} as const;

/**
 * Retry a failed sync with exponential backoff: 10s, 20s, 40s … capped at
 * 5m, ten times (about 30 minutes). Covers a CRD that is not established yet
 * or a webhook that is briefly down; a new commit starts a fresh series.
 */
export const SYNC_RETRY = {
  limit: 10,
  backoff: { duration: '10s', factor: 2, maxDuration: '5m' },
} as const;

/**
 * Sync options on every Application:
 * - `ServerSideApply=true`: Argo CD owns only the fields it renders, so the
 *   fields Crossplane writes (spec.crossplane, status, references) never look
 *   like drift, and large XRDs/Compositions avoid the last-applied annotation limit;
 * - `FailOnSharedResource=true`: refuse to sync an object another Application
 *   already tracks instead of silently taking it over;
 * - `PruneLast=true`: when pruning is allowed, prune only after everything
 *   else in the sync is applied and healthy (a renamed table's new XR first).
 * No `CreateNamespace=true`: the environment charts render their namespaces.
 */
export const APP_SYNC_OPTIONS = ['ServerSideApply=true', 'FailOnSharedResource=true', 'PruneLast=true'] as const;

/** Only the committed YAML files of a folder: no Jsonnet, no subfolders, nothing rendered at sync time. */
export const PLAIN_YAML_DIRECTORY = { recurse: false, include: '*.yaml' } as const;

/** The in-cluster API server: where Argo CD's own Applications and AppProjects live. */
export const IN_CLUSTER_SERVER = 'https://kubernetes.default.svc';

export interface AppPolicy {
  /** Automated sync may delete live objects that left git. */
  readonly prune: boolean;
  /** The Application object itself carries Prune=confirm,Delete=confirm for the root app. */
  readonly confirmDeletion: boolean;
}

/** An environment app follows its environment file's `sync` block. */
export function environmentPolicy(env: Pick<EnvironmentModel, 'prune' | 'confirmDeletion'>): AppPolicy {
  return { prune: env.prune, confirmDeletion: env.confirmDeletion };
}

/**
 * The platform app serves every environment: deleting an XRD deletes every
 * XR of its kind in every namespace. So it takes the strictest policy of all
 * environments: it prunes only if every environment prunes, and needs
 * confirmation if any environment does.
 */
export function platformPolicy(envs: readonly Pick<EnvironmentModel, 'prune' | 'confirmDeletion'>[]): AppPolicy {
  return {
    prune: envs.every((e) => e.prune),
    confirmDeletion: envs.some((e) => e.confirmDeletion),
  };
}

/**
 * `<project>-<part>`: the root app (`root`), the platform app (`platform`) and
 * each environment's app (its name). `plan` names the same Applications when
 * it explains what removing or renaming an environment does.
 */
export function applicationName(project: string, part: string): string {
  return `${project}-${part}`;
}

/** `dist/<dir>` under the repository's `path` prefix ('' = repository root). */
export function distPath(prefix: string, dir: string): string {
  const p = prefix.replace(/^\/+|\/+$/g, '');
  return p ? `${p}/dist/${dir}` : `dist/${dir}`;
}
