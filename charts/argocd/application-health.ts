/**
 * The Argo CD health check for `argoproj.io/Application` that argocd-cm gets:
 * `health/argoproj.io/Application/health.lua`, laid out as Argo CD's own
 * resource_customizations (health.lua, health_test.yaml, testdata named by
 * state). Why the check exists and what it waits for is in the script.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { PACKAGE_ROOT } from '../../src/package-root';

/** The script, whether run from source, lib/ or the CLI bundle. */
export const APPLICATION_HEALTH_LUA_PATH = join(PACKAGE_ROOT, 'health', 'argoproj.io', 'Application', 'health.lua');

export function readApplicationHealthLua(): string {
  return readFileSync(APPLICATION_HEALTH_LUA_PATH, 'utf8');
}
