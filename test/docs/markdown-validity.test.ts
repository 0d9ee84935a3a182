/**
 * The documents render correctly on GitHub: every table row has its header's
 * column count, tables are set apart by blank lines, every code fence closes,
 * and every `#anchor` link points at a heading.
 */
import { committedDoc, render, syntheticInputs } from './fixtures';
import { hostileInputs } from './hostile';
import { anchorLinks, headingAnchors, tableProblems, tables } from './markdown-check';

const DOCS: [string, () => string][] = [
  ['BBWS', committedDoc],
  ['synthetic', () => render(syntheticInputs())],
  ['hostile text', () => render(hostileInputs())],
];

describe.each(DOCS)('%s document', (_name, doc) => {
  test('every table row has the header\'s column count', () => {
    // WHEN
    const text = doc();

    // THEN
    expect(tables(text).length).toBeGreaterThan(10);
    expect(tableProblems(text)).toEqual([]);
  });

  test('every anchor link resolves to a heading', () => {
    // WHEN
    const text = doc();
    const anchors = headingAnchors(text);

    // THEN
    expect(anchorLinks(text).filter((a) => !anchors.has(a))).toEqual([]);
  });

  test('every code fence is closed', () => {
    // WHEN
    const fences = doc().split('\n').filter((l) => l.startsWith('```'));

    // THEN
    expect(fences.length % 2).toEqual(0);
    expect(fences.filter((_, i) => i % 2 === 1).every((f) => f === '```')).toBe(true);
  });

  test('ends with exactly one newline and has no trailing spaces', () => {
    // WHEN
    const text = doc();

    // THEN
    expect(text.endsWith('\n') && !text.endsWith('\n\n')).toBe(true);
    expect(text.split('\n').filter((l) => / $/.test(l) && !l.startsWith('|'))).toEqual([]);
  });
});

test('hostile text stays inside its cell, escaped', () => {
  // WHEN
  const text = render(hostileInputs());
  const attributes = tables(text).find((t) => t.header[0] === 'Attribute')!;

  // THEN
  expect(attributes.rows.find((r) => r[0] === '`customerId`')).toEqual(
    ['`customerId`', 'S', 'yes', '`Customer-Index_1.v2` partition key', '', 'Pipe \\| in a cell, and a \\`\\`double\\`\\` tick'],
  );
  expect(attributes.rows.find((r) => r[0] === '`status`')).toEqual(
    ['`status`', 'S', 'no', '', 'one of `A\\|B`, `<x>`, `` `q` ``', ''],
  );
  expect(text).toContain('Holds \\| pipes, \\`ticks\\`, &lt;b&gt;tags&lt;/b&gt;, \\*stars\\* and \\_underscores\\_ over two lines');
  expect(text).toContain('- **BR\\|2** \\*emphasis\\* \\[link\\](x)');
});
