/**
 * The Mermaid diagram: exact for the synthetic repository, free of raw
 * characters Mermaid reserves, and accepted by the real Mermaid parser
 * (mermaid + jsdom, devDependencies, run in a child process because Mermaid
 * is ESM-only and needs a DOM).
 */
import { execFileSync } from 'child_process';
import { join } from 'path';
import { label } from '../../src/docs/mermaid';
import { committedDoc, render, syntheticInputs } from './fixtures';
import { hostileInputs } from './hostile';
import { mermaidBlocks, mermaidProblems } from './markdown-check';

interface Parsed {
  readonly ok: boolean;
  readonly type?: string;
  readonly error?: string;
}

function parseWithMermaid(diagrams: readonly string[]): Parsed[] {
  const out = execFileSync(process.execPath, [join(__dirname, 'mermaid-parse.mjs')], { input: JSON.stringify(diagrams), timeout: 60_000 });
  return JSON.parse(out.toString()) as Parsed[];
}

const DIAGRAMS: [string, string][] = [
  ['BBWS', mermaidBlocks(committedDoc())[0]],
  ['synthetic', mermaidBlocks(render(syntheticInputs()))[0]],
  ['hostile text', mermaidBlocks(render(hostileInputs()))[0]],
];

test('each document has exactly one Mermaid block', () => {
  // THEN
  expect(mermaidBlocks(committedDoc()).length).toEqual(1);
  expect(mermaidBlocks(render(hostileInputs())).length).toEqual(1);
});

test('the synthetic diagram: tables, their indexes, and the reference between tables', () => {
  // THEN
  expect(DIAGRAMS[1][1]).toEqual([
    'flowchart LR',
    '  t0[("customers<br/>partition key: PK = CUSTOMER#35;#123;customerId#125;")]',
    '  t0i0("GSI EmailIndex<br/>email<br/>KEYS_ONLY")',
    '  t0 --> t0i0',
    '  t1[("orders<br/>partition key: PK = ORDER#35;#123;orderId#125;<br/>sort key: SK = METADATA")]',
    '  t1i0("GSI CustomerIndex<br/>customerId / createdAt<br/>ALL")',
    '  t1 --> t1i0',
    '  t1i1("GSI StatusIndex<br/>status / createdAt<br/>INCLUDE total")',
    '  t1 --> t1i1',
    '  t1i2("LSI ByTotal<br/>PK / total<br/>KEYS_ONLY")',
    '  t1 --> t1i2',
    '  t1 -. "customerId" .-> t0',
  ].join('\n'));
});

test.each(DIAGRAMS)('%s diagram: balanced, no reserved character outside an entity code', (_name, diagram) => {
  // THEN
  expect(mermaidProblems(diagram)).toEqual([]);
});

test('the sanity check itself flags a raw pattern and an unbalanced line', () => {
  // THEN
  expect(mermaidProblems('flowchart LR\n  a[PK#{x}]\n  b("open')).toEqual([
    'line 2: reserved character outside a quoted label',
    'line 3: unbalanced quotes',
    'line 3: unbalanced brackets',
  ]);
});

test('labels encode the characters Mermaid reserves', () => {
  // THEN
  expect(label(['A#{b}', 'say "hi" <now> & then'])).toEqual('"A#35;#123;b#125;<br/>say #quot;hi#quot; #lt;now#gt; #amp; then"');
});

describe('the real Mermaid parser', () => {
  test('accepts every diagram', () => {
    // WHEN
    const parsed = parseWithMermaid(DIAGRAMS.map(([, d]) => d));

    // THEN
    expect(parsed).toEqual(DIAGRAMS.map(() => ({ ok: true, type: 'flowchart-v2' })));
  });

  test('rejects a raw key pattern in an unquoted label, so the acceptance above means something', () => {
    // WHEN
    const [parsed] = parseWithMermaid(['flowchart LR\n  t0[PK = TENANT#{tenantId}]']);

    // THEN
    expect(parsed.ok).toBe(false);
    expect(parsed.error).toContain('Parse error on line 2');
  });
});
