import { Construct } from 'constructs';
import { Application } from '../../imports/argoproj.io';
import { argocdMetadata } from '../sync-policy';
import { APP_SYNC_OPTIONS, PLAIN_YAML_DIRECTORY, SYNC_RETRY } from './app-sync';

export interface GitOpsApplicationProps {
  /** Application name, unique in the Argo CD namespace. */
  readonly name: string;
  /** Namespace Argo CD runs in (where Applications live). */
  readonly namespace: string;
  /** AppProject the Application belongs to. */
  readonly project: string;
  /** Git repository and the branch (or tag) to track. */
  readonly repository: { readonly url: string; readonly revision: string };
  /** Folder of committed YAML in the repository, e.g. `dist/prod`. */
  readonly path: string;
  /** Cluster, and for namespaced content the namespace, to sync to. */
  readonly destination: { readonly server: string; readonly namespace?: string };
  /** `argocd.argoproj.io/sync-wave` of the Application within its parent (the root app). */
  readonly wave: number;
  /**
   * Automated sync deletes live objects that were removed from git.
   * @default false
   */
  readonly prune?: boolean;
  /**
   * The Application object carries `Prune=confirm,Delete=confirm`, so the root
   * app never removes it (and so never stops reconciling its resources) without
   * a human confirming.
   * @default false
   */
  readonly confirmDeletion?: boolean;
  /**
   * Labels on the Application.
   * @default none
   */
  readonly labels?: Record<string, string>;
}

/**
 * Diff by a server-side dry-run apply. With ServerSideApply=true Argo CD
 * otherwise diffs with its structured-merge mode, which v3.5 documents as
 * discontinued; the dry run also applies the CRDs' defaults and CEL rules,
 * so a change the XRD would refuse shows in the diff, not only at sync.
 */
export const COMPARE_OPTIONS = { 'argocd.argoproj.io/compare-options': 'ServerSideDiff=true' } as const;

function withAnnotation(meta: { annotations: Record<string, string> }, extra: Readonly<Record<string, string>>): { annotations: Record<string, string> } {
  return { annotations: { ...meta.annotations, ...extra } };
}

/**
 * An Argo CD Application that continuously syncs one folder of committed YAML:
 * automated with selfHeal (drift in the cluster is reverted), prune as asked,
 * server-side apply, retry with backoff. It has no
 * `resources-finalizer.argocd.argoproj.io`: deleting the Application leaves
 * its resources in place rather than cascading to the cluster and AWS.
 */
export class GitOpsApplication extends Application {
  constructor(scope: Construct, id: string, props: GitOpsApplicationProps) {
    super(scope, id, {
      metadata: {
        name: props.name,
        namespace: props.namespace,
        ...(props.labels ? { labels: props.labels } : {}),
        ...withAnnotation(argocdMetadata({ wave: props.wave, confirmDeletion: props.confirmDeletion ?? false }), COMPARE_OPTIONS),
      },
      spec: {
        project: props.project,
        source: {
          repoUrl: props.repository.url,
          targetRevision: props.repository.revision,
          path: props.path,
          directory: { ...PLAIN_YAML_DIRECTORY },
        },
        destination: { server: props.destination.server, ...(props.destination.namespace ? { namespace: props.destination.namespace } : {}) },
        syncPolicy: {
          automated: { prune: props.prune ?? false, selfHeal: true },
          syncOptions: [...APP_SYNC_OPTIONS],
          retry: { limit: SYNC_RETRY.limit, backoff: { ...SYNC_RETRY.backoff } },
        },
      },
    });
  }
}
