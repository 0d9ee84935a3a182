import { change } from '../change';
import { jsonEqual } from '../../json/json';
import { GsiSpec, TableSpec } from '../table-spec';
import { Change } from '../types';
import { byName, keyTypeOf, TableTopic } from './topic';

/** Global secondary indexes: online, but every create or rebuild reads the whole table. */
export const gsisTopic: TableTopic = {
  fields: ['globalSecondaryIndexes'],
  classify(base, head) {
    const out: Change[] = [];
    const a = byName(base.globalSecondaryIndexes);
    const b = byName(head.globalSecondaryIndexes);
    const rebuilt = new Set<string>();
    for (const [name, gsi] of b) {
      const old = a.get(name);
      if (!old) {
        rebuilt.add(name);
        out.push(change(`GSI ${name} added (${keys(gsi)}, ${projection(gsi)}): DynamoDB backfills it from every existing item, online but for up to hours on a large table, and every later write also writes the index, whose projected items are billed as storage`,
          ['gsi-added'], ['backfill', 'write-cost', 'cost', 'slow']));
        continue;
      }
      if (keys(old) !== keys(gsi) || keyTypes(base, old) !== keyTypes(head, gsi)) {
        rebuilt.add(name);
        const typed = keys(old) === keys(gsi);
        out.push(change(`GSI ${name} keys ${keys(old)}${typed ? keyTypes(base, old) : ''} → ${keys(gsi)}${typed ? keyTypes(head, gsi) : ''}: an index's keys cannot change, so DynamoDB deletes it and builds it again from every item; queries on it fail until then`,
          ['gsi-removed', 'gsi-added'], ['backfill', 'write-cost', 'slow', 'app-impact']));
      } else if (projection(old) !== projection(gsi)) {
        rebuilt.add(name);
        out.push(change(`GSI ${name} projection ${projection(old)} → ${projection(gsi)}: a projection cannot change in place, so the index is deleted and rebuilt from every item; queries on it fail until then`,
          ['projection-changed'], ['backfill', 'write-cost', 'slow', 'app-impact']));
      }
      // A billing-mode switch sets every index's capacity; the capacity topic explains it.
      if (base.billingMode === head.billingMode) out.push(...throughput(name, old, gsi));
    }
    for (const name of a.keys()) {
      if (b.has(name)) continue;
      rebuilt.add(name);
      out.push(change(`GSI ${name} removed: queries that use it fail once DynamoDB deletes it, and bringing it back means another backfill`,
        ['gsi-removed'], ['app-impact']));
    }
    if (rebuilt.size > 1) {
      out.push(change(`DynamoDB creates or deletes one GSI per table update, so the ${rebuilt.size} index changes run one after another`, [], ['slow']));
    }
    return out;
  },
};

function keys(g: GsiSpec): string {
  return g.rangeKey ? `${g.hashKey}/${g.rangeKey}` : g.hashKey;
}

/** Key types, e.g. ` (S/N)`; shown when only the types changed. */
function keyTypes(t: TableSpec, g: GsiSpec): string {
  return ` (${[keyTypeOf(t, g.hashKey), ...(g.rangeKey ? [keyTypeOf(t, g.rangeKey)] : [])].join('/')})`;
}

function projection(g: GsiSpec): string {
  return g.projectionType === 'INCLUDE' ? `INCLUDE ${(g.nonKeyAttributes ?? []).join(',')}` : g.projectionType;
}

function throughput(name: string, a: GsiSpec, b: GsiSpec): Change[] {
  const out: Change[] = [];
  if (a.readCapacity !== b.readCapacity || a.writeCapacity !== b.writeCapacity) {
    const lower = (b.readCapacity ?? 0) < (a.readCapacity ?? 0) || (b.writeCapacity ?? 0) < (a.writeCapacity ?? 0);
    out.push(change(`GSI ${name} capacity ${a.readCapacity ?? '-'}/${a.writeCapacity ?? '-'} → ${b.readCapacity ?? '-'}/${b.writeCapacity ?? '-'} read/write units`,
      [], lower ? ['throttle-risk', 'rate-limited'] : ['cost']));
  }
  if (!jsonEqual(a.onDemandThroughput, b.onDemandThroughput)) {
    out.push(change(`GSI ${name} on-demand caps ${caps(a.onDemandThroughput)} → ${caps(b.onDemandThroughput)}`, [], ['throttle-risk']));
  }
  return out;
}

export function caps(t: GsiSpec['onDemandThroughput']): string {
  if (!t) return 'none';
  return `${t.maxReadRequestUnits ?? '-'}/${t.maxWriteRequestUnits ?? '-'} read/write`;
}
