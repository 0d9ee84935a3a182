/**
 * A Composition change, in terms of what it does to the composed resources in
 * every XR that uses it: which managed resources start or stop being
 * composed (Crossplane creates or deletes them, and deleting one deletes it in
 * AWS unless its management policies leave out Delete), how their management
 * policies change, and which fields their patches now set or read. Pure.
 */
import { policiesAllow } from '../model/xr-api';
import { KubeObject } from '../render/render';
import { change } from './change';
import { diffPaths } from '../json/diff';
import { jsonEqual } from '../json/json';
import { joinAnd, listSome, listSomeChange } from '../text/lists';
import { metadataChanges } from './metadata';
import { classifier } from './classifier';
import { Change } from './types';

type Json = Record<string, any>;

interface ComposedEntry {
  readonly name: string;
  readonly kind: string;
  readonly policies: readonly string[];
  readonly base: Json;
  readonly patches: readonly Json[];
}

/** The composed resources of every function-patch-and-transform step, by name. */
function composedOf(o: KubeObject): Map<string, ComposedEntry> {
  const out = new Map<string, ComposedEntry>();
  for (const step of ((o as Json).spec?.pipeline ?? []) as Json[]) {
    for (const r of (step.input?.resources ?? []) as Json[]) {
      out.set(r.name, {
        name: r.name,
        kind: r.base?.kind ?? '?',
        // The provider's CRDs default managementPolicies to ["*"].
        policies: r.base?.spec?.managementPolicies ?? ['*'],
        base: r.base ?? {},
        patches: r.patches ?? [],
      });
    }
  }
  return out;
}

const deletes = (policies: readonly string[]) => policiesAllow(policies, 'Delete');
const lateInit = (policies: readonly string[]) => policiesAllow(policies, 'LateInitialize');

function policyChange(name: string, a: readonly string[], b: readonly string[]): Change[] {
  if (jsonEqual(a, b)) return [];
  const effects: string[] = [];
  if (deletes(a) && !deletes(b)) effects.push('deleting the XR now leaves it in AWS');
  if (!deletes(a) && deletes(b)) effects.push('deleting the XR now deletes it in AWS');
  if (lateInit(a) && !lateInit(b)) effects.push('the provider stops copying AWS values into its spec, so a field removed from git reaches AWS (values it already copied stay in the managed resource until removed from it)');
  if (!lateInit(a) && lateInit(b)) effects.push('the provider fills its spec from AWS, so fields removed from git are kept');
  return [change(`${name}: management policies [${a.join(', ')}] → [${b.join(', ')}]${effects.length ? `: ${joinAnd(effects)}` : ''}`,
    !deletes(a) && deletes(b) ? ['management-gains-delete'] : [])];
}

function target(p: Json): string {
  return p.type === 'ToCompositeFieldPath' ? `XR ${p.toFieldPath}` : p.toFieldPath;
}

/** The management policies a map-transform patch gives each XR value, e.g. management mode → policies. */
function policyMap(patches: readonly Json[]): Record<string, string[]> | undefined {
  const p = patches.find((x) => x.toFieldPath === 'spec.managementPolicies');
  return p?.transforms?.find((t: Json) => t.type === 'map')?.map;
}

function patchChanges(name: string, a: readonly Json[], b: readonly Json[]): Change[] {
  const out: Change[] = [];
  const before = policyMap(a);
  const after = policyMap(b);
  if (before && after) {
    for (const mode of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) {
      const x = before[mode] ?? [];
      const y = after[mode] ?? [];
      out.push(...policyChange(`${name} in management mode ${mode}`, x, y));
    }
  }
  const key = (p: Json) => JSON.stringify(p);
  const was = new Set(a.map(key));
  const now = new Set(b.map(key));
  const added = [...new Set(b.filter((p) => !was.has(key(p))).map(target))].filter((t) => !(t === 'spec.managementPolicies' && before && after));
  const removed = [...new Set(a.filter((p) => !now.has(key(p))).map(target))].filter((t) => !(t === 'spec.managementPolicies' && before && after));
  const changed = added.filter((t) => removed.includes(t));
  const parts = [
    ...(added.filter((t) => !changed.includes(t)).length ? [`now patches ${listSome(added.filter((t) => !changed.includes(t)), 4)}`] : []),
    ...(changed.length ? [`patches ${listSome(changed, 4)} differently`] : []),
    ...(removed.filter((t) => !changed.includes(t)).length ? [`no longer patches ${listSome(removed.filter((t) => !changed.includes(t)), 4)}`] : []),
  ];
  if (parts.length) out.push(change(`${name}: ${parts.join('; ')}`));
  return out;
}

/** Classifies one Composition; every XR using it is recomposed on the next reconcile. */
export const classifyComposition = classifier({
  created: (head) => [change(`creates Composition ${head.metadata.name}: ${joinAnd([...composedOf(head).values()].map((r) => `${r.kind} ${r.name}`))}`)],
  deleted: () => [change('removed: XRs that use it stop reconciling', [], ['app-impact'])],
  updated: (base, head) => {
    const a = composedOf(base);
    const b = composedOf(head);
    const changes: Change[] = [];
    for (const [name, r] of b) {
      const old = a.get(name);
      if (!old) {
        changes.push(change(`composes a new ${r.kind} "${name}" in every XR that uses it`));
        continue;
      }
      changes.push(...policyChange(name, old.policies, r.policies));
      const baseRest = (e: ComposedEntry) => ({ ...e.base, spec: { ...e.base.spec, managementPolicies: undefined } });
      const fields = diffPaths(baseRest(old), baseRest(r), { path: 'base' });
      if (fields.length) changes.push(change(`${name}: ${listSomeChange(fields, 3)}`));
      changes.push(...patchChanges(name, old.patches, r.patches));
    }
    for (const [name, r] of a) {
      if (b.has(name)) continue;
      changes.push(deletes(r.policies)
        ? change(`stops composing ${r.kind} "${name}": Crossplane deletes it, in AWS too, from every XR that uses it`, [], ['app-impact'])
        : change(`stops composing ${r.kind} "${name}": Crossplane deletes the managed resource but leaves it in AWS (its policies leave out Delete)`));
    }
    const specRest = (o: KubeObject) => ({ ...(o as Json).spec, pipeline: undefined });
    const other = diffPaths(specRest(base), specRest(head), { path: 'spec' });
    if (other.length) changes.push(change(listSomeChange(other)));
    return [...changes, ...metadataChanges(base, head)];
  },
});
