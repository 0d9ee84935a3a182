/**
 * GitHub-flavoured markdown building blocks, for the design document and the
 * plan's PR comment. Everything that comes from an input file goes through
 * `text`, `cell` or `code`, so a `|` in a description can never break a table
 * and a `<` can never open an HTML tag.
 */

/** Escapes free text for use inline: in a paragraph, a list item or a table cell. */
export function text(s: string): string {
  return oneLine(s)
    .replace(/\\/g, '\\\\')
    .replace(/([`*_[\]|])/g, '\\$1')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/**
 * Free text for a table cell or a list item, keeping any inline markdown it carries: only
 * what would end the cell (`|`, a line break) or open an HTML tag is escaped.
 * For text whose brackets, stars and underscores are meant as written, and
 * read fine either way (plan's explanations: paths, names, ARNs); `text`
 * escapes those too.
 */
export function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/\r?\n/g, ' ');
}

/**
 * An inline code span for a table cell. The fence is one backtick longer than
 * the longest run inside, and `|` is escaped: GFM splits cells before it
 * parses code spans, and removes the escape again inside the span.
 */
export function code(s: string): string {
  return codeSpan(oneLine(s).replace(/\|/g, '\\|'));
}

/** An inline code span for prose and lists, where an escaped `|` would show its backslash. */
export function codeOutsideTable(s: string): string {
  return codeSpan(oneLine(s));
}

function codeSpan(s: string): string {
  const longest = Math.max(0, ...(s.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = s.startsWith('`') || s.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${s}${pad}${fence}`;
}

function oneLine(s: string): string {
  return s.replace(/\s*\r?\n\s*/g, ' ');
}

/** A GFM table; every row must have the header's column count. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  for (const row of rows) {
    if (row.length !== header.length) {
      throw new Error(`table row has ${row.length} cells, the header ${header.length}: ${row.join(' | ')}`);
    }
  }
  const line = (cells: readonly string[]) => `| ${cells.map((c) => (c === '' ? ' ' : c)).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** A bulleted list. */
export function bullets(items: readonly string[]): string {
  return items.map((i) => `- ${i}`).join('\n');
}

/** A fenced code block; the fence outgrows any backtick run in the body. */
export function fenced(language: string, body: string): string {
  const longest = Math.max(2, ...(body.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${language}\n${body.replace(/\n+$/, '')}\n${fence}`;
}

/** The anchor GitHub generates for a heading's text. */
export function slug(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .trim()
    .replace(/\s/g, '-');
}

/** Sections joined by one blank line, empty ones left out. */
export function blocks(...parts: readonly (string | undefined | false)[]): string {
  return parts.filter((p): p is string => typeof p === 'string' && p !== '').join('\n\n');
}
