/**
 * A problem found in the inputs. Everything the CLI reports about bad input
 * is a Finding, so every message names a file, a JSON path and a fix.
 */
export type Severity = 'error' | 'warning';

export type PathSegment = string | number;

export interface Finding {
  readonly severity: Severity;
  /** Path of the file, relative to the working directory. */
  readonly file: string;
  /** Location inside the file as data path segments; empty for the whole file. */
  readonly path: readonly PathSegment[];
  readonly message: string;
  /** How to fix it. */
  readonly hint?: string;
  /** Stable rule id, e.g. `key-type`; lets CI tooling filter findings. */
  readonly rule: string;
  /** 1-based line, when it could be located. */
  readonly line?: number;
}

/** `$.globalSecondaryIndexes[0].partitionKey.type` */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '$';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(seg)) out += `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

export function error(rule: string, file: string, path: readonly PathSegment[], message: string, hint?: string): Finding {
  return { severity: 'error', rule, file, path, message, ...(hint ? { hint } : {}) };
}

export function warning(rule: string, file: string, path: readonly PathSegment[], message: string, hint?: string): Finding {
  return { severity: 'warning', rule, file, path, message, ...(hint ? { hint } : {}) };
}

/** Deterministic report order: file, then line, then path, then rule. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) =>
    cmp(a.file, b.file)
    || (a.line ?? 0) - (b.line ?? 0)
    || cmp(formatPath(a.path), formatPath(b.path))
    || cmp(a.rule, b.rule)
    || cmp(a.message, b.message));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}
