/**
 * A small JSON Schema checker for the keywords z.toJSONSchema emits, so the
 * generated schemas can be tested against real files without a validator
 * dependency. Any other keyword throws: a keyword silently ignored here would
 * make a test pass for the wrong reason.
 */
export type Schema = { [keyword: string]: unknown };

const ANNOTATIONS = new Set(['$schema', 'title', 'description', 'default', 'examples']);
const KNOWN = new Set([
  'type', 'properties', 'required', 'additionalProperties', 'propertyNames', 'items', 'enum', 'const', 'anyOf', 'oneOf',
  'minLength', 'maxLength', 'pattern', 'minItems', 'maxItems', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum',
]);

/** Every keyword used anywhere in `schema`. */
export function keywords(schema: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(schema)) schema.forEach((s) => keywords(s, out));
  else if (schema && typeof schema === 'object') {
    for (const [k, v] of Object.entries(schema)) {
      out.add(k);
      if (k === 'properties') Object.values(v as object).forEach((s) => keywords(s, out));
      else if (k !== 'enum' && k !== 'const' && k !== 'required') keywords(v, out);
    }
  }
  return out;
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

/** Errors as `<JSON pointer>: <problem>`; empty when `value` conforms. */
export function check(schema: Schema, value: unknown, at = ''): string[] {
  for (const k of Object.keys(schema)) {
    if (!KNOWN.has(k) && !ANNOTATIONS.has(k)) throw new Error(`unsupported keyword ${k} at ${at || '/'}`);
  }
  const errors: string[] = [];
  const fail = (problem: string) => errors.push(`${at || '/'}: ${problem}`);
  const t = typeOf(value);
  if (schema.type !== undefined) {
    const types = ([] as string[]).concat(schema.type as string | string[]);
    if (!types.some((ty) => ty === t || (ty === 'number' && t === 'integer'))) return [`${at || '/'}: expected ${types.join('|')}, got ${t}`];
  }
  if (schema.enum && !(schema.enum as unknown[]).some((e) => e === value)) fail(`${JSON.stringify(value)} not in enum`);
  if ('const' in schema && schema.const !== value) fail(`expected ${JSON.stringify(schema.const)}`);
  if (schema.anyOf && !(schema.anyOf as Schema[]).some((s) => check(s, value, at).length === 0)) fail('matches no anyOf branch');
  if (schema.oneOf && (schema.oneOf as Schema[]).filter((s) => check(s, value, at).length === 0).length !== 1) fail('does not match exactly one oneOf branch');
  if (t === 'string') {
    const s = value as string;
    if (schema.minLength !== undefined && s.length < (schema.minLength as number)) fail('too short');
    if (schema.maxLength !== undefined && s.length > (schema.maxLength as number)) fail('too long');
    if (schema.pattern !== undefined && !new RegExp(schema.pattern as string, 'u').test(s)) fail(`does not match ${String(schema.pattern)}`);
  }
  if (t === 'number' || t === 'integer') {
    const n = value as number;
    if (schema.minimum !== undefined && n < (schema.minimum as number)) fail('below minimum');
    if (schema.maximum !== undefined && n > (schema.maximum as number)) fail('above maximum');
    if (schema.exclusiveMinimum !== undefined && n <= (schema.exclusiveMinimum as number)) fail('not above exclusiveMinimum');
    if (schema.exclusiveMaximum !== undefined && n >= (schema.exclusiveMaximum as number)) fail('not below exclusiveMaximum');
  }
  if (t === 'array') {
    const a = value as unknown[];
    if (schema.minItems !== undefined && a.length < (schema.minItems as number)) fail('too few items');
    if (schema.maxItems !== undefined && a.length > (schema.maxItems as number)) fail('too many items');
    if (schema.items) a.forEach((v, i) => errors.push(...check(schema.items as Schema, v, `${at}/${i}`)));
  }
  if (t === 'object') {
    const o = value as Record<string, unknown>;
    const props = (schema.properties ?? {}) as Record<string, Schema>;
    for (const r of (schema.required ?? []) as string[]) if (!(r in o)) fail(`missing required ${r}`);
    for (const [k, v] of Object.entries(o)) {
      if (schema.propertyNames) errors.push(...check(schema.propertyNames as Schema, k, `${at}/${k}`));
      if (k in props) errors.push(...check(props[k], v, `${at}/${k}`));
      else if (schema.additionalProperties === false) errors.push(`${at}/${k}: additional property not allowed`);
      else if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
        errors.push(...check(schema.additionalProperties as Schema, v, `${at}/${k}`));
      }
    }
  }
  return errors;
}
