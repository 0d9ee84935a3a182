/**
 * Drift: where a live XR's spec differs from the spec rendered into dist/.
 *
 * The rules, in order (pure; the schema is the XRD's spec schema):
 * 1. Every field git sets must have the same value in the cluster. A field git
 *    sets that the cluster lacks is drift.
 * 2. A field only the cluster has is drift, unless
 *    a. it is under `spec.crossplane` (Crossplane's own machinery: the
 *       controller writes compositionRef, compositionRevisionRef and
 *       compositionUpdatePolicy there), or
 *    b. the XRD schema declares a default for it and the live value equals
 *       that default: the API server wrote it, not a person.
 * 3. Arrays declared `x-kubernetes-list-type: map` are matched by their keys
 *    (order does not matter, as for the API server), paths name the element as
 *    `[key=value]`; other arrays are compared element by element, `[i]`.
 *    That is the shared diff's own rule (src/json/diff.ts), which `plan` uses too.
 * Paths start at `spec`, e.g. `spec.globalSecondaryIndexes[name=ByDate].projectionType`.
 */
import { JsonDifference, jsonDiff } from '../json/diff';
import { JsonObject, jsonEqual, JsonValue } from '../json/json';

export interface DriftEntry {
  readonly path: string;
  /** Absent (undefined) when only the cluster has the field. */
  readonly git?: JsonValue;
  /** Absent (undefined) when only git has the field. */
  readonly cluster?: JsonValue;
}

const CROSSPLANE_OWNED = 'spec.crossplane';

/** Rule 2: a field only the cluster has that Crossplane or the API server wrote. */
function writtenForUs(d: JsonDifference): boolean {
  if (d.before !== undefined) return false;
  if (d.path === CROSSPLANE_OWNED || d.path.startsWith(`${CROSSPLANE_OWNED}.`)) return true;
  return d.schema?.default !== undefined && jsonEqual(d.after, d.schema.default);
}

/** The fields where the live spec differs from git's, by the rules above. */
export function specDrift(gitSpec: JsonObject, liveSpec: JsonValue | undefined, specSchema: JsonObject): DriftEntry[] {
  return jsonDiff(gitSpec, liveSpec ?? {}, { path: 'spec', schema: specSchema })
    .filter((d) => !writtenForUs(d))
    .map((d) => ({
      path: d.path,
      ...(d.before !== undefined ? { git: d.before as JsonValue } : {}),
      ...(d.after !== undefined ? { cluster: d.after as JsonValue } : {}),
    }));
}
