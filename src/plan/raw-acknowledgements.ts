import { parse } from 'yaml';
import { RawFile } from '../model/inputs';
import { RiskClass, RiskClassSchema } from '../model/common';
import { Acknowledgement } from './acknowledgements';
import { TABLE_XR_KIND } from '../model/xr-api';

type Json = Record<string, unknown>;

/**
 * The acknowledgements of input files that may not validate: a base whose
 * sources this ddbops rejects is planned from its dist/, but its
 * acknowledgements still decide which of the head's are stale. Reads only what
 * has the shape collectAcknowledgements reads, and skips the rest.
 */
export function rawAcknowledgements(schemas: readonly RawFile[], environments: readonly RawFile[]): Acknowledgement[] {
  const out: Acknowledgement[] = [];
  for (const f of schemas) {
    const s = parseQuietly(f);
    if (typeof s?.tableName !== 'string') continue;
    entries(s.acknowledge).forEach(({ a, i, change }) => out.push({
      change,
      ...(typeof a.environment === 'string' ? { environment: a.environment } : {}),
      resource: s.tableName as string,
      kind: TABLE_XR_KIND,
      reason: a.reason as string,
      source: f.path,
      path: `$.acknowledge[${i}]`,
    }));
  }
  for (const f of environments) {
    const e = parseQuietly(f);
    if (typeof e?.name !== 'string') continue;
    entries(e.acknowledge).forEach(({ a, i, change }) => out.push({
      change,
      environment: e.name as string,
      ...(typeof a.resource === 'string' ? { resource: a.resource } : {}),
      reason: a.reason as string,
      source: f.path,
      path: `$.acknowledge[${i}]`,
    }));
  }
  return out;
}

function entries(list: unknown): { a: Json; i: number; change: RiskClass }[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((a: unknown, i) => {
    if (!a || typeof a !== 'object') return [];
    const o = a as Json;
    const change = RiskClassSchema.safeParse(o.change);
    return change.success && typeof o.reason === 'string' ? [{ a: o, i, change: change.data }] : [];
  });
}

function parseQuietly(f: RawFile): Json | undefined {
  const text = f.text.charCodeAt(0) === 0xfeff ? f.text.slice(1) : f.text;
  try {
    const v: unknown = f.path.endsWith('.json') ? JSON.parse(text) : parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? v as Json : undefined;
  } catch {
    return undefined;
  }
}
