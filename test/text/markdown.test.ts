/** The markdown helpers: escaping, code spans, tables, fences and GitHub's heading anchors. */
import {
  cell, code, codeOutsideTable, fenced, slug, table, text,
} from '../../src/text/markdown';

describe('text', () => {
  test.each([
    ['a | b', 'a \\| b'],
    ['<script>', '&lt;script&gt;'],
    ['*a* _b_ `c` [d]', '\\*a\\* \\_b\\_ \\`c\\` \\[d\\]'],
    ['back\\slash', 'back\\\\slash'],
    ['two\n  lines', 'two lines'],
    ['TENANT#{id} → ≤', 'TENANT#{id} → ≤'],
  ])('%j → %j', (input, want) => {
    // THEN
    expect(text(input)).toEqual(want);
  });
});

describe('cell', () => {
  test.each([
    ['a | b', 'a \\| b', 'a pipe would end the cell'],
    ['<br> and >', '&lt;br> and >', 'an opening bracket would start an HTML tag'],
    ['two\nlines', 'two lines', 'a line break would end the row'],
    ['spec.x[0] of order_items, arn:aws:dynamodb:*', 'spec.x[0] of order_items, arn:aws:dynamodb:*', 'paths, names and ARNs stay as written'],
  ])('%j → %j: %s', (input, want) => {
    // THEN
    expect(cell(input)).toEqual(want);
  });
});

describe('code spans', () => {
  test.each([
    ['PK = A#{b}', '`PK = A#{b}`'],
    ['a | b', '`a \\| b`'],
    ['x `y` z', '``x `y` z``'],
    ['`edge`', '`` `edge` ``'],
  ])('in a table cell: %j → %j', (input, want) => {
    // THEN
    expect(code(input)).toEqual(want);
  });

  test('outside a table a pipe stays as it is', () => {
    // THEN
    expect(codeOutsideTable('a | b')).toEqual('`a | b`');
  });
});

describe('table', () => {
  test('renders a header, a delimiter row and the rows; an empty cell holds a space', () => {
    // THEN
    expect(table(['A', 'B'], [['1', ''], ['3', '4']])).toEqual('| A | B |\n| --- | --- |\n| 1 |   |\n| 3 | 4 |');
  });

  test('refuses a row whose cell count differs from the header', () => {
    // THEN
    expect(() => table(['A', 'B'], [['1']])).toThrow('table row has 1 cells, the header 2: 1');
  });
});

test('a fence outgrows the longest backtick run in its body', () => {
  // THEN
  expect(fenced('sh', 'echo ```')).toEqual('````sh\necho ```\n````');
  expect(fenced('text', 'plain\n\n')).toEqual('```text\nplain\n```');
});

test.each([
  ['Table: tenants', 'table-tenants'],
  ['Diagram: tables and indexes', 'diagram-tables-and-indexes'],
  ['Table: odd_names.v2', 'table-odd_namesv2'],
  ['Repository structure and change flow', 'repository-structure-and-change-flow'],
])('the anchor of "%s" is #%s', (heading, want) => {
  // THEN
  expect(slug(heading)).toEqual(want);
});
