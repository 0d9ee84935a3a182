import { didYouMean } from '../../diagnostics/did-you-mean';
import { error, Finding, warning } from '../../diagnostics/finding';
import { STREAM_VIEW_TYPES } from '../../model/aws';
import { replicasIn } from '../../model/table-in-environment';
import { TableSchema } from '../../model/table-schema';
import { Loaded } from '../../model/inputs';
import { TableRuleContext } from './context';
import { checkReplicaList } from './replicas';

/** Stream view type, only on an enabled stream, and the stream a global-table replica keeps on. */
export function checkStreams({ file, value: t }: Loaded<TableSchema>, ctx: TableRuleContext): Finding[] {
  const findings: Finding[] = [];
  const s = t.streams;
  const knownViewType = s?.viewType === undefined || (STREAM_VIEW_TYPES as readonly string[]).includes(s.viewType);
  if (s?.viewType !== undefined && !knownViewType) {
    const guess = didYouMean(s.viewType, STREAM_VIEW_TYPES);
    findings.push(error('stream-view-type', file, ['streams', 'viewType'], `stream view type "${s.viewType}" is not valid`,
      guess ? `did you mean "${guess}"?` : `use one of: ${STREAM_VIEW_TYPES.join(', ')}`));
  }
  if (s?.enabled && s.viewType === undefined) {
    findings.push(error('stream-view-type', file, ['streams'], 'streams are enabled without a viewType',
      `set streams.viewType to one of: ${STREAM_VIEW_TYPES.join(', ')}`));
  } else if (s && !s.enabled && s.viewType !== undefined && knownViewType) {
    // DynamoDB refuses a view type on a disabled stream; the renderer drops it, so it would silently never apply.
    findings.push(error('stream-view-type', file, ['streams', 'viewType'], `viewType ${s.viewType} is ignored because streams are disabled`,
      'remove viewType, or set streams.enabled to true'));
  }
  for (const env of ctx.environments) {
    const replicas = replicasIn(t, env.value);
    // Stricter than DynamoDB, which keeps a KEYS_ONLY stream: what matters is that the schema keeps the stream
    // on, because DynamoDB turns it on for replicas and the provider would keep trying to turn it off.
    if (replicas.length > 0 && !(s?.enabled && s.viewType === 'NEW_AND_OLD_IMAGES')) {
      findings.push(error('replica-needs-stream', file, s ? ['streams'] : [],
        `environment "${env.value.name}" replicates this table to ${replicas.map((r) => r.region).join(', ')}: DynamoDB turns its stream on and refuses to turn it off, so declare streams enabled with NEW_AND_OLD_IMAGES`,
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

/** Overrides and acknowledgements name real environments; per-table replicas follow the replica rules. */
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
    const envFile = ctx.environments.find((e) => e.value.name === env);
    if (envFile && o.replicas) {
      findings.push(...checkReplicaList(o.replicas, {
        file, path: ['overrides', env, 'replicas'], environment: envFile.value, ownRegion: `the table's own region in ${env}`,
      }));
    }
  }
  (t.acknowledge ?? []).forEach((a, i) => {
    if (a.environment !== undefined && !names.includes(a.environment)) {
      findings.push(error('acknowledge-environment', file, ['acknowledge', i, 'environment'],
        `acknowledgement for unknown environment "${a.environment}"`, unknown(a.environment)));
    }
  });
  return findings;
}

/** The legacy per-table backup block predates environment-level AWS Backup. */
export function checkLegacyBackup({ file, value: t }: Loaded<TableSchema>): Finding[] {
  return t.backup === undefined ? [] : [warning('legacy-backup', file, ['backup'],
    'the legacy "backup" block is ignored; AWS Backup schedule and retention are set per environment',
    'remove "backup" and configure backup in environments/<env>.yaml; use overrides.<env>.backup: false to leave a table out')];
}
