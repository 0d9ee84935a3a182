/**
 * The argoproj.io_Application health check (argocd-cm) under real Lua 5.1,
 * through test/health/run-health.lua, which gives a script only what Argo CD
 * gives a custom check without useOpenLibs. The root app waits on this
 * between sync waves, so it decides when the environment apps are created.
 * Testdata is named by state, as in Argo CD's resource_customizations.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';

import { APPLICATION_HEALTH_LUA } from '../../charts/argocd/application-health';
import { describeWithTools, toolPath } from '../harness/tools';
import { JsonValue, toLuaChunk } from '../health/lua-literal';
import { tempDir } from '../integration/synth-fixture';
import { inDir } from './argocd-fixture';

const TESTDATA = path.join(__dirname, 'testdata', 'application-health');
const RUNNER = path.join(__dirname, '..', 'health', 'run-health.lua');

const CASES = [
  { file: 'healthy.yaml', status: 'Healthy', message: '', reason: 'the platform app is Healthy: the root may create the environment apps' },
  { file: 'progressing_xrdsEstablishing.yaml', status: 'Progressing', message: 'Waiting for the CompositeResourceDefinition to be established', reason: 'the child is still converging; the root keeps waiting and shows why' },
  { file: 'degraded_compositionBroken.yaml', status: 'Degraded', message: 'function-patch-and-transform: cannot pull package', reason: 'a broken platform stops the rollout with the child\'s own message' },
  { file: 'missing_neverSynced.yaml', status: 'Missing', message: '', reason: 'a child whose resources do not exist yet is not Healthy' },
  { file: 'suspended_childSuspended.yaml', status: 'Suspended', message: 'A resource is paused', reason: 'the child\'s health is passed through unchanged' },
  { file: 'progressing_noStatus.yaml', status: 'Progressing', message: 'Waiting for the application to report its health', reason: 'a just-created Application has no status; treating it as Healthy is exactly the bug this check fixes' },
  { file: 'progressing_noHealthYet.yaml', status: 'Progressing', message: 'Waiting for the application to report its health', reason: 'sync status alone says nothing about health' },
];

test('every testdata file has a case, and every case a file', () => {
  expect(fs.readdirSync(TESTDATA).sort()).toEqual(CASES.map((c) => c.file).sort());
});

test('the rendered argocd-cm carries exactly this script', () => {
  const [cm] = inDir('argocd-cm-patch');
  expect(cm.data['resource.customizations.health.argoproj.io_Application']).toBe(APPLICATION_HEALTH_LUA);
});

describeWithTools(['lua5.1'], 'argoproj.io_Application health under lua5.1', () => {
  const { dir, cleanup } = tempDir('app-health-');
  const script = path.join(dir, 'application-health.lua');
  beforeAll(() => fs.writeFileSync(script, APPLICATION_HEALTH_LUA));
  afterAll(cleanup);

  test.each(CASES)('$file -> $status: $reason', ({ file, status, message }) => {
    // GIVEN the Application as Argo CD hands it over (JSON)
    const obj = JSON.parse(JSON.stringify(parse(fs.readFileSync(path.join(TESTDATA, file), 'utf8')))) as JsonValue;
    // WHEN
    const r = spawnSync(toolPath('lua5.1'), [RUNNER, script], { input: toLuaChunk(obj), encoding: 'utf8', timeout: 10_000 });
    // THEN
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`${status}\t${message}\n`);
  });
});
