/** A table's access patterns, each mapped to the key or index that serves it. */
import { AccessPattern, TableSchema } from '../model/table-schema';
import { indexViews } from './facts';
import { blocks, code, table, text } from '../text/markdown';

export function accessPatternsSection(s: TableSchema): string {
  const patterns = s.accessPatterns ?? [];
  if (patterns.length === 0) return blocks('#### Access patterns', 'The schema lists no access patterns.');
  const rows = patterns.map((p) => [
    text(p.id),
    text(p.description),
    p.operation,
    servedBy(s, p),
    p.keyCondition ? code(p.keyCondition) : '—',
    p.filter ? code(p.filter) : '—',
  ]);
  return blocks(
    '#### Access patterns',
    table(['ID', 'Access pattern', 'Operation', 'Served by', 'Key condition', 'Condition or filter'], rows),
  );
}

function servedBy(s: TableSchema, p: AccessPattern): string {
  if (p.index === undefined) return p.operation === 'Scan' ? 'table (full scan)' : 'table primary key';
  const index = indexViews(s).find((i) => i.name === p.index);
  return `${index ? `${index.kind} ` : ''}${code(p.index)}${p.operation === 'Scan' ? ' (full scan)' : ''}`;
}
