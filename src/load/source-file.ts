import { Document, LineCounter, parseDocument, isNode } from 'yaml';
import { error, Finding, PathSegment } from '../diagnostics/finding';

/** A file's text as read from disk or from git, before parsing. */
export interface RawFile {
  /** Path relative to the working directory, as shown in messages. */
  readonly path: string;
  readonly text: string;
}

/** A parsed JSON or YAML file. */
export interface SourceFile {
  readonly path: string;
  readonly text: string;
  readonly data: unknown;
}

/**
 * Parses a `.json` file with JSON.parse (fast) and anything else as YAML 1.2.
 * Syntax errors become findings with a line, never exceptions.
 */
export function parseSource(raw: RawFile): { file?: SourceFile; findings: Finding[] } {
  if (raw.path.endsWith('.json')) {
    try {
      return { file: { ...raw, data: JSON.parse(raw.text) }, findings: [] };
    } catch (e) {
      const message = (e as Error).message.replace(/^JSON\.parse: /, '');
      const pos = /position (\d+)/.exec(message);
      // V8 leaves the position out of some errors and quotes the source instead: keep the first
      // clause, and let the YAML parser (JSON is YAML) find the line.
      const said = pos ? message : message.replace(/, (\.\.\.)?".*$/s, '').replace(/\n/g, '\\n');
      const line = pos ? lineOf(raw.text, Number(pos[1])) : jsonErrorLine(raw.text);
      return {
        findings: [{
          ...error('syntax', raw.path, [], `invalid JSON: ${said}`,
            'fix the JSON syntax (a trailing comma or a missing quote is the usual cause)'),
          ...(line ? { line } : {}),
        }],
      };
    }
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(raw.text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    // Only the first: one slip in indentation makes the YAML parser report every line after it.
    return {
      findings: doc.errors.slice(0, 1).map((e) => ({
        ...error('syntax', raw.path, [], `invalid YAML: ${e.message.split('\n')[0]}`, 'fix the YAML syntax'),
        line: lineCounter.linePos(e.pos[0]).line,
      })),
    };
  }
  return { file: { ...raw, data: doc.toJS() }, findings: [] };
}

function jsonErrorLine(text: string): number | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, schema: 'json' });
  return doc.errors.length > 0 ? lineCounter.linePos(doc.errors[0].pos[0]).line : undefined;
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * Line of a data path inside a parsed document; the longest existing prefix
 * is used, so a missing key points at its parent.
 */
function locate(doc: Document, lineCounter: LineCounter, path: readonly PathSegment[]): number | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
  }
  return undefined;
}

/**
 * Adds line numbers to findings. Only files that have findings are parsed
 * again, with positions, which keeps the happy path free of position tracking.
 */
export function withLines(findings: readonly Finding[], texts: ReadonlyMap<string, string>): Finding[] {
  const parsed = new Map<string, { doc: Document; lineCounter: LineCounter }>();
  return findings.map((f) => {
    if (f.line !== undefined) return f;
    const text = texts.get(f.file);
    if (text === undefined) return f;
    let entry = parsed.get(f.file);
    if (!entry) {
      const lineCounter = new LineCounter();
      entry = { doc: parseDocument(text, { lineCounter }), lineCounter };
      parsed.set(f.file, entry);
    }
    const line = locate(entry.doc, entry.lineCounter, f.path);
    return line === undefined ? f : { ...f, line };
  });
}
