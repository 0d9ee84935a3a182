/**
 * Shared inputs for the Argo CD tests: the repository synthesized in memory
 * (exactly what `npm run synth` writes) and helpers to render the Argo CD
 * charts for a variant of its model.
 */
import { App } from 'cdk8s';

import { argocdCharts } from '../../charts/argocd/argocd-charts';
import { EnvironmentModel, Model } from '../../src/model/resolved';
import { RenderedObject } from '../../src/render/render';
import { Json, synthRepo } from '../integration/synth-fixture';

export type { Json };

/** The repository's own dist/, in memory. */
export const REPO = synthRepo();

/** Objects rendered into one dist/ folder, in file order; read freely, as plain JSON. */
export function inDir(dir: string, objects: readonly RenderedObject[] = REPO.objects): Json[] {
  return objects.filter((o) => o.dir === dir).sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)).map((o) => o.object);
}

/** The Argo CD charts rendered for a model, as `dir -> objects`. */
export function renderArgoCd(model: Model): Record<string, Json[]> {
  const out: Record<string, Json[]> = {};
  for (const { dir, chart } of argocdCharts(new App(), model)) out[dir] = chart.toJson();
  return out;
}

/** The repository's model with some fields replaced. */
export function withModel(patch: Partial<Model>): Model {
  return { ...REPO.model, ...patch };
}

/** A copy of one of the repository's environments under another name and namespace. */
export function environment(from: string, patch: Partial<EnvironmentModel>): EnvironmentModel {
  const env = REPO.model.environments.find((e) => e.name === from);
  if (!env) throw new Error(`no environment ${from}`);
  return { ...env, ...patch };
}

export function byName(objects: readonly Json[], kind: string, name: string): Json {
  const hits = objects.filter((o) => o.kind === kind && o.metadata.name === name);
  if (hits.length !== 1) throw new Error(`expected one ${kind} ${name}, found ${hits.length}`);
  return hits[0];
}
