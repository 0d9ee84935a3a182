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
 * Paths start at `spec`, e.g. `spec.globalSecondaryIndexes[name=ByDate].projectionType`.
 */
import { compareStrings } from '../compare';
import { JsonObject, JsonValue, isObject, jsonEqual } from './json';

export interface DriftEntry {
  readonly path: string;
  /** Absent (undefined) when only the cluster has the field. */
  readonly git?: JsonValue;
  /** Absent (undefined) when only git has the field. */
  readonly cluster?: JsonValue;
}

const CROSSPLANE_OWNED = 'spec.crossplane';

function child(schema: JsonObject | undefined, key: string): JsonObject | undefined {
  if (!schema) return undefined;
  const props = schema.properties;
  if (isObject(props) && isObject(props[key])) return props[key] as JsonObject;
  return isObject(schema.additionalProperties) ? schema.additionalProperties : undefined;
}

function items(schema: JsonObject | undefined): JsonObject | undefined {
  return schema && isObject(schema.items) ? schema.items : undefined;
}

function keyPath(path: string, key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

function listMapKeys(schema: JsonObject | undefined): string[] | undefined {
  const keys = schema?.['x-kubernetes-list-map-keys'];
  if (schema?.['x-kubernetes-list-type'] !== 'map' || !Array.isArray(keys) || keys.length === 0) return undefined;
  return keys.every((k) => typeof k === 'string') ? (keys as string[]) : undefined;
}

function elementId(item: JsonValue, keys: readonly string[]): string | undefined {
  if (!isObject(item)) return undefined;
  const parts = keys.map((k) => (item[k] === undefined ? undefined : `${k}=${typeof item[k] === 'string' ? item[k] : JSON.stringify(item[k])}`));
  return parts.every((p) => p !== undefined) ? parts.join(',') : undefined;
}

function walk(path: string, git: JsonValue | undefined, live: JsonValue | undefined, schema: JsonObject | undefined, out: DriftEntry[]): void {
  if (git === undefined) {
    if (live === undefined) return;
    if (path === CROSSPLANE_OWNED || path.startsWith(`${CROSSPLANE_OWNED}.`)) return;
    if (schema && schema.default !== undefined && jsonEqual(live, schema.default)) return;
    out.push({ path, cluster: live });
    return;
  }
  if (live === undefined) {
    out.push({ path, git });
    return;
  }
  if (isObject(git) && isObject(live)) {
    for (const key of [...new Set([...Object.keys(git), ...Object.keys(live)])].sort(compareStrings)) {
      walk(keyPath(path, key), git[key], live[key], child(schema, key), out);
    }
    return;
  }
  if (Array.isArray(git) && Array.isArray(live)) {
    const keys = listMapKeys(schema);
    const ids = keys && [...git, ...live].map((x) => elementId(x, keys));
    if (keys && ids && ids.every((id) => id !== undefined)) {
      const liveById = new Map(live.map((x) => [elementId(x, keys) as string, x]));
      const gitIds = new Set<string>();
      for (const g of git) {
        const id = elementId(g, keys) as string;
        gitIds.add(id);
        walk(`${path}[${id}]`, g, liveById.get(id), items(schema), out);
      }
      for (const [id, l] of liveById) {
        if (!gitIds.has(id)) walk(`${path}[${id}]`, undefined, l, items(schema), out);
      }
      return;
    }
    for (let i = 0; i < Math.max(git.length, live.length); i++) {
      walk(`${path}[${i}]`, git[i], live[i], items(schema), out);
    }
    return;
  }
  if (!jsonEqual(git, live)) out.push({ path, git, cluster: live });
}

/** The fields where the live spec differs from git's, by the rules above. */
export function specDrift(gitSpec: JsonObject, liveSpec: JsonValue | undefined, specSchema: JsonObject): DriftEntry[] {
  const out: DriftEntry[] = [];
  walk('spec', gitSpec, liveSpec ?? {}, specSchema, out);
  return out;
}
