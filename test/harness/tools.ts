/**
 * Locating the real tools built by tools/install.sh.
 *
 * Binaries live in `<tools dir>/bin`, where the tools dir is `$DDB_TOOLS_DIR`
 * if set, else `<repo>/.tools`. System tools installed by apt (etcd, lua5.1,
 * redis-server, git) are looked up there first and then on PATH. Files that
 * come with a built tool's Go module (Crossplane's and Argo CD's CRDs,
 * function-patch-and-transform's package sources) are linked by
 * tools/install.sh into `<tools dir>/share/<name>`.
 *
 * When a tool is missing: under CI (`CI=true`) that is an error; locally the
 * test is skipped with a loud warning, so a fresh checkout can still run the
 * fast unit tests.
 */
import * as fs from 'fs';
import * as path from 'path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** Tools that tools/install.sh builds into `<tools dir>/bin`. */
export type BuiltTool =
  | 'crossplane'
  | 'crossplane-core'
  | 'xprender'
  | 'function-patch-and-transform'
  | 'kube-apiserver'
  | 'kube-controller-manager'
  | 'kubectl'
  | 'argocd';
/** Tools tools/install.sh installs with apt. */
export type SystemTool = 'etcd' | 'lua5.1' | 'redis-server' | 'git' | 'openssl' | 'setpriv';
/** Directories tools/install.sh links from the built tools' Go modules into `<tools dir>/share`. */
export type ToolData = 'crossplane-crds' | 'argocd-crds' | 'function-patch-and-transform-package';
export type ToolName = BuiltTool | SystemTool | ToolData;

const SYSTEM_TOOLS: ReadonlySet<string> = new Set<string>(['etcd', 'lua5.1', 'redis-server', 'git', 'openssl', 'setpriv']);
const TOOL_DATA: ReadonlySet<string> = new Set<string>(['crossplane-crds', 'argocd-crds', 'function-patch-and-transform-package']);

/** `$DDB_TOOLS_DIR` or `<repo>/.tools`. */
export function toolsDir(): string {
  const env = process.env.DDB_TOOLS_DIR;
  return env ? path.resolve(env) : path.join(REPO_ROOT, '.tools');
}

/** The shared upstream CRDs: `$DDB_CRDS_DIR` or `<repo>/../shared/crds`. */
export function sharedCrdsDir(): string {
  const env = process.env.DDB_CRDS_DIR;
  return env ? path.resolve(env) : path.resolve(REPO_ROOT, '..', 'shared', 'crds');
}

function isExecutable(p: string): boolean {
  try {
    fs.accessSync(p, fs.constants.X_OK);
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

/**
 * Where a tool is (or would be) installed. For built tools this is always
 * `<tools dir>/bin/<name>`, whether or not it exists; system tools resolve
 * through PATH when they are not in the tools dir.
 */
export function toolPath(name: ToolName | string): string {
  if (TOOL_DATA.has(name)) {
    // Resolved: they are links into the Go module cache, and Go tools walking a directory do not follow a linked root.
    const link = path.join(toolsDir(), 'share', name);
    return fs.existsSync(link) ? fs.realpathSync(link) : link;
  }
  const local = path.join(toolsDir(), 'bin', name);
  if (isExecutable(local) || !SYSTEM_TOOLS.has(name)) {
    return local;
  }
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir && isExecutable(path.join(dir, name))) {
      return path.join(dir, name);
    }
  }
  return local;
}

/** True when the tool is installed and executable (for tool data: the directory exists). */
export function hasTool(name: ToolName | string): boolean {
  if (TOOL_DATA.has(name)) return fs.existsSync(toolPath(name)) && fs.statSync(toolPath(name)).isDirectory();
  return isExecutable(toolPath(name));
}

export function isCI(): boolean {
  return process.env.CI === 'true';
}

function skipMessage(names: string[]): string {
  return `SKIPPED: ${names.join(', ')} not installed; run tools/install.sh`;
}

function loudWarn(message: string): void {
  const bar = '!'.repeat(Math.max(72, message.length + 4));
  console.warn(`\n${bar}\n! ${message}\n${bar}\n`);
}

/**
 * The path of an installed tool. If it is missing: throws under CI
 * (`CI=true`); otherwise prints a loud `SKIPPED: ...` banner and returns
 * undefined so the caller can skip.
 */
export function requireTool(name: ToolName | string): string | undefined {
  const p = toolPath(name);
  if (hasTool(name)) {
    return p;
  }
  if (isCI()) {
    throw new Error(`${name} is not installed (looked for ${p}); run tools/install.sh`);
  }
  loudWarn(skipMessage([name]));
  return undefined;
}

/** requireTool for several tools; undefined if any is missing (one banner). */
export function requireTools(names: ReadonlyArray<ToolName | string>): Record<string, string> | undefined {
  const missing = names.filter((n) => !hasTool(n));
  if (missing.length === 0) {
    return Object.fromEntries(names.map((n) => [n, toolPath(n)]));
  }
  if (isCI()) {
    throw new Error(`${missing.join(', ')} not installed (tools dir ${toolsDir()}); run tools/install.sh`);
  }
  loudWarn(skipMessage(missing));
  return undefined;
}

/**
 * `describe` when all tools are installed; otherwise `describe.skip` with a
 * loud banner (or, under CI, throws so the suite fails).
 */
export function describeWithTools(
  names: ReadonlyArray<ToolName | string>,
  title: string,
  fn: () => void,
): void {
  if (requireTools(names)) {
    describe(title, fn);
  } else {
    const missing = names.filter((n) => !hasTool(n));
    describe.skip(`${title} [${skipMessage(missing)}]`, fn);
  }
}
