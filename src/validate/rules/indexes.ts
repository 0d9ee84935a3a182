import { error, Finding, PathSegment } from '../../diagnostics/finding';
import { LIMITS } from '../../model/aws';
import { TableSchema } from '../../model/table-schema';
import { Loaded } from '../../model/inputs';

/** GSI/LSI counts, LSI key rules, projections and the projected-attribute quotas (20 per index, 100 per table). */
export function checkIndexes({ file, value: t }: Loaded<TableSchema>): Finding[] {
  const findings: Finding[] = [];
  const gsis = t.globalSecondaryIndexes ?? [];
  const lsis = t.localSecondaryIndexes ?? [];
  if (gsis.length > LIMITS.maxGsis) {
    findings.push(error('index-limit', file, ['globalSecondaryIndexes'],
      `${gsis.length} global secondary indexes; DynamoDB allows at most ${LIMITS.maxGsis} per table`,
      'remove indexes no access pattern needs, overload one index with composite keys, or request a quota increase (20 is a default quota)'));
  }
  if (lsis.length > LIMITS.maxLsis) {
    findings.push(error('index-limit', file, ['localSecondaryIndexes'],
      `${lsis.length} local secondary indexes; DynamoDB allows at most ${LIMITS.maxLsis} per table`,
      'use global secondary indexes for the extra access patterns'));
  }
  lsis.forEach((l, i) => {
    if (!t.primaryKey.sortKey) {
      findings.push(error('lsi-needs-sort-key', file, ['localSecondaryIndexes', i],
        `local secondary index "${l.indexName}" needs the table to have a sort key`,
        'add primaryKey.sortKey, or make this a global secondary index'));
    }
    if (l.partitionKey && l.partitionKey.name !== t.primaryKey.partitionKey.name) {
      findings.push(error('lsi-partition-key', file, ['localSecondaryIndexes', i, 'partitionKey', 'name'],
        `local secondary index "${l.indexName}" has partition key "${l.partitionKey.name}", but an LSI shares the table's partition key "${t.primaryKey.partitionKey.name}"`,
        `set it to "${t.primaryKey.partitionKey.name}" (or omit it), or make this a global secondary index`));
    }
  });
  let projected = 0;
  const indexes: [string, { projectionType: string; nonKeyAttributes?: string[] }, PathSegment[]][] = [
    ...gsis.map((g, i): [string, typeof g, PathSegment[]] => [g.indexName, g, ['globalSecondaryIndexes', i]]),
    ...lsis.map((l, i): [string, typeof l, PathSegment[]] => [l.indexName, l, ['localSecondaryIndexes', i]]),
  ];
  const declared = new Set(t.attributes.map((a) => a.name));
  for (const [name, idx, path] of indexes) {
    const attrs = idx.nonKeyAttributes ?? [];
    if (idx.projectionType === 'INCLUDE' && attrs.length === 0) {
      findings.push(error('projection', file, [...path, 'projectionType'],
        `index "${name}" projects INCLUDE but lists no nonKeyAttributes`,
        'list the attributes to project in nonKeyAttributes, or use KEYS_ONLY'));
    }
    if (idx.projectionType !== 'INCLUDE' && idx.nonKeyAttributes !== undefined) {
      findings.push(error('projection', file, [...path, 'nonKeyAttributes'],
        `index "${name}" projects ${idx.projectionType}, which takes no nonKeyAttributes`,
        'remove nonKeyAttributes, or set projectionType to INCLUDE'));
    }
    const listed = new Set<string>();
    attrs.forEach((a, j) => {
      if (listed.has(a)) {
        findings.push(error('projection-attribute', file, [...path, 'nonKeyAttributes', j],
          `index "${name}" lists "${a}" twice in nonKeyAttributes`, 'remove the duplicate'));
      } else if (!declared.has(a)) {
        findings.push(error('projection-attribute', file, [...path, 'nonKeyAttributes', j],
          `projected attribute "${a}" of index "${name}" is not declared in attributes`,
          `declare "${a}" in attributes, or remove it from nonKeyAttributes`));
      }
      listed.add(a);
    });
    if (idx.projectionType === 'INCLUDE') {
      projected += attrs.length;
      if (attrs.length > LIMITS.maxNonKeyAttributesPerIndex) {
        findings.push(error('projection-limit', file, [...path, 'nonKeyAttributes'],
          `index "${name}" projects ${attrs.length} non-key attributes; DynamoDB allows at most ${LIMITS.maxNonKeyAttributesPerIndex} per index`,
          'project fewer attributes, or use projectionType ALL'));
      }
    }
  }
  if (projected > LIMITS.maxProjectedNonKeyAttributes) {
    findings.push(error('projection-limit', file, [],
      `indexes project ${projected} non-key attributes in total; DynamoDB allows at most ${LIMITS.maxProjectedNonKeyAttributes} across all indexes of a table`,
      'project fewer attributes, or use projectionType ALL where an index needs most of them'));
  }
  return findings;
}

/** Two indexes with the same key schema store and bill the same data twice. */
export function checkDuplicateIndexes({ file, value: t }: Loaded<TableSchema>): Finding[] {
  const findings: Finding[] = [];
  const seen = new Map<string, string>();
  const table = t.primaryKey;
  const keyOf = (pk: string, sk?: string | null) => `${pk}|${sk ?? ''}`;
  seen.set(keyOf(table.partitionKey.name, table.sortKey?.name), 'the table\'s primary key');
  const entries: [string, string, PathSegment[]][] = [
    ...(t.globalSecondaryIndexes ?? []).map((g, i): [string, string, PathSegment[]] =>
      [g.indexName, keyOf(g.partitionKey.name, g.sortKey?.name), ['globalSecondaryIndexes', i]]),
    ...(t.localSecondaryIndexes ?? []).map((l, i): [string, string, PathSegment[]] =>
      [l.indexName, keyOf(table.partitionKey.name, l.sortKey.name), ['localSecondaryIndexes', i]]),
  ];
  for (const [name, key, path] of entries) {
    const prev = seen.get(key);
    const [pk, sk] = key.split('|');
    if (prev) {
      findings.push(error('index-duplicate', file, path,
        `index "${name}" has the same key schema (${pk}${sk ? ` / ${sk}` : ''}) as ${prev}; it doubles storage and write cost for nothing`,
        `remove "${name}" and point its access patterns at ${prev}`));
    } else {
      seen.set(key, `index "${name}"`);
    }
  }
  return findings;
}
