import { SAFE_PATH } from './guard';
import { acknowledgementSnippet, blockedEntries, countEntries, describeBase, planCounts, plural } from './summary';
import { Action, ACTIONS, EnvironmentPlan, Plan, PlanEntry } from './types';

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
  out.push(...blockedSection(plan), ...unusedSection(plan));
  if (hidden > 0) {
    out.push(`> [!WARNING]`, `> This comment shows ${shown.size} of ${total} changed resources: ${hidden} were left out to stay under GitHub's comment size limit, unblocked and least destructive first. Run \`ddbops plan\` or read the job log for the full plan.`, '');
  }
  // Every environment gets its <details>; platform and chart folders only when something changes there.
  const quiet = plan.environments.filter((e) => !e.isEnvironment && e.entries.every((x) => x.action === 'no-op'));
  if (quiet.length) out.push(`Unchanged: ${quiet.map((e) => `${e.name} (${plural(e.entries.length, 'resource')})`).join(', ')}.`, '');
  for (const env of plan.environments) if (!quiet.includes(env)) out.push(...environmentSection(env, shown));
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
    ...plan.environments.map((e) => row(e.name, e.entries)),
    ...(plan.environments.length > 1 ? [row('**all**', all)] : []),
  ];
}

function blockedSection(plan: Plan): string[] {
  const blocked = blockedEntries(plan);
  if (!blocked.length) {
    const c = planCounts(plan);
    return [`✅ **Guard: nothing blocked.**${c.create + c.update + c.replace + c.delete === 0 ? ' No changes.' : ''}`, ''];
  }
  const out = [`### ⛔ Blocked: ${plural(blocked.length, 'change')} (this check fails)`, ''];
  for (const e of blocked.slice(0, LIST_LIMIT)) {
    out.push(`- **${e.environment}** ${code(`${e.kind}/${e.name}`)}: ${e.blockedBy.map(code).join(', ')}`);
    for (const risk of e.blockedBy) {
      out.push(`  - safe path: ${escape(SAFE_PATH[risk])}`);
      out.push(`  - to accept it on purpose, add to ${code(e.acknowledgeIn)}: ${code(acknowledgementSnippet(e, risk))}`);
    }
  }
  if (blocked.length > LIST_LIMIT) out.push(`- … and ${blocked.length - LIST_LIMIT} more, marked ⛔ below`);
  out.push('');
  return out;
}

function unusedSection(plan: Plan): string[] {
  const unused = plan.unusedAcknowledgements;
  if (!unused.length) return [];
  const out = [`ℹ️ ${plural(unused.length, 'acknowledgement')} matched nothing in this plan; remove them so they cannot approve a later change unseen:`, ''];
  for (const a of unused.slice(0, LIST_LIMIT)) {
    out.push(`- ${code(`${a.source} ${a.path}`)}: ${code(a.change)}${a.environment ? ` in ${a.environment}` : ''}${a.resource ? ` for ${a.resource}` : ''}`);
  }
  if (unused.length > LIST_LIMIT) out.push(`- … and ${unused.length - LIST_LIMIT} more`);
  out.push('');
  return out;
}

function environmentSection(env: EnvironmentPlan, shown: ReadonlySet<PlanEntry>): string[] {
  const c = countEntries(env.entries);
  const changed = env.entries.filter((e) => e.action !== 'no-op');
  const parts = ACTIONS.filter((a) => a !== 'no-op' && c[a]).map((a) => `${c[a]} ${a}`);
  const title = `<b>${env.name}</b>: ${parts.length ? parts.join(', ') : 'no changes'}${c.blocked ? ` · ⛔ ${c.blocked} blocked` : ''}`;
  const out = [`<details${c.blocked ? ' open' : ''}><summary>${title}</summary>`, ''];
  if (env.guard.length) out.push(`Guard blocks: ${env.guard.map(code).join(', ')}`, '');
  const rows = changed.filter((e) => shown.has(e));
  if (rows.length) {
    out.push('| | Resource | Action | Labels | What happens |', '|---|---|---|---|---|');
    for (const e of rows) out.push(entryRow(e));
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

function entryRow(e: PlanEntry): string {
  const mark = e.blocked ? '⛔' : e.acknowledged.length ? '✔️' : '';
  const acks = e.acknowledged.map((a) => `<br>✔️ ${code(a.change)} acknowledged: ${escape(a.reason)}${a.by ? ` (${escape(a.by)})` : ''}`).join('');
  const blocked = e.blocked ? `<br>⛔ blocked by the ${e.environment} guard: ${e.blockedBy.map(code).join(', ')}` : '';
  return `| ${mark} | ${code(`${e.kind}/${e.name}`)} | **${e.action}** | ${e.labels.map(code).join(' ')} | ${escape(e.explanation)}${blocked}${acks} |`;
}

function code(s: string): string {
  return `\`${s.replace(/`/g, "'")}\``;
}

/** Table cells: no pipes or line breaks; no raw HTML. */
function escape(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/\r?\n/g, ' ');
}
