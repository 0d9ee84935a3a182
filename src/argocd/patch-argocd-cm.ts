/**
 * `scripts/patch-argocd-cm.sh`: merges the rendered argocd-cm settings
 * (dist/argocd-cm-patch/configmap-argocd-cm.yaml) into the live argocd-cm.
 *
 *   patch-argocd-cm [--dry-run] [--force] [--context NAME] [--file PATH] [--live PATH]
 *
 * Reads the live ConfigMap with `kubectl get` (or from --live, a JSON or YAML
 * file), plans the merge (argocd-cm-merge.ts), prints the plan on stderr and
 * applies it with one `kubectl patch --type merge`. --dry-run prints the patch
 * on stdout instead. Exit codes: 0 done (or nothing to do), 1 conflicting keys
 * left alone, 2 usage error or kubectl failure.
 */
import { spawnSync } from 'child_process';
import { readFileSync } from 'fs';
import { resolve } from 'path';
import { parse } from 'yaml';
import { ArgoCdCmPlan, planArgoCdCmPatch } from './argocd-cm-merge';

export const DEFAULT_PATCH_FILE = 'dist/argocd-cm-patch/configmap-argocd-cm.yaml';

export interface PatchIo {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  stdout(s: string): void;
  stderr(s: string): void;
}

interface Options {
  dryRun: boolean;
  force: boolean;
  context?: string;
  file: string;
  live?: string;
}

const USAGE = 'usage: patch-argocd-cm [--dry-run] [--force] [--context NAME] [--file PATH] [--live PATH]\n';

class UsageError extends Error {
  constructor(message: string, readonly showUsage = true) {
    super(message);
  }
}

function parseArgs(argv: readonly string[]): Options {
  const o: Options = { dryRun: false, force: false, file: DEFAULT_PATCH_FILE };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      return v;
    };
    if (a === '--dry-run') o.dryRun = true;
    else if (a === '--force') o.force = true;
    else if (a === '--context') o.context = value();
    else if (a === '--file') o.file = value();
    else if (a === '--live') o.live = value();
    else throw new UsageError(`unknown argument ${a}`);
  }
  return o;
}

interface ConfigMapLike {
  readonly metadata?: { readonly name?: string; readonly namespace?: string };
  readonly data?: Record<string, string>;
}

function readConfigMap(path: string, what: string): ConfigMapLike {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new UsageError(`cannot read ${what} ${path}${what === 'rendered settings' ? '; run npm run synth' : ''}`, false);
  }
  let v: ConfigMapLike | null;
  try {
    v = parse(text) as ConfigMapLike | null;
  } catch (e) {
    throw new UsageError(`${path} is not valid YAML: ${(e as Error).message.split('\n')[0]}`, false);
  }
  if (!v || typeof v !== 'object' || (v.data !== undefined && typeof v.data !== 'object')) {
    throw new UsageError(`${path} is not a ConfigMap`, false);
  }
  return v;
}

function kubectl(io: PatchIo, o: Options, args: string[]): string {
  const bin = io.env.KUBECTL ?? 'kubectl';
  const full = [...(o.context ? ['--context', o.context] : []), ...args];
  const r = spawnSync(bin, full, { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (r.error) throw new UsageError(`cannot run ${bin} (${r.error.message}); install kubectl or point KUBECTL at it`, false);
  if (r.status !== 0) throw new UsageError(`${bin} ${full.join(' ')} failed: ${r.stderr.trim()}`, false);
  return r.stdout;
}

function describePlan(plan: ArgoCdCmPlan, cm: string): string {
  const lines: string[] = [];
  const list = (label: string, keys: readonly string[]) => { for (const k of keys) lines.push(`  ${label} ${k}`); };
  list('add      ', plan.added);
  list('append to', plan.appended);
  list('replace  ', plan.replaced);
  list('unchanged', plan.unchanged);
  for (const c of plan.conflicts) lines.push(`  CONFLICT  ${c.key}: ${c.reason}`);
  for (const n of plan.notes) lines.push(`  note: ${n}`);
  return `${cm}:\n${lines.join('\n')}\n`;
}

export async function main(argv: readonly string[], io: PatchIo): Promise<number> {
  try {
    const o = parseArgs(argv);
    const ours = readConfigMap(resolve(io.cwd, o.file), 'rendered settings');
    const name = ours.metadata?.name ?? 'argocd-cm';
    const namespace = ours.metadata?.namespace ?? 'argocd';
    const live: ConfigMapLike = o.live
      ? readConfigMap(resolve(io.cwd, o.live), 'live ConfigMap')
      : (JSON.parse(kubectl(io, o, ['-n', namespace, 'get', 'configmap', name, '-o', 'json'])) as ConfigMapLike);
    const plan = planArgoCdCmPatch(live.data, ours.data ?? {}, { force: o.force });
    io.stderr(describePlan(plan, `${namespace}/${name}`));
    const patch = JSON.stringify(plan.patch);
    const empty = Object.keys(plan.patch.data).length === 0;
    if (o.dryRun) {
      io.stdout(`${patch}\n`);
      io.stderr(empty ? 'dry run: nothing to change\n' : `dry run: apply with\n  kubectl -n ${namespace} patch configmap ${name} --type merge -p '<the JSON above>'\n`);
    } else if (empty) {
      io.stderr('nothing to change\n');
    } else {
      kubectl(io, o, ['-n', namespace, 'patch', 'configmap', name, '--type', 'merge', '-p', patch]);
      io.stderr(`patched ${namespace}/${name}\n`);
    }
    if (plan.conflicts.length > 0) {
      io.stderr(`${plan.conflicts.length} key(s) left alone; compare them with ${o.file} and merge by hand, or rerun with --force\n`);
      return 1;
    }
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`patch-argocd-cm: ${e.message}\n${e.showUsage ? USAGE : ''}`);
      return 2;
    }
    throw e;
  }
}

if (require.main === module) {
  void main(process.argv.slice(2), {
    cwd: process.cwd(),
    env: process.env,
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
  }).then((code) => { process.exitCode = code; });
}
