/**
 * A Mermaid flowchart of the tables, their indexes and the references
 * between tables. Node ids are generated (`t0`, `t0i1`), never taken from
 * names, and every label is quoted with Mermaid's entity codes for the
 * characters its grammar treats specially.
 */
import { indexViews, keyPattern, ownerships, TableView } from './facts';
import { blocks, fenced } from '../text/markdown';

export function diagramSection(views: readonly TableView[]): string {
  return blocks(
    '## Diagram: tables and indexes',
    'Each table with its primary key, and an arrow to each of its indexes; a dotted arrow runs from a table to the table whose id it holds.',
    fenced('mermaid', mermaidDiagram(views)),
  );
}

export function mermaidDiagram(views: readonly TableView[]): string {
  const lines = ['flowchart LR'];
  const id = new Map(views.map((v, n) => [v.schema.tableName, `t${n}`]));
  views.forEach((v, n) => {
    const s = v.schema;
    const key = (k: { name: string; pattern?: string }) => {
      const p = keyPattern(k.pattern);
      return p ? `${k.name} = ${p.pattern}` : k.name;
    };
    const tableLines = [
      s.tableName,
      `partition key: ${key(s.primaryKey.partitionKey)}`,
      ...(s.primaryKey.sortKey ? [`sort key: ${key(s.primaryKey.sortKey)}`] : []),
    ];
    lines.push(`  t${n}[(${label(tableLines)})]`);
    indexViews(s).forEach((i, m) => {
      const keys = `${i.partitionKey}${i.sortKey ? ` / ${i.sortKey}` : ''}`;
      const projection = i.projection === 'INCLUDE' ? `INCLUDE ${i.nonKeyAttributes.join(', ')}` : i.projection;
      lines.push(`  t${n}i${m}(${label([`${i.kind} ${i.name}`, keys, projection])})`);
      lines.push(`  t${n} --> t${n}i${m}`);
    });
  });
  for (const o of ownerships(views)) {
    lines.push(`  ${id.get(o.child)} -. ${label([o.attribute])} .-> ${id.get(o.parent)}`);
  }
  return lines.join('\n');
}

/** A quoted label, one line per entry; Mermaid decodes `#code;` entities. */
export function label(lines: readonly string[]): string {
  return `"${lines.map(escapeLabel).join('<br/>')}"`;
}

const ENTITIES: Readonly<Record<string, string>> = {
  '#': '#35;',
  '"': '#quot;',
  '<': '#lt;',
  '>': '#gt;',
  '{': '#123;',
  '}': '#125;',
  '&': '#amp;',
};

function escapeLabel(s: string): string {
  return s.replace(/[#"<>{}&]/g, (c) => ENTITIES[c]).replace(/\s+/g, ' ');
}
