import { posix, relative, resolve } from 'path';
import { UsageError } from '../diagnostics/usage-error';
import { DIST_DIR } from '../dist/paths';
import { distFilesOf, parseDist } from '../dist/read-dist';
import { RawInputs } from '../model/inputs';
import { InputPaths } from '../load/read-inputs';
import { synthesize } from '../pipeline/synthesize';
import { ChartFactory, RenderedObject } from '../render/render';
import { Acknowledgement, collectAcknowledgements } from './acknowledgements';
import { PlanSide } from './build-plan';
import { rawAcknowledgements } from './raw-acknowledgements';
import { chooseBase, readTree, TreeFile } from './git';
import { BaseInfo } from './types';
import { plural } from '../text/lists';

export interface Base {
  readonly info: BaseInfo;
  readonly side: PlanSide;
  /** The base's own acknowledgements: the head's that equal one of them are stale. */
  readonly acknowledgements: readonly Acknowledgement[];
}

/**
 * The base side. Its objects are the dist/ committed at the base commit when
 * there is one: that is what Argo CD applied, so a change of the engine itself
 * (a Composition, an XRD, the charts) shows as the change it makes to the
 * cluster. Its model (guards, environments, sources to acknowledge in) comes
 * from the base commit's inputs, synthesized in memory with this ddbops.
 * Without a committed dist/, the synthesized objects are the base. Reads git only.
 */
export function readBase(cwd: string, paths: InputPaths, ref: string | undefined, charts: readonly ChartFactory[]): Base {
  const base = chooseBase(cwd, ref);
  const info = { ref: base.ref, ...(base.commit ? { commit: base.commit } : {}) };
  if (!base.commit) return { info: { ...info, source: 'empty', ...(base.note ? { note: base.note } : {}) }, side: { objects: [] }, acknowledgements: [] };
  const spec = (p: string) => relative(cwd, resolve(cwd, p)) || '.';
  const files = readTree(cwd, base.commit, [spec(paths.schemasDir), spec(paths.environmentsDir), spec(paths.projectFile)]);
  const raw = rawInputs(files, paths, spec);
  const notes = base.note ? [base.note] : [];
  // What Argo CD applied at the base: its files at the commit, parsed as on disk; a file that is not YAML is not a manifest.
  const dist = parseDist(distFilesOf(readTree(cwd, base.commit, [DIST_DIR]))).objects;
  if (!raw.project && !raw.schemas.length && !raw.environments.length && !dist.length) {
    notes.push(`${base.ref} has no ${paths.schemasDir}/, ${paths.environmentsDir}/ or ${paths.projectFile}, so every resource is new`);
    return { info: { ...info, source: 'empty', note: notes.join('; ') }, side: { objects: [] }, acknowledgements: [] };
  }
  let rendered: { objects: readonly RenderedObject[]; model: NonNullable<PlanSide['model']>; acknowledgements: ReturnType<typeof collectAcknowledgements> } | undefined;
  let why: string | undefined;
  if (raw.project) {
    try {
      const result = synthesize({ project: raw.project, schemas: raw.schemas, environments: raw.environments }, { until: 'objects', charts });
      if (result.ok) {
        rendered = { objects: result.objects, model: result.model, acknowledgements: collectAcknowledgements(result.inputs) };
      } else {
        const errors = result.findings.filter((f) => f.severity === 'error');
        why = `its sources do not validate with this ddbops (${plural(errors.length, 'error')}; first: ${errors[0]?.file}: ${errors[0]?.message})`;
      }
    } catch (e) {
      why = `its sources could not be rendered (${(e as Error).message})`;
    }
  } else {
    why = `it has no ${paths.projectFile}`;
  }
  // Acknowledgements on the base, to tell stale ones apart: from its validated inputs, else read raw.
  const acknowledgements = rendered?.acknowledgements ?? rawAcknowledgements(raw.schemas, raw.environments);
  if (dist.length) {
    if (why) notes.push(`${why}, so the base is its committed ${DIST_DIR}/`);
    return {
      info: { ...info, source: 'dist', ...(notes.length ? { note: notes.join('; ') } : {}) },
      side: { objects: dist, ...(rendered ? { model: rendered.model } : {}) },
      acknowledgements,
    };
  }
  if (rendered) {
    return {
      info: { ...info, source: 'sources', ...(notes.length ? { note: notes.join('; ') } : {}) },
      side: { objects: rendered.objects, model: rendered.model },
      acknowledgements,
    };
  }
  throw new UsageError(`cannot read the base ${base.ref}: ${why}, and it has no committed ${DIST_DIR}/`,
    'pass --base at a commit where `ddbops validate` passes');
}

function rawInputs(files: readonly TreeFile[], paths: InputPaths, spec: (p: string) => string): Partial<RawInputs> & Pick<RawInputs, 'schemas' | 'environments'> {
  const inDir = (f: TreeFile, dir: string) => posix.dirname(f.path) === spec(dir);
  return {
    project: files.find((f) => f.path === spec(paths.projectFile)),
    schemas: files.filter((f) => inDir(f, paths.schemasDir) && f.path.endsWith('.schema.json')),
    environments: files.filter((f) => inDir(f, paths.environmentsDir) && /\.ya?ml$/.test(f.path)),
  };
}
