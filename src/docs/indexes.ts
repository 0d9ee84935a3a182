/** A table's secondary indexes: keys, projection, purpose, and what each projection costs. */
import { TableSchema } from '../model/table-schema';
import {
  IndexView, indexKeyNames, indexViews, isSparse, patternsServedBy, Projection, tableKeyNames,
} from './facts';
import { joinAnd } from '../text/lists';
import { blocks, bullets, code, codeOutsideTable, table, text } from '../text/markdown';

export function indexesSection(s: TableSchema): string {
  const indexes = indexViews(s);
  if (indexes.length === 0) {
    return blocks('#### Secondary indexes', 'None: every access pattern uses the primary key.');
  }
  const rows = indexes.map((i) => [
    code(i.name),
    i.kind,
    code(i.partitionKey),
    i.sortKey ? code(i.sortKey) : '—',
    projectionCell(i),
    holds(s, i),
    text(i.description ?? ''),
  ]);
  const unused = indexes.filter((i) => (s.accessPatterns ?? []).length > 0 && patternsServedBy(s, i.name).length === 0);
  return blocks(
    '#### Secondary indexes',
    table(['Index', 'Kind', 'Partition key', 'Sort key', 'Projection', 'Holds', 'Purpose'], rows),
    unused.length ? `${joinAnd(unused.map((i) => codeOutsideTable(i.name)))} ${unused.length === 1 ? 'serves' : 'serve'} none of the access patterns below, but still ${unused.length === 1 ? 'costs' : 'cost'} storage and index writes.` : undefined,
    'What the projections cost:',
    bullets(projectionCosts(indexes)),
    indexes.some((i) => i.kind === 'GSI') ? GSI_NOTE : undefined,
    indexes.some((i) => i.kind === 'LSI') ? LSI_NOTE : undefined,
  );
}

function projectionCell(i: IndexView): string {
  return i.projection === 'INCLUDE' ? `INCLUDE: ${i.nonKeyAttributes.map(code).join(', ')}` : i.projection;
}

function holds(s: TableSchema, i: IndexView): string {
  if (!isSparse(s, i)) return 'every item';
  const optional = indexKeyNames(i).filter((k) => !tableKeyNames(s).includes(k) && s.attributes.find((a) => a.name === k)?.required !== true);
  return `only items with ${joinAnd(optional.map(code))} (sparse)`;
}

const PROJECTION_ORDER: readonly Projection[] = ['ALL', 'INCLUDE', 'KEYS_ONLY'];

function projectionCosts(indexes: readonly IndexView[]): string[] {
  return PROJECTION_ORDER.flatMap((p) => {
    const these = indexes.filter((i) => i.projection === p);
    if (these.length === 0) return [];
    return [`**${p}** (${joinAnd(these.map((i) => codeOutsideTable(i.name)))}): ${PROJECTION_COST[p]}`];
  }).concat(OVERHEAD);
}

/** Fixed text, true for every index with that projection. */
export const PROJECTION_COST: Readonly<Record<Projection, string>> = {
  ALL: 'the index stores a full copy of every item it holds, so a Query never goes back to the table. The price: the item\'s whole size again in storage, and every write that changes an indexed item, whichever attribute it changes, writes the full item to the index too.',
  INCLUDE: 'the index stores the keys plus the listed attributes. Writes reach the index only when an item enters or leaves it, or a key or listed attribute changes, and storage grows only by the listed attributes. A Query that needs another attribute reads it from the table.',
  KEYS_ONLY: 'the index stores only the index and table keys: the least storage, and index writes only when an item enters or leaves the index or an index key changes. Every other attribute takes an extra read from the table per item.',
};

const OVERHEAD = 'Every index entry also carries about 100 bytes of storage overhead, and an update that changes an index key writes to that index twice: it deletes the old entry and puts the new one.';

const GSI_NOTE = 'A GSI is updated asynchronously: its reads are eventually consistent. Adding a GSI to a live table backfills it from every existing item; changing its keys or projection means removing it and adding a new one.';

const LSI_NOTE = 'An LSI exists only if the table was created with it: it cannot be added, changed or removed later without a new table. It shares the table\'s partition key and capacity, allows strongly consistent reads, fetches attributes it does not project from the table automatically (at extra read cost), and caps each partition-key value\'s items plus their LSI entries at 10 GB.';
