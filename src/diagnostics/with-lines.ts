import { Document, isNode, LineCounter, parseDocument } from 'yaml';
import { Finding, PathSegment } from './finding';

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
