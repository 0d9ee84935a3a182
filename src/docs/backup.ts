/** Backup and recovery: what protects each environment, and the commands that restore a table. */
import { EnvironmentModel, Model, ResolvedTable } from '../model/resolved';
import { onOff } from './facts';
import { joinAnd } from '../text/lists';
import { blocks, bullets, code, codeOutsideTable, fenced, table, text } from '../text/markdown';
import { perTable, pitr, replicaRegions } from './table-settings';

export function backupSection(model: Model): string {
  const envs = model.environments;
  return blocks(
    '## Backup and recovery',
    '### Protection per environment',
    protectionMatrix(envs),
    gaps(envs),
    '### What the protection costs',
    protectionCost(envs),
    '### Recovery steps',
    'The commands use the AWS CLI with credentials for the environment\'s account. A restore always creates a new table: DynamoDB cannot restore over an existing one.',
    pitrRestore(envs),
    vaultRestore(envs),
    failover(envs),
    cutOver(envs),
  );
}

function protectionMatrix(envs: readonly EnvironmentModel[]): string {
  const row = (label: string, value: (e: EnvironmentModel) => string) => [label, ...envs.map(value)];
  const plan = (value: (b: NonNullable<EnvironmentModel['backupPlan']>, e: EnvironmentModel) => string) => (e: EnvironmentModel) => (e.backupPlan ? value(e.backupPlan, e) : '—');
  return table(['Protection', ...envs.map((e) => text(e.name))], [
    row('Point-in-time recovery', (e) => perTable(e, pitr)),
    row('AWS Backup plan', (e) => (e.backupPlan ? code(e.backupPlan.planName) : 'none')),
    row('Backup schedule', plan((b) => code(b.schedule))),
    row('Backup retention', plan((b) => `${b.retentionDays} days`)),
    row('Backup window', plan((b) => `starts within ${b.startWindowMinutes} min, completes within ${b.completionWindowMinutes} min`)),
    row('Backup vault', plan((b) => `${code(b.vaultName)} in ${code(b.region)}`)),
    row('Tables in the plan', plan((b, e) => {
      const inPlan = e.tables.filter((t) => t.backupPlan !== undefined).map((t) => code(t.tableName));
      return `${inPlan.length ? inPlan.join(', ') : 'none'}, selected by tag ${code(`${b.selectionTag.key}=${b.selectionTag.value}`)}`;
    })),
    row('DR copy', plan((b) => (b.copy ? `vault ${code(b.vaultName)} in ${code(b.copy.region)}, kept ${b.copy.retentionDays} days` : 'none'))),
    row('Replicas', (e) => perTable(e, replicaRegions)),
    row('Deletion protection', (e) => perTable(e, (t) => onOff(t.deletionProtection))),
  ]);
}

/**
 * Recovery points a schedule makes in a day, for the simple cron and rate
 * forms; undefined for anything else (the estimate then says "per run").
 */
export function runsPerDay(schedule: string): number | undefined {
  const rate = /^rate\((\d+) (minutes?|hours?|days?)\)$/.exec(schedule);
  if (rate) {
    const n = Number(rate[1]);
    const perDay = rate[2].startsWith('minute') ? 1440 / n : rate[2].startsWith('hour') ? 24 / n : 1 / n;
    return Number.isInteger(perDay) ? perDay : undefined;
  }
  const cron = /^cron\((\S+) (\S+) (\S+) (\S+) (\S+) (\S+)\)$/.exec(schedule);
  if (!cron) return undefined;
  const [, minute, hour, dom, month, dow] = cron;
  if (!/^\d+$/.test(minute) || !(dom === '*' || dom === '?') || month !== '*' || !(dow === '*' || dow === '?')) return undefined;
  if (hour === '*') return 24;
  if (/^\d+$/.test(hour)) return 1;
  if (/^\d+(,\d+)*$/.test(hour)) return hour.split(',').length;
  const every = /^(\*|0)\/(\d+)$/.exec(hour);
  return every && 24 % Number(every[2]) === 0 ? 24 / Number(every[2]) : undefined;
}

/**
 * The cost drivers, as multiples of each table's size, since prices differ by
 * region and change: PITR is billed on the table's size whatever the window
 * (DynamoDB developer guide, "Point-in-time backups"); every AWS Backup
 * recovery point of a DynamoDB table is a full copy ("How AWS Backup works
 * with DynamoDB": "the entire table data is backed up"); a copy to another
 * region is stored there again and its transfer is billed; a replica is a
 * whole second table that also receives every write.
 */
function protectionCost(envs: readonly EnvironmentModel[]): string {
  const rows = envs.map((e) => {
    const pitrTables = e.tables.filter((t) => t.pointInTimeRecovery.enabled).length;
    const b = e.backupPlan;
    const perDay = b ? runsPerDay(b.schedule) : undefined;
    const points = b ? (perDay !== undefined ? `${perDay * b.retentionDays} (${perDay} a day × ${b.retentionDays} days)` : `one per run of ${code(b.schedule)}, kept ${b.retentionDays} days`) : '—';
    const copyPoints = b?.copy ? (perDay !== undefined ? `${perDay * b.copy.retentionDays} more in ${code(b.copy.region)}, plus the transfer of ${perDay} × the table size a day` : `one more per run in ${code(b.copy.region)}, plus its transfer`) : '—';
    const replicas = [...new Set(e.tables.flatMap((t) => t.replicas.map((r) => r.regionName)))];
    return [
      text(e.name),
      pitrTables ? `${pitrTables} of ${e.tables.length} tables: their size, once` : 'none',
      points,
      copyPoints,
      replicas.length ? `a full copy in ${replicas.map(code).join(', ')}, and every write again` : 'none',
    ];
  });
  return blocks(
    'Storage for each table, as multiples of its size (prices differ by region; the AWS pricing pages for DynamoDB and AWS Backup give the rate per GB-month):',
    table(['Environment', 'Point-in-time recovery', 'AWS Backup recovery points kept', 'DR copies', 'Replicas'], rows),
    'Point-in-time recovery is billed on the size of the table and its local secondary indexes, whatever the recovery window: shortening it saves nothing. Each AWS Backup recovery point of a DynamoDB table is a full copy of the table, not an increment, so an hourly schedule kept 30 days stores 720 copies of every table in the plan.',
  );
}

function gaps(envs: readonly EnvironmentModel[]): string | undefined {
  const notes = envs.flatMap((e) => {
    const replicas = e.tables.some((t) => t.replicas.length);
    const pitrOn = e.tables.filter((t) => t.pointInTimeRecovery.enabled);
    if (e.backupPlan || replicas) return [];
    if (pitrOn.length === e.tables.length) return [`${codeOutsideTable(e.name)} has no AWS Backup plan and no replica: point-in-time recovery is its only way back.`];
    if (pitrOn.length === 0) return [`${codeOutsideTable(e.name)} has no point-in-time recovery, no AWS Backup plan and no replica: a lost or damaged table cannot be restored.`];
    const without = e.tables.filter((t) => !t.pointInTimeRecovery.enabled).map((t) => codeOutsideTable(t.tableName));
    return [`${codeOutsideTable(e.name)} has no AWS Backup plan and no replica, and ${joinAnd(without)} ${without.length === 1 ? 'has' : 'have'} no point-in-time recovery: ${without.length === 1 ? 'it' : 'they'} cannot be restored.`];
  });
  return notes.length
    ? blocks('Environments with less protection:', bullets(notes))
    : 'Every environment has an AWS Backup plan or a replica besides point-in-time recovery.';
}

function tableChoice(tables: readonly ResolvedTable[]): string {
  return `# TABLE is one of: ${tables.map((t) => t.tableName).join(', ')}`;
}

function pitrRestore(envs: readonly EnvironmentModel[]): string {
  const covered = envs.map((e) => ({ e, tables: e.tables.filter((t) => t.pointInTimeRecovery.enabled) })).filter((x) => x.tables.length);
  if (covered.length === 0) return blocks('#### Point-in-time restore', 'No table has point-in-time recovery.');
  return blocks(
    '#### Point-in-time restore',
    'Restores a table to any second inside its recovery window, into a new table. Set `TABLE`, read the window, then set `RESTORE_TIME` (UTC, ISO 8601) to the last good moment inside it.',
    ...covered.map(({ e, tables }) => fenced('sh', [
      `# ${e.name}: account ${e.account}, region ${e.region}`,
      tableChoice(tables),
      `aws dynamodb describe-continuous-backups --region ${e.region} --table-name "$TABLE" \\`,
      '  --query \'ContinuousBackupsDescription.PointInTimeRecoveryDescription\'',
      `aws dynamodb restore-table-to-point-in-time --region ${e.region} \\`,
      '  --source-table-name "$TABLE" --target-table-name "$TABLE-restored" \\',
      `  --restore-date-time "$RESTORE_TIME"${sseOverride(tables) ? ' \\' : ''}`,
      ...(sseOverride(tables) ? [`  --sse-specification-override ${sseOverride(tables)}`] : []),
      `aws dynamodb wait table-exists --region ${e.region} --table-name "$TABLE-restored"`,
    ].join('\n'))),
  );
}

/** The restore's encryption, so the new table is encrypted like the environment's tables. */
function sseOverride(tables: readonly ResolvedTable[]): string | undefined {
  const kinds = new Set(tables.map((t) => `${t.encryption.type} ${t.encryption.kmsKeyArn ?? ''}`));
  if (kinds.size !== 1) return undefined;
  const enc = tables[0].encryption;
  switch (enc.type) {
    case 'aws-owned': return 'Enabled=false';
    case 'aws-managed': return 'Enabled=true,SSEType=KMS';
    case 'customer-managed': return `Enabled=true,SSEType=KMS,KMSMasterKeyId=${enc.kmsKeyArn ?? ''}`;
  }
}

function vaultRestore(envs: readonly EnvironmentModel[]): string | undefined {
  const withPlan = envs.filter((e) => e.backupPlan && e.tables.some((t) => t.backupPlan !== undefined));
  if (withPlan.length === 0) return undefined;
  return blocks(
    '#### Restore from an AWS Backup vault',
    'Restores a table from a recovery point, into a new table in the vault\'s region. List the recovery points, set `RECOVERY_POINT_ARN` to the one to restore, start the job and follow it. The restore runs as the backup plan\'s service role, which carries AWS\'s managed restore policy.',
    ...withPlan.flatMap((e) => {
      const b = e.backupPlan!;
      const tables = e.tables.filter((t) => t.backupPlan !== undefined);
      const role = `arn:aws:iam::${e.account}:role/${b.roleName}`;
      const block = (region: string, where: string) => fenced('sh', [
        `# ${e.name}: ${where}`,
        tableChoice(tables),
        `aws backup list-recovery-points-by-backup-vault --region ${region} \\`,
        `  --backup-vault-name ${b.vaultName} \\`,
        `  --by-resource-arn "arn:aws:dynamodb:${e.region}:${e.account}:table/$TABLE" \\`,
        '  --query \'RecoveryPoints[].[CreationDate,Status,RecoveryPointArn]\' --output table',
        `RESTORE_JOB_ID=$(aws backup start-restore-job --region ${region} \\`,
        '  --recovery-point-arn "$RECOVERY_POINT_ARN" \\',
        `  --iam-role-arn ${role} \\`,
        '  --resource-type DynamoDB --metadata "TargetTableName=$TABLE-restored" \\',
        '  --query RestoreJobId --output text)',
        `aws backup describe-restore-job --region ${region} --restore-job-id "$RESTORE_JOB_ID" --query Status`,
      ].join('\n'));
      return [
        block(b.region, `vault ${b.vaultName} in ${b.region}, account ${e.account}`),
        ...(b.copy ? [
          `The copies in ${codeOutsideTable(b.copy.region)} restore the same way, into a new table in ${codeOutsideTable(b.copy.region)}: the way back when ${codeOutsideTable(b.region)} itself is unavailable.`,
          block(b.copy.region, `DR copy, vault ${b.vaultName} in ${b.copy.region}, account ${e.account}`),
        ] : []),
      ];
    }),
  );
}

function failover(envs: readonly EnvironmentModel[]): string | undefined {
  const withReplicas = envs.filter((e) => e.tables.some((t) => t.replicas.length));
  if (withReplicas.length === 0) return undefined;
  return blocks(
    '#### Fail over to a replica region',
    'A table with replicas is a global table: every replica accepts reads and writes and receives every write, usually within a second. Failing over moves no data:',
    bullets([
      'check that the replica is active;',
      'point the applications at the replica region;',
      'when the primary region is back, it catches up on the writes made meanwhile by itself; point the applications back.',
    ]),
    'Concurrent writes to the same item in two regions resolve as last writer wins. A replica is not a backup: a bad write or a delete reaches it within seconds, so recover from those with the restores above.',
    ...withReplicas.map((e) => {
      const tables = e.tables.filter((t) => t.replicas.length);
      const regions = [...new Set(tables.flatMap((t) => t.replicas.map((r) => r.regionName)))];
      return fenced('sh', [
        `# ${e.name}: account ${e.account}, primary ${e.region}, replica${regions.length === 1 ? '' : 's'} ${regions.join(', ')}`,
        tableChoice(tables),
        `aws dynamodb describe-table --region ${e.region} --table-name "$TABLE" --query 'Table.Replicas[].[RegionName,ReplicaStatus]' --output table`,
        ...regions.map((r) => `aws dynamodb describe-table --region ${r} --table-name "$TABLE" --query 'Table.TableStatus'`),
      ].join('\n'));
    }),
  );
}

function cutOver(envs: readonly EnvironmentModel[]): string {
  const guarded = envs.filter((e) => e.guard.includes('replace'));
  return blocks(
    '#### Cut over to a restored table',
    'A restored table is new and outside git. It has the source\'s keys and indexes, but none of its tags, stream, TTL, point-in-time recovery, deletion protection or replicas. Two ways back to normal:',
    bullets([
      '**Copy back**: copy the items you need from `$TABLE-restored` into the managed table, which keeps every declared setting, its backups and its replicas; then delete `$TABLE-restored`.',
      `**Adopt the restored table**: in the table's schema, set \`overrides.<environment>.tableName\` to \`$TABLE-restored\` and open a pull request. \`ddbops plan\` reports the rename as a replace${guarded.length
        ? `, which the plan guard of ${joinAnd(guarded.map((e) => codeOutsideTable(e.name)))} blocks until the schema acknowledges it`
        : ''}. Once merged, Crossplane manages the restored table and applies every declared setting to it; the previous table is left in AWS for you to delete when it is no longer needed.`,
    ]),
  );
}
