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
  backups: 2,
} as const;

export interface ArgoMetadataOptions {
  readonly wave: number;
  /** Our XR kinds: their CRDs only exist once Crossplane has processed the XRDs. */
  readonly skipDryRun?: boolean;
  /** Require a human to confirm pruning or deleting this object. */
  readonly confirmDeletion?: boolean;
}

export function argocdMetadata(o: ArgoMetadataOptions): { annotations: Record<string, string> } {
  const options = [
    ...(o.skipDryRun ? ['SkipDryRunOnMissingResource=true'] : []),
    ...(o.confirmDeletion ? ['Prune=confirm', 'Delete=confirm'] : []),
  ];
  return {
    annotations: {
      'argocd.argoproj.io/sync-wave': String(o.wave),
      ...(options.length ? { 'argocd.argoproj.io/sync-options': options.join(',') } : {}),
    },
  };
}
