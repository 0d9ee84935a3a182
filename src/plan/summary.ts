import { EXIT } from '../diagnostics/exit-codes';
import { Action, ACTIONS, Plan, PlanEntry, StaleAcknowledgement } from './types';

export type Counts = Record<Action, number> & { readonly blocked: number };

export function countEntries(entries: readonly PlanEntry[]): Counts {
  const counts = Object.fromEntries(ACTIONS.map((a) => [a, 0])) as Record<Action, number>;
  let blocked = 0;
  for (const e of entries) {
    counts[e.action]++;
    if (e.blocked) blocked++;
  }
  return { ...counts, blocked };
}

export function planCounts(plan: Plan): Counts {
  return countEntries(plan.environments.flatMap((e) => e.entries));
}

export function blockedEntries(plan: Plan): PlanEntry[] {
  return plan.environments.flatMap((e) => e.entries.filter((x) => x.blocked));
}

/** 3 when the guard tripped, else 0. */
export function planExitCode(plan: Plan): typeof EXIT.guard | typeof EXIT.ok {
  return plan.environments.some((e) => e.entries.some((x) => x.blocked)) ? EXIT.guard : EXIT.ok;
}

/** An object that leaves git with its environment's Application but stays in the cluster. */
export function isOrphaned(e: PlanEntry): boolean {
  return e.action === 'delete' && e.labels.includes('orphaned');
}

/** Stale acknowledgements by the `environment/Kind/name` they would have approved. */
export function staleByResource(plan: Plan): Map<string, StaleAcknowledgement[]> {
  const out = new Map<string, StaleAcknowledgement[]>();
  for (const a of plan.staleAcknowledgements) {
    for (const r of a.wouldApprove) {
      const list = out.get(r);
      if (list) list.push(a);
      else out.set(r, [a]);
    }
  }
  return out;
}

/** The snippet a reviewer adds to accept one blocked risk on purpose. */
export function acknowledgementSnippet(e: PlanEntry, risk: string): string {
  if (e.acknowledgeIn.endsWith('.json')) {
    return `"acknowledge": [{ "change": "${risk}", "environment": "${e.environment}", "reason": "<why this is safe>" }]`;
  }
  return `acknowledge: [{ change: ${risk}, resource: ${e.name}, reason: "<why this is safe>" }]`;
}

export function shortCommit(commit: string | undefined): string {
  return commit ? commit.slice(0, 12) : 'no commit';
}

/** "HEAD at 1a2b3c4d5e6f (its sources synthesized in memory)"; `code` formats the ref and commit. */
export function describeBase(plan: Plan, code: (s: string) => string = (s) => s): string {
  const b = plan.base;
  const how = { sources: 'its sources synthesized in memory', dist: 'its committed dist/, what Argo CD applies', empty: 'nothing there yet' }[b.source];
  return `${code(b.ref)}${b.commit ? ` at ${code(shortCommit(b.commit))}` : ''} (${how})`;
}
