/** The one dist/ reader: the same manifests from disk (status) or from a git commit (plan), parsed the same way. */
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { CHARTS } from '../../charts';
import { UsageError } from '../../src/diagnostics/usage-error';
import { distFilesOf, parseDist, readDistFromDisk } from '../../src/dist/read-dist';
import { xrDefinitionsOf } from '../../src/dist/xrd';
import { DEFAULT_INPUT_PATHS, readInputs } from '../../src/load/read-inputs';
import { synthesize } from '../../src/pipeline/synthesize';
import { REPO_ROOT } from '../harness/tools';

const byPath = (a: { dir: string; file: string }, b: { dir: string; file: string }) => (`${a.dir}/${a.file}` < `${b.dir}/${b.file}` ? -1 : 1);

test('the committed dist/ on disk parses to exactly the objects synth renders', () => {
  // GIVEN the repository rendered in memory
  const rendered = synthesize(readInputs(DEFAULT_INPUT_PATHS, REPO_ROOT), { until: 'files', charts: CHARTS });
  if (!rendered.ok) throw new Error('the repository does not validate');

  // WHEN its committed dist/ is read and parsed
  const files = readDistFromDisk('dist', REPO_ROOT);
  const { objects, unreadable } = parseDist(files);

  // THEN every file synth writes, nested folders included, and the same objects
  expect(files.map((f) => f.path)).toEqual([...rendered.files.keys()]);
  expect({ objects: [...objects].sort(byPath), unreadable }).toEqual({ objects: [...rendered.objects].sort(byPath), unreadable: [] });
});

test('files read from git are the same manifests, below dist/ only', () => {
  // GIVEN files at a commit, as git names them from the project root
  const files = [
    { path: 'dist/prod/namespace-p.yaml', text: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: p\n' },
    { path: 'dist/argocd/apps/application-a.yaml', text: 'kind: Application\nmetadata:\n  name: a\n' },
    { path: 'dist/.ddbops-output', text: 'marker' },
    { path: 'dist/stray.yaml', text: 'kind: ConfigMap\nmetadata:\n  name: s\n' },
    { path: 'schemas/t.schema.json', text: '{}' },
  ];

  // WHEN
  const got = distFilesOf(files);

  // THEN the folder below dist/ and the name, nothing outside a folder, nothing that is not YAML
  expect(got.map((f) => f.path)).toEqual(['prod/namespace-p.yaml', 'argocd/apps/application-a.yaml']);
  expect(parseDist(got).objects.map((o) => [o.dir, o.file, o.object.kind])).toEqual([
    ['prod', 'namespace-p.yaml', 'Namespace'], ['argocd/apps', 'application-a.yaml', 'Application'],
  ]);
});

test.each([
  { text: 'kind: [unclosed\n', objects: 0, unreadable: 1, reason: 'a file that is not YAML is listed with the parser\'s words' },
  { text: '- a list\n', objects: 0, unreadable: 0, reason: 'a YAML value that is not an object is not a manifest' },
  { text: 'kind: ConfigMap\n', objects: 0, unreadable: 0, reason: 'an object without metadata.name is not a Kubernetes object' },
])('parseDist: $reason', ({ text, objects, unreadable }) => {
  // WHEN
  const got = parseDist([{ path: 'x/file.yaml', text }]);

  // THEN
  expect({ objects: got.objects.length, unreadable: got.unreadable.length }).toEqual({ objects, unreadable });
});

test('parseDist reads YAML 1.1, as Kubernetes and Argo CD do: a bare yes is a boolean', () => {
  // WHEN
  const got = parseDist([{ path: 'x/file.yaml', text: 'kind: ConfigMap\nmetadata:\n  name: "on"\n  labels:\n    a: yes\n' }]);

  // THEN
  expect(got.objects.map((o) => o.object.metadata)).toEqual([{ name: 'on', labels: { a: true } }]);
});

test('a dist/ that is not a folder is a usage error that says how to get one', () => {
  // GIVEN
  const dir = mkdtempSync(join(tmpdir(), 'read-dist-'));
  writeFileSync(join(dir, 'dist'), 'not a folder');
  try {
    // WHEN / THEN
    expect(() => readDistFromDisk('dist', dir)).toThrow(new UsageError('cannot read dist/: status compares the cluster with the rendered tree'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('xrDefinitionsOf: each XR kind the platform XRDs define, in XR_KINDS order', () => {
  // GIVEN the committed dist/
  const { objects } = parseDist(readDistFromDisk('dist', REPO_ROOT));

  // WHEN
  const got = xrDefinitionsOf(objects.map((o) => o.object));

  // THEN
  expect(got.map((d) => [d.kind, d.group, d.version, d.plural, Object.keys(d.specSchema.properties ?? {}).includes('tableName')])).toEqual([
    ['DynamoDBTable', 'platform.bigbeard.co.za', 'v1alpha1', 'dynamodbtables', true],
    ['DynamoDBBackupPlan', 'platform.bigbeard.co.za', 'v1alpha1', 'dynamodbbackupplans', false],
  ]);
});
