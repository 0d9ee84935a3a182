/**
 * Structural comparison of rendered objects: key order never matters, array
 * order does (the renderer sorts what has no meaningful order).
 */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((v, i) => deepEqual(v, bb[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const keys = Object.keys(ao).filter((k) => ao[k] !== undefined);
  if (keys.length !== Object.keys(bo).filter((k) => bo[k] !== undefined).length) return false;
  return keys.every((k) => Object.prototype.hasOwnProperty.call(bo, k) && deepEqual(ao[k], bo[k]));
}

/**
 * Dotted paths of the leaves that differ, e.g. `spec.assumeRoleChain[0].roleARN`,
 * in a stable order. A value that changes type is reported at its own path.
 */
export function diffPaths(a: unknown, b: unknown, prefix = ''): string[] {
  if (deepEqual(a, b)) return [];
  const bothObjects = typeof a === 'object' && typeof b === 'object' && a !== null && b !== null && Array.isArray(a) === Array.isArray(b);
  if (!bothObjects) return [prefix || '(root)'];
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    const out: string[] = [];
    for (let i = 0; i < Math.max(a.length, bb.length); i++) out.push(...diffPaths(a[i], bb[i], `${prefix}[${i}]`));
    return out;
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(ao), ...Object.keys(bo)])].sort();
  return keys.flatMap((k) => diffPaths(ao[k], bo[k], prefix ? `${prefix}${pathKey(k)}` : k));
}

function pathKey(k: string): string {
  return /^[A-Za-z_$][\w$-]*$/.test(k) ? `.${k}` : `[${JSON.stringify(k)}]`;
}

/** "a, b, c and 4 more": keeps one-line explanations short. */
export function listSome(items: readonly string[], max = 3): string {
  if (items.length <= max) return joinAnd(items);
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

export function joinAnd(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** A value as it appears in an explanation: strings bare, anything else as compact JSON. */
export function show(v: unknown): string {
  if (v === undefined) return '(unset)';
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

/** Keys added, removed and changed between two string maps (tags). */
export function mapDelta(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): { added: string[]; removed: string[]; changed: string[] } {
  const added = Object.keys(b).filter((k) => !(k in a)).sort();
  const removed = Object.keys(a).filter((k) => !(k in b)).sort();
  const changed = Object.keys(b).filter((k) => k in a && a[k] !== b[k]).sort();
  return { added, removed, changed };
}
