/** Capacity planning: the capacity mode and why, and what each index costs per write. */
import { Model } from '../model/resolved';
import { TableSchema } from '../model/table-schema';
import {
  IndexView, indexKeyNames, indexViews, isSparse, softDeletes, TableView,
} from './facts';
import { joinAnd } from '../text/lists';
import { blocks, bullets, code, codeOutsideTable, table, text } from '../text/markdown';
import { capacity } from './table-settings';

export function capacitySection(model: Model, views: readonly TableView[]): string {
  return blocks('## Capacity planning', capacityMode(model, views), writeCost(model, views));
}

function capacityMode(model: Model, views: readonly TableView[]): string {
  const all = model.environments.flatMap((e) => e.tables);
  const onDemand = all.filter((t) => t.billingMode === 'PAY_PER_REQUEST');
  const provisioned = all.filter((t) => t.billingMode === 'PROVISIONED');
  const grid = table(
    ['Table', ...model.environments.map((e) => text(e.name))],
    views.map((v) => [code(v.schema.tableName), ...model.environments.map((e) => {
      const t = v.environments.find((x) => x.env.name === e.name)?.table;
      return t ? capacity(t) : '—';
    })]),
  );
  const tablesIn = (mode: string) => views
    .filter((v) => v.environments.some((e) => e.table.billingMode === mode))
    .map((v) => codeOutsideTable(v.schema.tableName));
  const summary = provisioned.length === 0
    ? 'Every table is on-demand (`PAY_PER_REQUEST`) in every environment.'
    : onDemand.length === 0
      ? 'Every table uses provisioned capacity in every environment.'
      : `On-demand (\`PAY_PER_REQUEST\`): ${joinAnd(tablesIn('PAY_PER_REQUEST'))}. Provisioned: ${joinAnd(tablesIn('PROVISIONED'))}.`;
  return blocks(
    '### Capacity mode',
    summary,
    grid,
    onDemand.length ? blocks('Why on-demand:', bullets(ON_DEMAND_REASONS)) : undefined,
    provisioned.length ? blocks('What provisioned capacity means:', bullets(PROVISIONED_FACTS)) : undefined,
    provisioned.some((t) => t.globalSecondaryIndexes.length)
      ? blocks('Provisioned GSIs have capacity of their own:', provisionedIndexes(model))
      : undefined,
  );
}

const ON_DEMAND_REASONS = [
  'there is nothing to size: DynamoDB bills each read and write request, and an idle table costs only its storage;',
  'it serves up to double its previous peak traffic at once; only a jump beyond that within 30 minutes can be throttled while it scales;',
  'there are no auto-scaling policies to keep in step with the table and each of its indexes;',
  'AWS limits how often a table can switch between on-demand and provisioned capacity, so the mode is a deliberate choice per table.',
];

const PROVISIONED_FACTS = [
  'read and write units are billed per hour whether or not they are used;',
  'requests above them are throttled once the table\'s burst capacity (up to 300 seconds of unused capacity) is spent;',
  'a GSI\'s write capacity must keep up with the table: when a GSI throttles, writes to the table are throttled too.',
];

function provisionedIndexes(model: Model): string {
  const rows = model.environments.flatMap((e) => e.tables.flatMap((t) => t.globalSecondaryIndexes
    .filter((g) => t.billingMode === 'PROVISIONED')
    .map((g) => [text(e.name), code(t.logicalName), code(g.name), `${g.readCapacity ?? 0} read / ${g.writeCapacity ?? 0} write units`])));
  return table(['Environment', 'Table', 'Index', 'Capacity'], rows);
}

function writeCost(model: Model, views: readonly TableView[]): string {
  const soft = softDeletes(views);
  const rows = views.map((v) => {
    const s = v.schema;
    const indexes = indexViews(s);
    const sparse = indexes.some((i) => isSparse(s, i));
    const full = indexes.filter((i) => i.projection === 'ALL').length;
    const partial = indexes.length - full;
    const flag = soft.find((x) => x.table === s.tableName);
    return [
      code(s.tableName),
      indexes.length ? indexes.map((i) => `${code(i.name)} (${i.kind}, ${i.projection})`).join(', ') : 'none',
      `${sparse ? 'up to ' : ''}${1 + indexes.length}`,
      `${1 + full} full${partial ? ` + ${partial} partial` : ''}`,
      ...(soft.length ? [flag ? `${sparse ? 'up to ' : ''}${flagChangeWrites(indexes, flag.attribute)}` : '—'] : []),
    ];
  });
  const replicated = model.environments.filter((e) => e.tables.some((t) => t.replicas.length));
  return blocks(
    '### What each index costs per write',
    'A write to a table also writes to every index that holds the item, and each index write is billed by the size of the index entry: the whole item for an `ALL` projection, the keys (plus the listed attributes for `INCLUDE`) otherwise. Each write request costs one write unit per started 1 KB it writes.',
    table(['Table', 'Indexes', 'Write requests to create an item', 'Copies of each item stored', ...(soft.length ? ['Write requests to flip the soft-delete flag'] : [])], rows),
    bullets([
      '**Write requests to create an item**: one for the table plus one per index the item enters (an item without an index\'s key attributes stays out of that index).',
      '**Copies of each item stored**: the table\'s copy plus one full copy per `ALL` index; `KEYS_ONLY` and `INCLUDE` indexes store a partial copy.',
      ...(soft.length ? ['**Write requests to flip the soft-delete flag**: one for the table, two for each index keyed on the flag (the old entry is deleted and a new one put), and one for each other index that projects the flag.'] : []),
    ]),
    indexWriteTable(views),
    replicated.length
      ? `With replicas, every write is repeated in each replica region, table and indexes alike, and billed there as replicated writes: ${joinAnd(replicated.map((e) => `in ${codeOutsideTable(e.name)} each write happens ${replicaFactor(e.tables.map((t) => t.replicas.length))} times (${joinAnd([e.region, ...new Set(e.tables.flatMap((t) => t.replicas.map((r) => r.regionName)))].map(codeOutsideTable))})`))}.`
      : undefined,
  );
}

function replicaFactor(replicaCounts: readonly number[]): string {
  const factors = [...new Set(replicaCounts.map((n) => n + 1))].sort((a, b) => a - b);
  return factors.length === 1 ? String(factors[0]) : `${factors[0]} to ${factors[factors.length - 1]}`;
}

function flagChangeWrites(indexes: readonly IndexView[], flag: string): number {
  return 1 + indexes.reduce((n, i) => {
    if (indexKeyNames(i).includes(flag)) return n + 2;
    if (i.projection === 'ALL' || (i.projection === 'INCLUDE' && i.nonKeyAttributes.includes(flag))) return n + 1;
    return n;
  }, 0);
}

function indexWriteTable(views: readonly TableView[]): string | undefined {
  const rows = views.flatMap((v) => indexViews(v.schema).map((i) => [
    code(v.schema.tableName),
    code(i.name),
    i.projection,
    entry(v.schema, i),
    WRITTEN_WHEN[i.projection],
  ]));
  if (rows.length === 0) return undefined;
  return table(['Table', 'Index', 'Projection', 'Index entry', 'Written when'], rows);
}

function entry(s: TableSchema, i: IndexView): string {
  if (i.projection === 'ALL') return 'the whole item';
  const keys = [...new Set([s.primaryKey.partitionKey.name, ...(s.primaryKey.sortKey ? [s.primaryKey.sortKey.name] : []), ...indexKeyNames(i)])];
  const attrs = i.projection === 'INCLUDE' ? i.nonKeyAttributes : [];
  return `${keys.map(code).join(', ')}${attrs.length ? ` + ${attrs.map(code).join(', ')}` : ''}`;
}

const WRITTEN_WHEN: Readonly<Record<IndexView['projection'], string>> = {
  ALL: 'an item enters or leaves the index, or any of its attributes changes',
  INCLUDE: 'an item enters or leaves the index, or an index key or listed attribute changes',
  KEYS_ONLY: 'an item enters or leaves the index, or an index key changes',
};
