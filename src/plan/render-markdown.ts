import { BlockedItem, blockedAdvice } from './blocked-advice';
import { migrationGroups } from './migration-groups';
import { blockedEntries, countEntries, describeBase, isOrphaned, planCounts, staleByResource } from './summary';
import { plural } from '../text/lists';
import { Action, ACTIONS, EnvironmentPlan, Plan, PlanEntry, StaleAcknowledgement, UnusedAcknowledgement } from './types';
import { cell, code } from '../text/markdown';

/** GitHub rejects comments over 65,536 characters; keep room for the workflow's marker line. */
export const MARKDOWN_LIMIT = 65_000;

/** How many blocked changes and unused acknowledgements the top sections list before "and N more". */
const LIST_LIMIT = 30;

const ACTION_HEADING: Readonly<Record<Action, string>> = {
  'create': 'create', 'update': 'update', 'replace': 'replace', 'delete': 'delete', 'no-op': 'unchanged',
};

const ACTION_RANK: Readonly<Record<Action, number>> = { 'replace': 0, 'delete': 1, 'update': 2, 'create': 3, 'no-op': 4 };

/**
 * The PR comment: a summary table, what blocks, then one <details> per
 * environment. When it would exceed `limit`, whole resources are left out,
 * least important first (unblocked creates before blocked replaces), and the
 * comment says how many. Deterministic for a given plan and limit.
 */
export function renderMarkdown(plan: Plan, limit = MARKDOWN_LIMIT): string {
  const rows = plan.environments.flatMap((env, envIndex) => env.entries
    .filter((e) => e.action !== 'no-op')
    .map((entry) => ({ entry, envIndex })));
  // Priority: blocked first, then the most destructive actions, then environment order.
  const priority = [...rows].sort((a, b) => Number(b.entry.blocked) - Number(a.entry.blocked)
    || ACTION_RANK[a.entry.action] - ACTION_RANK[b.entry.action] || a.envIndex - b.envIndex).map((r) => r.entry);
  const full = render(plan, new Set(priority));
  if (full.length <= limit) return full;
  let lo = 0;
  let hi = priority.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (render(plan, new Set(priority.slice(0, mid))).length <= limit) lo = mid;
    else hi = mid - 1;
  }
  const best = render(plan, new Set(priority.slice(0, lo)));
  if (best.length <= limit) return best;
  // Even the summary is too long (hundreds of environments or blocked changes): cut at a line.
  const notice = '\n\n… cut to stay under GitHub\'s comment size limit; run `ddbops plan` or read the job log for the full plan.\n';
  const cut = best.slice(0, limit - notice.length);
  return cut.slice(0, cut.lastIndexOf('\n')) + notice;
}

function render(plan: Plan, shown: ReadonlySet<PlanEntry>): string {
  const total = plan.environments.reduce((n, e) => n + e.entries.filter((x) => x.action !== 'no-op').length, 0);
  const hidden = total - shown.size;
  const out: string[] = ['## ddbops plan', '', `Base: ${describeBase(plan, code)} · head: the working tree`, ''];
  if (plan.base.note) out.push(`> [!NOTE]`, `> ${plan.base.note}`, '');
  out.push(...summaryTable(plan), '');
  out.push(...guardChangeSection(plan), ...blockedSection(plan), ...migrationSection(plan), ...staleSection(plan), ...unusedSection(plan));
  if (hidden > 0) {
    out.push(`> [!WARNING]`, `> This comment shows ${shown.size} of ${total} changed resources: ${hidden} were left out to stay under GitHub's comment size limit, unblocked and least destructive first. Run \`ddbops plan\` or read the job log for the full plan.`, '');
  }
  // Every environment gets its <details>; platform and chart folders only when something changes there.
  const quiet = plan.environments.filter((e) => !e.isEnvironment && e.entries.every((x) => x.action === 'no-op'));
  if (quiet.length) out.push(`Unchanged: ${quiet.map((e) => `${e.name} (${plural(e.entries.length, 'resource')})`).join(', ')}.`, '');
  const stale = staleByResource(plan);
  for (const env of plan.environments) if (!quiet.includes(env)) out.push(...environmentSection(env, shown, stale));
  return `${out.join('\n')}\n`;
}

function summaryTable(plan: Plan): string[] {
  const header = ['Environment', ...ACTIONS.map((a) => ACTION_HEADING[a]), 'blocked'];
  const row = (name: string, entries: readonly PlanEntry[]) => {
    const c = countEntries(entries);
    return `| ${name} | ${ACTIONS.map((a) => (c[a] && a !== 'no-op' ? `**${c[a]}**` : String(c[a]))).join(' | ')} | ${c.blocked ? `⛔ **${c.blocked}**` : '0'} |`;
  };
  const all = plan.environments.flatMap((e) => e.entries);
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map((_, i) => (i === 0 ? '---' : '--:')).join('|')}|`,
    ...plan.environments.map((e) => row(e.lifecycle ? `${e.name} (${e.lifecycle.from !== undefined ? `renamed from ${e.lifecycle.from}` : e.lifecycle.change})` : e.name, e.entries)),
    ...(plan.environments.length > 1 ? [row('**all**', all)] : []),
  ];
}

function guardChangeSection(plan: Plan): string[] {
  if (!plan.guardChanges.length) return [];
  const out = [`### ⚠️ Guard weakened: ${plural(plan.guardChanges.length, 'setting')}`, '',
    'Each protects every later change in its environment, so review it as a change of its own:', ''];
  for (const g of plan.guardChanges) out.push(`- **${g.environment}** ${code(g.field)} in ${code(g.source)}: ${cell(g.explanation)}`);
  out.push('');
  return out;
}

function blockedSection(plan: Plan): string[] {
  const blocked = blockedEntries(plan);
  if (!blocked.length) {
    const c = planCounts(plan);
    return [`✅ **Guard: nothing blocked.**${c.create + c.update + c.replace + c.delete === 0 ? ' No changes.' : ''}`, ''];
  }
  const out = [`### ⛔ Blocked: ${plural(blocked.length, 'change')} (this check fails)`, ''];
  const items = blockedAdvice(plan);
  for (const item of items.slice(0, LIST_LIMIT)) {
    out.push(`- ${heading(item)}`);
    for (const r of item.remedies) {
      out.push(`  - safe path${item.risks.length > 1 ? ` (${code(r.risk)})` : ''}: ${cell(r.safePath)}`);
      if (r.acknowledge) out.push(`  - to accept it on purpose, add ${r.acknowledge.once ? 'once ' : ''}to ${code(r.acknowledge.file)}: ${code(r.acknowledge.snippet)}`);
      if (r.instead) out.push(`  - ${cell(r.instead)}`);
    }
  }
  if (items.length > LIST_LIMIT) out.push(`- … and ${items.length - LIST_LIMIT} more, marked ⛔ below`);
  out.push('');
  return out;
}

function heading(item: BlockedItem): string {
  const risks = item.risks.map(code).join(', ');
  const resources = item.entries.map((e) => code(`${e.kind}/${e.name}`)).join(', ');
  if (item.scope === 'resource') return `**${item.environment}** ${resources}: ${risks}`;
  if (item.scope === 'environment-wide') return `**${item.environment}**, every table at once: ${risks} blocks ${resources}; one environment-level acknowledgement covers them all`;
  return `**${item.environment}**, the whole environment is removed: ${risks} blocks ${resources}`;
}

function migrationSection(plan: Plan): string[] {
  const groups = migrationGroups(plan);
  if (!groups.length) return [];
  const out = [`### ⚠️ Acknowledged, but impossible in place: ${plural(new Set(groups.map((g) => g.name)).size, 'table')}`, '',
    'An acknowledgement lets the plan pass, not the edit: the existing table cannot take it (each change says why). Migrate to a new table instead:', ''];
  for (const g of groups) {
    out.push(`**${g.name}** in ${g.environments.join(', ')} (${code(g.schema)}):`, '');
    g.steps.forEach((s, i) => out.push(`${i + 1}. ${cell(s)}`));
    out.push('');
  }
  return out;
}

function staleSection(plan: Plan): string[] {
  const stale = plan.staleAcknowledgements;
  if (!stale.length) return [];
  const out = [`⛔ ${plural(stale.length, 'acknowledgement')} ${stale.length === 1 ? 'is' : 'are'} stale: already on the base, so ${stale.length === 1 ? 'it' : 'they'} approved an earlier change and ${stale.length === 1 ? 'approves' : 'approve'} nothing now; remove ${stale.length === 1 ? 'it' : 'them'} (a new change needs its own acknowledgement):`, ''];
  for (const a of stale.slice(0, LIST_LIMIT)) {
    out.push(`${listed(a)}${a.wouldApprove.length ? `; would have approved ${a.wouldApprove.map(code).join(', ')}` : ''}`);
  }
  if (stale.length > LIST_LIMIT) out.push(`- … and ${stale.length - LIST_LIMIT} more`);
  out.push('');
  return out;
}

function unusedSection(plan: Plan): string[] {
  const unused = plan.unusedAcknowledgements;
  if (!unused.length) return [];
  const out = [`ℹ️ ${plural(unused.length, 'acknowledgement')} matched nothing in this plan; remove them so they cannot approve a later change unseen:`, ''];
  for (const a of unused.slice(0, LIST_LIMIT)) out.push(listed(a));
  if (unused.length > LIST_LIMIT) out.push(`- … and ${unused.length - LIST_LIMIT} more`);
  out.push('');
  return out;
}

function listed(a: UnusedAcknowledgement): string {
  return `- ${code(`${a.source} ${a.path}`)}: ${code(a.change)}${a.environment ? ` in ${a.environment}` : ''}${a.resource ? ` for ${a.resource}` : ''}`;
}

function environmentSection(env: EnvironmentPlan, shown: ReadonlySet<PlanEntry>, stale: ReadonlyMap<string, readonly StaleAcknowledgement[]>): string[] {
  const c = countEntries(env.entries);
  const changed = env.entries.filter((e) => e.action !== 'no-op');
  const orphaned = changed.filter(isOrphaned).length;
  const parts = ACTIONS.filter((a) => a !== 'no-op' && c[a] - (a === 'delete' ? orphaned : 0)).map((a) => `${c[a] - (a === 'delete' ? orphaned : 0)} ${a}`);
  if (orphaned) parts.push(`${orphaned} orphaned`);
  const title = `<b>${env.name}</b>: ${parts.length ? parts.join(', ') : 'no changes'}${c.blocked ? ` · ⛔ ${c.blocked} blocked` : ''}`;
  const out = [`<details${c.blocked || env.lifecycle ? ' open' : ''}><summary>${title}</summary>`, ''];
  if (env.lifecycle) out.push('> [!WARNING]', `> ${cell(env.lifecycle.text)}. Safe steps: ${code(env.lifecycle.docs)}.`, '');
  if (env.guard.length) out.push(`Guard blocks: ${env.guard.map(code).join(', ')}`, '');
  const rows = changed.filter((e) => shown.has(e));
  if (rows.length) {
    out.push('| | Resource | Action | Labels | What happens |', '|---|---|---|---|---|');
    for (const e of rows) out.push(entryRow(e, stale.get(`${e.environment}/${e.kind}/${e.name}`) ?? []));
    out.push('');
  }
  const notes = [
    ...(changed.length > rows.length ? [`${changed.length - rows.length} changed resources not shown (size limit)`] : []),
    ...(c['no-op'] ? [`${c['no-op']} unchanged`] : []),
  ];
  if (notes.length) out.push(`${notes.join('; ')}.`, '');
  out.push('</details>', '');
  return out;
}

function entryRow(e: PlanEntry, stale: readonly StaleAcknowledgement[]): string {
  const mark = e.blocked ? '⛔' : e.migration ? '⚠️' : e.acknowledged.length ? '✔️' : '';
  const acks = e.acknowledged.map((a) => `<br>✔️ ${code(a.change)} acknowledged: ${cell(a.reason)}${a.by ? ` (${cell(a.by)})` : ''}`).join('');
  const ignored = stale.map((a) => `<br>⛔ stale ${code(a.change)} acknowledgement in ${code(`${a.source} ${a.path}`)} ignored: it is already on the base`).join('');
  const migrate = e.migration ? '<br>⚠️ acknowledged, but the existing table cannot take this change: migrate to a new table instead (steps above)' : '';
  const blocked = e.blocked ? `<br>⛔ blocked by the ${e.environment} guard: ${e.blockedBy.map(code).join(', ')}` : '';
  const action = isOrphaned(e) ? '**orphaned**' : `**${e.action}**`;
  return `| ${mark} | ${code(`${e.kind}/${e.name}`)} | ${action} | ${e.labels.map(code).join(' ')} | ${cell(e.explanation)}${blocked}${ignored}${acks}${migrate} |`;
}
