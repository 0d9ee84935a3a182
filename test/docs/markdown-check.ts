/**
 * Structural checks on generated markdown, shared by the tests: GFM tables
 * (every row has the header's column count), links to headings, and the
 * Mermaid blocks.
 */
import { slug } from '../../src/text/markdown';

/** The cells of a GFM table row: split on `|` that are not escaped. */
export function cells(row: string): string[] {
  const inner = row.trim().replace(/^\|/, '').replace(/\|$/, '');
  const out: string[] = [];
  let cell = '';
  for (let i = 0; i < inner.length; i++) {
    if (inner[i] === '\\' && i + 1 < inner.length) {
      cell += inner[i] + inner[i + 1];
      i++;
    } else if (inner[i] === '|') {
      out.push(cell.trim());
      cell = '';
    } else {
      cell += inner[i];
    }
  }
  out.push(cell.trim());
  return out;
}

export interface TableProblem {
  readonly line: number;
  readonly problem: string;
}

/** Lines outside fenced code blocks, with their 1-based numbers. */
function proseLines(doc: string): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  let fence: string | undefined;
  doc.split('\n').forEach((text, i) => {
    const open = /^(`{3,})/.exec(text);
    if (fence === undefined && open) fence = open[1];
    else if (fence !== undefined && text.startsWith(fence) && text.trim() === fence) fence = undefined;
    else if (fence === undefined) out.push({ line: i + 1, text });
  });
  return out;
}

/** Every GFM table: header, delimiter row, then rows with the header's column count. */
export function tableProblems(doc: string): TableProblem[] {
  const problems: TableProblem[] = [];
  const lines = proseLines(doc);
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].text.startsWith('|')) continue;
    const header = cells(lines[i].text);
    const delimiter = lines[i + 1];
    if (!delimiter || !cells(delimiter.text).every((c) => /^:?-{3,}:?$/.test(c)) || cells(delimiter.text).length !== header.length) {
      problems.push({ line: lines[i].line, problem: 'table without a matching delimiter row' });
    }
    let j = i + 2;
    for (; j < lines.length && lines[j].text.startsWith('|'); j++) {
      const n = cells(lines[j].text).length;
      if (n !== header.length) problems.push({ line: lines[j].line, problem: `${n} cells, header has ${header.length}` });
      if (!lines[j].text.endsWith('|')) problems.push({ line: lines[j].line, problem: 'row does not end with |' });
    }
    if (j < lines.length && lines[j].text !== '') problems.push({ line: lines[j].line, problem: 'no blank line after the table' });
    if (i > 0 && lines[i - 1].text !== '') problems.push({ line: lines[i].line, problem: 'no blank line before the table' });
    i = j;
  }
  return problems;
}

/** Every table in the document: its header and its body rows, as cells. */
export function tables(doc: string): { header: string[]; rows: string[][] }[] {
  const out: { header: string[]; rows: string[][] }[] = [];
  const lines = proseLines(doc);
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].text.startsWith('|')) continue;
    const rows: string[][] = [];
    let j = i + 2;
    for (; j < lines.length && lines[j].text.startsWith('|'); j++) rows.push(cells(lines[j].text));
    out.push({ header: cells(lines[i].text), rows });
    i = j;
  }
  return out;
}

/** The anchors GitHub gives the document's headings, numbered like GitHub numbers repeats. */
export function headingAnchors(doc: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const { text } of proseLines(doc)) {
    const m = /^#{1,6} (.*)$/.exec(text);
    if (!m) continue;
    const base = slug(m[1]);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  }
  return anchors;
}

/** `#anchor` link targets in the document. */
export function anchorLinks(doc: string): string[] {
  return [...doc.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]);
}

/** The bodies of the ```mermaid blocks. */
export function mermaidBlocks(doc: string): string[] {
  return [...doc.matchAll(/^```mermaid\n([\s\S]*?)\n```$/gm)].map((m) => m[1]);
}

/**
 * Problems Mermaid's flowchart grammar would trip on: unbalanced quotes or
 * brackets, and characters it reserves (`#`, `{`, `}`, `"`, `<`, `>`) left raw
 * in a label, where only entity codes (`#35;`) and the `<br/>` line break are safe.
 */
export function mermaidProblems(diagram: string): string[] {
  const problems: string[] = [];
  const lines = diagram.split('\n');
  if (!/^flowchart (LR|RL|TB|BT|TD)$/.test(lines[0])) problems.push(`first line "${lines[0]}" is not a flowchart header`);
  lines.slice(1).forEach((line, i) => {
    const where = `line ${i + 2}`;
    if ((line.match(/"/g) ?? []).length % 2 !== 0) problems.push(`${where}: unbalanced quotes`);
    const labels = [...line.matchAll(/"([^"]*)"/g)].map((m) => m[1]);
    const outside = line.replace(/"[^"]*"/g, '""');
    for (const label of labels) {
      const raw = label.replace(/<br\/>/g, '').replace(/#(\d+|[a-z]+);/g, '');
      const bad = raw.match(/[#{}<>]/g);
      if (bad) problems.push(`${where}: raw ${[...new Set(bad)].join('')} in label "${label}"`);
    }
    let depth = 0;
    for (const c of outside) {
      if ('[({'.includes(c)) depth++;
      if ('])}'.includes(c)) depth--;
      if (depth < 0) break;
    }
    if (depth !== 0) problems.push(`${where}: unbalanced brackets`);
    if (/[#{}<>]/.test(outside.replace(/-->|\.->|-\.|<br\/>/g, ''))) problems.push(`${where}: reserved character outside a quoted label`);
  });
  return problems;
}
