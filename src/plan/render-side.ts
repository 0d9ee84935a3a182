import { Inputs, RawInputs } from '../model/inputs';
import { resolveModel } from '../model/resolve';
import { Model } from '../model/resolved';
import { checkInputs, Checked } from '../pipeline';
import { ChartFactory, renderObjects, RenderedObject } from '../render/render';

export interface RenderedSide extends Checked {
  readonly model?: Model;
  readonly objects?: readonly RenderedObject[];
  readonly inputs?: Inputs;
}

/**
 * synthesize() without its last step: the same validation, model and charts,
 * but no YAML serialization, which plan never reads and which is half of
 * synth's time on a large repository.
 */
export function renderSide(raw: RawInputs, extraCharts: readonly ChartFactory[]): RenderedSide {
  const checked = checkInputs(raw);
  if (!checked.ok || !checked.inputs) return checked;
  const model = resolveModel(checked.inputs);
  return { ...checked, model, objects: renderObjects(model, extraCharts) };
}
