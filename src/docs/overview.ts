/** The overview: purpose, the table layout and why, and the design patterns the schemas show. */
import { Model } from '../model/resolved';
import {
  activatables, conditionalCreates, keyPattern, ownerships, softDeletes, TableView, uniqueAttributes,
} from './facts';
import { joinAnd, plural } from '../text/lists';
import { blocks, bullets, code, codeOutsideTable, slug, table, text } from '../text/markdown';

export function overviewSection(model: Model, views: readonly TableView[]): string {
  return blocks(
    '## Overview',
    model.purpose ? blocks('### Purpose', text(model.purpose)) : undefined,
    layout(views),
    patterns(views),
  );
}

function layout(views: readonly TableView[]): string {
  const rows = views.map((v) => {
    const pk = v.schema.primaryKey.partitionKey;
    const sk = v.schema.primaryKey.sortKey;
    return [
      `[${code(v.schema.tableName)}](#${slug(tableHeading(v.schema.tableName))})`,
      keyCell(pk.name, pk.pattern),
      sk ? keyCell(sk.name, sk.pattern) : '—',
      text(v.schema.description ?? ''),
    ];
  });
  const overviewTable = table(['Table', 'Partition key', 'Sort key', 'Holds'], rows);
  if (views.length === 1) {
    return blocks('### Table layout', `The design has one table, ${codeOutsideTable(views[0].schema.tableName)}.`, overviewTable);
  }
  const prefixes = views.map((v) => keyPattern(v.schema.primaryKey.partitionKey.pattern)?.prefix ?? '');
  const distinct = prefixes.every((p) => p !== '') && new Set(prefixes).size === prefixes.length;
  return blocks(
    '### Separate-table design',
    `The design uses ${plural(views.length, 'separate table')}, not a single-table design${distinct
      ? `: each table holds one kind of item, with its own partition-key prefix (${joinAnd(prefixes.map(codeOutsideTable))})`
      : ''}.`,
    overviewTable,
    'Why separate tables:',
    bullets([
      'each table has only the indexes its own access patterns need, and each index holds only that table\'s items;',
      'capacity mode, point-in-time recovery, streams, TTL and deletion protection are set per table, and a restore (point-in-time or AWS Backup) brings back one table without rolling back the others;',
      'IAM policies can grant a service access to exactly the tables it uses;',
      'the trade-off: one Query never returns items from two tables, so reading related items together takes one request per table.',
    ]),
  );
}

function keyCell(name: string, pattern: string | undefined): string {
  return pattern ? `${code(name)} = ${code(pattern)}` : code(name);
}

/** The heading of a table's section; the overview links to it. */
export function tableHeading(tableName: string): string {
  return `Table: ${tableName}`;
}

function patterns(views: readonly TableView[]): string {
  const items = [
    softDeleteItem(views),
    activatableItem(views),
    ownershipItem(views),
    uniquenessItem(views),
    conditionalCreateItem(views),
  ].filter((i): i is string => i !== undefined);
  if (items.length === 0) return '';
  return blocks('### Patterns used', items.join('\n\n'));
}

function softDeleteItem(views: readonly TableView[]): string | undefined {
  const found = softDeletes(views);
  if (found.length === 0) return undefined;
  return blocks(
    `**Soft delete.** Items are never physically deleted: a flag attribute marks them deleted, so history is kept and an item can be restored by setting the flag back.`,
    bullets(found.map((s) => `${codeOutsideTable(`${s.table}.${s.attribute}`)}${s.evidence.length ? ` (${s.evidence.map(text).join(', ')})` : ''}`)),
  );
}

function activatableItem(views: readonly TableView[]): string | undefined {
  const found = activatables(views);
  if (found.length === 0) return undefined;
  return blocks(
    '**Activatable entities.** A 1/0 flag (a number, because DynamoDB keys cannot be BOOL) is the partition key of an index, so listing the active items is one Query on the flag\'s value, in the order of the index\'s sort key:',
    bullets(found.map((a) => `${codeOutsideTable(a.table)}: ${codeOutsideTable(a.index.name)} on ${codeOutsideTable(a.attribute)}${a.index.sortKey ? `, sorted by ${codeOutsideTable(a.index.sortKey)}` : ''}${a.patterns.length ? ` (${a.patterns.map(text).join(', ')})` : ''}`)),
    'Such an index has only two partition-key values, so all active items share one of them: reads and writes of the index concentrate on that value, and DynamoDB throttles writes to the table when an index cannot absorb them. It suits moderate write rates.',
  );
}

function ownershipItem(views: readonly TableView[]): string | undefined {
  const found = ownerships(views);
  if (found.length === 0) return undefined;
  const softDeleted = new Set(softDeletes(views).map((s) => s.table));
  return blocks(
    '**Hierarchical ownership.** A child item holds its parent\'s id, the value in the parent\'s partition-key pattern:',
    bullets(found.map((o) => {
      const via = o.indexes.length
        ? `; ${joinAnd(o.indexes.map((i) => codeOutsideTable(i.name)))} lists the ${codeOutsideTable(o.child)} items of one ${codeOutsideTable(o.parent)} item${o.patterns.length ? ` (${o.patterns.map(text).join(', ')})` : ''}`
        : '';
      return `${codeOutsideTable(o.child)} → ${codeOutsideTable(o.parent)}: ${codeOutsideTable(`${o.child}.${o.attribute}`)} fills ${codeOutsideTable(o.parentPattern)}${via}.`;
    })),
    `DynamoDB does not enforce references: the application keeps them valid.${found.every((o) => softDeleted.has(o.parent))
      ? ' Parents are only ever soft-deleted, so a child\'s reference always resolves to an item.'
      : ''}`,
  );
}

function uniquenessItem(views: readonly TableView[]): string | undefined {
  const found = uniqueAttributes(views);
  if (found.length === 0) return undefined;
  return blocks(
    '**Unique attributes.** DynamoDB keeps only the primary key unique:',
    bullets(found.map((u) => (u.keyPattern
      ? `${codeOutsideTable(`${u.table}.${u.attribute}`)} is part of the primary key (${codeOutsideTable(u.keyPattern)}), so a conditional put (\`attribute_not_exists\`) rejects a duplicate.`
      : `${codeOutsideTable(`${u.table}.${u.attribute}`)} is not part of the primary key, so the application must keep it unique${u.indexes.length
        ? `: ${joinAnd(u.indexes.map(codeOutsideTable))} finds an existing value, but does not stop two items from sharing it (index keys need not be unique, and GSI reads are eventually consistent)`
        : ''}.`))),
  );
}

function conditionalCreateItem(views: readonly TableView[]): string | undefined {
  const found = conditionalCreates(views);
  if (found.length === 0) return undefined;
  return blocks(
    '**Conditional create.** These puts carry a condition, so they create an item but never overwrite one:',
    bullets(found.map((c) => `${codeOutsideTable(c.table)} ${text(c.pattern.id)}: ${codeOutsideTable(c.pattern.filter ?? '')}`)),
  );
}
