import { countEntries, planCounts, planExitCode } from './summary';
import { ACTIONS, Plan } from './types';

/** Version of the JSON layout; bumped only when a field changes meaning or goes away. */
export const PLAN_JSON_VERSION = 1;

/**
 * `plan --format json`: stable field order, every resource (no-ops too), null
 * rather than absent for optional fields. Documented in the README.
 */
export function planJson(plan: Plan): object {
  const counts = (c: ReturnType<typeof countEntries>) => ({ ...Object.fromEntries(ACTIONS.map((a) => [a, c[a]])), blocked: c.blocked });
  return {
    formatVersion: PLAN_JSON_VERSION,
    base: { ref: plan.base.ref, commit: plan.base.commit ?? null, source: plan.base.source, note: plan.base.note ?? null },
    summary: { ...counts(planCounts(plan)), exitCode: planExitCode(plan) },
    environments: plan.environments.map((e) => ({ name: e.name, guard: [...e.guard], counts: counts(countEntries(e.entries)) })),
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
    }))),
    unusedAcknowledgements: plan.unusedAcknowledgements.map((a) => ({
      change: a.change, environment: a.environment ?? null, resource: a.resource ?? null, reason: a.reason, source: a.source, path: a.path,
    })),
  };
}

export function renderJson(plan: Plan): string {
  return `${JSON.stringify(planJson(plan), null, 2)}\n`;
}
