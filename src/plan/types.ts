import { JsonObject } from '../json/json';
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

/** What a classifier may know besides the two objects. */
export interface ClassifyContext {
  /**
   * The spec schema of the object's XR kind, from the XRD the head (else the
   * base) renders: the diff names list-map elements by key, as `status` does.
   * @default none: arrays are compared by position
   */
  readonly specSchema?: JsonObject;
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
  /**
   * The steps that replace an acknowledged key change Argo CD cannot apply in
   * place: new table, copy, switch, retire.
   * @default undefined: nothing acknowledged needs a migration
   */
  readonly migration?: readonly string[];
}

export interface EnvironmentPlan {
  readonly name: string;
  /** An environment file's folder, as opposed to `platform` or another chart's folder (argocd). */
  readonly isEnvironment: boolean;
  /** Effective guard: the union of the base's and the head's lists, so a PR cannot lift its own guard. */
  readonly guard: readonly RiskClass[];
  readonly entries: readonly PlanEntry[];
  /**
   * The environment itself is removed, or renamed from another: its Argo CD Application changes.
   * @default undefined: the environment is on both sides under the same name (or is not an environment)
   */
  readonly lifecycle?: EnvironmentLifecycle;
  /** Risk classes that block every table of the environment at once: one environment-level acknowledgement covers them. */
  readonly environmentWide: readonly EnvironmentWideBlock[];
}

/** What removing or renaming an environment does, given the Applications ddbops renders. */
export interface EnvironmentLifecycle {
  readonly change: 'removed' | 'renamed';
  /**
   * For `renamed`: the environment's name on the base side.
   * @default undefined for `removed`
   */
  readonly from?: string;
  /** The Application that goes away: `<project>-<environment>` at the base. */
  readonly oldApplication: string;
  /**
   * For `renamed`: the Application that takes the objects over.
   * @default undefined for `removed`
   */
  readonly newApplication?: string;
  /** One paragraph: what Argo CD and Crossplane do, and what a person must do. */
  readonly text: string;
  /** The page and section with the safe steps, e.g. `docs/environments.md#removing-an-environment`. */
  readonly docs: string;
}

/** One risk class that blocks every table of an environment (at least two). */
export interface EnvironmentWideBlock {
  readonly change: RiskClass;
  /** Every resource it blocks, tables and others (the backup plan), as `Kind/name`. */
  readonly resources: readonly string[];
  /** The environment file one acknowledgement goes to. */
  readonly acknowledgeIn: string;
}

/** A setting that protects an environment, weakened at head: shown to reviewers as a change of its own. */
export interface GuardChange {
  readonly environment: string;
  /** The environment file's field. */
  readonly field: 'guard.block' | 'sync.confirmDeletion' | 'sync.prune';
  /** The field on the base (for a renamed environment, under its base name). */
  readonly before: readonly RiskClass[] | boolean;
  /** The field at head. */
  readonly after: readonly RiskClass[] | boolean;
  /** What stops being protected, once this is merged. */
  readonly explanation: string;
  /** The environment file at head. */
  readonly source: string;
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

/** An acknowledgement listed for removal. */
export interface UnusedAcknowledgement {
  readonly change: RiskClass;
  /**
   * Only this environment.
   * @default undefined: every environment
   */
  readonly environment?: string;
  /**
   * Only this resource.
   * @default undefined: every resource of the environment
   */
  readonly resource?: string;
  readonly reason: string;
  readonly source: string;
  readonly path: string;
}

/** An acknowledgement the base already has: it was reviewed with an earlier change. */
export interface StaleAcknowledgement extends UnusedAcknowledgement {
  /** What it would have approved in this plan, as `environment/Kind/name`: now blocked or merely unacknowledged. */
  readonly wouldApprove: readonly string[];
}

export interface Plan {
  readonly base: BaseInfo;
  readonly environments: readonly EnvironmentPlan[];
  /** New at head and matching nothing. */
  readonly unusedAcknowledgements: readonly UnusedAcknowledgement[];
  /** Already on the base: they approved an earlier change, approve nothing now, and should be removed. */
  readonly staleAcknowledgements: readonly StaleAcknowledgement[];
  /** Guards and sync confirmations weakened at head. */
  readonly guardChanges: readonly GuardChange[];
}
