import { Construct } from 'constructs';
import { AppProject, Application } from '../../imports/argoproj.io';
import { Model } from '../../src/model/resolved';
import { IN_CLUSTER_SERVER } from './app-sync';

export interface BootstrapAppProjectProps {
  readonly model: Model;
  /**
   * Labels on the AppProject.
   * @default none
   */
  readonly labels?: Record<string, string>;
}

/** `<project>-bootstrap`: the project of the root app. */
export function bootstrapProjectName(model: Pick<Model, 'argocd'>): string {
  return `${model.argocd.project}-bootstrap`;
}

/** The only kinds the root app may apply: Argo CD's own Applications and AppProjects. */
export const BOOTSTRAP_NAMESPACE_RESOURCE_WHITELIST = [
  { group: Application.GVK.apiVersion.split('/')[0], kind: Application.GVK.kind },
  { group: AppProject.GVK.apiVersion.split('/')[0], kind: AppProject.GVK.kind },
] as const;

/**
 * The root app's own AppProject. Writing Application objects into the Argo CD
 * namespace is admin power (an Application names its own project), so that
 * power is kept out of the workload project: this one may only put
 * Applications and AppProjects into the Argo CD namespace of the in-cluster
 * server, from this repository, and nothing cluster-scoped at all.
 */
export class BootstrapAppProject extends AppProject {
  constructor(scope: Construct, id: string, props: BootstrapAppProjectProps) {
    const { model } = props;
    super(scope, id, {
      metadata: {
        name: bootstrapProjectName(model),
        namespace: model.argocd.namespace,
        ...(props.labels ? { labels: props.labels } : {}),
      },
      spec: {
        description: `Root app of apps for ${model.argocd.project}: Argo CD Applications and AppProjects only, from ${model.repository.url} only`,
        sourceRepos: [model.repository.url],
        destinations: [{ server: IN_CLUSTER_SERVER, namespace: model.argocd.namespace }],
        namespaceResourceWhitelist: BOOTSTRAP_NAMESPACE_RESOURCE_WHITELIST.map((r) => ({ ...r })),
      },
    });
  }
}
