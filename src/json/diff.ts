/**
 * The one structural diff, for `plan` (base vs head) and `status` (git vs
 * the cluster): where two JSON values differ, as paths.
 *
 * - Objects are compared key by key, in code-unit order of the keys.
 * - Arrays a schema declares `x-kubernetes-list-type: map` are matched by
 *   their `x-kubernetes-list-map-keys`, as the API server matches them: an
 *   element is named `[name=ByDate]` (keys joined with `,`), and a moved
 *   element is no difference. Without a schema, or when an element lacks a
 *   key, elements are compared by position, `[0]`.
 * - Anything else that is not equal (a leaf, a value that changes type, a
 *   field on one side only) is one difference at its own path.
 *
 * Paths are dotted (`spec.tableName`); a key that is not an identifier is
 * quoted (`metadata.annotations["argocd.argoproj.io/sync-wave"]`). Pure.
 */
import { compareStrings } from '../text/compare';
import { isObject, JsonObject, jsonEqual } from './json';

export interface JsonDifference {
  /** Where, e.g. `spec.globalSecondaryIndexes[name=ByDate].projectionType`; `(root)` for the values themselves. */
  readonly path: string;
  /** The first side's value; absent when only the second side has the field. */
  readonly before?: unknown;
  /** The second side's value; absent when only the first side has the field. */
  readonly after?: unknown;
  /** The schema of the value at `path`, when the caller gave one: its default, say. */
  readonly schema?: JsonObject;
}

export interface DiffOptions {
  /**
   * The path of the values compared, prefixed to every difference.
   * @default '' (differences are named from the top: `spec.x`, or `(root)`)
   */
  readonly path?: string;
  /**
   * An OpenAPI v3 schema of the values (an XRD's spec schema): list-map keys and defaults.
   * @default none: arrays are compared by position
   */
  readonly schema?: JsonObject;
}

/** Every place where `before` and `after` differ, by the rules above. */
export function jsonDiff(before: unknown, after: unknown, options: DiffOptions = {}): JsonDifference[] {
  const out: JsonDifference[] = [];
  walk(options.path ?? '', before, after, options.schema, out);
  return out;
}

/** The paths `jsonDiff` finds. */
export function diffPaths(before: unknown, after: unknown, options: DiffOptions = {}): string[] {
  return jsonDiff(before, after, options).map((d) => d.path);
}

function walk(path: string, a: unknown, b: unknown, schema: JsonObject | undefined, out: JsonDifference[]): void {
  if (jsonEqual(a, b)) return;
  if (isObject(a) && isObject(b)) {
    for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort(compareStrings)) {
      walk(keyPath(path, key), a[key], b[key], propertySchema(schema, key), out);
    }
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    walkArray(path, a, b, schema, out);
    return;
  }
  out.push({
    path: path || '(root)',
    ...(a !== undefined ? { before: a } : {}),
    ...(b !== undefined ? { after: b } : {}),
    ...(schema ? { schema } : {}),
  });
}

function walkArray(path: string, a: readonly unknown[], b: readonly unknown[], schema: JsonObject | undefined, out: JsonDifference[]): void {
  const items = schema && isObject(schema.items) ? schema.items : undefined;
  const keys = listMapKeys(schema);
  const ids = keys && [...a, ...b].map((x) => elementId(x, keys));
  if (!keys || !ids || ids.some((id) => id === undefined)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) walk(`${path}[${i}]`, a[i], b[i], items, out);
    return;
  }
  const byId = new Map(b.map((x) => [elementId(x, keys) as string, x]));
  const seen = new Set<string>();
  for (const x of a) {
    const id = elementId(x, keys) as string;
    seen.add(id);
    walk(`${path}[${id}]`, x, byId.get(id), items, out);
  }
  for (const [id, x] of byId) {
    if (!seen.has(id)) walk(`${path}[${id}]`, undefined, x, items, out);
  }
}

function keyPath(path: string, key: string): string {
  if (!path) return key;
  return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

/** A property's schema: its own, or the schema of a map's values (`additionalProperties`). */
function propertySchema(schema: JsonObject | undefined, key: string): JsonObject | undefined {
  if (!schema) return undefined;
  const props = schema.properties;
  if (isObject(props) && isObject(props[key])) return props[key] as JsonObject;
  return isObject(schema.additionalProperties) ? schema.additionalProperties : undefined;
}

function listMapKeys(schema: JsonObject | undefined): string[] | undefined {
  const keys = schema?.['x-kubernetes-list-map-keys'];
  if (schema?.['x-kubernetes-list-type'] !== 'map' || !Array.isArray(keys) || keys.length === 0) return undefined;
  return keys.every((k) => typeof k === 'string') ? (keys as string[]) : undefined;
}

/** `name=ByDate`: how a list-map element is named in a path; undefined when it lacks a key. */
function elementId(item: unknown, keys: readonly string[]): string | undefined {
  if (!isObject(item)) return undefined;
  const parts = keys.map((k) => (item[k] === undefined ? undefined : `${k}=${typeof item[k] === 'string' ? item[k] : JSON.stringify(item[k])}`));
  return parts.every((p) => p !== undefined) ? parts.join(',') : undefined;
}

/** Keys added, removed and changed between two string maps (tags), each sorted. */
export function mapDelta(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): { added: string[]; removed: string[]; changed: string[] } {
  const added = Object.keys(b).filter((k) => !(k in a)).sort(compareStrings);
  const removed = Object.keys(a).filter((k) => !(k in b)).sort(compareStrings);
  const changed = Object.keys(b).filter((k) => k in a && a[k] !== b[k]).sort(compareStrings);
  return { added, removed, changed };
}
