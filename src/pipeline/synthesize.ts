/**
 * The one pipeline every command runs, in stages:
 *
 *   check (load and validate) → resolve (the model) → objects (the charts, in memory) → files (YAML)
 *
 * Each command stops at the stage it needs: `validate` after check, `plan`
 * and `docs` after objects (they never read YAML), `synth` after files.
 * Pure: reading the inputs and writing the outputs are the callers' edges,
 * and so is the choice of charts (charts/index.ts registers them).
 * check.ts is the first stage on its own.
 */
import { Inputs, RawInputs } from '../model/inputs';
import { resolveModel } from '../model/resolve';
import { Model } from '../model/resolved';
import { ChartFactory, renderFiles, renderObjects, RenderedObject } from '../render/render';
import { Checked, checkInputs } from './check';

/** The inputs do not validate: the findings say why, and nothing was resolved or rendered. */
export interface Refused extends Checked {
  readonly ok: false;
}

/** The inputs validated; the model and the objects of every chart asked for, in memory. */
export interface Rendered extends Checked {
  readonly ok: true;
  readonly inputs: Inputs;
  readonly model: Model;
  readonly objects: readonly RenderedObject[];
}

/** Rendered, and every object written out as its dist/ file. */
export interface Synthesized extends Rendered {
  /** dist/ relative path → content. */
  readonly files: ReadonlyMap<string, string>;
}

export interface SynthesizeOptions {
  /** The last stage to run: `objects` for readers of the model and objects, `files` for writers of dist/. */
  readonly until: 'objects' | 'files';
  /** The charts to render, in dist/ order: CHARTS from charts/index.ts, or the subset a test is about. */
  readonly charts: readonly ChartFactory[];
}

/** check → resolve → objects, and → files when asked; all in memory. */
export function synthesize(raw: RawInputs, options: SynthesizeOptions & { readonly until: 'objects' }): Refused | Rendered;
export function synthesize(raw: RawInputs, options: SynthesizeOptions & { readonly until: 'files' }): Refused | Synthesized;
export function synthesize(raw: RawInputs, options: SynthesizeOptions): Refused | Rendered | Synthesized {
  const checked = checkInputs(raw);
  if (!checked.ok || !checked.inputs) return { ...checked, ok: false };
  const model = resolveModel(checked.inputs);
  const objects = renderObjects(model, options.charts);
  const rendered: Rendered = { ...checked, ok: true, inputs: checked.inputs, model, objects };
  return options.until === 'files' ? { ...rendered, files: renderFiles(objects) } : rendered;
}
