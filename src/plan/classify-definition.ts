/**
 * An XRD change, in the terms that matter to everyone with an XR of its
 * kind: which validation rules the API server now applies or drops (an XR
 * that breaks a new rule can no longer be updated until it is fixed), which
 * fields the schema gains or loses, and what `kubectl get` shows. Pure.
 */
import { KubeObject } from '../render/render';
import { change } from './change';
import { jsonEqual } from '../json/json';
import { joinAnd, listSome, plural } from '../text/lists';
import { metadataChanges } from './metadata';
import { classifier } from './classifier';
import { Change } from './types';

type Json = Record<string, any>;

/** Every CEL rule in a schema (keyed by where it sits and what it checks, with its message), and every property path. */
function walk(schema: Json | undefined, path: string, rules: Map<string, string>, fields: Set<string>): void {
  if (!schema || typeof schema !== 'object') return;
  for (const v of (schema['x-kubernetes-validations'] ?? []) as Json[]) rules.set(`${path}\u0000${v.rule}`, v.message ?? v.rule);
  for (const [k, s] of Object.entries((schema.properties ?? {}) as Record<string, Json>)) {
    const p = path ? `${path}.${k}` : k;
    fields.add(p);
    walk(s, p, rules, fields);
  }
  if (schema.items) walk(schema.items as Json, `${path}[]`, rules, fields);
}

function versionOf(o: KubeObject): Json {
  return ((o as Json).spec?.versions ?? [])[0] ?? {};
}

function facts(o: KubeObject): { rules: Map<string, string>; fields: Set<string>; columns: string[] } {
  const rules = new Map<string, string>();
  const fields = new Set<string>();
  walk(versionOf(o).schema?.openAPIV3Schema, '', rules, fields);
  const columns = ((versionOf(o).additionalPrinterColumns ?? []) as Json[]).map((c) => `${c.name}${c.priority ? ' (wide)' : ''}`);
  return { rules, fields, columns };
}

const minus = (a: Set<string>, b: Set<string>) => [...a].filter((x) => !b.has(x)).sort();

export const classifyDefinition = classifier({
  created: (head) => [change(`creates the ${(head as Json).spec?.names?.kind ?? ''} API`)],
  deleted: () => [change('removed: deleting an XRD deletes every XR of its kind, in every namespace', [], ['data-loss'])],
  updated: (base, head) => {
    const a = facts(base);
    const b = facts(head);
    const changes: Change[] = [];
    const ruleKeys = (m: Map<string, string>) => new Set(m.keys());
    const newRules = minus(ruleKeys(b.rules), ruleKeys(a.rules)).map((k) => b.rules.get(k)!);
    const goneRules = minus(ruleKeys(a.rules), ruleKeys(b.rules)).map((k) => a.rules.get(k)!);
    const reworded = [...a.rules].filter(([k, m]) => b.rules.has(k) && b.rules.get(k) !== m).length;
    if (newRules.length) {
      changes.push(change(`the API server now refuses an XR where ${newRules.length === 1 ? 'this rule fails' : `one of ${newRules.length} rules fails`}: ${newRules.map((r) => `"${r}"`).join('; ')}; an existing XR that breaks one can no longer be updated until it is fixed`, [], ['app-impact']));
    }
    if (goneRules.length) changes.push(change(`no longer checks: ${goneRules.map((r) => `"${r}"`).join('; ')}`));
    if (reworded) changes.push(change(`${plural(reworded, 'validation message')} reworded (same rule${reworded === 1 ? '' : 's'})`, [], ['cosmetic']));
    const newFields = minus(b.fields, a.fields);
    const goneFields = minus(a.fields, b.fields);
    if (newFields.length) changes.push(change(`new fields ${listSome(newFields, 4)}`));
    if (goneFields.length) changes.push(change(`fields removed: ${listSome(goneFields, 4)}; the API server drops them from stored XRs`, [], ['app-impact']));
    if (!jsonEqual(a.columns, b.columns)) changes.push(change(`kubectl get columns ${joinAnd(a.columns)} → ${joinAnd(b.columns)}`, [], ['cosmetic']));
    const explained = changes.length > 0;
    if (!explained && !jsonEqual((base as Json).spec, (head as Json).spec)) changes.push(change('descriptions and other schema details change', [], ['cosmetic']));
    return [...changes, ...metadataChanges(base, head)];
  },
});
