import { KubeObject } from '../render/render';
import { change } from './change';
import { REMOVING_DOC, TRACKING_ID } from './environment-lifecycle';
import { readBackupSpec } from './backup-spec';
import { readTableSpec } from './table-spec';
import { Change, Classified } from './types';
import { BACKUP_XR_KIND, may, TABLE_XR_KIND } from '../model/xr-api';

/**
 * An object whose Application goes away with its environment: git stops
 * describing it, but nothing deletes it (no resources finalizer), so it stays
 * in the cluster and Crossplane keeps reconciling it. The action stays
 * `delete`, as for anything that leaves git, and the `delete` risk class stays
 * on what holds data, so a guarded environment cannot be dropped unseen; the
 * `orphaned` label and the text say that nothing is deleted.
 */
export function classifyOrphaned(base: KubeObject): Classified {
  return { action: 'delete', changes: [orphaned(base)] };
}

/** An object a renamed environment's new Application takes over from the old one. */
export function moved(oldApplication: string, newApplication: string): Change {
  return change(`moves from Application ${oldApplication} to ${newApplication}: its ${TRACKING_ID} still names ${oldApplication}, `
    + `so ${newApplication}'s sync fails (FailOnSharedResource=true) until that annotation is removed; nothing is deleted`, [], ['manual-step']);
}

function orphaned(o: KubeObject): Change {
  const stays = 'leaves git but stays in the cluster, orphaned (no Application syncs it any more)';
  if (o.kind === TABLE_XR_KIND) {
    const t = readTableSpec(o);
    const later = may(t.managementMode, 'Delete')
      ? `DELETES the table and its items (management mode ${t.managementMode})`
      : `only releases the table (management mode ${t.managementMode})`;
    return change(`${stays}, so Crossplane keeps table ${t.tableName} in ${t.region} as last synced and no change in git reaches it; deleting this XR by hand later ${later}`,
      ['delete'], ['orphaned']);
  }
  if (o.kind === BACKUP_XR_KIND) {
    const name = readBackupSpec(o).planName;
    return change(`${stays}, so AWS Backup plan ${name} keeps running as last synced`, ['delete'], ['orphaned']);
  }
  if (o.kind === 'Namespace') {
    return change(`${stays}, as does every XR in it; deleting the namespace by hand would delete them all at once, and Crossplane cannot finish deleting managed resources in a terminating namespace, so delete the XRs first (${REMOVING_DOC})`,
      ['delete'], ['orphaned']);
  }
  return change(`${stays}; delete it by hand once nothing uses it`, [], ['orphaned']);
}
