import { compareStrings } from '../text/compare';
import { Inputs } from './inputs';
import { BILLING_MODE, KeyType, PITR_DEFAULT_RECOVERY_DAYS } from './aws';
import { Environment } from './environment';
import { tableObjectName } from './object-name';
import { capacityModeIn, inBackupIn, pitrEnabledIn, replicasIn } from './table-in-environment';
import { DEFAULT_BACKUP_SELECTION_TAG_KEY, DEFAULT_FUNCTION_PACKAGE } from './project-config';
import {
  EnvironmentModel, KeyAttr, Model, ResolvedBackupPlan, ResolvedReplica, ResolvedTable,
} from './resolved';
import { TableSchema } from './table-schema';
import { BACKUP_SPEC_DEFAULTS, ManagementMode, TABLE_SPEC_DEFAULTS } from './xr-api';

/**
 * Builds the model from validated inputs. Pure; call only when validation
 * found no errors (it trusts key types and references).
 */
export function resolveModel(inputs: Inputs): Model {
  const p = inputs.project.value;
  const environments = [...inputs.environments]
    .sort((a, b) => compareStrings(a.value.name, b.value.name))
    .map((e) => resolveEnvironment(e.file, e.value, inputs, p.backupSelectionTag));
  return {
    organisation: p.organisation,
    apiGroup: p.apiGroup,
    functionPackage: p.crossplane?.functionPackage ?? DEFAULT_FUNCTION_PACKAGE,
    repository: { url: p.repository.url, revision: p.repository.revision, path: p.repository.path ?? '' },
    argocd: {
      namespace: p.argocd.namespace ?? 'argocd',
      project: p.argocd.project,
      destinationServer: p.argocd.destinationServer ?? 'https://kubernetes.default.svc',
    },
    ...(p.docs?.purpose ? { purpose: p.docs.purpose } : {}),
    environments,
  };
}

function resolveEnvironment(
  source: string, e: Environment, inputs: Inputs, selectionTag: { key: string; value: string } | undefined,
): EnvironmentModel {
  const providerConfigName = e.providerConfig.name ?? `aws-${e.name}`;
  const backupPlan = e.backup?.enabled ? resolveBackupPlan(e, providerConfigName, selectionTag) : undefined;
  const tables = [...inputs.schemas]
    .sort((a, b) => compareStrings(a.value.tableName, b.value.tableName))
    .map((s) => resolveTable(s.file, s.value, e, providerConfigName, backupPlan));
  return {
    name: e.name,
    source,
    ...(e.description ? { description: e.description } : {}),
    account: e.account,
    region: e.region,
    ...(e.drRegion ? { drRegion: e.drRegion } : {}),
    namespace: e.namespace,
    providerConfig: {
      name: providerConfigName,
      roleArn: e.providerConfig.roleArn,
      ...(e.providerConfig.externalId ? { externalId: e.providerConfig.externalId } : {}),
      source: e.providerConfig.source ?? 'IRSA',
    },
    onRemoval: e.tableDefaults?.onRemoval ?? 'delete',
    tags: sortedRecord(e.tags),
    guard: [...(e.guard?.block ?? [])],
    prune: e.sync?.prune ?? true,
    confirmDeletion: e.sync?.confirmDeletion ?? false,
    tables,
    ...(backupPlan ? { backupPlan } : {}),
  };
}

function resolveBackupPlan(
  e: Environment, providerConfigName: string, selectionTag: { key: string; value: string } | undefined,
): ResolvedBackupPlan {
  const b = e.backup!;
  const base = `${e.namespace}-dynamodb`;
  const copyRegion = b.copyToDr?.enabled ? (b.copyToDr.region ?? e.drRegion) : undefined;
  return {
    name: 'dynamodb-backup',
    environment: e.name,
    namespace: e.namespace,
    region: e.region,
    account: e.account,
    providerConfigName,
    planName: base,
    vaultName: base,
    roleName: `${base}-backup`,
    selectionName: `${base}-tagged`,
    schedule: b.schedule!,
    retentionDays: b.retentionDays!,
    startWindowMinutes: b.startWindowMinutes ?? BACKUP_SPEC_DEFAULTS.startWindowMinutes,
    completionWindowMinutes: b.completionWindowMinutes ?? BACKUP_SPEC_DEFAULTS.completionWindowMinutes,
    ...(copyRegion ? {
      copy: {
        region: copyRegion,
        retentionDays: b.copyToDr?.retentionDays ?? b.retentionDays!,
      },
    } : {}),
    selectionTag: selectionTag ?? { key: DEFAULT_BACKUP_SELECTION_TAG_KEY, value: base },
    tags: sortedRecord(e.tags),
  };
}

function managementMode(t: TableSchema, e: Environment): ManagementMode {
  const explicit = t.overrides?.[e.name]?.managementMode ?? e.tableDefaults?.managementMode;
  if (explicit) return explicit;
  return e.tableDefaults?.onRemoval === 'keep' ? 'keep-on-delete' : TABLE_SPEC_DEFAULTS.managementMode;
}

export function resolveTable(
  source: string, t: TableSchema, e: Environment, providerConfigName: string, backupPlan: ResolvedBackupPlan | undefined,
): ResolvedTable {
  const o = t.overrides?.[e.name] ?? {};
  const capacityMode = capacityModeIn(t, e);
  const provisioned = capacityMode === 'PROVISIONED' ? (o.provisionedThroughput ?? t.provisionedThroughput) : undefined;
  const pitrEnabled = pitrEnabledIn(t, e);
  const pitrDays = o.pitr?.recoveryPeriodInDays ?? t.pitr?.recoveryPeriodInDays ?? e.tableDefaults?.pitr?.recoveryPeriodInDays ?? PITR_DEFAULT_RECOVERY_DAYS;
  const deletionProtection = o.deletionProtection ?? t.deletionProtection ?? e.tableDefaults?.deletionProtection ?? TABLE_SPEC_DEFAULTS.deletionProtection;
  const encryption = e.encryption ?? { type: 'aws-managed' as const };
  const replicas: ResolvedReplica[] = replicasIn(t, e)
    .map((r) => ({
      regionName: r.region,
      pointInTimeRecovery: r.pitr ?? pitrEnabled,
      propagateTags: r.propagateTags ?? true,
      deletionProtectionEnabled: r.deletionProtection ?? deletionProtection,
      ...(r.kmsKeyArn ? { kmsKeyArn: r.kmsKeyArn } : {}),
    }))
    .sort((a, b) => compareStrings(a.regionName, b.regionName));
  const inBackup = backupPlan !== undefined && inBackupIn(t, e);

  const keyTypes = new Map<string, KeyType>();
  const addKey = (k: { name: string; type: string } | null | undefined) => {
    if (k) keyTypes.set(k.name, k.type as KeyType);
  };
  addKey(t.primaryKey.partitionKey);
  addKey(t.primaryKey.sortKey);
  for (const g of t.globalSecondaryIndexes ?? []) {
    addKey(g.partitionKey);
    addKey(g.sortKey);
  }
  for (const l of t.localSecondaryIndexes ?? []) addKey(l.sortKey);
  const attributes: KeyAttr[] = [...keyTypes].map(([name, type]) => ({ name, type })).sort((a, b) => compareStrings(a.name, b.name));

  const mandatoryTags: Record<string, string> = { ...e.tags };
  if (inBackup) mandatoryTags[backupPlan.selectionTag.key] = backupPlan.selectionTag.value;

  return {
    source,
    logicalName: t.tableName,
    objectName: tableObjectName(t.tableName),
    tableName: o.tableName ?? t.tableName,
    environment: e.name,
    namespace: e.namespace,
    region: e.region,
    providerConfigName,
    managementMode: managementMode(t, e),
    hashKey: t.primaryKey.partitionKey.name,
    ...(t.primaryKey.sortKey ? { rangeKey: t.primaryKey.sortKey.name } : {}),
    attributes,
    globalSecondaryIndexes: (t.globalSecondaryIndexes ?? []).map((g) => ({
      name: g.indexName,
      hashKey: g.partitionKey.name,
      ...(g.sortKey ? { rangeKey: g.sortKey.name } : {}),
      projectionType: g.projectionType,
      ...(g.projectionType === 'INCLUDE' && g.nonKeyAttributes ? { nonKeyAttributes: [...g.nonKeyAttributes] } : {}),
      ...(capacityMode === 'ON_DEMAND' && g.onDemandThroughput ? { onDemandThroughput: { ...g.onDemandThroughput } } : {}),
      ...(capacityMode === 'PROVISIONED' && g.provisionedThroughput
        ? { readCapacity: g.provisionedThroughput.readCapacityUnits, writeCapacity: g.provisionedThroughput.writeCapacityUnits } : {}),
    })),
    localSecondaryIndexes: (t.localSecondaryIndexes ?? []).map((l) => ({
      name: l.indexName,
      rangeKey: l.sortKey.name,
      projectionType: l.projectionType,
      ...(l.projectionType === 'INCLUDE' && l.nonKeyAttributes ? { nonKeyAttributes: [...l.nonKeyAttributes] } : {}),
    })),
    billingMode: BILLING_MODE[capacityMode],
    ...(provisioned ? { readCapacity: provisioned.readCapacityUnits, writeCapacity: provisioned.writeCapacityUnits } : {}),
    ...(capacityMode === 'ON_DEMAND' && t.onDemandThroughput ? { onDemandThroughput: { ...t.onDemandThroughput } } : {}),
    pointInTimeRecovery: pitrEnabled ? { enabled: true, recoveryPeriodInDays: pitrDays } : { enabled: false },
    encryption: encryption.type === 'customer-managed' ? { type: encryption.type, kmsKeyArn: encryption.kmsKeyArn } : { type: encryption.type },
    stream: t.streams?.enabled ? { enabled: true, viewType: t.streams.viewType } : { enabled: false },
    ...(t.ttl ? { ttl: { enabled: t.ttl.enabled, attributeName: t.ttl.attributeName } } : {}),
    tableClass: o.tableClass ?? t.tableClass ?? e.tableDefaults?.tableClass ?? TABLE_SPEC_DEFAULTS.tableClass,
    deletionProtection,
    replicas,
    tags: sortedRecord({ ...(t.tags ?? {}), ...(o.tags ?? {}) }),
    mandatoryTags: sortedRecord(mandatoryTags),
    ...(inBackup ? { backupPlan: backupPlan.name } : {}),
  };
}

export function sortedRecord(r: Readonly<Record<string, string>> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of Object.keys(r ?? {}).sort()) out[k] = r![k];
  return out;
}
