import { RawInputs } from './model/inputs';
import { resolveModel } from './model/resolve';
import { Model } from './model/resolved';
import { checkInputs, Checked } from './pipeline';
import { ChartFactory, renderFiles, renderObjects, RenderedObject } from './render/render';

export interface SynthResult extends Checked {
  readonly model?: Model;
  readonly objects?: readonly RenderedObject[];
  /** dist/ relative path → content. */
  readonly files?: ReadonlyMap<string, string>;
}

/** load → validate → model → render, all in memory. Writing is the caller's job. */
export function synthesize(raw: RawInputs, extraCharts: readonly ChartFactory[] = []): SynthResult {
  const checked = checkInputs(raw);
  if (!checked.ok || !checked.inputs) return checked;
  const model = resolveModel(checked.inputs);
  const objects = renderObjects(model, extraCharts);
  return { ...checked, model, objects, files: renderFiles(objects) };
}
