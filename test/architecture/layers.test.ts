/**
 * Keeps the code's seams where docs/code-map.md says they are: no file imports
 * itself around a loop, and each folder imports only folders of a lower layer.
 */
import { importCycles, ImportGraph, layerViolations, readImportGraph } from './import-graph';
import { REPO_ROOT } from '../harness/tools';

/**
 * Lower numbers are lower layers. A folder may import its own files and any
 * folder with a smaller number, never one with the same or a larger number.
 */
export const LAYERS: Readonly<Record<string, number>> = {
  // Leaves: facts and helpers that know nothing of the pipeline.
  'src/text': 0,
  'src/diagnostics': 0,
  'src/package-root': 0,
  'imports': 0,
  // The model: input types, the XR contract (xr-api.ts), AWS enums; and JSON values, diffs by list-map key.
  'src/model': 1,
  'src/json': 1,
  // Stages and edges that each need only the model: reading input, checking it, turning it into objects; the cluster and the disk.
  'src/load': 2,
  'src/validate': 2,
  'src/render': 2,
  'compositions': 2,
  'src/kube': 2,
  'src/write': 2,
  // What is built from one stage: the charts, the pipeline that runs the stages, dist/ on disk or in git, the design doc, Argo CD's argocd-cm.
  'charts': 3,
  'src/pipeline': 3,
  'src/dist': 3,
  'src/docs': 3,
  'src/argocd': 3,
  // Commands' logic: comparing two renders, reading the live cluster.
  'src/plan': 4,
  'src/status': 4,
  // The one entry point.
  'src/cli': 5,
};

describe('the import graph of src/, charts/, compositions/ and imports/', () => {
  const graph = readImportGraph(REPO_ROOT, ['src', 'charts', 'compositions', 'imports']);

  test('is read from the real files', () => {
    // THEN the walk found the entry point and a lazy import() of it
    expect(graph['src/cli/main.ts']).toBeDefined();
    expect(graph['src/cli/commands/json-schema.ts']).toContain('src/model/json-schema.ts');
  });

  test('has no import cycles between files', () => {
    expect(importCycles(graph)).toEqual([]);
  });

  test('imports only downwards, from every folder into a lower layer', () => {
    expect(layerViolations(graph, LAYERS)).toEqual([]);
  });
});

describe('the checks themselves', () => {
  const layers = { 'src/model': 1, 'src/plan': 4, 'src/plan/table': 4 };

  test.each<[string, ImportGraph, string[][]]>([
    ['a two-file loop is one cycle', { 'a.ts': ['b.ts'], 'b.ts': ['a.ts'] }, [['a.ts', 'b.ts']]],
    ['a three-file loop is one cycle, however it is entered', { 'c.ts': ['a.ts'], 'a.ts': ['b.ts'], 'b.ts': ['c.ts'] }, [['a.ts', 'b.ts', 'c.ts']]],
    ['a file importing itself is a cycle', { 'a.ts': ['a.ts'] }, [['a.ts']]],
    ['a diamond is not a cycle', { 'a.ts': ['b.ts', 'c.ts'], 'b.ts': ['d.ts'], 'c.ts': ['d.ts'], 'd.ts': [] }, []],
  ])('%s', (_reason, g, expected) => {
    expect(importCycles(g)).toEqual(expected);
  });

  test.each<[string, ImportGraph, string[]]>([
    ['a higher layer may import a lower one', { 'src/plan/a.ts': ['src/model/b.ts'] }, []],
    ['a file may import its own layer', { 'src/plan/a.ts': ['src/plan/b.ts'] }, []],
    ['the model may not import a command', { 'src/model/a.ts': ['src/plan/b.ts'] }, ['src/model (layer 1) may not import src/plan (layer 4)']],
    ['two folders of one layer may not import each other (the longest prefix names the layer)', { 'src/plan/table/a.ts': ['src/plan/b.ts'] }, ['src/plan/table (layer 4) may not import src/plan (layer 4)']],
    ['a folder missing from the table is reported, not ignored', { 'src/new/a.ts': ['src/model/b.ts'] }, ['src/new/a.ts is in no layer: add its folder to the layer table']],
  ])('%s', (_reason, g, expected) => {
    expect(layerViolations(g, layers).map((v) => v.rule)).toEqual(expected);
  });
});
