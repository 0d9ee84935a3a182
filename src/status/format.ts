/** Renders a StatusReport as text (a table per environment) or JSON. Pure. */
import { EXIT, ExitCode } from '../diagnostics/exit-codes';
import { XR_KINDS } from '../model/xr-api';
import { DriftEntry } from './drift';
import { JsonValue } from '../json/json';
import { ConditionView, EnvironmentView, ResourceView, StatusReport } from './report';

/** 0 when everything is ready and matches git, else 1. */
export function exitCodeOf(report: StatusReport): ExitCode {
  return report.summary.ok ? EXIT.ok : EXIT.failed;
}

const oneLine = (s: string): string => s.replace(/\s+/g, ' ').trim();

function value(v: JsonValue | undefined): string {
  if (v === undefined) return '(absent)';
  const s = JSON.stringify(v);
  return s.length > 80 ? `${s.slice(0, 79)}…` : s;
}

function columns(rows: readonly (readonly string[])[], indent: string): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => indent + r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  ').trimEnd());
}

const shown = (c: ConditionView): string => (c.status === 'Missing' ? '-' : c.status);

const ref = (r: { kind: string; name: string }): string => `${r.kind.toLowerCase()}/${r.name}`;

function conditionProblem(type: string, c: ConditionView): string | undefined {
  if (c.status === 'True') return undefined;
  if (c.status === 'Missing') return `${type}: no condition yet (Crossplane has not reconciled it)`;
  const why = [c.reason, c.message ? oneLine(c.message) : undefined].filter(Boolean).join(': ');
  return `${type}=${c.status}${why ? ` ${why}` : ''}`;
}

function driftLine(d: DriftEntry): string {
  if (d.cluster === undefined) return `${d.path}: git ${value(d.git)}, missing in cluster`;
  if (d.git === undefined) return `${d.path}: not in git, cluster ${value(d.cluster)}`;
  return `${d.path}: git ${value(d.git)}, cluster ${value(d.cluster)}`;
}

/** `label:` then `ref  text` lines, the first text of each ref aligned. */
function section(label: string, entries: readonly { ref: string; lines: readonly string[] }[]): string[] {
  if (entries.length === 0) return [];
  const width = Math.max(...entries.map((e) => e.ref.length));
  const out = [`  ${label}`];
  for (const e of entries) {
    e.lines.forEach((l, i) => out.push(`    ${(i === 0 ? e.ref : '').padEnd(width)}  ${l}`));
  }
  return out;
}

function environmentText(env: EnvironmentView, desiredSource: string): string[] {
  const out = [`${env.name} · namespace ${env.namespace}`];
  if (env.resources.length === 0) {
    out.push(`  no ${XR_KINDS.join(' or ')} in namespace ${env.namespace}`);
  } else {
    const header = ['KIND', 'NAME', 'AWS NAME', 'REGION', 'READY', 'SYNCED', 'AWS', 'LAST TRANSITION', 'GIT'];
    const rows = env.resources.map((r) => [
      r.kind, r.name, r.awsName ?? '-', r.region ?? '-', shown(r.ready), shown(r.synced),
      !r.aws ? '-' : r.aws.problems.length ? 'error' : 'ok',
      r.lastTransitionAge ? `${r.lastTransitionAge} ago` : '-',
      !r.inGit ? 'not in git' : r.drift.length ? `drift (${r.drift.length})` : 'in sync',
    ]);
    out.push(...columns([header, ...rows], '  '));
  }
  const withArn = env.resources.filter((r) => r.arn || r.streamArn);
  out.push(...section('ARNs:', withArn.map((r) => ({
    ref: ref(r),
    lines: [r.arn ?? '-', ...(r.streamArn ? [`stream ${r.streamArn}`] : [])],
  }))));
  out.push(...section('Conditions not True:', env.resources.filter((r) => r.ready.status !== 'True' || r.synced.status !== 'True').map((r) => ({
    ref: ref(r),
    lines: [conditionProblem('Ready', r.ready), conditionProblem('Synced', r.synced)].filter((l): l is string => !!l),
  }))));
  out.push(...section('AWS errors (what the provider reports for the composed resources):', env.resources.filter((r) => r.aws?.problems.length).map((r) => ({
    ref: ref(r),
    lines: r.aws!.problems.map((p) => `${p.resource}: ${p.type}=False${p.reason ? ` ${p.reason}` : ''}${p.message ? `: ${oneLine(p.message)}` : ''}`),
  }))));
  out.push(...section(`Drift (cluster vs ${desiredSource}${env.name}/):`, env.resources.filter((r) => r.drift.length > 0).map((r) => ({
    ref: ref(r),
    lines: r.drift.map(driftLine),
  }))));
  out.push(...section('In git, not in the cluster:', env.missingInCluster.map((m) => ({ ref: ref(m), lines: [`${desiredSource}${m.file}`] }))));
  out.push(...section('In the cluster, not in git:', env.resources.filter((r: ResourceView) => !r.inGit).map((r) => ({
    ref: ref(r),
    lines: [`not rendered in ${desiredSource}${env.name}/`],
  }))));
  return out;
}

function summaryText(report: StatusReport): string {
  const s = report.summary;
  const parts = [`${s.ready} of ${s.resources} ready`];
  if (s.drifted) parts.push(`${s.drifted} drifted`);
  if (s.missingInCluster) parts.push(`${s.missingInCluster} only in git`);
  if (s.notInGit) parts.push(`${s.notInGit} only in the cluster`);
  const verdict = s.ok ? 'all ready, no drift' : 'needs attention';
  return `Summary: ${parts.join(', ')}: ${verdict} (exit ${exitCodeOf(report)})`;
}

export function formatText(report: StatusReport): string {
  const lines = [
    `Context ${report.context} (${report.server}); desired state: ${report.desiredSource} (what Argo CD applies)`,
  ];
  for (const env of report.environments) lines.push('', ...environmentText(env, report.desiredSource));
  lines.push('', summaryText(report), '');
  return lines.join('\n');
}

export function formatJson(report: StatusReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
