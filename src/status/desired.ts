/**
 * The desired state `status` compares the cluster with: the rendered dist/
 * tree, because that is what Argo CD applies (not the working tree's schemas,
 * which may not have been synthesized yet).
 *
 * - The XR kinds come from the XRDs in dist/platform/: group, served version,
 *   plural and the spec schema (for server defaults and list-map keys).
 * - An environment is a dist/<dir>/ holding a v1 Namespace labelled
 *   `<group>/environment: <dir>`; its XRs of those kinds are its desired objects.
 *
 * Pure: src/dist/read-dist.ts reads the files.
 */
import { UsageError } from '../diagnostics/usage-error';
import { DistFile, parseDist } from '../dist/read-dist';
import { XrDefinition, xrDefinitionsOf } from '../dist/xrd';
import { isObject, JsonObject } from '../json/json';
import { XR_KINDS, XrKind } from '../model/xr-api';
import { RenderedObject } from '../render/render';
import { compareStrings } from '../text/compare';

export interface DesiredXr {
  readonly kind: XrKind;
  readonly name: string;
  /** dist-relative file, e.g. `prod/dynamodbtable-campaigns.yaml`. */
  readonly file: string;
  readonly spec: JsonObject;
}

export interface DesiredEnvironment {
  /** dist/ folder name = environment name. */
  readonly name: string;
  readonly namespace: string;
  /** Sorted by kind (XR_KINDS order), then name. */
  readonly objects: readonly DesiredXr[];
}

export interface DesiredState {
  /** How the user named the folder, e.g. `dist`. */
  readonly distDir: string;
  readonly kinds: readonly XrDefinition[];
  /** Sorted by name. */
  readonly environments: readonly DesiredEnvironment[];
}

const obj = (v: unknown): JsonObject => (isObject(v) ? v : {});

/** The desired state from the dist/ files; a UsageError when they are not a rendered tree. */
export function parseDistTree(distDir: string, files: readonly DistFile[]): DesiredState {
  const { objects, unreadable } = parseDist(files);
  if (unreadable.length > 0) throw new UsageError(`cannot parse ${distDir}/${unreadable[0].path}: ${unreadable[0].message}`, 'run: ddbops synth');
  const byDir = new Map<string, RenderedObject[]>();
  for (const o of objects) byDir.set(o.dir, [...(byDir.get(o.dir) ?? []), o]);

  const kinds = xrDefinitionsOf((byDir.get('platform') ?? []).map((o) => o.object));
  for (const kind of XR_KINDS) {
    if (!kinds.some((k) => k.kind === kind)) {
      throw new UsageError(`${distDir}/platform/ has no XRD for ${kind}`, 'run: ddbops synth, or pass --dist DIR');
    }
  }
  const group = kinds[0].group;

  const environments: DesiredEnvironment[] = [];
  for (const [dir, inDir] of [...byDir].sort(([a], [b]) => compareStrings(a, b))) {
    const ns = inDir.find(({ object }) => object.apiVersion === 'v1' && object.kind === 'Namespace' && object.metadata.labels?.[`${group}/environment`] === dir);
    if (!ns) continue;
    const desired: DesiredXr[] = [];
    for (const { file, object } of inDir) {
      const k = kinds.find((x) => object.kind === x.kind && object.apiVersion === `${x.group}/${x.version}`);
      if (k) desired.push({ kind: k.kind, name: object.metadata.name, file: `${dir}/${file}`, spec: obj(object.spec) });
    }
    desired.sort((a, b) => XR_KINDS.indexOf(a.kind) - XR_KINDS.indexOf(b.kind) || compareStrings(a.name, b.name));
    environments.push({ name: dir, namespace: ns.object.metadata.name, objects: desired });
  }
  if (environments.length === 0) {
    throw new UsageError(`${distDir}/ has no environment folders (a Namespace labelled ${group}/environment)`, 'run: ddbops synth, or pass --dist DIR');
  }
  return { distDir, kinds, environments };
}
