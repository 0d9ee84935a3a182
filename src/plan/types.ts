import { RiskClass } from '../model/common';
import { EffectLabel } from './labels';

/** What Crossplane does to the resource in AWS (or Kubernetes, for objects that are not AWS resources). */
export type Action = 'create' | 'update' | 'replace' | 'delete' | 'no-op';

export const ACTIONS: readonly Action[] = ['create', 'update', 'replace', 'delete', 'no-op'];

/** One thing that changes about a resource, as a classifier sees it. */
export interface Change {
  /** Guardable risk classes this change falls under; `replace` makes the whole resource a replace. */
  readonly risks: readonly RiskClass[];
  /** What the change costs: data, time, money, rate limits. */
  readonly labels: readonly EffectLabel[];
  /** One sentence, no trailing period. */
  readonly text: string;
}

/** A classifier's verdict on one resource. */
export interface Classified {
  readonly action: Action;
  readonly changes: readonly Change[];
}

/** An acknowledgement that matched a change. */
export interface AppliedAcknowledgement {
  readonly change: RiskClass;
  readonly reason: string;
  readonly by?: string;
  /** File that holds it. */
  readonly source: string;
}

/** One resource in one environment: the unit every output format lists. */
export interface PlanEntry {
  /** dist/ folder: an environment name, `platform`, or another chart folder. */
  readonly environment: string;
  readonly kind: string;
  /** metadata.name */
  readonly name: string;
  readonly action: Action;
  /** Risk classes first (in RISK_CLASSES order), then effect labels (in EFFECT_LABELS order). */
  readonly labels: readonly string[];
  readonly risks: readonly RiskClass[];
  readonly blocked: boolean;
  /** Risk classes the environment's guard blocks and nothing acknowledges. */
  readonly blockedBy: readonly RiskClass[];
  readonly acknowledged: readonly AppliedAcknowledgement[];
  /** The changes' texts joined with "; ". */
  readonly explanation: string;
  readonly changes: readonly Change[];
  /** Where an acknowledgement for this resource goes, for the blocked message. */
  readonly acknowledgeIn: string;
}

export interface EnvironmentPlan {
  readonly name: string;
  /** An environment file's folder, as opposed to `platform` or another chart's folder (argocd). */
  readonly isEnvironment: boolean;
  /** Effective guard: the union of the base's and the head's lists, so a PR cannot lift its own guard. */
  readonly guard: readonly RiskClass[];
  readonly entries: readonly PlanEntry[];
}

/** Where the base side came from. */
export interface BaseInfo {
  /** What the user asked for or the default picked, e.g. `origin/main`, `HEAD`. */
  readonly ref: string;
  /** Full commit id; absent when the repository has no commits. */
  readonly commit?: string;
  /** `sources`: the base's inputs synthesized in memory; `dist`: the committed dist/ (sources invalid); `empty`: nothing at the base. */
  readonly source: 'sources' | 'dist' | 'empty';
  /** Why the base was read the way it was, when it was not `sources`. */
  readonly note?: string;
}

export interface UnusedAcknowledgement {
  readonly change: RiskClass;
  readonly environment?: string;
  readonly resource?: string;
  readonly reason: string;
  readonly source: string;
  readonly path: string;
}

export interface Plan {
  readonly base: BaseInfo;
  readonly environments: readonly EnvironmentPlan[];
  readonly unusedAcknowledgements: readonly UnusedAcknowledgement[];
}
