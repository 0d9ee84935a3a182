import { didYouMean } from '../../diagnostics/did-you-mean';
import { error, Finding, warning } from '../../diagnostics/finding';
import { AWS_REGIONS, LIMITS, STREAM_VIEW_TYPES } from '../../model/aws';
import { Environment } from '../../model/environment';
import { TableSchema } from '../../model/table-schema';
import { Loaded } from '../../load/inputs';

export interface TableRuleContext {
  readonly environments: readonly Loaded<Environment>[];
  readonly mandatoryTags: readonly string[];
}

/** Stream view type, and the stream a global-table replica depends on. */
export function checkStreams({ file, value: t }: Loaded<TableSchema>, ctx: TableRuleContext): Finding[] {
  const findings: Finding[] = [];
  const s = t.streams;
  if (s?.viewType !== undefined && !(STREAM_VIEW_TYPES as readonly string[]).includes(s.viewType)) {
    const guess = didYouMean(s.viewType, STREAM_VIEW_TYPES);
    findings.push(error('stream-view-type', file, ['streams', 'viewType'], `stream view type "${s.viewType}" is not valid`,
      guess ? `did you mean "${guess}"?` : `use one of: ${STREAM_VIEW_TYPES.join(', ')}`));
  }
  if (s?.enabled && s.viewType === undefined) {
    findings.push(error('stream-view-type', file, ['streams'], 'streams are enabled without a viewType',
      `set streams.viewType to one of: ${STREAM_VIEW_TYPES.join(', ')}`));
  }
  for (const env of ctx.environments) {
    const replicas = t.overrides?.[env.value.name]?.replicas ?? env.value.replicas ?? [];
    if (replicas.length > 0 && !(s?.enabled && s.viewType === 'NEW_AND_OLD_IMAGES')) {
      findings.push(error('replica-needs-stream', file, s ? ['streams'] : [],
        `environment "${env.value.name}" replicates this table to ${replicas.map((r) => r.region).join(', ')}, which needs streams enabled with NEW_AND_OLD_IMAGES`,
        'set "streams": { "enabled": true, "viewType": "NEW_AND_OLD_IMAGES" }'));
    }
  }
  return findings;
}

/** TTL reads an epoch-seconds number attribute. */
export function checkTtl({ file, value: t }: Loaded<TableSchema>): Finding[] {
  if (!t.ttl) return [];
  const attr = t.attributes.find((a) => a.name === t.ttl!.attributeName);
  if (!attr) {
    return [error('ttl-attribute', file, ['ttl', 'attributeName'], `TTL attribute "${t.ttl.attributeName}" is not declared in attributes`,
      `declare { "name": "${t.ttl.attributeName}", "type": "N", "description": "expiry, epoch seconds" }`)];
  }
  return attr.type === 'N' ? [] : [error('ttl-attribute', file, ['ttl', 'attributeName'],
    `TTL attribute "${attr.name}" has type ${attr.type}; DynamoDB only expires items whose TTL attribute is N (epoch seconds)`,
    `declare "${attr.name}" with type N and store the expiry as epoch seconds`)];
}

/** Billing mode, capacities and PITR window. */
export function checkCapacity({ file, value: t }: Loaded<TableSchema>): Finding[] {
  const findings: Finding[] = [];
  const modes: [string | undefined, unknown, (string | number)[]][] = [[t.capacityMode, t.provisionedThroughput, []]];
  for (const [env, o] of Object.entries(t.overrides ?? {})) {
    // An override that leaves capacity alone inherits the table's settings, already checked above.
    if (o.capacityMode === undefined && o.provisionedThroughput === undefined) continue;
    modes.push([o.capacityMode ?? t.capacityMode, o.provisionedThroughput ?? t.provisionedThroughput, ['overrides', env]]);
  }
  const gsisReported = new Set<number>();
  for (const [mode, throughput, path] of modes) {
    if (mode === 'PROVISIONED') {
      if (!throughput) {
        findings.push(error('capacity', file, [...path, 'provisionedThroughput'], 'capacityMode PROVISIONED needs provisionedThroughput',
          'add "provisionedThroughput": { "readCapacityUnits": 5, "writeCapacityUnits": 5 }, or use ON_DEMAND'));
      }
      (t.globalSecondaryIndexes ?? []).forEach((g, i) => {
        // Index throughput is not overridable per environment: one finding per index is enough.
        if (!g.provisionedThroughput && !gsisReported.has(i)) {
          gsisReported.add(i);
          findings.push(error('capacity', file, ['globalSecondaryIndexes', i, 'provisionedThroughput'],
            `index "${g.indexName}" needs provisionedThroughput because the table is PROVISIONED${path.length ? ` in ${path[1]}` : ''}`,
            'add "provisionedThroughput": { "readCapacityUnits": 5, "writeCapacityUnits": 5 } to the index'));
        }
      });
    }
  }
  if (t.capacityMode !== 'PROVISIONED' && t.provisionedThroughput && !Object.values(t.overrides ?? {}).some((o) => o.capacityMode === 'PROVISIONED')) {
    findings.push(warning('capacity', file, ['provisionedThroughput'], 'provisionedThroughput is ignored because the table is ON_DEMAND',
      'remove it, or set capacityMode to PROVISIONED'));
  }
  const pitrs: [number | undefined, (string | number)[]][] = [[t.pitr?.recoveryPeriodInDays, ['pitr', 'recoveryPeriodInDays']]];
  for (const [env, o] of Object.entries(t.overrides ?? {})) pitrs.push([o.pitr?.recoveryPeriodInDays, ['overrides', env, 'pitr', 'recoveryPeriodInDays']]);
  for (const [days, path] of pitrs) {
    if (days !== undefined && (days < LIMITS.pitrRecoveryMinDays || days > LIMITS.pitrRecoveryMaxDays)) {
      findings.push(error('pitr-period', file, path, `PITR recovery period of ${days} days is out of range`,
        `use ${LIMITS.pitrRecoveryMinDays}-${LIMITS.pitrRecoveryMaxDays} days`));
    }
  }
  return findings;
}

/** Overrides and acknowledgements name real environments; replicas name real regions. */
export function checkEnvironmentReferences({ file, value: t }: Loaded<TableSchema>, ctx: TableRuleContext): Finding[] {
  const findings: Finding[] = [];
  const names = ctx.environments.map((e) => e.value.name);
  const unknown = (env: string) => {
    const guess = didYouMean(env, names);
    return guess ? `did you mean "${guess}"?` : `known environments: ${names.join(', ')}`;
  };
  for (const [env, o] of Object.entries(t.overrides ?? {})) {
    if (!names.includes(env)) {
      findings.push(error('override-environment', file, ['overrides', env], `override for unknown environment "${env}"`, unknown(env)));
    }
    const envFile = ctx.environments.find((e) => e.value.name === env)?.value;
    (o.replicas ?? []).forEach((r, i) => {
      if (!AWS_REGIONS.includes(r.region)) {
        findings.push(error('region', file, ['overrides', env, 'replicas', i, 'region'], `"${r.region}" is not an AWS region`,
          `use a region code such as ${didYouMean(r.region, AWS_REGIONS) ?? 'eu-west-1'}`));
      } else if (envFile && r.region === envFile.region) {
        findings.push(error('replica-region', file, ['overrides', env, 'replicas', i, 'region'],
          `replica region ${r.region} is the table's own region in ${env}`, 'replicate to a different region'));
      }
    });
  }
  (t.acknowledge ?? []).forEach((a, i) => {
    if (a.environment !== undefined && !names.includes(a.environment)) {
      findings.push(error('acknowledge-environment', file, ['acknowledge', i, 'environment'],
        `acknowledgement for unknown environment "${a.environment}"`, unknown(a.environment)));
    }
  });
  return findings;
}

/** Environment tags are policy: a table may add tags but not change a mandatory one. */
export function checkTags({ file, value: t }: Loaded<TableSchema>, ctx: TableRuleContext): Finding[] {
  const findings: Finding[] = [];
  const envValues = (key: string) => new Set(ctx.environments.map((e) => e.value.tags?.[key]));
  const check = (tags: Record<string, string> | undefined, path: (string | number)[]) => {
    for (const key of Object.keys(tags ?? {})) {
      const values = envValues(key);
      // Repeating the value every environment already sets is harmless.
      if (ctx.mandatoryTags.includes(key) && !(values.size === 1 && values.has(tags![key]))) {
        findings.push(warning('tag-mandatory', file, [...path, key],
          `tag "${key}" is set by each environment and wins over this value ("${tags![key]}")`,
          `remove "${key}" here; change it in environments/<env>.yaml instead`));
      }
    }
  };
  check(t.tags, ['tags']);
  for (const [env, o] of Object.entries(t.overrides ?? {})) check(o.tags, ['overrides', env, 'tags']);
  return findings;
}

/** The legacy per-table backup block predates environment-level AWS Backup. */
export function checkLegacyBackup({ file, value: t }: Loaded<TableSchema>): Finding[] {
  return t.backup === undefined ? [] : [warning('legacy-backup', file, ['backup'],
    'the legacy "backup" block is ignored; AWS Backup schedule and retention are set per environment',
    'remove "backup" and configure backup in environments/<env>.yaml; use overrides.<env>.backup: false to leave a table out')];
}
