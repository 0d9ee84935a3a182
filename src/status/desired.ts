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
 * Parsing is pure (`parseDistTree`); `readDistTree` is the file-system edge.
 */
import { readdirSync, readFileSync, statSync } from 'fs';
import { join, resolve } from 'path';
import { parse } from 'yaml';
import { compareStrings } from '../compare';
import { UsageError } from '../diagnostics/usage-error';
import { JsonObject, JsonValue, isObject } from './json';
import { XR_KINDS, XrKind } from '../model/xr-api';

/** One XR kind as its XRD in dist/platform defines it. */
export interface XrDefinition {
  readonly kind: XrKind;
  readonly group: string;
  readonly version: string;
  readonly plural: string;
  /** openAPIV3Schema of `spec` (defaults, x-kubernetes-list-map-keys). */
  readonly specSchema: JsonObject;
}

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

/** Reads every `*.yaml` file one level below distDir as `dir/file` → text. */
export function readDistTree(distDir: string, cwd: string): Map<string, string> {
  const abs = resolve(cwd, distDir);
  const files = new Map<string, string>();
  let dirs: string[];
  try {
    if (!statSync(abs).isDirectory()) throw new Error('not a directory');
    dirs = readdirSync(abs).filter((d) => statSync(join(abs, d)).isDirectory());
  } catch {
    throw new UsageError(`cannot read ${distDir}/: status compares the cluster with the rendered tree`, 'run: ddbops synth, or pass --dist DIR');
  }
  for (const dir of dirs.sort(compareStrings)) {
    for (const file of readdirSync(join(abs, dir)).filter((f) => /\.ya?ml$/.test(f)).sort(compareStrings)) {
      files.set(`${dir}/${file}`, readFileSync(join(abs, dir, file), 'utf8'));
    }
  }
  return files;
}

function parseObject(path: string, text: string): JsonObject | undefined {
  let doc: unknown;
  try {
    // YAML 1.1, as Kubernetes and Argo CD read it; then plain JSON values.
    doc = JSON.parse(JSON.stringify(parse(text, { version: '1.1' }) ?? null)) as JsonValue;
  } catch (e) {
    throw new UsageError(`cannot parse ${path}: ${(e as Error).message.split('\n')[0]}`, 'run: ddbops synth');
  }
  return isObject(doc) ? doc : undefined;
}

const str = (v: JsonValue | undefined): string | undefined => (typeof v === 'string' ? v : undefined);
const obj = (v: JsonValue | undefined): JsonObject => (isObject(v) ? v : {});

function xrDefinitionFrom(xrd: JsonObject): XrDefinition | undefined {
  const spec = obj(xrd.spec);
  const names = obj(spec.names);
  const kind = XR_KINDS.find((k) => k === str(names.kind));
  const group = str(spec.group);
  const plural = str(names.plural);
  const versions = Array.isArray(spec.versions) ? spec.versions.filter(isObject) : [];
  const version = versions.find((v) => v.referenceable === true) ?? versions.find((v) => v.served === true);
  if (!kind || !group || !plural || !version || !str(version.name)) return undefined;
  const specSchema = obj(obj(obj(obj(obj(version.schema).openAPIV3Schema).properties)).spec);
  return { kind, group, version: str(version.name) as string, plural, specSchema };
}

/** Pure: the desired state from the dist/ files (`dir/file` → YAML text). */
export function parseDistTree(distDir: string, files: ReadonlyMap<string, string>): DesiredState {
  const byDir = new Map<string, { file: string; object: JsonObject }[]>();
  for (const [path, text] of files) {
    const object = parseObject(`${distDir}/${path}`, text);
    if (!object) continue;
    const dir = path.split('/')[0];
    byDir.set(dir, [...(byDir.get(dir) ?? []), { file: path, object }]);
  }

  const kinds: XrDefinition[] = [];
  for (const { object } of byDir.get('platform') ?? []) {
    if (object.kind !== 'CompositeResourceDefinition' || !str(object.apiVersion)?.startsWith('apiextensions.crossplane.io/')) continue;
    const k = xrDefinitionFrom(object);
    if (k) kinds.push(k);
  }
  for (const kind of XR_KINDS) {
    if (!kinds.some((k) => k.kind === kind)) {
      throw new UsageError(`${distDir}/platform/ has no XRD for ${kind}`, 'run: ddbops synth, or pass --dist DIR');
    }
  }
  kinds.sort((a, b) => XR_KINDS.indexOf(a.kind) - XR_KINDS.indexOf(b.kind));
  const group = kinds[0].group;

  const environments: DesiredEnvironment[] = [];
  for (const [dir, objects] of [...byDir].sort(([a], [b]) => compareStrings(a, b))) {
    const ns = objects.find(({ object }) => object.apiVersion === 'v1' && object.kind === 'Namespace'
      && obj(obj(object.metadata).labels)[`${group}/environment`] === dir);
    if (!ns) continue;
    const desired: DesiredXr[] = [];
    for (const { file, object } of objects) {
      const k = kinds.find((x) => object.kind === x.kind && object.apiVersion === `${x.group}/${x.version}`);
      const name = str(obj(object.metadata).name);
      if (k && name) desired.push({ kind: k.kind, name, file, spec: obj(object.spec) });
    }
    desired.sort((a, b) => XR_KINDS.indexOf(a.kind) - XR_KINDS.indexOf(b.kind) || compareStrings(a.name, b.name));
    environments.push({ name: dir, namespace: str(obj(ns.object.metadata).name) as string, objects: desired });
  }
  if (environments.length === 0) {
    throw new UsageError(`${distDir}/ has no environment folders (a Namespace labelled ${group}/environment)`, 'run: ddbops synth, or pass --dist DIR');
  }
  return { distDir, kinds, environments };
}
