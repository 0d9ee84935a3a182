/**
 * The Argo CD health check for the platform's DynamoDB composite resources.
 *
 * The script is self-contained Lua 5.1 (no requires, no globals, no string
 * library), so it can go into argocd-cm as it is, once per kind:
 *
 *   resource.customizations.health.<group>_DynamoDBTable: |
 *     <contents of dynamodb-xr-health.lua>
 *
 * It never looks at the group, so the XR group can stay configurable. Do not
 * set `health.lua.useOpenLibs`; the script does not need it.
 */
import * as fs from 'fs';
import * as path from 'path';
import { PACKAGE_ROOT } from '../src/package-root';

/** The Lua script in the package's health/ folder, whether run from source, lib/ or the CLI bundle. */
export const DYNAMODB_XR_HEALTH_LUA_PATH = path.join(PACKAGE_ROOT, 'health', 'dynamodb-xr-health.lua');

/** The script's source, ready to embed in argocd-cm. */
export function readDynamoDbXrHealthLua(): string {
  return fs.readFileSync(DYNAMODB_XR_HEALTH_LUA_PATH, 'utf8');
}
