/**
 * Reading an XR's spec for the classifiers. Plan classifies rendered XRs,
 * not the model, so that a base read from a committed dist/ (written by an
 * older ddbops, or edited by hand) is classified the same way; so the spec is
 * checked against the shape plan reads before a classifier trusts it.
 */
import { z } from 'zod';
import { formatPath } from '../diagnostics/finding';
import { UsageError } from '../diagnostics/usage-error';
import { isObject, JsonObject } from '../json/json';
import { parseWith } from '../load/zod-findings';
import { KubeObject } from '../render/render';

/** An XR's spec as plain JSON, `{}` when it has none: what the residual diffs compare. */
export function specOf(o: KubeObject): JsonObject {
  return isObject(o.spec) ? o.spec : {};
}

/**
 * The spec, checked against `schema`. Unknown fields are kept (the schemas are
 * loose), so a newer field still reaches the residual diff. Only the base's
 * committed dist/ can hold a spec ddbops did not write, so the fix points there.
 */
export function readSpec<T>(o: KubeObject, schema: z.ZodType<T>): T {
  const what = `${o.kind} ${o.metadata.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata.name}`;
  const parsed = parseWith(schema, what, specOf(o));
  if (parsed.value !== undefined) return parsed.value;
  const problems = parsed.findings.map((f) => `spec${formatPath(f.path).slice(1)}: ${f.message}`);
  throw new UsageError(`cannot read ${what}: ${problems.join('; ')}`,
    'plan reads the base\'s committed dist/: commit a dist/ that `ddbops synth` wrote, or pass --base at another commit');
}
