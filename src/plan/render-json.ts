import { countEntries, planCounts, planExitCode } from './summary';
import { ACTIONS, Plan, UnusedAcknowledgement } from './types';

/** Version of the JSON layout; bumped only when a field changes meaning or goes away (added fields keep it). */
export const PLAN_JSON_VERSION = 1;

/**
 * `plan --format json`: stable field order, every resource (no-ops too), null
 * rather than absent for optional fields. Documented in the README. Fields
 * added since version 1 came out go last in their object, so a reader of the
 * first layout sees it unchanged.
 */
export function planJson(plan: Plan): object {
  const counts = (c: ReturnType<typeof countEntries>) => ({ ...Object.fromEntries(ACTIONS.map((a) => [a, c[a]])), blocked: c.blocked });
  const listed = (a: UnusedAcknowledgement) => ({
    change: a.change, environment: a.environment ?? null, resource: a.resource ?? null, reason: a.reason, source: a.source, path: a.path,
  });
  return {
    formatVersion: PLAN_JSON_VERSION,
    base: { ref: plan.base.ref, commit: plan.base.commit ?? null, source: plan.base.source, note: plan.base.note ?? null },
    summary: { ...counts(planCounts(plan)), exitCode: planExitCode(plan) },
    environments: plan.environments.map((e) => ({
      name: e.name,
      guard: [...e.guard],
      counts: counts(countEntries(e.entries)),
      lifecycle: e.lifecycle ? {
        change: e.lifecycle.change,
        from: e.lifecycle.from ?? null,
        oldApplication: e.lifecycle.oldApplication,
        newApplication: e.lifecycle.newApplication ?? null,
        explanation: e.lifecycle.text,
        docs: e.lifecycle.docs,
      } : null,
      environmentWide: e.environmentWide.map((w) => ({ change: w.change, resources: [...w.resources], acknowledgeIn: w.acknowledgeIn })),
    })),
    changes: plan.environments.flatMap((env) => env.entries.map((e) => ({
      environment: e.environment,
      kind: e.kind,
      name: e.name,
      action: e.action,
      labels: [...e.labels],
      blocked: e.blocked,
      explanation: e.explanation,
      risks: [...e.risks],
      blockedBy: [...e.blockedBy],
      acknowledged: e.acknowledged.map((a) => ({ change: a.change, reason: a.reason, by: a.by ?? null, source: a.source })),
      migration: e.migration ? [...e.migration] : null,
    }))),
    unusedAcknowledgements: plan.unusedAcknowledgements.map(listed),
    staleAcknowledgements: plan.staleAcknowledgements.map((a) => ({ ...listed(a), wouldApprove: [...a.wouldApprove] })),
    guardChanges: plan.guardChanges.map((g) => ({
      environment: g.environment, field: g.field,
      before: Array.isArray(g.before) ? [...g.before] : g.before, after: Array.isArray(g.after) ? [...g.after] : g.after,
      explanation: g.explanation, source: g.source,
    })),
  };
}

export function renderJson(plan: Plan): string {
  return `${JSON.stringify(planJson(plan), null, 2)}\n`;
}
