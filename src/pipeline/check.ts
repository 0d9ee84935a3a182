/**
 * The pipeline's first stage, check: load and validate. Its own module so
 * `validate` runs it without loading the renderer (cdk8s is most of a cold
 * start); synthesize.ts runs it first, then the rest.
 */
import { Finding, hasErrors, sortFindings } from '../diagnostics/finding';
import { withLines } from '../diagnostics/with-lines';
import { parseInputs } from '../load/inputs';
import { Inputs, RawInputs } from '../model/inputs';
import { validateInputs } from '../validate/validate';

export interface Checked {
  /** Present when every file parsed; may still carry findings. */
  readonly inputs?: Inputs;
  /** Sorted, with line numbers. */
  readonly findings: readonly Finding[];
  readonly ok: boolean;
}

/** Load and validate: the stage every command shares. */
export function checkInputs(raw: RawInputs): Checked {
  const parsed = parseInputs(raw);
  const findings = parsed.inputs ? [...parsed.findings, ...validateInputs(parsed.inputs)] : parsed.findings;
  const texts = parsed.inputs?.texts ?? new Map([raw.project, ...raw.schemas, ...raw.environments].map((f) => [f.path, f.text]));
  // Line numbers, then the order users read findings in.
  const sorted = sortFindings(withLines(findings, texts));
  return { inputs: parsed.inputs, findings: sorted, ok: !hasErrors(sorted) && parsed.inputs !== undefined };
}
