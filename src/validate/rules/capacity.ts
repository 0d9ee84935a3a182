import { error, Finding, PathSegment, warning } from '../../diagnostics/finding';
import { Loaded } from '../../model/inputs';
import { CapacityMode, LIMITS } from '../../model/aws';
import { capacityModeIn, replicasIn } from '../../model/table-in-environment';
import { TableSchema } from '../../model/table-schema';
import { TableRuleContext } from './context';

const EXAMPLE_THROUGHPUT = '"provisionedThroughput": { "readCapacityUnits": 5, "writeCapacityUnits": 5 }';

/**
 * Billing mode and throughput, in every environment the table is rendered for:
 * PROVISIONED needs table and GSI throughput (capacity); settings of the other
 * mode are refused by DynamoDB, and dropped by the renderer, so they are
 * reported rather than silently ignored (capacity); values above the default
 * quota (capacity-quota); and replicas of a PROVISIONED table (replica-capacity).
 */
export function checkCapacity(s: Loaded<TableSchema>, ctx: TableRuleContext): Finding[] {
  return [
    ...missingThroughput(s, ctx),
    ...ignoredSettings(s, ctx),
    ...quotaWarnings(s),
    ...replicatedProvisioned(s, ctx),
  ];
}

/** Where a PROVISIONED mode comes from, and the throughput that goes with it there. */
interface ProvisionedSource {
  readonly throughput: unknown;
  readonly path: PathSegment[];
  /** The environment it applies to; undefined for the table's own declaration. */
  readonly environment?: string;
  /** The environment's tableDefaults, rather than the schema, made the table PROVISIONED. */
  readonly byDefault: boolean;
}

function missingThroughput({ file, value: t }: Loaded<TableSchema>, ctx: TableRuleContext): Finding[] {
  const sources: ProvisionedSource[] = [];
  if (t.capacityMode === 'PROVISIONED') sources.push({ throughput: t.provisionedThroughput, path: [], byDefault: false });
  for (const [env, o] of Object.entries(t.overrides ?? {})) {
    // An override that leaves capacity alone inherits the table's settings, already checked above.
    if (o.capacityMode === undefined && o.provisionedThroughput === undefined) continue;
    if ((o.capacityMode ?? t.capacityMode) === 'PROVISIONED') {
      sources.push({ throughput: o.provisionedThroughput ?? t.provisionedThroughput, path: ['overrides', env], environment: env, byDefault: false });
    }
  }
  for (const { value: e } of ctx.environments) {
    const o = t.overrides?.[e.name];
    if ((o?.capacityMode ?? t.capacityMode) === undefined && e.tableDefaults?.capacityMode === 'PROVISIONED') {
      sources.push({ throughput: o?.provisionedThroughput ?? t.provisionedThroughput, path: [], environment: e.name, byDefault: true });
    }
  }
  const findings: Finding[] = [];
  const gsisReported = new Set<number>();
  for (const source of sources) {
    if (!source.throughput) {
      findings.push(source.byDefault
        ? error('capacity', file, ['provisionedThroughput'],
          `environment "${source.environment}" makes this table PROVISIONED (tableDefaults.capacityMode), but it has no provisionedThroughput`,
          `add ${EXAMPLE_THROUGHPUT}, or set "capacityMode": "ON_DEMAND" for this table`)
        : error('capacity', file, [...source.path, 'provisionedThroughput'], 'capacityMode PROVISIONED needs provisionedThroughput',
          `add ${EXAMPLE_THROUGHPUT}, or use ON_DEMAND`));
    }
    (t.globalSecondaryIndexes ?? []).forEach((g, i) => {
      // Index throughput is not overridable per environment: one finding per index is enough.
      if (!g.provisionedThroughput && !gsisReported.has(i)) {
        gsisReported.add(i);
        findings.push(error('capacity', file, ['globalSecondaryIndexes', i, 'provisionedThroughput'],
          `index "${g.indexName}" needs provisionedThroughput because the table is PROVISIONED${source.environment ? ` in ${source.environment}` : ''}`,
          `add ${EXAMPLE_THROUGHPUT} to the index`));
      }
    });
  }
  return findings;
}

/**
 * DynamoDB refuses capacities with PAY_PER_REQUEST and on-demand maxima with
 * PROVISIONED; the renderer leaves them out instead, so a value written here
 * would silently never apply. A setting is reported only when no environment
 * uses it: throughput for the environments an override or a default provisions
 * is in use.
 */
function ignoredSettings({ file, value: t }: Loaded<TableSchema>, ctx: TableRuleContext): Finding[] {
  const envs = ctx.environments.map((e) => e.value);
  if (envs.length === 0) return [];
  const modes = envs.map((e) => capacityModeIn(t, e));
  const anyIn = (mode: CapacityMode) => modes.includes(mode);
  const findings: Finding[] = [];
  const tableThroughputUsed = envs.some((e) => capacityModeIn(t, e) === 'PROVISIONED' && t.overrides?.[e.name]?.provisionedThroughput === undefined);
  if (t.provisionedThroughput && t.capacityMode !== 'PROVISIONED' && !tableThroughputUsed) {
    findings.push(error('capacity', file, ['provisionedThroughput'], 'provisionedThroughput is ignored because the table is ON_DEMAND',
      'remove it, or set capacityMode to PROVISIONED'));
  }
  for (const e of envs) {
    const o = t.overrides?.[e.name];
    if (o?.provisionedThroughput && capacityModeIn(t, e) === 'ON_DEMAND') {
      findings.push(error('capacity', file, ['overrides', e.name, 'provisionedThroughput'],
        `provisionedThroughput is ignored because the table is ON_DEMAND in ${e.name}`,
        `remove it, or set overrides.${e.name}.capacityMode to PROVISIONED`));
    }
  }
  if (t.capacityMode !== 'PROVISIONED' && !anyIn('PROVISIONED')) {
    (t.globalSecondaryIndexes ?? []).forEach((g, i) => {
      if (g.provisionedThroughput) {
        findings.push(error('capacity', file, ['globalSecondaryIndexes', i, 'provisionedThroughput'],
          `provisionedThroughput of index "${g.indexName}" is ignored because the table is ON_DEMAND`,
          'remove it, or set the table\'s capacityMode to PROVISIONED'));
      }
    });
  }
  if (!anyIn('ON_DEMAND')) {
    if (t.onDemandThroughput) {
      findings.push(error('capacity', file, ['onDemandThroughput'], 'onDemandThroughput is ignored because the table is PROVISIONED',
        'remove it, or use capacityMode ON_DEMAND'));
    }
    (t.globalSecondaryIndexes ?? []).forEach((g, i) => {
      if (g.onDemandThroughput) {
        findings.push(error('capacity', file, ['globalSecondaryIndexes', i, 'onDemandThroughput'],
          `onDemandThroughput of index "${g.indexName}" is ignored because the table is PROVISIONED`,
          'remove it, or use capacityMode ON_DEMAND'));
      }
    });
  }
  return findings;
}

/** DynamoDB's default quota is 40,000 read and 40,000 write units per table and per index; AWS raises it on request, so a warning. */
function quotaWarnings({ file, value: t }: Loaded<TableSchema>): Finding[] {
  const findings: Finding[] = [];
  const quota = LIMITS.tableThroughputQuota;
  const check = (values: Record<string, number | undefined> | undefined, path: PathSegment[], of: string) => {
    for (const [field, value] of Object.entries(values ?? {})) {
      if (value !== undefined && value > quota) {
        findings.push(warning('capacity-quota', file, [...path, field],
          `${field} ${value}${of} is above DynamoDB's default quota of ${quota} per ${of ? 'index' : 'table'}`,
          'request a quota increase for the account before deploying, or lower the value'));
      }
    }
  };
  check(t.provisionedThroughput, ['provisionedThroughput'], '');
  check(t.onDemandThroughput, ['onDemandThroughput'], '');
  for (const [env, o] of Object.entries(t.overrides ?? {})) check(o.provisionedThroughput, ['overrides', env, 'provisionedThroughput'], '');
  (t.globalSecondaryIndexes ?? []).forEach((g, i) => {
    check(g.provisionedThroughput, ['globalSecondaryIndexes', i, 'provisionedThroughput'], ` of index "${g.indexName}"`);
    check(g.onDemandThroughput, ['globalSecondaryIndexes', i, 'onDemandThroughput'], ` of index "${g.indexName}"`);
  });
  return findings;
}

/**
 * A global table needs on-demand or auto-scaled write capacity ("Table write
 * capacity should either be Pay-Per-Request or AutoScaled"). The schema
 * language has no auto scaling, so every PROVISIONED replicated table fails.
 */
function replicatedProvisioned({ file, value: t }: Loaded<TableSchema>, ctx: TableRuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const { value: e } of ctx.environments) {
    const replicas = replicasIn(t, e);
    if (replicas.length === 0 || capacityModeIn(t, e) !== 'PROVISIONED') continue;
    findings.push(error('replica-capacity', file, t.overrides?.[e.name]?.capacityMode ? ['overrides', e.name, 'capacityMode'] : ['capacityMode'],
      `environment "${e.name}" replicates this table to ${replicas.map((r) => r.region).join(', ')}, but it is PROVISIONED there; DynamoDB global tables need on-demand or auto-scaled write capacity, and ddbops does not configure auto scaling`,
      `use ON_DEMAND in ${e.name} (overrides.${e.name}.capacityMode), or take the table out of the global table there (overrides.${e.name}.replicas: [])`));
  }
  return findings;
}
