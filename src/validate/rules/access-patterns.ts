import { didYouMean } from '../../diagnostics/did-you-mean';
import { error, Finding, warning } from '../../diagnostics/finding';
import { AccessPattern, TableSchema } from '../../model/table-schema';
import { Loaded } from '../../model/inputs';

/** A parsed key condition: `PK = x [AND <sort-key condition>]`. */
export interface KeyCondition {
  readonly partition: { readonly name: string; readonly operator: string };
  readonly sort?: { readonly name: string; readonly operator: string };
}

const SORT_OPERATORS = ['=', '<', '<=', '>', '>=', 'BETWEEN', 'begins_with'];

/**
 * Parses the key condition notation used in schemas, e.g.
 * `PK = TENANT#{tenantId} AND SK = METADATA`,
 * `status = :status AND dateCreated BETWEEN :from AND :to`,
 * `PK = X AND begins_with(SK, 'ORDER#')`.
 * Returns undefined when the text does not follow that shape.
 */
export function parseKeyCondition(text: string): KeyCondition | undefined {
  const m = /^\s*([A-Za-z0-9_.-]+)\s*(=|<=|>=|<|>)\s*(.+?)\s*$/s.exec(splitFirstAnd(text)[0]);
  if (!m) return undefined;
  const partition = { name: m[1], operator: m[2] };
  const rest = splitFirstAnd(text)[1];
  if (rest === undefined) return { partition };
  const begins = /^\s*begins_with\s*\(\s*([A-Za-z0-9_.-]+)\s*,.+\)\s*$/s.exec(rest);
  if (begins) return { partition, sort: { name: begins[1], operator: 'begins_with' } };
  const between = /^\s*([A-Za-z0-9_.-]+)\s+BETWEEN\s+.+\s+AND\s+.+$/is.exec(rest);
  if (between) return { partition, sort: { name: between[1], operator: 'BETWEEN' } };
  const cmp = /^\s*([A-Za-z0-9_.-]+)\s*(=|<=|>=|<|>)\s*\S.*$/s.exec(rest);
  if (cmp && !/\sAND\s/i.test(rest)) return { partition, sort: { name: cmp[1], operator: cmp[2] } };
  return undefined;
}

function splitFirstAnd(text: string): [string, string?] {
  const m = /\s+AND\s+/i.exec(text);
  return m ? [text.slice(0, m.index), text.slice(m.index + m[0].length)] : [text];
}

/** Operations that address one item and so need the full primary key. */
const SINGLE_ITEM = new Set(['GetItem', 'UpdateItem', 'DeleteItem']);

export function checkAccessPatterns({ file, value: t }: Loaded<TableSchema>): Finding[] {
  const findings: Finding[] = [];
  const patterns = t.accessPatterns ?? [];
  const indexes = new Map<string, { pk: string; sk?: string }>();
  // A repeated index name is reported by index-name-unique; patterns are checked against its first declaration.
  const declare = (name: string, key: { pk: string; sk?: string }) => { if (!indexes.has(name)) indexes.set(name, key); };
  for (const g of t.globalSecondaryIndexes ?? []) declare(g.indexName, { pk: g.partitionKey.name, sk: g.sortKey?.name });
  for (const l of t.localSecondaryIndexes ?? []) declare(l.indexName, { pk: t.primaryKey.partitionKey.name, sk: l.sortKey.name });
  const table = { pk: t.primaryKey.partitionKey.name, sk: t.primaryKey.sortKey?.name ?? undefined };
  const ids = new Set<string>();

  patterns.forEach((p: AccessPattern, i) => {
    const at = (...rest: (string | number)[]) => ['accessPatterns', i, ...rest];
    if (ids.has(p.id)) findings.push(error('access-pattern-id', file, at('id'), `access pattern id "${p.id}" is used twice`, 'give each pattern its own id'));
    ids.add(p.id);
    if (p.operation === 'Scan') {
      findings.push(warning('access-pattern-scan', file, at('operation'),
        `${p.id} scans the whole ${p.index ? `index "${p.index}"` : 'table'}; cost and latency grow with the table`,
        'serve it with a Query on an index whose partition key the pattern knows'));
    }
    let key: { pk: string; sk?: string } = table;
    if (p.index !== undefined) {
      const idx = indexes.get(p.index);
      if (!idx) {
        const guess = didYouMean(p.index, [...indexes.keys()]);
        findings.push(error('access-pattern-index', file, at('index'), `${p.id} uses index "${p.index}", which this table does not declare`,
          guess ? `did you mean "${guess}"?` : indexes.size ? `declared indexes: ${[...indexes.keys()].join(', ')}` : 'declare the index, or remove "index"'));
        return;
      }
      if (SINGLE_ITEM.has(p.operation)) {
        findings.push(error('access-pattern-operation', file, at('index'), `${p.id}: ${p.operation} cannot use an index; only Query and Scan read indexes`,
          'use Query on the index, or address the item by its primary key'));
        return;
      }
      key = idx;
    }
    if (p.keyCondition === undefined) {
      if (p.operation === 'Query' || p.operation === 'GetItem') {
        findings.push(error('access-pattern-key', file, at(), `${p.id}: ${p.operation} needs a keyCondition`,
          `add e.g. "keyCondition": "${key.pk} = :value"`));
      }
      return;
    }
    const cond = parseKeyCondition(p.keyCondition);
    if (!cond) {
      findings.push(error('access-pattern-key', file, at('keyCondition'), `${p.id}: cannot read key condition "${p.keyCondition}"`,
        `write "${key.pk} = <value>" optionally followed by "AND ${key.sk ?? '<sortKey>'} <op> <value>" (op: ${SORT_OPERATORS.join(', ')})`));
      return;
    }
    const where = p.index ? `index "${p.index}"` : 'the table';
    if (cond.partition.name !== key.pk) {
      findings.push(error('access-pattern-key', file, at('keyCondition'),
        `${p.id}: key condition starts with "${cond.partition.name}", but the partition key of ${where} is "${key.pk}"`,
        `start the condition with "${key.pk} = <value>"`));
    } else if (cond.partition.operator !== '=') {
      findings.push(error('access-pattern-key', file, at('keyCondition'),
        `${p.id}: the partition key "${key.pk}" must be matched with "=", not "${cond.partition.operator}"`,
        'DynamoDB queries one partition at a time; use "=" (or a Scan, which reads everything)'));
    }
    if (cond.sort && cond.sort.name !== key.sk) {
      findings.push(error('access-pattern-key', file, at('keyCondition'),
        `${p.id}: "${cond.sort.name}" is not the sort key of ${where}${key.sk ? ` ("${key.sk}")` : ', which has none'}`,
        key.sk ? `use "${key.sk}" in the sort-key condition, or move "${cond.sort.name}" to a filter` : `move "${cond.sort.name}" to "filter"`));
    }
    if (SINGLE_ITEM.has(p.operation) && (key.sk !== undefined && (!cond.sort || cond.sort.operator !== '='))) {
      findings.push(error('access-pattern-key', file, at('keyCondition'),
        `${p.id}: ${p.operation} needs the full primary key (${key.pk} and ${key.sk} with "=")`,
        `write "${key.pk} = <value> AND ${key.sk} = <value>", or use Query`));
    }
  });

  const used = new Set(patterns.map((p) => p.index).filter((x): x is string => x !== undefined));
  const all = [
    ...(t.globalSecondaryIndexes ?? []).map((g, i) => [g.indexName, ['globalSecondaryIndexes', i]] as const),
    ...(t.localSecondaryIndexes ?? []).map((l, i) => [l.indexName, ['localSecondaryIndexes', i]] as const),
  ];
  if (patterns.length === 0 && all.length > 0) {
    findings.push(warning('access-pattern-missing', file, [], 'no accessPatterns declared, so no index can be checked against its use',
      'list each read and write the application makes in accessPatterns'));
  } else {
    for (const [name, path] of all) {
      if (!used.has(name)) {
        findings.push(warning('index-unused', file, [...path, 'indexName'], `no access pattern uses index "${name}"; it costs storage and a write per item`,
          'add the access pattern that needs it, or remove the index'));
      }
    }
  }
  return findings;
}
