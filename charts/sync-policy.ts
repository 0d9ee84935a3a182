/**
 * Argo CD sync annotations, in one place so waves and options stay consistent
 * across charts (and tests can read the same constants).
 */
export const SYNC_WAVES = {
  namespace: -2,
  function: -1,
  definitions: 0,
  compositions: 1,
  providerConfig: 0,
  tables: 1,
  // With the tables, not after them: the Selection picks tables by tag and needs none of
  // them to exist, and a table that AWS refuses must not keep backups from starting.
  backups: 1,
} as const;

export interface ArgoMetadataOptions {
  readonly wave: number;
  /** Our XR kinds: their CRDs only exist once Crossplane has processed the XRDs. */
  readonly skipDryRun?: boolean;
  /** Require a human to confirm pruning or deleting this object. */
  readonly confirmDeletion?: boolean;
  /**
   * Argo CD never prunes or deletes this object, even when asked to cascade.
   * For environment namespaces: managed resources in a terminating namespace
   * cannot finish their own deletion (crossplane-runtime #1150), so deleting
   * one strands every table in it.
   */
  readonly neverDelete?: boolean;
}

export function argocdMetadata(o: ArgoMetadataOptions): { annotations: Record<string, string> } {
  const options = [
    ...(o.skipDryRun ? ['SkipDryRunOnMissingResource=true'] : []),
    ...(o.neverDelete ? ['Prune=false', 'Delete=false'] : o.confirmDeletion ? ['Prune=confirm', 'Delete=confirm'] : []),
  ];
  return {
    annotations: {
      'argocd.argoproj.io/sync-wave': String(o.wave),
      ...(options.length ? { 'argocd.argoproj.io/sync-options': options.join(',') } : {}),
    },
  };
}
