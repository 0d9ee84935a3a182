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

/**
 * Path of the Lua script: next to this file when run from source (ts-jest),
 * or in the source tree when run compiled from lib/health/.
 */
export const DYNAMODB_XR_HEALTH_LUA_PATH = [
  path.join(__dirname, 'dynamodb-xr-health.lua'),
  path.join(__dirname, '..', '..', 'health', 'dynamodb-xr-health.lua'),
].find((p) => fs.existsSync(p)) ?? path.join(__dirname, 'dynamodb-xr-health.lua');

/** The XR kinds the script is written and tested for. */
export const DYNAMODB_XR_HEALTH_KINDS = ['DynamoDBTable', 'DynamoDBBackupPlan'] as const;

/** The script's source, ready to embed in argocd-cm. */
export function readDynamoDbXrHealthLua(): string {
  return fs.readFileSync(DYNAMODB_XR_HEALTH_LUA_PATH, 'utf8');
}
