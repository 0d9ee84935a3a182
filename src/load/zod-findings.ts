import { z } from 'zod';
import { didYouMean } from '../diagnostics/did-you-mean';
import { error, Finding, PathSegment } from '../diagnostics/finding';

/** Parses `data` with a zod schema and turns every issue into a finding. */
export function parseWith<T>(schema: z.ZodType<T>, file: string, data: unknown): { value?: T; findings: Finding[] } {
  const result = schema.safeParse(data);
  if (result.success) return { value: result.data, findings: [] };
  return { findings: result.error.issues.flatMap((issue) => toFindings(schema, file, data, issue)) };
}

function toFindings(schema: z.ZodType, file: string, data: unknown, issue: z.core.$ZodIssue): Finding[] {
  const path = issue.path.filter((p): p is PathSegment => typeof p !== 'symbol');
  switch (issue.code) {
    case 'unrecognized_keys': {
      const known = knownKeys(schema, path, valueAt(data, path));
      return issue.keys.map((key) => {
        const guess = didYouMean(key, known);
        return error('unknown-field', file, [...path, key], `unknown field "${key}"`,
          guess ? `did you mean "${guess}"?` : `allowed fields here: ${known.join(', ')}`);
      });
    }
    case 'invalid_type': {
      const actual = valueAt(data, path);
      if (actual === undefined) {
        return [error('required', file, path, `missing required field "${String(path[path.length - 1] ?? '')}"`,
          `add "${String(path[path.length - 1] ?? '')}" (${issue.expected})`)];
      }
      return [error('type', file, path, `expected ${issue.expected}, got ${describe(actual)}`,
        `change the value to ${withArticle(issue.expected)}`)];
    }
    case 'invalid_value': {
      const actual = valueAt(data, path);
      const allowed = issue.values.map((v) => String(v));
      if (actual === undefined) {
        return [error('required', file, path, `missing required field "${String(path[path.length - 1] ?? '')}"`,
          `add "${String(path[path.length - 1] ?? '')}" (one of: ${allowed.join(', ')})`)];
      }
      const guess = typeof actual === 'string' ? didYouMean(actual, allowed) : undefined;
      return [error('enum', file, path, `${JSON.stringify(actual)} is not allowed`,
        guess ? `did you mean "${guess}"? Allowed: ${allowed.join(', ')}` : `use one of: ${allowed.join(', ')}`)];
    }
    case 'invalid_union': {
      // A discriminated union reports its discriminator: treat it like an enum.
      if ('options' in issue && issue.options && issue.discriminator !== undefined) {
        const actual = valueAt(data, path);
        const allowed = issue.options.map((v) => String(v));
        const guess = typeof actual === 'string' ? didYouMean(actual, allowed) : undefined;
        return [error('enum', file, path, `${JSON.stringify(actual)} is not allowed`,
          guess ? `did you mean "${guess}"? Allowed: ${allowed.join(', ')}` : `use one of: ${allowed.join(', ')}`)];
      }
      // Show the complaints of the branch whose type the value has, so {id} in a string|{id, description}
      // union reports the missing description, not "expected string".
      const branches = issue.errors.filter((b) => b.length > 0);
      const matching = branches.find((b) => !b.some((inner) => inner.code === 'invalid_type' && inner.path.length === 0));
      if (matching) {
        return matching.flatMap((inner) => toFindings(schema, file, data, { ...inner, path: [...issue.path, ...inner.path] } as z.core.$ZodIssue));
      }
      const expected = [...new Set(branches.flat().flatMap((inner) => (inner.code === 'invalid_type' ? [inner.expected] : [])))];
      if (expected.length > 0) {
        return [error('type', file, path, `expected ${expected.join(' or ')}, got ${describe(valueAt(data, path))}`,
          `change the value to ${withArticle(expected.join(' or '))}`)];
      }
      return [error('type', file, path, issue.message, 'check the value against the JSON Schema ($schema)')];
    }
    case 'too_small':
    case 'too_big':
      return [error('range', file, path, issue.message.replace(/^Too (small|big): /, ''), 'change the value to fit the allowed range')];
    default:
      return [error('invalid', file, path, issue.message, 'check the value against the JSON Schema ($schema)')];
  }
}

function withArticle(noun: string): string {
  return `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `string ${JSON.stringify(value)}`;
  return `${typeof value} ${JSON.stringify(value)}`;
}

export function valueAt(data: unknown, path: readonly PathSegment[]): unknown {
  let cur: unknown = data;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[seg];
  }
  return cur;
}

/**
 * Field names the schema accepts at `path`, for "did you mean" hints. For a
 * union of objects, the fields of the branch `value`'s discriminator selects,
 * else of every object branch.
 */
export function knownKeys(schema: z.ZodType, path: readonly PathSegment[], value?: unknown): string[] {
  let cur: unknown = schema;
  for (const seg of path) {
    cur = step(unwrap(cur), seg);
    if (!cur) return [];
  }
  const def = defOf(unwrap(cur));
  if (def?.type === 'object') return Object.keys(def.shape as object);
  if (def?.type !== 'union') return [];
  const shapes = (def.options as unknown[]).map((o) => defOf(unwrap(o))).filter((d): d is Def => d?.type === 'object')
    .map((d) => d.shape as Record<string, unknown>);
  const d = def.discriminator as string | undefined;
  const tag = d !== undefined && value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[d] : undefined;
  const selected = shapes.filter((shape) => (defOf(shape[d ?? ''])?.values as unknown[] | undefined)?.includes(tag));
  return [...new Set((selected.length > 0 ? selected : shapes).flatMap((shape) => Object.keys(shape)))];
}

type Def = { type: string; [k: string]: unknown };
function defOf(s: unknown): Def | undefined {
  return (s as { _zod?: { def: Def } } | undefined)?._zod?.def;
}

function unwrap(s: unknown): unknown {
  let cur = s;
  for (let def = defOf(cur); def && ['optional', 'nullable', 'default', 'readonly'].includes(def.type); def = defOf(cur)) {
    cur = def.innerType;
  }
  return cur;
}

function step(s: unknown, seg: PathSegment): unknown {
  const def = defOf(s);
  if (!def) return undefined;
  if (def.type === 'object') return (def.shape as Record<string, unknown>)[String(seg)];
  if (def.type === 'array') return def.element;
  if (def.type === 'record') return def.valueType;
  if (def.type === 'union') {
    for (const option of def.options as unknown[]) {
      const next = step(unwrap(option), seg);
      if (next) return next;
    }
  }
  return undefined;
}
