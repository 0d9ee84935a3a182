/**
 * Shared inputs for the real-tool integration tests: the repo synthesized in
 * memory (exactly what `npm run synth` would write), helpers to pick rendered
 * objects, and the schema sources `crossplane beta validate` needs.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { CHARTS } from '../../charts';
import { DEFAULT_INPUT_PATHS, readInputs } from '../../src/load/read-inputs';
import { RawInputs } from '../../src/model/inputs';
import { Synthesized, synthesize } from '../../src/pipeline/synthesize';
import { RenderedObject } from '../../src/render/render';
import { KubeObject, toYamlStream } from '../harness/crossplane';
import { REPO_ROOT, sharedCrdsDir } from '../harness/tools';

/** Test data is read freely; the rendered objects are plain JSON. */
export type Json = any;

/** synthesize() that must succeed: a failure prints the findings. */
export function synthOk(raw: RawInputs): Synthesized {
  const result = synthesize(raw, { until: 'files', charts: CHARTS });
  if (!result.ok) {
    throw new Error(`synth refused the inputs:\n${result.findings.map((f) => `${f.file} ${f.rule}: ${f.message}`).join('\n')}`);
  }
  return result;
}

/** The repo's own schemas/, environments/ and project.yaml, synthesized in memory. */
export function synthRepo() {
  return synthOk(readInputs(DEFAULT_INPUT_PATHS, REPO_ROOT));
}

export const ENVIRONMENTS = ['dev', 'sit', 'prod'] as const;
export const TABLES = ['tenants', 'products', 'campaigns'] as const;

/** A deep copy, so a test can mutate a rendered object. */
export function clone<T>(o: T): T {
  return JSON.parse(JSON.stringify(o)) as T;
}

export function findObject(objects: readonly RenderedObject[], where: { dir?: string; kind: string; name?: string }): Json {
  const hits = objects.filter((o) => (where.dir === undefined || o.dir === where.dir)
    && o.object.kind === where.kind && (where.name === undefined || o.object.metadata.name === where.name));
  if (hits.length !== 1) throw new Error(`expected one ${where.kind} ${where.name ?? ''} in ${where.dir ?? '*'}, found ${hits.length}`);
  return clone(hits[0].object);
}

/** The shared upstream CRDs. */
export const CRDS = {
  providerAws: () => path.join(sharedCrdsDir(), 'provider-aws'),
  patchAndTransform: () => path.join(sharedCrdsDir(), 'function-patch-and-transform'),
  argoCd: () => path.join(sharedCrdsDir(), 'argo-cd'),
};

/** A temp dir removed by the returned cleanup. */
export function tempDir(prefix: string): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Writes objects as one YAML 1.1 stream (what the Go tools read) and returns the file path. */
export function writeStream(dir: string, name: string, objects: readonly KubeObject[]): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, toYamlStream(objects));
  return file;
}

/** Drops wall-clock condition timestamps so objects compare deterministically. */
export function conditions(o: Json): Record<string, { status: string; reason?: string }> {
  const out: Record<string, { status: string; reason?: string }> = {};
  for (const c of (o.status?.conditions ?? []) as Json[]) out[c.type] = { status: c.status, reason: c.reason };
  return out;
}
