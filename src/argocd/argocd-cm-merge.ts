/**
 * Merging our argocd-cm settings into a live argocd-cm without clobbering the
 * operator's: pure, so every rule is tested without a cluster.
 *
 * - A key we set that is missing is added.
 * - A key with the same value is left alone.
 * - A key with a different value is a conflict: it is only replaced with
 *   `force`, because it may be the operator's deliberate setting.
 * - `resource.exclusions` is a YAML list that Argo CD (>= 3.0) ships with its
 *   own defaults; our entries are appended to it, never replacing it.
 */
import { isDeepStrictEqual } from 'util';
import { parse, stringify } from 'yaml';

/** argocd-cm keys holding a YAML list we add entries to. */
export const LIST_KEYS: ReadonlySet<string> = new Set(['resource.exclusions']);

export interface ArgoCdCmPlan {
  /** The JSON merge patch for `kubectl patch --type merge`; `data` is empty when there is nothing to do. */
  readonly patch: { readonly data: Readonly<Record<string, string>> };
  readonly added: readonly string[];
  /** List keys our entries were appended to. */
  readonly appended: readonly string[];
  /** Keys replaced because of `force`. */
  readonly replaced: readonly string[];
  readonly unchanged: readonly string[];
  /** Keys left alone because the live value differs (without `force`) or cannot be read. */
  readonly conflicts: readonly { readonly key: string; readonly reason: string }[];
  /** Things the operator should know, e.g. comments that could not be kept. */
  readonly notes: readonly string[];
}

/** Order-insensitive key comparison of a parsed list entry. */
function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v !== null && typeof v === 'object') {
    return Object.fromEntries(Object.keys(v as object).sort().map((k) => [k, canonical((v as Record<string, unknown>)[k])]));
  }
  return v;
}

function parseList(text: string): unknown[] | undefined {
  try {
    const v: unknown = parse(text);
    if (v === null || v === undefined) return [];
    return Array.isArray(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

/** Live text with the missing entries appended, keeping the live text (and its comments) as it is when possible. */
function appendEntries(liveText: string, liveList: unknown[], missing: unknown[], desiredText: string, allMissing: boolean):
  { text: string; keptComments: boolean } {
  const addition = allMissing ? desiredText : stringify(missing);
  const text = `${liveText.replace(/\s*$/, '')}\n${addition.endsWith('\n') ? addition : `${addition}\n`}`;
  if (isDeepStrictEqual(parseList(text), [...liveList, ...missing])) return { text, keptComments: true };
  return { text: stringify([...liveList, ...missing]), keptComments: false };
}

/**
 * What to change in a live argocd-cm's `data` (undefined when the ConfigMap
 * has no data) so it carries every desired setting.
 */
export function planArgoCdCmPatch(
  live: Readonly<Record<string, string>> | undefined,
  desired: Readonly<Record<string, string>>,
  options: { readonly force?: boolean } = {},
): ArgoCdCmPlan {
  const data: Record<string, string> = {};
  const added: string[] = [];
  const appended: string[] = [];
  const replaced: string[] = [];
  const unchanged: string[] = [];
  const conflicts: { key: string; reason: string }[] = [];
  const notes: string[] = [];

  for (const key of Object.keys(desired).sort()) {
    const want = desired[key];
    const have = live?.[key];
    if (have === undefined || have.trim() === '') {
      data[key] = want;
      added.push(key);
      continue;
    }
    if (LIST_KEYS.has(key)) {
      const wantList = parseList(want);
      if (wantList === undefined) throw new Error(`our own ${key} is not a YAML list`);
      const haveList = parseList(have);
      if (haveList === undefined) {
        conflicts.push({ key, reason: 'the live value is not a YAML list; add our entries by hand' });
        continue;
      }
      const missing = wantList.filter((w) => !haveList.some((h) => isDeepStrictEqual(canonical(h), canonical(w))));
      if (missing.length === 0) {
        unchanged.push(key);
        continue;
      }
      const { text, keptComments } = appendEntries(have, haveList, missing, want, missing.length === wantList.length);
      if (!keptComments) notes.push(`${key}: rewritten as plain YAML to append our entries; comments in the live value are not kept`);
      data[key] = text;
      appended.push(key);
      continue;
    }
    if (have === want || have.replace(/\s+$/, '') === want.replace(/\s+$/, '')) {
      unchanged.push(key);
    } else if (options.force) {
      data[key] = want;
      replaced.push(key);
    } else {
      conflicts.push({ key, reason: 'the live value differs from ours; keep yours, or rerun with --force to replace it' });
    }
  }
  return { patch: { data }, added, appended, replaced, unchanged, conflicts, notes };
}
