/**
 * health/ is laid out as Argo CD's resource_customizations, and argocd-cm's
 * health entries come from that tree: every check is
 * health/<group>/<Kind>/health.lua with health_test.yaml and testdata/ named
 * by state, and `_` (any) is the project's XR group and every XR kind.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { ANY, HEALTH_DIR, healthCheckFolders, healthCustomizations } from '../../charts/argocd/health-checks';

const STATES = ['healthy', 'progressing', 'degraded', 'suspended'];

interface HealthTest {
  readonly tests: readonly { readonly inputPath: string; readonly healthStatus: { readonly status: string } }[];
}

test('the tree holds the XR check (any kind of the project\'s group) and the Application check, and nothing else', () => {
  // WHEN
  const checks = healthCheckFolders().map((c) => `${c.group}/${c.kind}`);
  const files = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.relative(HEALTH_DIR, path.join(dir, e.name))]));

  // THEN
  expect(checks).toEqual([`${ANY}/${ANY}`, 'argoproj.io/Application']);
  expect(files(HEALTH_DIR).filter((f) => !checks.some((c) => f.startsWith(`${c}/`)))).toEqual([]);
});

describe.each(healthCheckFolders().map((c) => [`${c.group}/${c.kind}`, c.dir] as const))('%s', (_name, dir) => {
  const spec = parse(fs.readFileSync(path.join(dir, 'health_test.yaml'), 'utf8')) as HealthTest;
  const testdata = fs.readdirSync(path.join(dir, 'testdata')).sort();

  test('has health.lua, health_test.yaml and testdata/, each testdata file a case exactly once', () => {
    // THEN
    expect(fs.existsSync(path.join(dir, 'health.lua'))).toBe(true);
    expect(spec.tests.map((t) => t.inputPath).sort()).toEqual(testdata.map((f) => `testdata/${f}`));
  });

  test('testdata is named by the state it expects: <state>.yaml or <state>_<what>.yaml', () => {
    // THEN
    const misnamed = spec.tests.filter((t) => {
      const [state] = path.basename(t.inputPath, '.yaml').split('_');
      return !STATES.includes(state) || state !== t.healthStatus.status.toLowerCase();
    });
    expect(misnamed).toEqual([]);
  });
});

test('argocd-cm gets one entry per group and kind: `_` is the project\'s XR group and every XR kind', () => {
  // WHEN
  const entries = healthCustomizations('example.org');

  // THEN
  const lua = (...p: string[]) => fs.readFileSync(path.join(HEALTH_DIR, ...p, 'health.lua'), 'utf8');
  expect(entries).toEqual({
    'resource.customizations.health.example.org_DynamoDBTable': lua(ANY, ANY),
    'resource.customizations.health.example.org_DynamoDBBackupPlan': lua(ANY, ANY),
    'resource.customizations.health.argoproj.io_Application': lua('argoproj.io', 'Application'),
  });
});
