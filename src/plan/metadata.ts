import { KubeObject } from '../render/render';
import { change } from './change';
import { diffPaths } from '../json/diff';
import { listSomeChange } from '../text/lists';
import { Change } from './types';

const SYNC_OPTIONS = 'argocd.argoproj.io/sync-options';
const SYNC_WAVE = 'argocd.argoproj.io/sync-wave';
const COMPARE_OPTIONS = 'argocd.argoproj.io/compare-options';

type Guard = 'none' | 'confirm' | 'never';

/** How Argo CD may remove the object: freely, after a human confirms, or never. */
function guardOf(o: KubeObject): Guard {
  const opts = o.metadata.annotations?.[SYNC_OPTIONS] ?? '';
  if (/(^|,)Prune=false(,|$)/.test(opts) && /(^|,)Delete=false(,|$)/.test(opts)) return 'never';
  return /(^|,)(Prune|Delete)=confirm(,|$)/.test(opts) ? 'confirm' : 'none';
}

const GUARD_CHANGE: Readonly<Record<`${Guard}>${Guard}`, string>> = {
  'none>confirm': 'Argo CD now asks a human to confirm before pruning or deleting this object',
  'none>never': 'Argo CD now never prunes or deletes this object, not even when its Application is deleted: remove it by hand if it must go',
  'confirm>never': 'Argo CD now never prunes or deletes this object, instead of asking for confirmation: remove it by hand if it must go',
  'confirm>none': 'Argo CD no longer asks for confirmation before pruning or deleting this object',
  'never>none': 'Argo CD may now prune or delete this object without asking',
  'never>confirm': 'Argo CD may now prune or delete this object after a human confirms',
  'none>none': '', 'confirm>confirm': '', 'never>never': '',
};

/** Argo CD and Kubernetes metadata: never reaches AWS, but how Argo CD treats the object is worth saying. */
export function metadataChanges(base: KubeObject, head: KubeObject): Change[] {
  const out: Change[] = [];
  const explained = new Set<string>();
  const a = base.metadata.annotations ?? {};
  const b = head.metadata.annotations ?? {};
  const guard = GUARD_CHANGE[`${guardOf(base)}>${guardOf(head)}`];
  if (guard) out.push(change(guard));
  const otherOptions = (v: string | undefined) => (v ?? '').split(',').filter((o) => o && !/^(Prune|Delete)=/.test(o)).join(',');
  if (guard || otherOptions(a[SYNC_OPTIONS]) === otherOptions(b[SYNC_OPTIONS])) explained.add(SYNC_OPTIONS);
  if (a[SYNC_WAVE] !== b[SYNC_WAVE] && a[SYNC_WAVE] !== undefined && b[SYNC_WAVE] !== undefined) {
    out.push(change(`Argo CD sync wave ${a[SYNC_WAVE]} → ${b[SYNC_WAVE]}: it is applied ${Number(b[SYNC_WAVE]) < Number(a[SYNC_WAVE]) ? 'earlier' : 'later'} in each sync`));
    explained.add(SYNC_WAVE);
  }
  if (a[COMPARE_OPTIONS] !== b[COMPARE_OPTIONS] && b[COMPARE_OPTIONS]?.includes('ServerSideDiff=true')) {
    out.push(change('Argo CD now diffs it with a server-side dry run, so API server defaults and validation rules take part in the diff', [], ['cosmetic']));
    explained.add(COMPARE_OPTIONS);
  }
  const paths = [
    ...(base.apiVersion !== head.apiVersion ? ['apiVersion'] : []),
    ...diffPaths(base.metadata, head.metadata, { path: 'metadata' }),
  ].filter((p) => ![...explained].some((k) => p === `metadata.annotations[${JSON.stringify(k)}]`));
  if (paths.length) out.push(change(`${listSomeChange(paths, 2)} (Kubernetes metadata only)`, [], ['cosmetic']));
  return out;
}

/** Whether Argo CD waits for a human before pruning the object. */
export function pruneNeedsConfirmation(o: KubeObject): boolean {
  return /(^|,)Prune=confirm(,|$)/.test(o.metadata.annotations?.[SYNC_OPTIONS] ?? '');
}
