import { Construct } from 'constructs';
import { AppProject } from '../../imports/argoproj.io';
import { ProviderConfig } from '../../imports/aws.m.upbound.io';
import { Model } from '../../src/model/resolved';
import { argocdMetadata } from '../sync-policy';
import { APP_WAVES, platformPolicy } from './app-sync';
import { XR_KINDS } from '../../src/model/xr-api';

export interface WorkloadAppProjectProps {
  readonly model: Model;
  /**
   * Labels on the AppProject.
   * @default none
   */
  readonly labels?: Record<string, string>;
}

/** Cluster-scoped kinds the platform app renders: the XRDs, Compositions, the Function, and the environment namespaces. */
export const CLUSTER_RESOURCE_WHITELIST = [
  { group: 'apiextensions.crossplane.io', kind: 'CompositeResourceDefinition' },
  { group: 'apiextensions.crossplane.io', kind: 'Composition' },
  { group: 'pkg.crossplane.io', kind: 'Function' },
  { group: '', kind: 'Namespace' },
] as const;

/** Namespaced kinds the environment apps render: our XRs (in the project's API group) and the ProviderConfig. */
export function namespaceResourceWhitelist(apiGroup: string): { group: string; kind: string }[] {
  const providerConfigGroup = ProviderConfig.GVK.apiVersion.split('/')[0];
  return [
    ...XR_KINDS.map((kind) => ({ group: apiGroup, kind })),
    { group: providerConfigGroup, kind: ProviderConfig.GVK.kind },
  ];
}

/**
 * The AppProject the platform and environment apps run in. It allows only:
 * - this repository;
 * - each environment's namespace on the destination cluster, plus that cluster
 *   with no namespace for the platform app (whose objects are all
 *   cluster-scoped; Argo CD matches an empty namespace pattern only against an
 *   empty namespace, so this admits nothing namespaced);
 * - the cluster-scoped and namespaced kinds above, nothing else: no Secrets,
 *   no RBAC, no Argo CD objects.
 * It is synced by the root app (wave -2), so a new environment's namespace is
 * allowed by the same commit that adds the environment.
 */
export class WorkloadAppProject extends AppProject {
  constructor(scope: Construct, id: string, props: WorkloadAppProjectProps) {
    const { model } = props;
    const server = model.argocd.destinationServer;
    super(scope, id, {
      metadata: {
        name: model.argocd.project,
        namespace: model.argocd.namespace,
        ...(props.labels ? { labels: props.labels } : {}),
        ...argocdMetadata({ wave: APP_WAVES.project, confirmDeletion: platformPolicy(model.environments).confirmDeletion }),
      },
      spec: {
        description: `DynamoDB tables of ${model.organisation}: platform APIs and one namespace per environment, from ${model.repository.url} only`,
        sourceRepos: [model.repository.url],
        destinations: [
          { server },
          ...model.environments.map((e) => ({ server, namespace: e.namespace })),
        ],
        clusterResourceWhitelist: CLUSTER_RESOURCE_WHITELIST.map((r) => ({ ...r })),
        namespaceResourceWhitelist: namespaceResourceWhitelist(model.apiGroup),
      },
    });
  }
}
