/**
 * The argocd-cm settings (dist/argocd-cm-patch/): Argo CD never applies this
 * file, an operator merges it into the live argocd-cm, so a change here
 * reaches no cluster until someone does. Pure.
 */
import { KubeObject } from '../render/render';
import { change } from './change';
import { deepEqual, listSome } from './diff';
import { Classified } from './types';

type Json = Record<string, any>;

const MERGE = 'Argo CD does not apply this file: after merging, run scripts/patch-argocd-cm.sh against each Argo CD that syncs this repository';

export function classifyArgoCdCm(base: KubeObject | undefined, head: KubeObject | undefined): Classified {
  const a = ((base as Json | undefined)?.data ?? {}) as Record<string, string>;
  const b = ((head as Json | undefined)?.data ?? {}) as Record<string, string>;
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => a[k] !== b[k]).sort();
  if (!base && head) return { action: 'create', changes: [change(`argocd-cm settings ${listSome(keys)}: ${MERGE}`)] };
  if (base && !head) return { action: 'delete', changes: [change(`argocd-cm settings no longer rendered; the live argocd-cm keeps ${listSome(Object.keys(a).sort())} until removed by hand`)] };
  if (!keys.length && deepEqual(base, head)) return { action: 'no-op', changes: [] };
  return { action: 'update', changes: [change(`argocd-cm ${listSome(keys, 4)} change${keys.length === 1 ? 's' : ''}: ${MERGE}`)] };
}
