/**
 * The argocd-cm settings (dist/argocd-cm-patch/): Argo CD never applies this
 * file, an operator merges it into the live argocd-cm, so a change here
 * reaches no cluster until someone does. Pure.
 */
import { KubeObject } from '../render/render';
import { change } from './change';
import { isObject, jsonEqual } from '../json/json';
import { compareStrings } from '../text/compare';
import { listSome, listSomeChange } from '../text/lists';
import { classifier } from './classifier';

const MERGE = 'Argo CD does not apply this file: after merging, run ddbops patch-argocd-cm against each Argo CD that syncs this repository';

/** The ConfigMap's `data`: setting name → value. */
function dataOf(o: KubeObject | undefined): Readonly<Record<string, string>> {
  const data = o?.data;
  return isObject(data) ? Object.fromEntries(Object.entries(data).filter((e): e is [string, string] => typeof e[1] === 'string')) : {};
}

/** The settings whose value differs between the two sides, sorted. */
function changedKeys(base: KubeObject | undefined, head: KubeObject | undefined): string[] {
  const a = dataOf(base);
  const b = dataOf(head);
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => a[k] !== b[k]).sort(compareStrings);
}

export const classifyArgoCdCm = classifier({
  created: (head) => [change(`argocd-cm settings ${listSome(changedKeys(undefined, head))}: ${MERGE}`)],
  deleted: (base) => [change(`argocd-cm settings no longer rendered; the live argocd-cm keeps ${listSome(Object.keys(dataOf(base)).sort(compareStrings))} until removed by hand`)],
  updated: (base, head) => {
    const keys = changedKeys(base, head);
    return keys.length || !jsonEqual(base, head) ? [change(`argocd-cm ${listSomeChange(keys, 4)}: ${MERGE}`)] : [];
  },
});
