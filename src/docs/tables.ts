/** One section per table: schema, primary key, indexes, access patterns, rules and settings. */
import { Attribute, KeyAttribute, TableSchema } from '../model/table-schema';
import { accessPatternsSection } from './access-patterns';
import { indexViews, keyPattern, TableView } from './facts';
import { indexesSection } from './indexes';
import { joinAnd } from '../text/lists';
import { blocks, bullets, code, codeOutsideTable, table, text } from '../text/markdown';
import { tableHeading } from './overview';
import { tableSettingsSection } from './table-settings';

export function tablesSection(views: readonly TableView[]): string {
  return blocks('## Tables', ...views.map(tableSection));
}

function tableSection(v: TableView): string {
  const s = v.schema;
  return blocks(
    `### ${tableHeading(s.tableName)}`,
    s.description ? text(s.description) : undefined,
    `Defined in ${codeOutsideTable(v.file)}.`,
    attributesSection(s),
    primaryKeySection(s),
    indexesSection(s),
    accessPatternsSection(s),
    businessRulesSection(s),
    tableSettingsSection(v),
  );
}

function attributesSection(s: TableSchema): string {
  const rows = s.attributes.map((a) => [
    code(a.name),
    a.itemType ? `${a.type} of ${a.itemType}` : a.type,
    a.required ? 'yes' : 'no',
    keyRoles(s, a.name).join('; '),
    constraints(a).join('; '),
    text(a.description ?? ''),
  ]);
  return blocks('#### Attributes', table(['Attribute', 'Type', 'Required', 'Key in', 'Constraints', 'Description'], rows));
}

function keyRoles(s: TableSchema, name: string): string[] {
  const roles: string[] = [];
  if (s.primaryKey.partitionKey.name === name) roles.push('table partition key');
  if (s.primaryKey.sortKey?.name === name) roles.push('table sort key');
  for (const i of indexViews(s)) {
    if (i.kind === 'GSI' && i.partitionKey === name) roles.push(`${code(i.name)} partition key`);
    if (i.sortKey === name) roles.push(`${code(i.name)} sort key`);
  }
  return roles;
}

function constraints(a: Attribute): string[] {
  return [
    ...(a.enum ? [`one of ${a.enum.map((v) => code(String(v))).join(', ')}`] : []),
    ...(a.format ? [`format: ${text(a.format)}`] : []),
    ...(a.minimum !== undefined ? [`minimum ${a.minimum}`] : []),
    ...(a.maximum !== undefined ? [`maximum ${a.maximum}`] : []),
    ...(a.default !== undefined ? [`default ${code(typeof a.default === 'string' ? a.default : JSON.stringify(a.default))}`] : []),
    ...(a.unique ? ['unique'] : []),
    ...(a.immutable ? ['immutable'] : []),
  ];
}

function primaryKeySection(s: TableSchema): string {
  const pk = s.primaryKey.partitionKey;
  const sk = s.primaryKey.sortKey ?? undefined;
  const row = (role: string, k: KeyAttribute) => [role, code(k.name), k.type, k.pattern ? code(k.pattern) : '—'];
  return blocks(
    '#### Primary key',
    table(['Key', 'Attribute', 'Type', 'Pattern'], [row('partition', pk), ...(sk ? [row('sort', sk)] : [])]),
    'Why this key:',
    bullets([partitionKeyReason(pk), sortKeyReason(pk, sk)]),
  );
}

function partitionKeyReason(pk: KeyAttribute): string {
  const p = keyPattern(pk.pattern);
  if (!p) return `The partition key ${codeOutsideTable(pk.name)} has no declared pattern: it holds the value as the application writes it.`;
  if (p.placeholders.length === 0) {
    return `The partition key is the constant ${codeOutsideTable(p.pattern)}: every item shares one partition-key value, so the table's throughput is bounded by a single partition.`;
  }
  const values = joinAnd(p.placeholders.map((x) => codeOutsideTable(`{${x}}`)));
  const prefix = p.prefix === '' ? '' : ` The constant prefix ${codeOutsideTable(p.prefix)} makes every key self-describing and keeps it apart from other item types' keys.`;
  return `The partition key ${codeOutsideTable(p.pattern)} gives each ${values} its own partition-key value, so reads and writes spread across partitions as long as the values are many and evenly used.${prefix}`;
}

function sortKeyReason(pk: KeyAttribute, sk: KeyAttribute | undefined): string {
  if (!sk) {
    return 'There is no sort key: one partition-key value identifies exactly one item, read with GetItem; a Query can never return a range of items, and the key schema cannot gain a sort key later without a new table.';
  }
  const p = keyPattern(sk.pattern);
  if (!p) return `The sort key ${codeOutsideTable(sk.name)} has no declared pattern: it orders the items of one partition-key value, which a Query reads in order or by range.`;
  if (p.placeholders.length === 0) {
    const entity = keyPattern(pk.pattern)?.placeholders ?? [];
    return `The sort key is the constant ${codeOutsideTable(p.pattern)}: each ${entity.length ? joinAnd(entity.map((x) => codeOutsideTable(`{${x}}`))) : 'partition-key value'} has exactly one item, read and written with the full key. `
      + `A key schema cannot change after the table is created; with a sort key in place, other item types can later share a partition under different sort-key values without a new table.`;
  }
  return `The sort key ${codeOutsideTable(p.pattern)} orders the items that share a partition-key value: a Query reads them in ${codeOutsideTable(sk.name)} order, or a range of them (\`=\`, \`<\`, \`>\`, \`BETWEEN\`, \`begins_with\`).`;
}

function businessRulesSection(s: TableSchema): string | undefined {
  const rules = s.businessRules ?? [];
  if (rules.length === 0) return undefined;
  return blocks(
    '#### Business rules',
    bullets(rules.map((r) => (typeof r === 'string' ? text(r) : `**${text(r.id)}** ${text(r.description)}`))),
  );
}
