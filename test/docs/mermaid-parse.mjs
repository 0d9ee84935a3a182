// Parses Mermaid diagrams with the real Mermaid parser; run by mermaid.test.ts.
// Mermaid is ESM-only and needs a DOM (it sanitises labels with DOMPurify), so
// it runs here, in its own Node process, over jsdom.
// stdin: a JSON array of diagram texts. stdout: a JSON array of
// { ok: true, type } or { ok: false, error }.
import { JSDOM } from 'jsdom';

const dom = new JSDOM('<!doctype html><html><body></body></html>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import('mermaid');

let input = '';
for await (const chunk of process.stdin) input += chunk;
const results = [];
for (const diagram of JSON.parse(input)) {
  try {
    const parsed = await mermaid.parse(diagram);
    results.push({ ok: true, type: parsed.diagramType });
  } catch (e) {
    results.push({ ok: false, error: String(e?.message ?? e) });
  }
}
process.stdout.write(JSON.stringify(results));
