/**
 * The one reader of a rendered dist/ tree, from disk (`status` compares the
 * cluster with it) or from a git commit (`plan`'s base is what Argo CD
 * applied). Both give the same files; parsing is the same pure step.
 */
import { readdirSync, readFileSync, statSync } from 'fs';
import { join, posix, resolve } from 'path';
import { parse } from 'yaml';
import { UsageError } from '../diagnostics/usage-error';
import { isObject } from '../json/json';
import { RawFile } from '../model/inputs';
import { KubeObject, RenderedObject } from '../render/render';
import { compareStrings } from '../text/compare';
import { DIST_DIR } from './paths';

/** A manifest, one or more folders below dist/; `path` is relative to dist/, e.g. `prod/dynamodbtable-tenants.yaml`. */
export type DistFile = RawFile;

const MANIFEST = /\.ya?ml$/;

/** Every manifest below `distDir` on disk, folders and files in code-unit order; a UsageError when it is not a folder. */
export function readDistFromDisk(distDir: string, cwd: string): DistFile[] {
  const root = resolve(cwd, distDir);
  try {
    if (!statSync(root).isDirectory()) throw new Error('not a directory');
  } catch {
    throw new UsageError(`cannot read ${distDir}/: status compares the cluster with the rendered tree`, 'run: ddbops synth, or pass --dist DIR');
  }
  const out: DistFile[] = [];
  const walk = (rel: string): void => {
    for (const name of readdirSync(join(root, rel)).sort(compareStrings)) {
      const path = rel ? `${rel}/${name}` : name;
      if (statSync(join(root, path)).isDirectory()) walk(path);
      // A manifest sits in a folder: dist/ itself only holds the output marker.
      else if (rel && MANIFEST.test(name)) out.push({ path, text: readFileSync(join(root, path), 'utf8') });
    }
  };
  walk('');
  // In full-path order, as synth renders the files and git lists them (`argocd-cm-patch/` before `argocd/`).
  return out.sort((a, b) => compareStrings(a.path, b.path));
}

/** The manifests among files read from a git commit, whose paths start with `distDir/`. */
export function distFilesOf(files: readonly RawFile[], distDir = DIST_DIR): DistFile[] {
  const prefix = `${distDir.replace(/\/+$/, '')}/`;
  return files
    .filter((f) => f.path.startsWith(prefix) && f.path.slice(prefix.length).includes('/') && MANIFEST.test(f.path))
    .map((f) => ({ path: f.path.slice(prefix.length), text: f.text }));
}

export interface ParsedDist {
  /** Every manifest that is a Kubernetes object (a kind and a name), in file order. */
  readonly objects: readonly RenderedObject[];
  /** Files that are not YAML, with the parser's first line: `status` refuses them, `plan` skips them. */
  readonly unreadable: readonly { readonly path: string; readonly message: string }[];
}

/** Each manifest as Kubernetes and Argo CD read it (YAML 1.1), as plain JSON. Pure. */
export function parseDist(files: readonly DistFile[]): ParsedDist {
  const objects: RenderedObject[] = [];
  const unreadable: { path: string; message: string }[] = [];
  for (const f of files) {
    let value: unknown;
    try {
      value = JSON.parse(JSON.stringify(parse(f.text, { version: '1.1' }) ?? null));
    } catch (e) {
      unreadable.push({ path: f.path, message: (e as Error).message.split('\n')[0] });
      continue;
    }
    if (!isObject(value) || typeof value.kind !== 'string' || !isObject(value.metadata) || typeof value.metadata.name !== 'string') continue;
    objects.push({ dir: posix.dirname(f.path), file: posix.basename(f.path), object: value as unknown as KubeObject });
  }
  return { objects, unreadable };
}
