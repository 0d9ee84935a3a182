import { jsonEqual } from '../../json/json';
import { change, immutable, NEW_TABLE } from '../change';
import { LsiSpec, TableSpec } from '../table-spec';
import { Change } from '../types';
import { byName, keyTypeOf, TableTopic } from './topic';

/** Primary key, key attribute types and LSIs: all fixed when a table is created. */
export const keysTopic: TableTopic = {
  fields: ['hashKey', 'rangeKey', 'attributes', 'localSecondaryIndexes'],
  classify(base, head) {
    return [...primaryKey(base, head), ...localIndexes(base, head)];
  },
};

/**
 * A replace. `fixed`: the field is CEL-immutable in the XRD, so the API server refuses the edit
 * (key attribute types are not: there the provider's update fails instead).
 */
function replace(base: TableSpec, text: string, fixed = true): Change {
  return change(`${text}: ${NEW_TABLE}${fixed ? `; ${immutable(base.managementMode)}` : ''}`, ['replace'], ['data-loss']);
}

function primaryKey(base: TableSpec, head: TableSpec): Change[] {
  const out: Change[] = [];
  if (base.hashKey !== head.hashKey) out.push(replace(base, `partition key ${base.hashKey} → ${head.hashKey}`));
  else typeChange(base, head, base.hashKey, 'partition key', out);
  if (base.rangeKey !== head.rangeKey) {
    if (base.rangeKey === undefined) out.push(replace(base, `sort key ${head.rangeKey} added`));
    else if (head.rangeKey === undefined) out.push(replace(base, `sort key ${base.rangeKey} removed`));
    else out.push(replace(base, `sort key ${base.rangeKey} → ${head.rangeKey}`));
  } else if (base.rangeKey !== undefined) {
    typeChange(base, head, base.rangeKey, 'sort key', out);
  }
  return out;
}

function typeChange(base: TableSpec, head: TableSpec, name: string, what: string, out: Change[]): void {
  const a = keyTypeOf(base, name);
  const b = keyTypeOf(head, name);
  if (a !== undefined && b !== undefined && a !== b) out.push(replace(base, `${what} ${name} type ${a} → ${b}`, false));
}

function localIndexes(base: TableSpec, head: TableSpec): Change[] {
  const out: Change[] = [];
  const a = byName(base.localSecondaryIndexes);
  const b = byName(head.localSecondaryIndexes);
  for (const [name, lsi] of b) {
    const old = a.get(name);
    if (!old) out.push(replace(base, `LSI ${name} added (sort key ${lsi.rangeKey}, ${lsi.projectionType})`));
    else if (!jsonEqual(old, lsi)) out.push(replace(base, `LSI ${name} changes (${lsiDelta(old, lsi)})`));
    else if (keyTypeOf(base, lsi.rangeKey) !== keyTypeOf(head, lsi.rangeKey)) {
      out.push(replace(base, `LSI ${name} sort key ${lsi.rangeKey} type ${keyTypeOf(base, lsi.rangeKey)} → ${keyTypeOf(head, lsi.rangeKey)}`, false));
    }
  }
  for (const name of a.keys()) {
    if (!b.has(name)) out.push(replace(base, `LSI ${name} removed`));
  }
  return out;
}

function lsiDelta(a: LsiSpec, b: LsiSpec): string {
  const parts: string[] = [];
  if (a.rangeKey !== b.rangeKey) parts.push(`sort key ${a.rangeKey} → ${b.rangeKey}`);
  if (a.projectionType !== b.projectionType) parts.push(`projection ${a.projectionType} → ${b.projectionType}`);
  if (!jsonEqual(a.nonKeyAttributes ?? [], b.nonKeyAttributes ?? [])) parts.push('projected attributes');
  return parts.join(', ');
}
