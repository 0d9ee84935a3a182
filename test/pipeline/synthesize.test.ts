/**
 * The pipeline's stages: check → resolve → objects → files. Each caller stops
 * at the stage it needs and renders the charts it passes in.
 */
import { ARGOCD_CHARTS, CHARTS, CROSSPLANE_CHARTS } from '../../charts';
import { DEFAULT_INPUT_PATHS, readInputs } from '../../src/load/read-inputs';
import { checkInputs } from '../../src/pipeline/check';
import { synthesize } from '../../src/pipeline/synthesize';
import { REPO_ROOT } from '../harness/tools';

const raw = readInputs(DEFAULT_INPUT_PATHS, REPO_ROOT);
const dirsOf = (objects: readonly { dir: string }[]) => [...new Set(objects.map((o) => o.dir))].sort();

describe('synthesize', () => {
  test('stops after the objects when asked: no YAML is written for plan and docs', () => {
    // WHEN
    const result = synthesize(raw, { until: 'objects', charts: CHARTS });
    // THEN
    expect({ ok: result.ok, files: 'files' in result }).toEqual({ ok: true, files: false });
  });

  test('goes on to the files for synth, one per object, under the object\'s folder', () => {
    // WHEN
    const result = synthesize(raw, { until: 'files', charts: CHARTS });
    // THEN
    if (!result.ok) throw new Error('the repository does not validate');
    expect([...result.files.keys()]).toEqual(result.objects.map((o) => `${o.dir}/${o.file}`).sort());
  });

  test.each([
    { charts: CROSSPLANE_CHARTS, dirs: ['dev', 'platform', 'prod', 'sit'], reason: 'the platform APIs and one folder per environment' },
    { charts: ARGOCD_CHARTS, dirs: ['argocd', 'argocd-cm-patch', 'argocd/apps'], reason: 'the bootstrap, the Applications and the argocd-cm settings' },
    { charts: CHARTS, dirs: ['argocd', 'argocd-cm-patch', 'argocd/apps', 'dev', 'platform', 'prod', 'sit'], reason: 'everything synth writes' },
    { charts: [], dirs: [], reason: 'no chart, no object: the renderer registers none of its own' },
  ])('renders the charts it is given: $reason', ({ charts, dirs }) => {
    // WHEN
    const result = synthesize(raw, { until: 'objects', charts });
    // THEN
    expect(result.ok ? dirsOf(result.objects) : result.findings).toEqual(dirs);
  });

  test('refuses invalid inputs at the check stage, with the same findings check gives', () => {
    // GIVEN a schema that does not parse
    const broken = { ...raw, schemas: [{ path: 'schemas/broken.schema.json', text: '{' }, ...raw.schemas] };
    // WHEN
    const result = synthesize(broken, { until: 'files', charts: CHARTS });
    // THEN
    expect({ ok: result.ok, model: 'model' in result, findings: result.findings }).toEqual({ ok: false, model: false, findings: checkInputs(broken).findings });
  });
});
