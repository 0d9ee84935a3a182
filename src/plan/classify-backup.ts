import { KubeObject } from '../render/render';
import { change } from './change';
import { deepEqual, diffPaths, listSome, mapDelta } from './diff';
import { metadataChanges, pruneNeedsConfirmation } from './metadata';
import { specOf } from './table-spec';
import { Change, Classified } from './types';

/** The `DynamoDBBackupPlan` XR spec fields plan reasons about. */
interface BackupSpec {
  readonly planName: string;
  readonly vaultName: string;
  readonly schedule: string;
  readonly retentionDays: number;
  readonly copy?: { readonly region: string; readonly retentionDays: number };
}

const EXPLAINED = new Set(['planName', 'vaultName', 'schedule', 'retentionDays', 'copy', 'tags']);

function readBackupSpec(o: KubeObject): BackupSpec {
  const s = specOf(o);
  return {
    planName: s.planName ?? o.metadata.name,
    vaultName: s.vaultName ?? o.metadata.name,
    schedule: s.schedule ?? '',
    retentionDays: s.retentionDays ?? 0,
    ...(s.copy ? { copy: { region: s.copy.region, retentionDays: s.copy.retentionDays ?? s.retentionDays } } : {}),
  };
}

/** Classifies one `DynamoDBBackupPlan` XR: an environment's AWS Backup plan, vaults and selection. */
export function classifyBackup(base: KubeObject | undefined, head: KubeObject | undefined): Classified {
  if (!base && head) {
    const b = readBackupSpec(head);
    return { action: 'create', changes: [change(`creates AWS Backup plan ${b.planName}: ${b.schedule}, recovery points kept ${b.retentionDays} days${b.copy ? `, copied to ${b.copy.region} and kept ${b.copy.retentionDays} days there` : ''}`, [], ['cost'])] };
  }
  if (base && !head) {
    const a = readBackupSpec(base);
    const argo = pruneNeedsConfirmation(base) ? '; Argo CD waits for someone to confirm the prune' : '';
    return {
      action: 'delete',
      changes: [change(`removes AWS Backup plan ${a.planName}: Crossplane deletes its table selection, so no table gets new recovery points; the plan, the vault ${a.vaultName}${a.copy ? ` (and its copy in ${a.copy.region})` : ''} with every recovery point until it expires, and the backup role stay in AWS, no longer managed: AWS refuses to delete a vault that holds recovery points, and the role is what AWS Backup uses to expire them; delete them by hand once the vault is empty${argo}`,
        ['backup-removed'], ['recovery-weakened'])],
    };
  }
  if (!base || !head) throw new Error('classifyBackup needs at least one side');
  const a = readBackupSpec(base);
  const b = readBackupSpec(head);
  const changes: Change[] = [...retention(a, b), ...copy(a, b)];
  // Copy fields besides region and retention: e.g. the copy vault's ARN, which the Composition now takes from the composed vault.
  const copyRest = (o: KubeObject) => ({ ...specOf(o).copy, region: undefined, retentionDays: undefined, destinationVaultArn: undefined });
  const copyFields = diffPaths(copyRest(base), copyRest(head), 'spec.copy');
  if (copyFields.length) changes.push(change(`${listSome(copyFields)} change${copyFields.length === 1 ? 's' : ''}`));
  if (specOf(base).copy?.destinationVaultArn && !specOf(head).copy?.destinationVaultArn && b.copy) {
    changes.push(change('spec.copy.destinationVaultArn is no longer written by hand: the plan\'s copy action takes the ARN the composed DR vault reports, so the two cannot disagree'));
  }
  if (a.schedule !== b.schedule) changes.push(change(`schedule ${a.schedule} → ${b.schedule}`));
  if (a.planName !== b.planName || a.vaultName !== b.vaultName) {
    changes.push(change(`plan/vault ${a.planName}/${a.vaultName} → ${b.planName}/${b.vaultName}: Crossplane creates them under the new names; recovery points in the old vault stay there`, [], ['cost']));
  }
  const tags = mapDelta(specOf(base).tags ?? {}, specOf(head).tags ?? {});
  const tagKeys = [...tags.added, ...tags.changed, ...tags.removed];
  if (tagKeys.length) changes.push(change(`tags ${listSome(tagKeys)} change: no effect on backups`, [], ['cosmetic']));
  // The Composition is picked by whether there is a copy; that change is already explained.
  const explained = (k: string) => EXPLAINED.has(k) || (k === 'crossplane' && !a.copy !== !b.copy);
  const rest = Object.keys({ ...specOf(base), ...specOf(head) }).filter((k) => !explained(k)).sort()
    .flatMap((k) => diffPaths(specOf(base)[k], specOf(head)[k], `spec.${k}`));
  if (rest.length) changes.push(change(`${listSome(rest)} change${rest.length === 1 ? 's' : ''}`));
  changes.push(...metadataChanges(base, head));
  if (changes.length || !deepEqual(base, head)) return { action: 'update', changes };
  return { action: 'no-op', changes: [] };
}

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
