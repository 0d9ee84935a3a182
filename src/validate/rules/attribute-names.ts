import { error, Finding, PathSegment } from '../../diagnostics/finding';
import { Loaded } from '../../model/inputs';
import { LIMITS } from '../../model/aws';
import { TableSchema } from '../../model/table-schema';
import { keyUses } from './table-keys';

/**
 * Names DynamoDB itself receives are at most 255 bytes in UTF-8: key
 * attributes (KeySchemaElement, AttributeDefinition), projected attributes
 * (NonKeyAttributes) and the TTL attribute. Other attribute names only ever
 * live in items, where the limit is far higher.
 */
export function checkAttributeNameLengths({ file, value: t }: Loaded<TableSchema>): Finding[] {
  const findings: Finding[] = [];
  const reported = new Set<string>();
  const check = (name: string, path: readonly PathSegment[], what: string, of = '') => {
    const bytes = Buffer.byteLength(name, 'utf8');
    // One finding per name: the same key attribute is often used by the table and an index.
    if (bytes <= LIMITS.attributeNameMaxBytes || reported.has(name)) return;
    reported.add(name);
    findings.push(error('attribute-name-length', file, path,
      `${what} "${[...name].slice(0, 20).join('')}…"${of} is ${bytes} bytes long in UTF-8; DynamoDB allows 1-${LIMITS.attributeNameMaxBytes}`,
      'shorten the attribute name, here and in attributes'));
  };
  for (const use of keyUses(t)) check(use.attribute.name, [...use.path, 'name'], 'key attribute name');
  const indexes: [string, readonly string[] | undefined, PathSegment[]][] = [
    ...(t.globalSecondaryIndexes ?? []).map((g, i): [string, string[] | undefined, PathSegment[]] => [g.indexName, g.nonKeyAttributes, ['globalSecondaryIndexes', i]]),
    ...(t.localSecondaryIndexes ?? []).map((l, i): [string, string[] | undefined, PathSegment[]] => [l.indexName, l.nonKeyAttributes, ['localSecondaryIndexes', i]]),
  ];
  for (const [index, attrs, path] of indexes) {
    (attrs ?? []).forEach((a, j) => check(a, [...path, 'nonKeyAttributes', j], 'projected attribute name', ` of index "${index}"`));
  }
  if (t.ttl) check(t.ttl.attributeName, ['ttl', 'attributeName'], 'TTL attribute name');
  return findings;
}
