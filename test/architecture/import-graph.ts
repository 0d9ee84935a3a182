/**
 * The import graph of our own TypeScript, read the way the compiler reads it
 * (`ts.preProcessFile`: static imports, re-exports and `import()`), so the
 * layer rules below hold for lazy imports too.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

/** File → the files of ours it imports; paths relative to the repository root, with `/`. */
export type ImportGraph = Record<string, readonly string[]>;

export function readImportGraph(root: string, folders: readonly string[]): ImportGraph {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(path.join(root, dir), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const rel = `${dir}/${e.name}`;
      if (e.isDirectory()) walk(rel);
      else if (rel.endsWith('.ts') && !rel.endsWith('.d.ts')) files.push(rel);
    }
  };
  folders.forEach(walk);
  const graph: ImportGraph = {};
  for (const file of files) {
    const info = ts.preProcessFile(fs.readFileSync(path.join(root, file), 'utf8'), true, true);
    graph[file] = info.importedFiles
      .map((i) => resolveRelative(root, file, i.fileName))
      .filter((t): t is string => t !== undefined);
  }
  return graph;
}

function resolveRelative(root: string, from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
  return [`${base}.ts`, `${base}/index.ts`].find((c) => fs.existsSync(path.join(root, c)));
}

/** Every set of files that import each other, directly or around a loop (Tarjan's SCCs of size > 1, or a self-import). */
export function importCycles(graph: ImportGraph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  let next = 0;
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next);
    next += 1;
    stack.push(v);
    onStack.add(v);
    for (const w of graph[v] ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (graph[v] ?? []).includes(v)) cycles.push(scc.sort());
    }
  };
  for (const v of Object.keys(graph).sort()) if (!index.has(v)) visit(v);
  return cycles;
}

/** The layer a file belongs to: the longest folder prefix in `layers`, or undefined. */
export function layerOf(file: string, layers: Readonly<Record<string, number>>): string | undefined {
  return Object.keys(layers)
    .filter((l) => file === `${l}.ts` || file.startsWith(`${l}/`))
    .sort((a, b) => b.length - a.length)[0];
}

/** An import that goes sideways or up: from a layer to one of the same or a higher rank, other than itself. */
export interface LayerViolation {
  readonly from: string;
  readonly to: string;
  readonly rule: string;
}

export function layerViolations(graph: ImportGraph, layers: Readonly<Record<string, number>>): LayerViolation[] {
  const out: LayerViolation[] = [];
  for (const [from, targets] of Object.entries(graph)) {
    const a = layerOf(from, layers);
    for (const to of targets) {
      const b = layerOf(to, layers);
      if (a === undefined || b === undefined) {
        out.push({ from, to, rule: `${a === undefined ? from : to} is in no layer: add its folder to the layer table` });
      } else if (a !== b && layers[b] >= layers[a]) {
        out.push({ from, to, rule: `${a} (layer ${layers[a]}) may not import ${b} (layer ${layers[b]})` });
      }
    }
  }
  return out;
}
