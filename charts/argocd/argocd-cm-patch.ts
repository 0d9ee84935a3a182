import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { ARGOCD_CM } from './dirs';

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

export interface ArgoCdCmPatchProps {
  /** Namespace Argo CD runs in. */
  readonly namespace: string;
  /** Health checks (Lua 5.1), keyed as argocd-cm reads them (health-checks.ts healthKey). */
  readonly healthChecks: Readonly<Record<string, string>>;
}

/** The argocd-cm data this repository needs, keyed as Argo CD reads it. */
export function argocdCmData(props: Omit<ArgoCdCmPatchProps, 'namespace'>): Record<string, string> {
  return {
    // Crossplane copies labels from XRs to composed resources; label tracking
    // would make Argo CD claim (and prune) them. Argo CD >= 3.0 defaults to
    // annotation, and this pins it.
    'application.resourceTrackingMethod': 'annotation',
    'resource.exclusions': CROSSPLANE_RESOURCE_EXCLUSIONS,
    ...props.healthChecks,
  };
}

/**
 * Settings for Argo CD's own `argocd-cm` ConfigMap. Rendered outside
 * dist/argocd so neither the bootstrap `kubectl apply` nor any Application
 * ever applies it as a whole object: argocd-cm belongs to the Argo CD
 * installation. It is merged in with `ddbops patch-argocd-cm`, which adds
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
      metadata: { name: ARGOCD_CM, namespace: props.namespace },
      data: argocdCmData(props),
    });
  }
}
