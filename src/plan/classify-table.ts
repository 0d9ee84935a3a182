import { PITR_DEFAULT_RECOVERY_DAYS } from '../model/aws';
import { may } from '../model/xr-api';
import { change } from './change';
import { diffPaths } from '../json/diff';
import { JsonObject } from '../json/json';
import { listSome, listSomeChange, plural } from '../text/lists';
import { metadataChanges, pruneNeedsConfirmation } from './metadata';
import { readTableSpec, TableSpec } from './table-spec';
import { specOf } from './xr-spec';
import { accessTopic } from './table/access';
import { capacityTopic } from './table/capacity';
import { gsisTopic } from './table/gsis';
import { identityTopic } from './table/identity';
import { keysTopic } from './table/keys';
import { managementTopic } from './table/management';
import { recoveryTopic } from './table/recovery';
import { replicasTopic } from './table/replicas';
import { tagsTopic } from './table/tags';
import { TableTopic } from './table/topic';
import { ttlStreamTopic } from './table/ttl-stream';
import { classifier } from './classifier';
import { Change } from './types';

/** In explanation order: what replaces the table first, cosmetics last. */
const TOPICS: readonly TableTopic[] = [
  identityTopic, keysTopic, capacityTopic, gsisTopic, recoveryTopic, ttlStreamTopic, replicasTopic, managementTopic, accessTopic, tagsTopic,
];
const OWNED = new Set(TOPICS.flatMap((t) => t.fields));

/** Classifies one `DynamoDBTable` XR. */
export const classifyTable = classifier({
  created: (head) => [created(readTableSpec(head))],
  deleted: (base) => [deleted(readTableSpec(base), pruneNeedsConfirmation(base))],
  updated: (base, head, context) => {
    const a = readTableSpec(base);
    const b = readTableSpec(head);
    const changes = [...TOPICS.flatMap((t) => t.classify(a, b)), ...residual(specOf(base), specOf(head), context.specSchema)];
    return [...(b.managementMode === 'observe' ? observed(changes, a, b) : changes), ...metadataChanges(base, head)];
  },
});

function created(t: TableSpec): Change {
  if (t.managementMode === 'observe') {
    return change(`adopts the existing table ${t.tableName} in ${t.region} read-only (observe): nothing is created or changed in AWS`, [], ['observe-only']);
  }
  const pitr = t.pointInTimeRecovery.enabled ? `PITR ${t.pointInTimeRecovery.recoveryPeriodInDays ?? PITR_DEFAULT_RECOVERY_DAYS} days` : 'PITR off';
  const parts = [
    t.billingMode,
    `key ${t.rangeKey ? `${t.hashKey}/${t.rangeKey}` : t.hashKey}`,
    ...(t.globalSecondaryIndexes.length ? [plural(t.globalSecondaryIndexes.length, 'GSI')] : []),
    ...(t.localSecondaryIndexes.length ? [plural(t.localSecondaryIndexes.length, 'LSI')] : []),
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
function residual(a: JsonObject, b: JsonObject, specSchema: JsonObject | undefined): Change[] {
  const unexplained = (s: JsonObject) => Object.fromEntries(Object.entries(s).filter(([k]) => !OWNED.has(k)));
  const paths = diffPaths(unexplained(a), unexplained(b), { path: 'spec', schema: specSchema });
  return paths.length ? [change(listSomeChange(paths))] : [];
}

/** In observe mode Crossplane writes nothing: only the mode change itself matters in AWS. */
function observed(changes: readonly Change[], a: TableSpec, b: TableSpec): Change[] {
  const mode = a.managementMode !== b.managementMode ? managementTopic.classify(a, b) : [];
  const rest = changes.filter((c) => !mode.some((m) => m.text === c.text));
  if (!rest.length) return mode;
  const what = rest.map((c) => c.text.split(':')[0]);
  return [...mode, change(`observe mode: ${listSome(what, 2)} ${rest.length === 1 ? 'is' : 'are'} recorded on the XR but not applied in AWS`, [], ['observe-only'])];
}
