import { BlockedItem, blockedAdvice } from './blocked-advice';
import { migrationGroups } from './migration-groups';
import { blockedEntries, describeBase, isOrphaned, planCounts, planExitCode, staleByResource } from './summary';
import { plural } from '../text/lists';
import { Action, EnvironmentPlan, Plan, PlanEntry, StaleAcknowledgement } from './types';

export const SYMBOL: Readonly<Record<Action, string>> = { 'create': '+', 'update': '~', 'replace': '-/+', 'delete': '-', 'no-op': ' ' };

const VERB: Readonly<Record<Action, string>> = {
  'create': 'will be created',
  'update': 'will be updated in place',
  'replace': 'must be replaced',
  'delete': 'will be deleted',
  'no-op': 'is unchanged',
};

/** What happens to an object that leaves git with its environment's Application: nothing. */
const ORPHANED_VERB = 'leaves git but stays in the cluster (orphaned)';

/** Terminal output, shaped like `terraform plan`: changes per environment, a totals line, then what needs a reviewer's attention. */
export function renderText(plan: Plan): string {
  const lines: string[] = [`ddbops plan: base ${describeBase(plan)} → working tree`];
  if (plan.base.note) lines.push(`note: ${plan.base.note}`);
  lines.push('', 'Symbols: + create, ~ update in place, -/+ replace, - delete', '');
  const stale = staleByResource(plan);
  for (const env of plan.environments) {
    const changed = env.entries.filter((e) => e.action !== 'no-op');
    const unchanged = env.entries.length - changed.length;
    const guard = env.guard.length ? ` (guard blocks: ${env.guard.join(', ')})` : '';
    if (!changed.length) {
      lines.push(`${env.name}: no changes (${plural(unchanged, 'resource')} unchanged)`, '');
      continue;
    }
    lines.push(`${env.name}${guard}:`);
    lines.push(...lifecycleLines(env));
    for (const e of changed) lines.push(...entryLines(e, stale.get(`${e.environment}/${e.kind}/${e.name}`) ?? []));
    if (unchanged) lines.push(`  ${unchanged} unchanged`);
    lines.push('');
  }
  const c = planCounts(plan);
  const orphaned = plan.environments.reduce((n, e) => n + e.entries.filter(isOrphaned).length, 0);
  const deletes = orphaned ? `${c.delete} to delete (${orphaned === c.delete ? (orphaned === 1 ? 'it is' : 'all are') : `${orphaned} of them ${orphaned === 1 ? 'is' : 'are'}`} only orphaned: left in the cluster)` : `${c.delete} to delete`;
  lines.push(`Plan: ${c.create} to create, ${c.update} to update in place, ${c.replace} to replace, ${deletes}, ${c['no-op']} unchanged.`);
  lines.push(...guardChangeLines(plan));
  lines.push(...migrationLines(plan));
  lines.push(...staleLines(plan));
  lines.push(...unusedLines(plan));
  lines.push(...blockedLines(plan));
  return `${lines.join('\n')}\n`;
}

function lifecycleLines(env: EnvironmentPlan): string[] {
  return env.lifecycle ? [`  ! ${env.lifecycle.text}`, `    safe steps: ${env.lifecycle.docs}`] : [];
}

function entryLines(e: PlanEntry, stale: readonly StaleAcknowledgement[]): string[] {
  const labels = e.labels.length ? `  [${e.labels.join(', ')}]` : '';
  const verb = isOrphaned(e) ? ORPHANED_VERB : VERB[e.action];
  const out = [`  ${SYMBOL[e.action].padStart(3)} ${e.kind} ${e.name} ${verb}${labels}`];
  if (e.blocked) out.push(`        ✗ BLOCKED by the ${e.environment} guard: ${e.blockedBy.join(', ')}`);
  for (const a of stale) out.push(`        ✗ ${a.change} acknowledgement in ${a.source} ${a.path} ignored: it is already on the base, so it approved an earlier change`);
  for (const a of e.acknowledged) out.push(`        ✓ ${a.change} acknowledged in ${a.source}: ${a.reason}${a.by ? ` (${a.by})` : ''}`);
  if (e.migration) out.push('        ⚠ acknowledged, but the existing table cannot take this change (why: below): migrate to a new table instead, steps at the end');
  for (const c of e.changes) out.push(`        • ${c.text}`);
  return out;
}

function guardChangeLines(plan: Plan): string[] {
  if (!plan.guardChanges.length) return [];
  return [
    '',
    `⚠ Guard weakened (${plan.guardChanges.length}): each protects every later change, so review it as a change of its own:`,
    ...plan.guardChanges.map((g) => `  ${g.environment} (${g.source}): ${g.explanation}`),
  ];
}

function migrationLines(plan: Plan): string[] {
  const groups = migrationGroups(plan);
  if (!groups.length) return [];
  const tables = new Set(groups.map((g) => g.name)).size;
  const out = ['', `⚠ Acknowledged, but impossible in place (${plural(tables, 'table')}): an acknowledgement lets the plan pass, not the edit; migrate to a new table instead:`];
  for (const g of groups) {
    out.push(`  ${g.name} in ${g.environments.join(', ')} (${g.schema}):`);
    g.steps.forEach((s, i) => out.push(`    ${i + 1}. ${s}`));
  }
  return out;
}

function staleLines(plan: Plan): string[] {
  if (!plan.staleAcknowledgements.length) return [];
  return [
    '',
    `✗ Stale acknowledgements (${plan.staleAcknowledgements.length}): already on the base, so they approved an earlier change and approve nothing now; remove them (a new change needs its own acknowledgement):`,
    ...plan.staleAcknowledgements.map((a) => `  ${a.source} ${a.path}: ${a.change}${a.environment ? ` in ${a.environment}` : ''}${a.resource ? ` for ${a.resource}` : ''}`
      + `${a.wouldApprove.length ? `; would have approved ${a.wouldApprove.join(', ')}` : ''}`),
  ];
}

function unusedLines(plan: Plan): string[] {
  if (!plan.unusedAcknowledgements.length) return [];
  return [
    '',
    `Unused acknowledgements (${plan.unusedAcknowledgements.length}): nothing in this plan needs them; remove them so they cannot approve a later change unseen:`,
    ...plan.unusedAcknowledgements.map((a) => `  ${a.source} ${a.path}: ${a.change}${a.environment ? ` in ${a.environment}` : ''}${a.resource ? ` for ${a.resource}` : ''}`),
  ];
}

function blockedLines(plan: Plan): string[] {
  const blocked = blockedEntries(plan);
  if (!blocked.length) return ['', 'Guard: nothing blocked.'];
  const envs = new Set(blocked.map((e) => e.environment)).size;
  const out = ['', `✗ Guard: ${plural(blocked.length, 'change')} blocked in ${plural(envs, 'environment')}; plan exits ${planExitCode(plan)}.`];
  for (const item of blockedAdvice(plan)) {
    out.push(`  ${heading(item)}`);
    for (const r of item.remedies) {
      out.push(`    safe path (${r.risk}): ${r.safePath}`);
      if (r.acknowledge) out.push(`    to accept it on purpose, add ${r.acknowledge.once ? 'once ' : ''}to ${r.acknowledge.file}: ${r.acknowledge.snippet}`);
      if (r.instead) out.push(`    ${r.instead}`);
    }
  }
  return out;
}

function heading(item: BlockedItem): string {
  const resources = item.entries.map((e) => `${e.kind} ${e.name}`);
  if (item.scope === 'resource') return `${item.environment} ${resources[0]}: ${item.risks.join(', ')}`;
  if (item.scope === 'environment-wide') {
    return `${item.environment}, every table at once (${resources.join(', ')}): ${item.risks.join(', ')}; one environment-level acknowledgement covers them all`;
  }
  return `${item.environment}, the whole environment is removed (${resources.join(', ')}): ${item.risks.join(', ')}`;
}
