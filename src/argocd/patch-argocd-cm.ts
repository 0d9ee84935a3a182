/**
 * `ddbops patch-argocd-cm`: merges the rendered argocd-cm settings
 * (dist/argocd-cm-patch/configmap-argocd-cm.yaml) into the live argocd-cm.
 *
 * Reads the live ConfigMap from the cluster (or from --live, a JSON or YAML
 * file), plans the merge (argocd-cm-merge.ts), prints the plan on stderr and
 * applies it with one JSON merge patch. --dry-run prints the patch on stdout
 * instead. Safe to rerun: a second run changes nothing.
 */
import { readFileSync } from 'fs';
import { parse } from 'yaml';
import { EXIT, ExitCode } from '../diagnostics/exit-codes';
import { UsageError } from '../diagnostics/usage-error';
import { isObject } from '../json/json';
import { ArgoCdCmPlan, planArgoCdCmPatch } from './argocd-cm-merge';
import { ConfigMapLike, LiveConfigMap } from './live-argocd-cm';

/** A file as the command reads it, and as messages name it. */
export interface NamedFile {
  readonly path: string;
  readonly shown: string;
}

export interface PatchArgoCdCmOptions {
  /** The rendered settings. */
  readonly file: NamedFile;
  /**
   * Read the live ConfigMap from this file instead of the cluster.
   * @default the cluster's
   */
  readonly live?: NamedFile;
  /** Print the patch instead of applying it. */
  readonly dryRun: boolean;
  /** Replace keys whose live value differs from ours. */
  readonly force: boolean;
  /** The live ConfigMap in the cluster; asked for only when it is read or patched. */
  readonly cluster: (namespace: string, name: string) => Promise<LiveConfigMap>;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/** A ConfigMap from a YAML or JSON file; a usage error naming the file when it is none. */
export function readConfigMapFile(file: NamedFile, what: string, fix: string): ConfigMapLike {
  let text: string;
  try {
    text = readFileSync(file.path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read ${what} ${file.shown}: ${code === 'ENOENT' ? 'no such file' : code ?? (e as Error).message}`, fix);
  }
  let value: unknown;
  try {
    value = parse(text);
  } catch (e) {
    throw new UsageError(`${file.shown} is not valid YAML: ${(e as Error).message.split('\n')[0]}`, fix);
  }
  if (!isObject(value) || (value.data !== undefined && !isObject(value.data))) throw new UsageError(`${file.shown} is not a ConfigMap`, fix);
  return value as ConfigMapLike;
}

/** What happens to each key, one line each, under the ConfigMap's name. */
export function describePlan(plan: ArgoCdCmPlan, configMap: string): string {
  const lines: string[] = [];
  const list = (label: string, keys: readonly string[]) => { for (const k of keys) lines.push(`  ${label} ${k}`); };
  list('add      ', plan.added);
  list('append to', plan.appended);
  list('replace  ', plan.replaced);
  list('unchanged', plan.unchanged);
  for (const c of plan.conflicts) lines.push(`  CONFLICT  ${c.key}: ${c.reason}`);
  for (const n of plan.notes) lines.push(`  note: ${n}`);
  return `${configMap}:\n${lines.join('\n')}\n`;
}

/** Plans the merge, prints it, applies it (or prints the patch); 0 done, 1 keys left alone. */
export async function patchArgoCdCm(o: PatchArgoCdCmOptions): Promise<ExitCode> {
  const ours = readConfigMapFile(o.file, 'rendered settings', 'run `npm run synth` (or `ddbops synth`), or pass --file FILE');
  const name = ours.metadata?.name ?? 'argocd-cm';
  const namespace = ours.metadata?.namespace ?? 'argocd';
  let cluster: Promise<LiveConfigMap> | undefined;
  const live = () => (cluster ??= o.cluster(namespace, name));
  const current = o.live ? readConfigMapFile(o.live, 'live ConfigMap', 'pass --live a ConfigMap saved with kubectl get -o yaml') : await (await live()).read();
  const plan = planArgoCdCmPatch(current.data, ours.data ?? {}, { force: o.force });
  o.stderr(describePlan(plan, `${namespace}/${name}`));
  const empty = Object.keys(plan.patch.data).length === 0;
  if (o.dryRun) {
    o.stdout(`${JSON.stringify(plan.patch)}\n`);
    o.stderr(empty ? 'dry run: nothing to change\n' : `dry run: apply with\n  kubectl -n ${namespace} patch configmap ${name} --type merge -p '<the JSON above>'\n`);
  } else if (empty) {
    o.stderr('nothing to change\n');
  } else {
    await (await live()).patch(plan.patch);
    o.stderr(`patched ${namespace}/${name}\n`);
  }
  if (plan.conflicts.length > 0) {
    o.stderr(`${plan.conflicts.length} key(s) left alone; compare them with ${o.file.shown} and merge by hand, or rerun with --force\n`);
    return EXIT.failed;
  }
  return EXIT.ok;
}
