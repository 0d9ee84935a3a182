import { Finding, formatPath } from '../diagnostics/finding';
import { plural } from '../text/lists';

export interface FindingSummary {
  readonly schemas: number;
  readonly environments: number;
}

/** Human-readable findings: errors first, then warnings, each with its fix. */
export function findingsText(findings: readonly Finding[], summary: FindingSummary): string {
  const errors = findings.filter((f) => f.severity === 'error');
  const warnings = findings.filter((f) => f.severity === 'warning');
  const lines: string[] = [];
  const block = (title: string, list: readonly Finding[]) => {
    if (list.length === 0) return;
    lines.push(title);
    for (const f of list) {
      lines.push(`  ${f.file}${f.line ? `:${f.line}` : ''}  ${formatPath(f.path)}  [${f.rule}]`);
      lines.push(`    ${f.message}`);
      if (f.hint) lines.push(`    fix: ${f.hint}`);
    }
    lines.push('');
  };
  block(`Errors (${errors.length}):`, errors);
  block(`Warnings (${warnings.length}):`, warnings);
  const what = `${plural(summary.schemas, 'schema')} and ${plural(summary.environments, 'environment')}`;
  lines.push(errors.length > 0
    ? `✗ ${plural(errors.length, 'error')}, ${plural(warnings.length, 'warning')} in ${what}`
    : `✓ ${what} valid${warnings.length ? ` (${plural(warnings.length, 'warning')})` : ''}`);
  return `${lines.join('\n')}\n`;
}

/** One finding as `--format json` prints it. */
export interface FindingJson {
  readonly severity: Finding['severity'];
  readonly file: string;
  readonly line: number | null;
  readonly path: string;
  readonly rule: string;
  readonly message: string;
  readonly hint: string | null;
}

/** Machine-readable findings for CI: stable field order. */
export function findingsJson(findings: readonly Finding[]): { valid: boolean; errors: FindingJson[]; warnings: FindingJson[] } {
  const shape = (f: Finding): FindingJson => ({
    severity: f.severity, file: f.file, line: f.line ?? null, path: formatPath(f.path), rule: f.rule, message: f.message, hint: f.hint ?? null,
  });
  return {
    valid: !findings.some((f) => f.severity === 'error'),
    errors: findings.filter((f) => f.severity === 'error').map(shape),
    warnings: findings.filter((f) => f.severity === 'warning').map(shape),
  };
}
