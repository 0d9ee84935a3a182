import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { Model } from '../../src/model/resolved';
import { ChartFactory } from '../../src/render/render';
import { MANAGED_BY_LABEL } from '../environment-chart';
import { APP_WAVES, applicationName, distPath, environmentPolicy, IN_CLUSTER_SERVER, platformPolicy } from './app-sync';
import { ArgoCdCmPatch } from './argocd-cm-patch';
import { BootstrapAppProject, bootstrapProjectName } from './bootstrap-project';
import { ARGOCD_DIRS } from './dirs';
import { GitOpsApplication } from './gitops-application';
import { healthCustomizations } from './health-checks';
import { WorkloadAppProject } from './workload-project';

export interface ArgoCdChartProps {
  readonly model: Model;
}

/** `<project>-root`: the app of apps the bootstrap applies. */
export function rootApplicationName(model: Pick<Model, 'argocd'>): string {
  return applicationName(model.argocd.project, 'root');
}

function labels(model: Model): Record<string, string> {
  return { ...MANAGED_BY_LABEL, 'app.kubernetes.io/part-of': model.argocd.project };
}

/** `dist/argocd/`: the root app's AppProject and the root app of apps itself. */
export class ArgoCdBootstrapChart extends Chart {
  constructor(scope: Construct, id: string, props: ArgoCdChartProps) {
    super(scope, id, { disableResourceNameHashes: true });
    const { model } = props;
    new BootstrapAppProject(this, 'bootstrap-project', { model, labels: labels(model) });
    new GitOpsApplication(this, 'root', {
      name: rootApplicationName(model),
      namespace: model.argocd.namespace,
      project: bootstrapProjectName(model),
      repository: model.repository,
      path: distPath(model.repository.path, ARGOCD_DIRS.apps),
      destination: { server: IN_CLUSTER_SERVER, namespace: model.argocd.namespace },
      wave: 0,
      // Removing an Application from git removes the Application only: child
      // apps have no resources finalizer, and protected ones need confirmation.
      prune: true,
      labels: labels(model),
    });
  }
}

/** `dist/argocd/apps/`: the workload AppProject, the platform app, one app per environment. */
export class ArgoCdAppsChart extends Chart {
  constructor(scope: Construct, id: string, props: ArgoCdChartProps) {
    super(scope, id, { disableResourceNameHashes: true });
    const { model } = props;
    const common = {
      namespace: model.argocd.namespace,
      project: model.argocd.project,
      repository: model.repository,
      labels: labels(model),
    };
    new WorkloadAppProject(this, 'project', { model, labels: labels(model) });
    new GitOpsApplication(this, 'platform', {
      ...common,
      name: applicationName(model.argocd.project, 'platform'),
      path: distPath(model.repository.path, 'platform'),
      destination: { server: model.argocd.destinationServer },
      wave: APP_WAVES.platform,
      ...platformPolicy(model.environments),
    });
    for (const env of model.environments) {
      new GitOpsApplication(this, `env-${env.name}`, {
        ...common,
        name: applicationName(model.argocd.project, env.name),
        path: distPath(model.repository.path, env.name),
        destination: { server: model.argocd.destinationServer, namespace: env.namespace },
        wave: APP_WAVES.environments,
        ...environmentPolicy(env),
      });
    }
  }
}

/** `dist/argocd-cm-patch/`: the argocd-cm settings. */
export class ArgoCdCmPatchChart extends Chart {
  constructor(scope: Construct, id: string, props: ArgoCdChartProps) {
    super(scope, id, { disableResourceNameHashes: true });
    new ArgoCdCmPatch(this, 'argocd-cm', {
      namespace: props.model.argocd.namespace,
      healthChecks: healthCustomizations(props.model.apiGroup),
    });
  }
}

/** The Argo CD charts, registered in charts/index.ts. */
export const argocdCharts: ChartFactory = (app: App, model: Model) => [
  // Applied by hand with `kubectl apply -f dist/argocd/`: the AppProject must exist before the Application names it.
  { dir: ARGOCD_DIRS.bootstrap, chart: new ArgoCdBootstrapChart(app, 'argocd-bootstrap', { model }), applyOrder: true },
  { dir: ARGOCD_DIRS.apps, chart: new ArgoCdAppsChart(app, 'argocd-apps', { model }) },
  { dir: ARGOCD_DIRS.cmPatch, chart: new ArgoCdCmPatchChart(app, 'argocd-cm-patch', { model }) },
];
