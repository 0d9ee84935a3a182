import { KubeObject } from '../render/render';
import { change } from './change';
import { deepEqual, diffPaths, listSome } from './diff';
import { metadataChanges, pruneNeedsConfirmation } from './metadata';
import { readTableSpec, specOf, TableSpec } from './table-spec';
import { accessTopic } from './table/access';
import { capacityTopic } from './table/capacity';
import { gsisTopic } from './table/gsis';
import { identityTopic } from './table/identity';
import { keysTopic } from './table/keys';
import { managementTopic, may } from './table/management';
import { recoveryTopic } from './table/recovery';
import { replicasTopic } from './table/replicas';
import { tagsTopic } from './table/tags';
import { TableTopic } from './table/topic';
import { ttlStreamTopic } from './table/ttl-stream';
import { Change, Classified } from './types';

/** In explanation order: what replaces the table first, cosmetics last. */
const TOPICS: readonly TableTopic[] = [
  identityTopic, keysTopic, capacityTopic, gsisTopic, recoveryTopic, ttlStreamTopic, replicasTopic, managementTopic, accessTopic, tagsTopic,
];
const OWNED = new Set(TOPICS.flatMap((t) => t.fields));

/** Classifies one `DynamoDBTable` XR: absent on one side means create or delete. */
export function classifyTable(base: KubeObject | undefined, head: KubeObject | undefined): Classified {
  if (!base && head) return { action: 'create', changes: [created(readTableSpec(head))] };
  if (base && !head) return { action: 'delete', changes: [deleted(readTableSpec(base), pruneNeedsConfirmation(base))] };
  if (!base || !head) throw new Error('classifyTable needs at least one side');
  const a = readTableSpec(base);
  const b = readTableSpec(head);
  let changes: Change[] = TOPICS.flatMap((t) => t.classify(a, b));
  changes.push(...residual(specOf(base), specOf(head)));
  if (b.managementMode === 'observe') changes = observed(changes, a, b);
  changes.push(...metadataChanges(base, head));
  if (changes.some((c) => c.risks.includes('replace'))) return { action: 'replace', changes };
  if (changes.length || !deepEqual(base, head)) return { action: 'update', changes };
  return { action: 'no-op', changes: [] };
}

function created(t: TableSpec): Change {
  if (t.managementMode === 'observe') {
    return change(`adopts the existing table ${t.tableName} in ${t.region} read-only (observe): nothing is created or changed in AWS`, [], ['observe-only']);
  }
  const pitr = t.pointInTimeRecovery.enabled ? `PITR ${t.pointInTimeRecovery.recoveryPeriodInDays ?? 35} days` : 'PITR off';
  const parts = [
    t.billingMode,
    `key ${t.rangeKey ? `${t.hashKey}/${t.rangeKey}` : t.hashKey}`,
    ...(t.globalSecondaryIndexes.length ? [`${t.globalSecondaryIndexes.length} GSI${t.globalSecondaryIndexes.length === 1 ? '' : 's'}`] : []),
    ...(t.localSecondaryIndexes.length ? [`${t.localSecondaryIndexes.length} LSI${t.localSecondaryIndexes.length === 1 ? '' : 's'}`] : []),
    pitr,
    ...(t.tableClass !== 'STANDARD' ? [`table class ${t.tableClass}`] : []),
    ...(t.deletionProtection ? ['deletion protection on'] : []),
    ...(t.replicas.length ? [`replicas in ${t.replicas.map((r) => r.regionName).join(', ')}`] : []),
    ...(t.backupPlan ? [`backup plan ${t.backupPlan}`] : []),
  ];
  return change(`creates table ${t.tableName} in ${t.region} (${parts.join(', ')}); if a table of that name already exists in the account, Crossplane adopts it instead`);
}

function deleted(t: TableSpec, confirm: boolean): Change {
  const argo = confirm ? '; Argo CD waits for someone to confirm the prune' : '';
  if (may(t.managementMode, 'Delete')) {
    const replicas = t.replicas.length ? `, with its replicas in ${t.replicas.map((r) => r.regionName).join(', ')}` : '';
    const protectedNote = t.deletionProtection ? ' (deletion protection is on, so AWS refuses until it is turned off)' : '';
    return change(`XR removed: Crossplane DELETES table ${t.tableName} in ${t.region} and all its items${replicas}, because the management mode is ${t.managementMode}${protectedNote}${argo}`,
      ['delete'], ['data-loss']);
  }
  if (!may(t.managementMode, 'Update')) {
    return change(`XR removed: Crossplane stops observing table ${t.tableName}; nothing changes in AWS (management mode ${t.managementMode})${argo}`, ['delete'], ['released']);
  }
  return change(`XR removed: table ${t.tableName} is KEPT in AWS with its items and released from management (management mode ${t.managementMode}); git no longer describes it${argo}`,
    ['delete'], ['released']);
}

/** Spec fields no topic explains (a newer XRD field, say): reported by path, never dropped. */
function residual(a: Record<string, unknown>, b: Record<string, unknown>): Change[] {
  const paths = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()
    .filter((k) => !OWNED.has(k))
    .flatMap((k) => diffPaths(a[k], b[k], `spec.${k}`));
  return paths.length ? [change(`${listSome(paths)} change${paths.length === 1 ? 's' : ''}`)] : [];
}

/** In observe mode Crossplane writes nothing: only the mode change itself matters in AWS. */
function observed(changes: readonly Change[], a: TableSpec, b: TableSpec): Change[] {
  const mode = a.managementMode !== b.managementMode ? managementTopic.classify(a, b) : [];
  const rest = changes.filter((c) => !mode.some((m) => m.text === c.text));
  if (!rest.length) return mode;
  const what = rest.map((c) => c.text.split(':')[0]);
  return [...mode, change(`observe mode: ${listSome(what, 2)} ${rest.length === 1 ? 'is' : 'are'} recorded on the XR but not applied in AWS`, [], ['observe-only'])];
}
