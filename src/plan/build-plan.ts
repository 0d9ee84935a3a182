import { TABLE_XR_KIND } from '../../compositions/dynamodb-table-definition';
import { BACKUP_XR_KIND } from '../../compositions/dynamodb-backup-plan-definition';
import { compareStrings } from '../compare';
import { RiskClass } from '../model/common';
import { Model } from '../model/resolved';
import { KubeObject, RenderedObject } from '../render/render';
import { Acknowledgement } from './acknowledgements';
import { classifyBackup } from './classify-backup';
import { classifyGeneric } from './classify-generic';
import { classifyTable } from './classify-table';
import { applyGuard } from './guard';
import { orderLabels, orderRisks } from './labels';
import { BaseInfo, Classified, EnvironmentPlan, Plan, PlanEntry } from './types';

/** One side of the comparison: rendered objects, and the model when they came from sources. */
export interface PlanSide {
  readonly objects: readonly RenderedObject[];
  readonly model?: Model;
}

export interface PlanInput {
  readonly base: PlanSide;
  readonly head: PlanSide;
  readonly baseInfo: BaseInfo;
  /** From the head inputs. */
  readonly acknowledgements: readonly Acknowledgement[];
}

type Classifier = (base: KubeObject | undefined, head: KubeObject | undefined) => Classified;

const CLASSIFIERS: Readonly<Record<string, Classifier>> = {
  [TABLE_XR_KIND]: classifyTable,
  [BACKUP_XR_KIND]: classifyBackup,
};

const KIND_ORDER = ['Namespace', 'ProviderConfig', TABLE_XR_KIND, BACKUP_XR_KIND];

/** Compares base and head per environment (dist/ folder) and resource, then applies the guard. Pure. */
export function buildPlan(input: PlanInput): Plan {
  const pairs = new Map<string, { dir: string; base?: KubeObject; head?: KubeObject }>();
  for (const [side, objects] of [['base', input.base.objects], ['head', input.head.objects]] as const) {
    for (const o of objects) {
      const key = identity(o.dir, o.object);
      const pair = pairs.get(key) ?? { dir: o.dir };
      pair[side] = o.object;
      pairs.set(key, pair);
    }
  }
  const used = new Set<number>();
  const byDir = new Map<string, PlanEntry[]>();
  for (const { dir, base, head } of pairs.values()) {
    const object = (head ?? base)!;
    const classified = (CLASSIFIERS[object.kind] ?? classifyGeneric)(base, head);
    const resource = { environment: dir, kind: object.kind, name: object.metadata.name };
    const risks = orderRisks(classified.changes.flatMap((c) => c.risks));
    const verdict = applyGuard(risks, guardOf(input, dir), input.acknowledgements, resource);
    verdict.used.forEach((i) => used.add(i));
    const entry: PlanEntry = {
      ...resource,
      action: classified.action,
      labels: orderLabels(risks, classified.changes.flatMap((c) => c.labels)),
      risks,
      blocked: verdict.blockedBy.length > 0,
      blockedBy: verdict.blockedBy,
      acknowledged: verdict.acknowledged,
      explanation: classified.changes.length ? classified.changes.map((c) => c.text).join('; ') : 'no change',
      changes: classified.changes,
      acknowledgeIn: acknowledgeIn(input, dir, object),
    };
    const list = byDir.get(dir);
    if (list) list.push(entry);
    else byDir.set(dir, [entry]);
  }
  const envNames = new Set([input.base.model, input.head.model].flatMap((m) => m?.environments.map((e) => e.name) ?? []));
  const environments: EnvironmentPlan[] = orderDirs(envNames, [...byDir.keys()]).map((name) => ({
    name,
    isEnvironment: envNames.has(name),
    guard: guardOf(input, name),
    entries: byDir.get(name)!.sort(compareEntries),
  }));
  const unusedAcknowledgements = input.acknowledgements
    .filter((_, i) => !used.has(i))
    .map((a) => ({
      change: a.change,
      ...(a.environment !== undefined ? { environment: a.environment } : {}),
      ...(a.resource !== undefined ? { resource: a.resource } : {}),
      reason: a.reason, source: a.source, path: a.path,
    }));
  return { base: input.baseInfo, environments, unusedAcknowledgements };
}

/** API group (not version: a version bump is the same resource), kind, namespace and name. */
function identity(dir: string, o: KubeObject): string {
  const group = o.apiVersion.includes('/') ? o.apiVersion.split('/')[0] : '';
  return [dir, group, o.kind, o.metadata.namespace ?? '', o.metadata.name].join('\u0000');
}

/** Union of the base's and the head's guard: a PR cannot lift the guard its own changes trip. */
function guardOf(input: PlanInput, env: string): RiskClass[] {
  const lists = [input.base.model, input.head.model].map((m) => m?.environments.find((e) => e.name === env)?.guard ?? []);
  return orderRisks(lists.flat() as RiskClass[]);
}

/** The file a reviewer adds an acknowledgement to: the table's schema when it still exists, else the environment file. */
function acknowledgeIn(input: PlanInput, dir: string, o: KubeObject): string {
  const env = input.head.model?.environments.find((e) => e.name === dir);
  if (o.kind === TABLE_XR_KIND) {
    const table = env?.tables.find((t) => t.objectName === o.metadata.name);
    if (table) return table.source;
  }
  return env?.source ?? input.base.model?.environments.find((e) => e.name === dir)?.source ?? `environments/${dir}.yaml`;
}

/** platform first, then environments by name, then any other folder (argocd). */
function orderDirs(envs: ReadonlySet<string>, dirs: string[]): string[] {
  const rank = (d: string) => (d === 'platform' ? 0 : envs.has(d) ? 1 : 2);
  return dirs.sort((a, b) => rank(a) - rank(b) || compareStrings(a, b));
}

function compareEntries(a: PlanEntry, b: PlanEntry): number {
  const k = (e: PlanEntry) => {
    const i = KIND_ORDER.indexOf(e.kind);
    return i === -1 ? KIND_ORDER.length : i;
  };
  return k(a) - k(b) || compareStrings(a.kind, b.kind) || compareStrings(a.name, b.name);
}
