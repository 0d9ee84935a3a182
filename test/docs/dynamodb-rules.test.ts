/**
 * docs/dynamodb-rules.md against the code: every rule id it names is one the
 * validator emits, every rule id the validator can emit is named, and every
 * test it cites exists, by file and by name.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'fs';
import { join, relative, resolve } from 'path';
import { tableProblems, tables } from './markdown-check';

const REPO_ROOT = resolve(__dirname, '..', '..');
const PAGE = 'docs/dynamodb-rules.md';
const doc = readFileSync(join(REPO_ROOT, PAGE), 'utf8');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : name.endsWith('.ts') ? [path] : [];
  });
}

/** Source files that build findings: those importing error or warning from diagnostics/finding. */
const findingSources = sourceFiles(join(REPO_ROOT, 'src'))
  .map((path) => ({ path: relative(REPO_ROOT, path), text: readFileSync(path, 'utf8') }))
  .filter((f) => /import \{[^}]*\b(error|warning)\b[^}]*\} from '[./]*diagnostics\/finding'/.test(f.text));

/** Rule ids passed as literals to error(), warning() and environment.ts's push() helper. */
const emitted = new Set(findingSources.flatMap((f) => [...f.text.matchAll(/\b(?:error|warning|push)\(\s*'([a-z][a-z0-9-]*)'/g)].map((m) => m[1])));

interface Row {
  readonly ruleIds: string[];
  readonly tests: { readonly file: string; readonly names: string[] }[];
  readonly text: string;
}

/** Every row of every table that has a "Rule id" and a "Covering tests" column. */
const rows: Row[] = tables(doc).flatMap(({ header, rows: body }) => {
  const idColumn = header.indexOf('Rule id');
  const testColumn = header.indexOf('Covering tests');
  if (idColumn === -1 || testColumn === -1) return [];
  return body.map((cells) => {
    const tests: { file: string; names: string[] }[] = [];
    for (const m of cells[testColumn].matchAll(/`([^`]+\.test\.ts)`|"([^"]+)"/g)) {
      if (m[1] !== undefined) tests.push({ file: m[1], names: [] });
      else tests[tests.length - 1]?.names.push(m[2]);
    }
    return { ruleIds: [...cells[idColumn].matchAll(/`([a-z][a-z0-9-]*)`/g)].map((m) => m[1]), tests, text: cells.join(' | ') };
  });
});

test('the page is well-formed markdown with both tables', () => {
  expect(tableProblems(doc)).toEqual([]);
  expect(rows.length).toBeGreaterThan(80);
});

test('the scan finds the rule modules and their ids', () => {
  // GIVEN the files the validator's findings come from
  const files = findingSources.map((f) => f.path);

  // THEN the scan is not silently empty
  expect(files).toEqual(expect.arrayContaining(['src/validate/rules/capacity.ts', 'src/validate/rules/tags.ts', 'src/load/zod-findings.ts', 'src/load/source-file.ts']));
  expect([...emitted]).toEqual(expect.arrayContaining(['name', 'capacity', 'tag-limit', 'unknown-field', 'syntax']));
});

test('every rule id is passed as a literal, so the scan sees them all', () => {
  // A rule id in a variable would be invisible to the scan; only environment.ts's push(rule, …) helper forwards one.
  const dynamic = findingSources.flatMap((f) => [...f.text.matchAll(/\b(?:error|warning)\(\s*(?!')([^,)]+)/g)]
    .filter((m) => m[1].trim() !== 'rule')
    .map((m) => `${f.path}: ${m[0]}`));
  expect(dynamic).toEqual([]);
});

test('every rule id on the page is one the validator emits', () => {
  const named = rows.flatMap((r) => r.ruleIds);
  expect(named.filter((id) => !emitted.has(id))).toEqual([]);
});

test('every rule id the validator emits is on the page', () => {
  const named = new Set(rows.flatMap((r) => r.ruleIds));
  expect([...emitted].filter((id) => !named.has(id)).sort()).toEqual([]);
});

test('every row names a rule id and cites at least one test by name', () => {
  expect(rows.filter((r) => r.ruleIds.length === 0 || r.tests.length === 0 || r.tests.some((t) => t.names.length === 0)).map((r) => r.text)).toEqual([]);
});

test('every cited test file exists and holds every cited test name', () => {
  const missing = rows.flatMap((r) => r.tests.flatMap(({ file, names }) => {
    const path = join(REPO_ROOT, file);
    if (!existsSync(path)) return [`${file} does not exist`];
    // Test names are written in single-quoted strings, where an apostrophe is escaped.
    const text = readFileSync(path, 'utf8').replace(/\\'/g, '\'');
    return names.filter((name) => !text.includes(name)).map((name) => `${file} has no test "${name}"`);
  }));
  expect(missing).toEqual([]);
});
