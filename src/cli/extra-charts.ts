import { argocdCharts } from '../../charts/argocd-chart';
import { ChartFactory } from '../render/render';

/** Charts beyond platform and environments (Argo CD), registered here. */
export const EXTRA_CHARTS: readonly ChartFactory[] = [argocdCharts];
