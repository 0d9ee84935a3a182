/**
 * Rendered objects for the classifier unit tests: this repo's inputs
 * synthesized in memory once, so each case mutates a real XR.
 */
import { readInputs, DEFAULT_INPUT_PATHS } from '../../src/load/read-inputs';
import { Inputs } from '../../src/model/inputs';
import { Model } from '../../src/model/resolved';
import { RenderedObject } from '../../src/render/render';
import { CROSSPLANE_CHARTS } from '../../charts';
import { synthesize } from '../../src/pipeline/synthesize';
import { REPO_ROOT } from './scratch-repo';

/** Test data is mutated freely. */
export type Json = any;

let cached: { objects: readonly RenderedObject[]; model: Model; inputs: Inputs } | undefined;

/** The repo synthesized in memory, without the Argo CD charts; shared, so never mutate it. */
export function repoSynth(): { objects: readonly RenderedObject[]; model: Model; inputs: Inputs } {
  if (!cached) {
    const result = synthesize(readInputs(DEFAULT_INPUT_PATHS, REPO_ROOT), { until: 'objects', charts: CROSSPLANE_CHARTS });
    if (!result.ok) throw new Error(`the repo's inputs do not synthesize: ${result.findings.map((f) => f.message).join('; ')}`);
    cached = { objects: result.objects, model: result.model, inputs: result.inputs };
  }
  return cached;
}

function objects(): readonly RenderedObject[] {
  return repoSynth().objects;
}

/** A fresh copy of a rendered object. */
export function rendered(dir: string, kind: string, name: string): Json {
  const hit = objects().find((o) => o.dir === dir && o.object.kind === kind && o.object.metadata.name === name);
  if (!hit) throw new Error(`no ${kind} ${name} in ${dir}`);
  return JSON.parse(JSON.stringify(hit.object));
}

/** prod's tenants XR: keep-on-delete, deletion protection, PITR 35 days, three GSIs, a replica, in the backup plan. */
export const prodTenants = () => rendered('prod', 'DynamoDBTable', 'tenants');
export const devTenants = () => rendered('dev', 'DynamoDBTable', 'tenants');
export const prodBackup = () => rendered('prod', 'DynamoDBBackupPlan', 'dynamodb-backup');

/** Base and head copies of an object, the head mutated. */
export function pair(make: () => Json, mutate: (o: Json) => void): { base: Json; head: Json } {
  const base = make();
  const head = make();
  mutate(head);
  return { base, head };
}
