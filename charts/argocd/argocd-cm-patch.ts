import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { Application } from '../../imports/argoproj.io';
import { readApplicationHealthLua } from './application-health';

/**
 * Crossplane's recommended exclusion, as its "Configuring Crossplane with
 * Argo CD" guide gives it: providers create a ProviderConfigUsage per managed
 * resource, which nobody edits and which only slows Argo CD's UI down.
 */
export const CROSSPLANE_RESOURCE_EXCLUSIONS = `- apiGroups:
  - "*"
  kinds:
  - ProviderConfigUsage
`;

/** The argocd-cm key of a health check for one kind: `resource.customizations.health.<group>_<Kind>`. */
export function healthKey(group: string, kind: string): string {
  return `resource.customizations.health.${group}_${kind}`;
}

export interface ArgoCdCmPatchProps {
  /** Namespace Argo CD runs in. */
  readonly namespace: string;
  /** API group of our XRs. */
  readonly apiGroup: string;
  /** XR kinds the health script serves. */
  readonly xrKinds: readonly string[];
  /** The XR health script (Lua 5.1). */
  readonly xrHealthLua: string;
}

/** The argocd-cm data this repository needs, keyed as Argo CD reads it. */
export function argocdCmData(props: Omit<ArgoCdCmPatchProps, 'namespace'>): Record<string, string> {
  const appGroup = Application.GVK.apiVersion.split('/')[0];
  return {
    // Crossplane copies labels from XRs to composed resources; label tracking
    // would make Argo CD claim (and prune) them. Argo CD >= 3.0 defaults to
    // annotation, and this pins it.
    'application.resourceTrackingMethod': 'annotation',
    'resource.exclusions': CROSSPLANE_RESOURCE_EXCLUSIONS,
    ...Object.fromEntries(props.xrKinds.map((kind) => [healthKey(props.apiGroup, kind), props.xrHealthLua])),
    [healthKey(appGroup, Application.GVK.kind)]: readApplicationHealthLua(),
  };
}

/**
 * Settings for Argo CD's own `argocd-cm` ConfigMap. Rendered outside
 * dist/argocd so neither the bootstrap `kubectl apply` nor any Application
 * ever applies it as a whole object: argocd-cm belongs to the Argo CD
 * installation. It is merged in with `scripts/patch-argocd-cm.sh`, which adds
 * keys, appends to `resource.exclusions` instead of replacing Argo CD's
 * defaults, and refuses to overwrite a key the operator set differently.
 *
 * A plain core/v1 object, not cdk8s-plus's ConfigMap, so the file holds only
 * what the patch sets (cdk8s-plus adds `immutable: false`).
 */
export class ArgoCdCmPatch extends ApiObject {
  constructor(scope: Construct, id: string, props: ArgoCdCmPatchProps) {
    super(scope, id, {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'argocd-cm', namespace: props.namespace },
      data: argocdCmData(props),
    });
  }
}
