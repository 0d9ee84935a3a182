/**
 * Chart registration: every chart `synth` renders, and the dist/ folder each
 * one goes to. The renderer (src/render/render.ts) builds whatever factories
 * it is given; commands pass CHARTS, tests pass the subset they are about.
 */
import { App, Chart } from 'cdk8s';
import { Model } from '../src/model/resolved';
import { ChartFactory } from '../src/render/render';
import { argocdCharts } from './argocd/argocd-charts';
import { EnvironmentChart } from './environment-chart';
import { PlatformChart } from './platform-chart';

/** `dist/platform/`: the XRDs, Compositions and the Function every environment shares. */
export const platformCharts: ChartFactory = (app: App, model: Model) => [
  { dir: 'platform', chart: new PlatformChart(app, 'platform', { model }) },
];

/** `dist/<environment>/`: one chart per environment, named after it. */
export const environmentCharts: ChartFactory = (app: App, model: Model) => model.environments.map((environment) => ({
  dir: environment.name,
  chart: new EnvironmentChart(app, `env-${environment.name}`, { model, environment }) as Chart,
}));

/** What Crossplane reconciles: the platform APIs and the environments' XRs. */
export const CROSSPLANE_CHARTS: readonly ChartFactory[] = [platformCharts, environmentCharts];

/** What Argo CD needs: the bootstrap, the Applications and the argocd-cm settings. */
export const ARGOCD_CHARTS: readonly ChartFactory[] = [argocdCharts];

/** Every chart, in the order dist/ is rendered. */
export const CHARTS: readonly ChartFactory[] = [...CROSSPLANE_CHARTS, ...ARGOCD_CHARTS];
