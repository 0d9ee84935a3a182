import { KubeObject } from '../render/render';
import { change } from './change';
import { diffPaths, mapDelta } from '../json/diff';
import { isObject, JsonObject } from '../json/json';
import { listSome, listSomeChange } from '../text/lists';
import { metadataChanges, pruneNeedsConfirmation } from './metadata';
import { BackupSpec, readBackupSpec } from './backup-spec';
import { specOf } from './xr-spec';
import { classifier } from './classifier';
import { Change } from './types';

const EXPLAINED = new Set(['planName', 'vaultName', 'schedule', 'retentionDays', 'copy', 'tags']);

/** Classifies one `DynamoDBBackupPlan` XR: an environment's AWS Backup plan, vaults and selection. */
export const classifyBackup = classifier({
  created: (head) => {
    const b = readBackupSpec(head);
    return [change(`creates AWS Backup plan ${b.planName}: ${b.schedule}, recovery points kept ${b.retentionDays} days${b.copy ? `, copied to ${b.copy.region} and kept ${b.copy.retentionDays} days there` : ''}`, [], ['cost'])];
  },
  deleted: (base) => {
    const a = readBackupSpec(base);
    const argo = pruneNeedsConfirmation(base) ? '; Argo CD waits for someone to confirm the prune' : '';
    return [change(`removes AWS Backup plan ${a.planName}: Crossplane deletes its table selection, so no table gets new recovery points; the plan, the vault ${a.vaultName}${a.copy ? ` (and its copy in ${a.copy.region})` : ''} with every recovery point until it expires, and the backup role stay in AWS, no longer managed: AWS refuses to delete a vault that holds recovery points, and the role is what AWS Backup uses to expire them; delete them by hand once the vault is empty${argo}`,
      ['backup-removed'], ['recovery-weakened'])];
  },
  updated: (base, head, context) => {
    const a = readBackupSpec(base);
    const b = readBackupSpec(head);
    const changes: Change[] = [...retention(a, b), ...copy(a, b)];
    // Copy fields besides region and retention: e.g. the copy vault's ARN, which the Composition now takes from the composed vault.
    const copyRest = (o: KubeObject) => ({ ...objectAt(specOf(o).copy), region: undefined, retentionDays: undefined, destinationVaultArn: undefined });
    const copyFields = diffPaths(copyRest(base), copyRest(head), { path: 'spec.copy' });
    if (copyFields.length) changes.push(change(listSomeChange(copyFields)));
    if (a.copyDestinationVaultArn && !b.copyDestinationVaultArn && b.copy) {
      changes.push(change('spec.copy.destinationVaultArn is no longer written by hand: the plan\'s copy action takes the ARN the composed DR vault reports, so the two cannot disagree'));
    }
    if (a.schedule !== b.schedule) changes.push(change(`schedule ${a.schedule} → ${b.schedule}`));
    if (a.planName !== b.planName || a.vaultName !== b.vaultName) {
      changes.push(change(`plan/vault ${a.planName}/${a.vaultName} → ${b.planName}/${b.vaultName}: Crossplane creates them under the new names; recovery points in the old vault stay there`, [], ['cost']));
    }
    const tags = mapDelta(a.tags, b.tags);
    const tagKeys = [...tags.added, ...tags.changed, ...tags.removed];
    if (tagKeys.length) changes.push(change(`tags ${listSome(tagKeys)} change: no effect on backups`, [], ['cosmetic']));
    // The Composition is picked by whether there is a copy; that change is already explained.
    const explained = (k: string) => EXPLAINED.has(k) || (k === 'crossplane' && !a.copy !== !b.copy);
    const unexplained = (s: JsonObject) => Object.fromEntries(Object.entries(s).filter(([k]) => !explained(k)));
    const rest = diffPaths(unexplained(specOf(base)), unexplained(specOf(head)), { path: 'spec', schema: context.specSchema });
    if (rest.length) changes.push(change(listSomeChange(rest)));
    return [...changes, ...metadataChanges(base, head)];
  },
});

function retention(a: BackupSpec, b: BackupSpec): Change[] {
  if (a.retentionDays === b.retentionDays) return [];
  if (b.retentionDays < a.retentionDays) {
    return [change(`retention ${a.retentionDays} → ${b.retentionDays} days: recovery points made from now on are deleted after ${b.retentionDays} days instead of ${a.retentionDays}`,
      ['backup-shortened'], ['recovery-weakened'])];
  }
  return [change(`retention ${a.retentionDays} → ${b.retentionDays} days`, [], ['cost'])];
}

function copy(a: BackupSpec, b: BackupSpec): Change[] {
  if (a.copy && !b.copy) {
    return [change(`cross-region copy to ${a.copy.region} removed: no new copies leave the primary region; the DR vault stays in AWS, no longer managed, with what it holds until it expires`,
      ['backup-removed'], ['recovery-weakened'])];
  }
  if (!a.copy && b.copy) return [change(`copies recovery points to ${b.copy.region}, kept ${b.copy.retentionDays} days`, [], ['cost'])];
  if (!a.copy || !b.copy) return [];
  const out: Change[] = [];
  if (a.copy.region !== b.copy.region) out.push(change(`DR copies go to ${b.copy.region} instead of ${a.copy.region}; copies already in ${a.copy.region} stay until they expire`));
  if (b.copy.retentionDays < a.copy.retentionDays) {
    out.push(change(`DR copy retention ${a.copy.retentionDays} → ${b.copy.retentionDays} days: copies in ${b.copy.region} are deleted sooner`, ['backup-shortened'], ['recovery-weakened']));
  } else if (b.copy.retentionDays > a.copy.retentionDays) {
    out.push(change(`DR copy retention ${a.copy.retentionDays} → ${b.copy.retentionDays} days`, [], ['cost']));
  }
  return out;
}

function objectAt(v: unknown): JsonObject {
  return isObject(v) ? v : {};
}
