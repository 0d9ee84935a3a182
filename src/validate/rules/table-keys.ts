import { error, Finding, PathSegment } from '../../diagnostics/finding';
import { KEY_TYPES } from '../../model/aws';
import { KeyAttribute, TableSchema } from '../../model/table-schema';
import { Loaded } from '../../model/inputs';

/** One place a key attribute is used: the table's key or an index key. */
export interface KeyUse {
  readonly role: 'partition' | 'sort';
  readonly attribute: KeyAttribute;
  readonly path: readonly PathSegment[];
  /** `table` or `index "EmailIndex"`, for messages. */
  readonly owner: string;
}

export function keyUses(t: TableSchema): KeyUse[] {
  const uses: KeyUse[] = [{ role: 'partition', attribute: t.primaryKey.partitionKey, path: ['primaryKey', 'partitionKey'], owner: 'table' }];
  if (t.primaryKey.sortKey) uses.push({ role: 'sort', attribute: t.primaryKey.sortKey, path: ['primaryKey', 'sortKey'], owner: 'table' });
  (t.globalSecondaryIndexes ?? []).forEach((g, i) => {
    const owner = `index "${g.indexName}"`;
    uses.push({ role: 'partition', attribute: g.partitionKey, path: ['globalSecondaryIndexes', i, 'partitionKey'], owner });
    if (g.sortKey) uses.push({ role: 'sort', attribute: g.sortKey, path: ['globalSecondaryIndexes', i, 'sortKey'], owner });
  });
  (t.localSecondaryIndexes ?? []).forEach((l, i) => {
    const owner = `index "${l.indexName}"`;
    if (l.partitionKey) uses.push({ role: 'partition', attribute: l.partitionKey, path: ['localSecondaryIndexes', i, 'partitionKey'], owner });
    uses.push({ role: 'sort', attribute: l.sortKey, path: ['localSecondaryIndexes', i, 'sortKey'], owner });
  });
  return uses;
}

/** Key attributes must be S, N or B: DynamoDB rejects any other key type. */
export function checkKeyTypes({ file, value: t }: Loaded<TableSchema>): Finding[] {
  return keyUses(t)
    .filter((u) => !(KEY_TYPES as readonly string[]).includes(u.attribute.type))
    .map((u) => error('key-type', file, [...u.path, 'type'],
      `${u.role} key "${u.attribute.name}" of ${u.owner} has type ${u.attribute.type}; DynamoDB key attributes must be S, N or B`,
      u.attribute.type === 'BOOL'
        ? `store 1/0 as N (e.g. ${u.attribute.name} = 1) or "true"/"false" as S, and declare "${u.attribute.name}" with that type in attributes`
        : `declare "${u.attribute.name}" as S, N or B`));
}

/** Every key attribute is declared in `attributes`, with the same type everywhere it is used. */
export function checkKeysDeclared({ file, value: t }: Loaded<TableSchema>): Finding[] {
  const declared = new Map<string, { type: string; index: number }>();
  t.attributes.forEach((a, index) => {
    if (!declared.has(a.name)) declared.set(a.name, { type: a.type, index });
  });
  const findings: Finding[] = [];
  const firstUse = new Map<string, KeyUse>();
  for (const use of keyUses(t)) {
    const { name, type } = use.attribute;
    const decl = declared.get(name);
    if (!decl) {
      findings.push(error('key-declared', file, [...use.path, 'name'],
        `${use.role} key "${name}" of ${use.owner} is not declared in attributes`,
        `add { "name": "${name}", "type": "${type}", "required": true } to attributes`));
    } else if (decl.type !== type) {
      findings.push(error('key-type-consistent', file, [...use.path, 'type'],
        `${use.role} key "${name}" of ${use.owner} has type ${type}, but attributes[${decl.index}] declares it as ${decl.type}`,
        'use one type for the attribute everywhere; changing a key type later replaces the table'));
    } else {
      const first = firstUse.get(name);
      if (first && first.attribute.type !== type) {
        findings.push(error('key-type-consistent', file, [...use.path, 'type'],
          `key "${name}" has type ${type} here but ${first.attribute.type} in ${first.owner}`,
          'use one type for the attribute everywhere'));
      }
    }
    if (!firstUse.has(name)) firstUse.set(name, use);
  }
  const seen = new Set<string>();
  t.attributes.forEach((a, i) => {
    if (seen.has(a.name)) {
      findings.push(error('attribute-duplicate', file, ['attributes', i, 'name'], `attribute "${a.name}" is declared twice`,
        'remove the duplicate declaration'));
    }
    seen.add(a.name);
  });
  return findings;
}

/**
 * A key schema's partition and sort keys are two different attributes
 * ("Both the Hash Key and the Range Key element in the KeySchema have the same
 * name"). An LSI's partition key is always the table's, so its sort key may not
 * be that attribute either.
 */
export function checkKeySameAttribute({ file, value: t }: Loaded<TableSchema>): Finding[] {
  const findings: Finding[] = [];
  const hint = 'choose another attribute as the sort key, or remove sortKey';
  const pk = t.primaryKey.partitionKey.name;
  if (t.primaryKey.sortKey?.name === pk) {
    findings.push(error('key-same-attribute', file, ['primaryKey', 'sortKey', 'name'],
      `sort key "${pk}" of table is also its partition key; DynamoDB needs two different attributes`, hint));
  }
  (t.globalSecondaryIndexes ?? []).forEach((g, i) => {
    if (g.sortKey?.name === g.partitionKey.name) {
      findings.push(error('key-same-attribute', file, ['globalSecondaryIndexes', i, 'sortKey', 'name'],
        `sort key "${g.sortKey.name}" of index "${g.indexName}" is also its partition key; DynamoDB needs two different attributes`, hint));
    }
  });
  (t.localSecondaryIndexes ?? []).forEach((l, i) => {
    if (l.sortKey.name === pk) {
      findings.push(error('key-same-attribute', file, ['localSecondaryIndexes', i, 'sortKey', 'name'],
        `sort key "${pk}" of index "${l.indexName}" is the table's partition key, which a local secondary index already uses as its partition key; DynamoDB needs two different attributes`,
        'choose another attribute as the index\'s sort key'));
    }
  });
  return findings;
}
