/** A table's settings in every environment; one value where the environments agree. */
import { PITR_DEFAULT_RECOVERY_DAYS } from '../model/aws';
import { tableObjectName } from '../model/object-name';
import { EnvironmentModel, ResolvedTable } from '../model/resolved';
import { collapse, onOff, TableInEnvironment, TableView } from './facts';
import { blocks, code, table, text } from '../text/markdown';

export function tableSettingsSection(v: TableView): string {
  const s = v.schema;
  const per = (value: (t: ResolvedTable, e: TableInEnvironment) => string) => collapse(v.environments, (e) => text(e.env.name), (e) => value(e.table, e));
  const renamed = v.environments.some((e) => e.table.tableName !== s.tableName);
  const objectName = tableObjectName(s.tableName);
  const rows: string[][] = [
    ...(renamed ? [['Physical table name', per((t) => code(t.tableName))]] : []),
    // Only when Kubernetes needed a different name, so `kubectl get` can be matched to the table.
    ...(objectName !== s.tableName ? [['Kubernetes object name', code(objectName)]] : []),
    ['Capacity mode', per(capacity)],
    ['Point-in-time recovery', per(pitr)],
    ['Streams', s.streams?.enabled ? `on, ${code(s.streams.viewType ?? '')}` : 'off'],
    ['TTL', ttl(s.ttl)],
    ['Table class', per((t) => t.tableClass)],
    ['Deletion protection', per((t) => onOff(t.deletionProtection))],
    ['Encryption', per(encryption)],
    ['Replicas', per((t) => (t.replicas.length ? t.replicas.map((r) => r.regionName).join(', ') : 'none'))],
    ['AWS Backup', per((t, e) => (t.backupPlan && e.env.backupPlan ? `plan ${code(e.env.backupPlan.planName)}` : 'none'))],
    ['Management mode', per((t) => t.managementMode)],
    ...(Object.keys(s.tags ?? {}).length ? [['Table tags', Object.entries(s.tags ?? {}).map(([k, val]) => code(`${k}=${val}`)).join(', ')]] : []),
  ];
  return blocks('#### Settings', table(['Setting', 'Value'], rows));
}

/** One value per environment: the tables' common value, or one per table; a dash for an environment without tables. */
export function perTable(e: EnvironmentModel, value: (t: ResolvedTable) => string): string {
  if (e.tables.length === 0) return '—';
  return collapse(e.tables, (t) => text(t.logicalName), value);
}

/** A table's replica regions, as code. */
export function replicaRegions(t: ResolvedTable): string {
  return t.replicas.length ? t.replicas.map((r) => code(r.regionName)).join(', ') : 'none';
}

export function capacity(t: ResolvedTable): string {
  if (t.billingMode === 'PROVISIONED') return `provisioned, ${t.readCapacity ?? 0} read / ${t.writeCapacity ?? 0} write units`;
  const caps = t.onDemandThroughput;
  const limits = [
    ...(caps?.maxReadRequestUnits !== undefined ? [`at most ${caps.maxReadRequestUnits} read`] : []),
    ...(caps?.maxWriteRequestUnits !== undefined ? [`at most ${caps.maxWriteRequestUnits} write`] : []),
  ];
  return `on-demand${limits.length ? `, ${limits.join(' and ')} request units per second` : ''}`;
}

export function pitr(t: ResolvedTable): string {
  return t.pointInTimeRecovery.enabled ? `on, ${t.pointInTimeRecovery.recoveryPeriodInDays ?? PITR_DEFAULT_RECOVERY_DAYS}-day window` : 'off';
}

export function encryption(t: ResolvedTable): string {
  switch (t.encryption.type) {
    case 'aws-owned': return 'AWS-owned key';
    case 'aws-managed': return `AWS-managed KMS key (${code('aws/dynamodb')})`;
    case 'customer-managed': return `customer-managed KMS key ${code(t.encryption.kmsKeyArn ?? '')}`;
  }
}

function ttl(t: { enabled: boolean; attributeName: string } | undefined): string {
  if (!t) return 'off';
  return t.enabled ? `on, expiry in ${code(t.attributeName)}` : `off (${code(t.attributeName)} declared, disabled)`;
}
