import { compareStrings } from '../text/compare';
import { xrDefinitionsOf } from '../dist/xrd';
import { JsonObject } from '../json/json';
import { RiskClass } from '../model/common';
import { Model } from '../model/resolved';
import { KubeObject, RenderedObject } from '../render/render';
import { Acknowledgement, acknowledges, splitStale } from './acknowledgements';
import { Classifier } from './classifier';
import { classifyArgoCdCm } from './classify-argocd-cm';
import { classifyBackup } from './classify-backup';
import { classifyComposition } from './classify-composition';
import { classifyDefinition } from './classify-definition';
import { classifyGeneric } from './classify-generic';
import { classifyOrphaned, moved } from './classify-orphaned';
import { classifyTable } from './classify-table';
import { environmentMoves, EnvironmentMoves } from './environment-lifecycle';
import { environmentWide } from './environment-wide';
import { applyGuard } from './guard';
import { guardChanges } from './guard-changes';
import { orderLabels, orderRisks } from './labels';
import { migrationSteps } from './migration';
import { readTableSpec } from './table-spec';
import { BaseInfo, ClassifyContext, Classified, EnvironmentPlan, Plan, PlanEntry, StaleAcknowledgement } from './types';
import { BACKUP_XR_KIND, TABLE_XR_KIND, XR_KINDS } from '../model/xr-api';

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
  /**
   * From the base inputs: a head acknowledgement equal to one of them is stale and approves nothing.
   * @default none (an empty base)
   */
  readonly baseAcknowledgements?: readonly Acknowledgement[];
}

const CLASSIFIERS: Readonly<Record<string, Classifier>> = {
  [TABLE_XR_KIND]: classifyTable,
  [BACKUP_XR_KIND]: classifyBackup,
  Composition: classifyComposition,
  CompositeResourceDefinition: classifyDefinition,
  ConfigMap: classifyArgoCdCm,
};

const KIND_ORDER: readonly string[] = ['Namespace', 'ProviderConfig', ...XR_KINDS];

/** Compares base and head per environment (dist/ folder) and resource, then applies the guard. Pure. */
export function buildPlan(input: PlanInput): Plan {
  const moves = environmentMoves(input.base, input.head);
  const { fresh, stale } = splitStale(input.acknowledgements, input.baseAcknowledgements ?? []);
  // A renamed environment's objects are the same Kubernetes objects under a new folder: pair them there.
  const pairs = new Map<string, { dir: string; baseDir?: string; base?: KubeObject; head?: KubeObject }>();
  for (const [side, objects] of [['base', input.base.objects], ['head', input.head.objects]] as const) {
    for (const o of objects) {
      const dir = side === 'base' ? moves.renamed.get(o.dir) ?? o.dir : o.dir;
      const key = identity(dir, o.object);
      const pair = pairs.get(key) ?? { dir };
      pair[side] = o.object;
      if (side === 'base') pair.baseDir = o.dir;
      pairs.set(key, pair);
    }
  }
  const schemas = specSchemas(input);
  const used = new Set<number>();
  const byDir = new Map<string, PlanEntry[]>();
  for (const { dir, baseDir, base, head } of pairs.values()) {
    const object = (head ?? base)!;
    const specSchema = schemas.get(object.kind);
    const classified = classify(moves, dir, baseDir, base, head, specSchema ? { specSchema } : {});
    const resource = { environment: dir, kind: object.kind, name: object.metadata.name };
    const risks = orderRisks(classified.changes.flatMap((c) => c.risks));
    const guard = guardOf(input, moves, dir);
    const verdict = applyGuard(risks, guard, fresh, resource);
    verdict.used.forEach((i) => used.add(i));
    const acknowledgeIn = acknowledgeFile(input, dir, object);
    let entry: PlanEntry = {
      ...resource,
      action: classified.action,
      labels: orderLabels(risks, classified.changes.flatMap((c) => c.labels)),
      risks,
      blocked: verdict.blockedBy.length > 0,
      blockedBy: verdict.blockedBy,
      acknowledged: verdict.acknowledged,
      explanation: classified.changes.length ? classified.changes.map((c) => c.text).join('; ') : 'no change',
      changes: classified.changes,
      acknowledgeIn,
    };
    const migration = classified.action === 'replace' && verdict.acknowledged.some((a) => a.change === 'replace') ? migrationOf(input, entry, base, guard) : undefined;
    if (migration) entry = { ...entry, migration };
    const list = byDir.get(dir);
    if (list) list.push(entry);
    else byDir.set(dir, [entry]);
  }
  const envNames = new Set([input.base.model, input.head.model].flatMap((m) => m?.environments.map((e) => e.name) ?? []));
  for (const name of moves.lifecycles.keys()) envNames.add(name);
  const environments: EnvironmentPlan[] = orderDirs(envNames, [...byDir.keys()]).map((name) => {
    const entries = byDir.get(name)!.sort(compareEntries);
    const lifecycle = moves.lifecycles.get(name);
    return {
      name,
      isEnvironment: envNames.has(name),
      guard: guardOf(input, moves, name),
      entries,
      ...(lifecycle ? { lifecycle } : {}),
      environmentWide: environmentWide(entries, lifecycle?.change === 'removed' ? undefined : input.head.model?.environments.find((e) => e.name === name)?.source),
    };
  });
  const listed = (a: Acknowledgement) => ({
    change: a.change,
    ...(a.environment !== undefined ? { environment: a.environment } : {}),
    ...(a.resource !== undefined ? { resource: a.resource } : {}),
    reason: a.reason, source: a.source, path: a.path,
  });
  const entries = environments.flatMap((e) => e.entries);
  const staleAcknowledgements: StaleAcknowledgement[] = stale.map((a) => ({
    ...listed(a),
    wouldApprove: entries.filter((e) => e.risks.some((r) => acknowledges(a, r, e))).map((e) => `${e.environment}/${e.kind}/${e.name}`),
  }));
  return {
    base: input.baseInfo,
    environments,
    unusedAcknowledgements: fresh.filter((_, i) => !used.has(i)).map(listed),
    staleAcknowledgements,
    guardChanges: guardChanges(input.base.model, input.head.model, moves.renamed),
  };
}

/** An acknowledged replace of a table: the acknowledgement passes the guard, the table still needs a migration. */
function migrationOf(input: PlanInput, e: PlanEntry, base: KubeObject | undefined, guard: readonly RiskClass[]): string[] | undefined {
  if (!base || e.kind !== TABLE_XR_KIND) return undefined;
  return migrationSteps({
    name: e.name, table: readTableSpec(base), schema: e.acknowledgeIn,
    environmentFile: environmentFile(input, e.environment), guardsDelete: guard.includes('delete'),
  });
}

/** Objects of an environment whose Application goes away are orphaned, not deleted; those a renamed one takes over say so. */
function classify(
  moves: EnvironmentMoves, dir: string, baseDir: string | undefined, base: KubeObject | undefined, head: KubeObject | undefined, context: ClassifyContext,
): Classified {
  const object = (head ?? base)!;
  const lifecycle = baseDir !== undefined ? moves.lifecycles.get(moves.renamed.get(baseDir) ?? baseDir) : undefined;
  if (base && !head && lifecycle) return classifyOrphaned(base);
  const classified = (CLASSIFIERS[object.kind] ?? classifyGeneric)(base, head, context);
  if (!base || !head || baseDir === dir || !lifecycle?.newApplication) return classified;
  return {
    action: classified.action === 'no-op' ? 'update' : classified.action,
    changes: [moved(lifecycle.oldApplication, lifecycle.newApplication), ...classified.changes],
  };
}

/** Each XR kind's spec schema, from the XRDs the head renders, else the base's: how the diffs name list-map elements. */
function specSchemas(input: PlanInput): ReadonlyMap<string, JsonObject> {
  const definitions = xrDefinitionsOf([...input.head.objects, ...input.base.objects].map((o) => o.object));
  return new Map(definitions.map((d) => [d.kind, d.specSchema]));
}

/** API group (not version: a version bump is the same resource), kind, namespace and name. */
function identity(dir: string, o: KubeObject): string {
  const group = o.apiVersion.includes('/') ? o.apiVersion.split('/')[0] : '';
  return [dir, group, o.kind, o.metadata.namespace ?? '', o.metadata.name].join('\u0000');
}

/**
 * Union of the base's and the head's guard: a PR cannot lift the guard its own
 * changes trip. A renamed environment keeps the guard of its base name.
 */
function guardOf(input: PlanInput, moves: EnvironmentMoves, env: string): RiskClass[] {
  const baseName = moves.lifecycles.get(env)?.from ?? env;
  const lists = [
    input.base.model?.environments.find((e) => e.name === baseName)?.guard ?? [],
    input.head.model?.environments.find((e) => e.name === env)?.guard ?? [],
  ];
  return orderRisks(lists.flat());
}

/** The file a reviewer adds an acknowledgement to: the table's schema when it still exists, else the environment file. */
function acknowledgeFile(input: PlanInput, dir: string, o: KubeObject): string {
  const env = input.head.model?.environments.find((e) => e.name === dir);
  if (o.kind === TABLE_XR_KIND) {
    const table = env?.tables.find((t) => t.objectName === o.metadata.name);
    if (table) return table.source;
  }
  return environmentFile(input, dir);
}

function environmentFile(input: PlanInput, dir: string): string {
  const find = (m: Model | undefined) => m?.environments.find((e) => e.name === dir)?.source;
  return find(input.head.model) ?? find(input.base.model) ?? `environments/${dir}.yaml`;
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
