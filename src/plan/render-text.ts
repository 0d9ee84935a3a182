import { SAFE_PATH } from './guard';
import { acknowledgementSnippet, blockedEntries, describeBase, planCounts, planExitCode, plural } from './summary';
import { Action, Plan, PlanEntry } from './types';

export const SYMBOL: Readonly<Record<Action, string>> = { 'create': '+', 'update': '~', 'replace': '-/+', 'delete': '-', 'no-op': ' ' };

const VERB: Readonly<Record<Action, string>> = {
  'create': 'will be created',
  'update': 'will be updated in place',
  'replace': 'must be replaced',
  'delete': 'will be deleted',
  'no-op': 'is unchanged',
};

/** Terminal output, shaped like `terraform plan`: changes per environment, a totals line, then what blocks. */
export function renderText(plan: Plan): string {
  const lines: string[] = [`ddbops plan: base ${describeBase(plan)} → working tree`];
  if (plan.base.note) lines.push(`note: ${plan.base.note}`);
  lines.push('', 'Symbols: + create, ~ update in place, -/+ replace, - delete', '');
  for (const env of plan.environments) {
    const changed = env.entries.filter((e) => e.action !== 'no-op');
    const unchanged = env.entries.length - changed.length;
    const guard = env.guard.length ? ` (guard blocks: ${env.guard.join(', ')})` : '';
    if (!changed.length) {
      lines.push(`${env.name}: no changes (${plural(unchanged, 'resource')} unchanged)`, '');
      continue;
    }
    lines.push(`${env.name}${guard}:`);
    for (const e of changed) lines.push(...entryLines(e));
    if (unchanged) lines.push(`  ${unchanged} unchanged`);
    lines.push('');
  }
  const c = planCounts(plan);
  lines.push(`Plan: ${c.create} to create, ${c.update} to update in place, ${c.replace} to replace, ${c.delete} to delete, ${c['no-op']} unchanged.`);
  lines.push(...unusedLines(plan));
  lines.push(...blockedLines(plan));
  return `${lines.join('\n')}\n`;
}

function entryLines(e: PlanEntry): string[] {
  const labels = e.labels.length ? `  [${e.labels.join(', ')}]` : '';
  const out = [`  ${SYMBOL[e.action].padStart(3)} ${e.kind} ${e.name} ${VERB[e.action]}${labels}`];
  if (e.blocked) out.push(`        ✗ BLOCKED by the ${e.environment} guard: ${e.blockedBy.join(', ')}`);
  for (const a of e.acknowledged) out.push(`        ✓ ${a.change} acknowledged in ${a.source}: ${a.reason}${a.by ? ` (${a.by})` : ''}`);
  for (const c of e.changes) out.push(`        • ${c.text}`);
  return out;
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
  for (const e of blocked) {
    out.push(`  ${e.environment} ${e.kind} ${e.name}: ${e.blockedBy.join(', ')}`);
    for (const risk of e.blockedBy) {
      out.push(`    safe path (${risk}): ${SAFE_PATH[risk]}`);
      out.push(`    to accept it on purpose, add to ${e.acknowledgeIn}: ${acknowledgementSnippet(e, risk)}`);
    }
  }
  return out;
}

