/**
 * Where the Argo CD charts render, below dist/. Its own module, without
 * cdk8s, so `ddbops patch-argocd-cm` finds the settings without the renderer.
 */
export const ARGOCD_DIRS = {
  /** The bootstrap: `kubectl apply -f dist/argocd/` applies exactly these (kubectl does not recurse). */
  bootstrap: 'argocd',
  /** What the root app syncs: the workload AppProject and the child Applications. */
  apps: 'argocd/apps',
  /** argocd-cm settings, merged in by `ddbops patch-argocd-cm`; never applied whole. */
  cmPatch: 'argocd-cm-patch',
} as const;

/** Argo CD's own settings ConfigMap, which the settings are merged into. */
export const ARGOCD_CM = 'argocd-cm';

/** The rendered settings, below dist/: a ConfigMap's file is named by kind and name (src/render/render.ts fileName). */
export const ARGOCD_CM_PATCH_FILE = `${ARGOCD_DIRS.cmPatch}/configmap-${ARGOCD_CM}.yaml`;
