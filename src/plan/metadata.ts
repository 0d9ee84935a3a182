import { KubeObject } from '../render/render';
import { change } from './change';
import { diffPaths, listSome } from './diff';
import { Change } from './types';

const SYNC_OPTIONS = 'argocd.argoproj.io/sync-options';

/** Argo CD and Kubernetes metadata: never reaches AWS, but losing a confirmation guard is worth saying. */
export function metadataChanges(base: KubeObject, head: KubeObject): Change[] {
  const out: Change[] = [];
  const confirmed = (o: KubeObject) => /(^|,)(Prune|Delete)=confirm(,|$)/.test(o.metadata.annotations?.[SYNC_OPTIONS] ?? '');
  const paths = [
    ...(base.apiVersion !== head.apiVersion ? ['apiVersion'] : []),
    ...diffPaths(base.metadata, head.metadata, 'metadata'),
  ];
  if (confirmed(base) && !confirmed(head)) {
    out.push(change('Argo CD no longer asks for confirmation before pruning or deleting this object'));
  }
  const rest = paths.filter((p) => !(out.length && p === `metadata.annotations[${JSON.stringify(SYNC_OPTIONS)}]`));
  if (rest.length) out.push(change(`${listSome(rest, 2)} change${rest.length === 1 ? 's' : ''} (Kubernetes metadata only)`, [], ['cosmetic']));
  return out;
}

/** Whether Argo CD waits for a human before pruning the object. */
export function pruneNeedsConfirmation(o: KubeObject): boolean {
  return /(^|,)Prune=confirm(,|$)/.test(o.metadata.annotations?.[SYNC_OPTIONS] ?? '');
}
