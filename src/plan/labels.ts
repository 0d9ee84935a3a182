import { RISK_CLASSES, RiskClass } from '../model/common';

/**
 * Effect labels: what a change costs, next to its risk class. A reviewer
 * scans these to see which changes lose data, take hours, cost money or are
 * rate-limited by AWS. Only risk classes (src/model/common.ts) can be guarded.
 */
export const EFFECT_LABELS = [
  /** Items are lost (or, for a rename, left behind in a table nobody reads). */
  'data-loss',
  /** A way to restore the data is removed or shortened. */
  'recovery-weakened',
  /** The table stays in AWS but git and Crossplane stop managing it. */
  'released',
  /**
   * The object stays in the cluster, and Crossplane keeps its table as last
   * synced, but no Argo CD Application syncs it from git any more.
   */
  'orphaned',
  /** DynamoDB reads every item to build something (an index, a replica). */
  'backfill',
  /** Every write to the table also writes the index: more write units billed. */
  'write-cost',
  /** The bill changes (capacity, storage, backups, replicas). */
  'cost',
  /** Takes minutes to hours in AWS. */
  'slow',
  /** AWS limits how often this can be done per table. */
  'rate-limited',
  /** AWS needs two separate updates; Crossplane retries between them. */
  'two-step',
  /** Argo CD cannot finish the sync until someone acts in the cluster (docs/environments.md says how). */
  'manual-step',
  /** Applications must change with it (queries, stream consumers). */
  'app-impact',
  /** Requests above the new limit are throttled. */
  'throttle-risk',
  /** The table is observed only; Crossplane does not write the change to AWS. */
  'observe-only',
  /** No effect on data or behaviour: tags, Argo CD metadata. */
  'cosmetic',
] as const;

export type EffectLabel = typeof EFFECT_LABELS[number];

const RISK_ORDER = new Map<string, number>(RISK_CLASSES.map((r, i) => [r, i]));
const EFFECT_ORDER = new Map<string, number>(EFFECT_LABELS.map((l, i) => [l, i + RISK_CLASSES.length]));

/** Risk classes and effect labels, deduplicated, in their documented order. */
export function orderLabels(risks: readonly RiskClass[], effects: readonly EffectLabel[]): string[] {
  const all = new Set<string>([...risks, ...effects]);
  return [...all].sort((a, b) => (RISK_ORDER.get(a) ?? EFFECT_ORDER.get(a)!) - (RISK_ORDER.get(b) ?? EFFECT_ORDER.get(b)!));
}

/** Risk classes, deduplicated, in RISK_CLASSES order. */
export function orderRisks(risks: Iterable<RiskClass>): RiskClass[] {
  return [...new Set(risks)].sort((a, b) => RISK_ORDER.get(a)! - RISK_ORDER.get(b)!);
}
