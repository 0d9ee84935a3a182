/**
 * The Argo CD health checks argocd-cm gets, read from the health/ tree, which
 * is laid out as Argo CD's own resource_customizations:
 * `health/<group>/<Kind>/health.lua`, with `health_test.yaml` and `testdata/`
 * named by state.
 *
 * `_` stands for "any", as in Argo CD's tree (`_.crossplane.io/_`): the check
 * in `health/_/_/` is the one for our XRs, whose group is the project's
 * (project.yaml's apiGroup, so it cannot be a folder name) and whose kinds are
 * every XR kind (HEALTH_CHECKED_XR_KINDS). argocd-cm gets one entry per group
 * and kind: Argo CD matches `resource.customizations.health.*` keys exactly.
 */
import { readdirSync, readFileSync, statSync } from 'fs';
import { join } from 'path';
import { PACKAGE_ROOT } from '../../src/package-root';
import { HEALTH_CHECKED_XR_KINDS } from '../../src/model/xr-api';
import { compareStrings } from '../../src/text/compare';

/** The health/ tree, whether run from source, lib/ or the CLI bundle. */
export const HEALTH_DIR = join(PACKAGE_ROOT, 'health');

/** A folder name that stands for any group or any kind. */
export const ANY = '_';

/** One check: `health/<group>/<kind>/`, holding health.lua. */
export interface HealthCheckFolder {
  readonly group: string;
  readonly kind: string;
  /** Absolute. */
  readonly dir: string;
}

function folders(dir: string): string[] {
  return readdirSync(dir).filter((n) => statSync(join(dir, n)).isDirectory()).sort(compareStrings);
}

/** Every check in the tree: each `<group>/<kind>/` folder with a health.lua, in name order. */
export function healthCheckFolders(root = HEALTH_DIR): HealthCheckFolder[] {
  return folders(root).flatMap((group) => folders(join(root, group))
    .map((kind) => ({ group, kind, dir: join(root, group, kind) }))
    .filter((c) => statSync(join(c.dir, 'health.lua'), { throwIfNoEntry: false })?.isFile() === true));
}

/** The argocd-cm key of a health check for one kind: `resource.customizations.health.<group>_<Kind>`. */
export function healthKey(group: string, kind: string): string {
  return `resource.customizations.health.${group}_${kind}`;
}

/** argocd-cm key → script for every check in the tree; `_` is the XR group, and each XR kind. */
export function healthCustomizations(xrGroup: string, root = HEALTH_DIR): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of healthCheckFolders(root)) {
    const lua = readFileSync(join(c.dir, 'health.lua'), 'utf8');
    const group = c.group === ANY ? xrGroup : c.group;
    for (const kind of c.kind === ANY ? HEALTH_CHECKED_XR_KINDS : [c.kind]) out[healthKey(group, kind)] = lua;
  }
  return out;
}
