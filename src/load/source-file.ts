import { LineCounter, parseDocument } from 'yaml';
import { error, Finding } from '../diagnostics/finding';
import { RawFile } from '../model/inputs';

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
  // Editors on Windows save a UTF-8 byte order mark; JSON.parse rejects it, and it carries no meaning.
  const text = raw.text.charCodeAt(0) === 0xfeff ? raw.text.slice(1) : raw.text;
  if (raw.path.endsWith('.json')) {
    try {
      return { file: { ...raw, data: JSON.parse(text) }, findings: [] };
    } catch (e) {
      const { message, where } = jsonSyntaxError(text, (e as Error).message);
      return {
        findings: [{
          ...error('syntax', raw.path, [], `invalid JSON${where ? ` at line ${where.line}, column ${where.column}` : ''}: ${message}`,
            jsonHint(message, where)),
          ...(where ? { line: where.line } : {}),
        }],
      };
    }
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    // Only the first: one slip in indentation makes the YAML parser report every line after it.
    return {
      findings: doc.errors.slice(0, 1).map((e) => {
        const { line, col } = lineCounter.linePos(e.pos[0]);
        return {
          ...error('syntax', raw.path, [], `invalid YAML at line ${line}, column ${col}: ${e.message.split('\n')[0].replace(/ at line \d+, column \d+$/, '')}`,
            `fix the YAML syntax near line ${line}`),
          line,
        };
      }),
    };
  }
  return { file: { ...raw, data: doc.toJS() }, findings: [] };
}

interface Position {
  readonly line: number;
  readonly column: number;
}

/**
 * V8's message without its "in JSON at position N" tail, and where that is.
 * Some V8 messages quote the source instead of giving a position: then the
 * YAML parser (JSON is YAML) finds the spot.
 */
function jsonSyntaxError(text: string, v8: string): { message: string; where?: Position } {
  const pos = /\s*in JSON at position (\d+)(?: \(line \d+ column \d+\))?$/.exec(v8);
  if (pos) return { message: v8.slice(0, pos.index), where: positionOf(text, Number(pos[1])) };
  const message = v8.replace(/, (\.\.\.)?".*$/s, '').replace(/\n/g, '\\n');
  if (message === 'Unexpected end of JSON input') return { message: 'the file ends too early', where: positionOf(text, text.length) };
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, schema: 'json' });
  if (doc.errors.length === 0) return { message };
  const { line, col } = lineCounter.linePos(doc.errors[0].pos[0]);
  return { message, where: { line, column: col } };
}

function jsonHint(message: string, where: Position | undefined): string {
  const at = where ? ` near line ${where.line}` : '';
  if (/^Expected double-quoted property name/.test(message)) return `remove the trailing comma before } or ]${at}, or put the property name in double quotes`;
  if (/^Expected property name or '}'/.test(message)) return `put the property name in double quotes${at}`;
  if (/^Expected ',' or/.test(message)) return `add the missing comma, or close the object or list${at}`;
  if (/^Bad control character/.test(message)) return `write line breaks and tabs inside strings as \\n and \\t${at}`;
  if (message === 'the file ends too early') return 'close every { and [ that is still open, or restore the file\'s missing end';
  if (/^Unexpected non-whitespace character after JSON/.test(message)) return `remove what follows the closing }${at}: a file holds one JSON value`;
  return `fix the JSON syntax${at}`;
}

/** 1-based line and column of a character offset. */
function positionOf(text: string, offset: number): Position {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: Math.min(offset, text.length) - start + 1 };
}
