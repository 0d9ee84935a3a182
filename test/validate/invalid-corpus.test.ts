/**
 * Runs the CLI over every case in test/fixtures/invalid/ and compares its
 * JSON report with the case's expected.json, exactly.
 */
import { main } from '../../src/cli/main';
import { CORPUS_DIR, corpusCases, listing, STACK_TRACE } from './corpus';

async function run(args: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { cwd, stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; } });
  return { code, stdout, stderr };
}

const cases = corpusCases();

test('the corpus has at least 12 cases', () => {
  expect(cases.length).toBeGreaterThanOrEqual(12);
});

describe.each(cases)('$name', ({ dir, args, expected }) => {
  test(`--format json reports exactly expected.json: ${expected.reason}`, async () => {
    // WHEN
    const { code, stdout, stderr } = await run([...args, '--format', 'json'], dir);

    // THEN
    const report = JSON.parse(stdout) as { valid: boolean; errors: Record<string, unknown>[]; warnings: Record<string, unknown>[] };
    const findings = [...report.errors, ...report.warnings].map(({ severity, file, line, path, rule, message }) =>
      ({ severity, file, line, path, rule, message }));
    expect(code).toBe(expected.exitCode);
    expect(report.valid).toBe(false);
    expect(findings).toEqual(expected.findings);
    expect(report.errors.every((f) => f.severity === 'error')).toBe(true);
    expect(report.warnings.every((f) => f.severity === 'warning')).toBe(true);
    for (const f of findings) expect(f.line).toEqual(expect.any(Number));
    for (const f of [...report.errors, ...report.warnings]) expect(f.hint).toEqual(expect.stringMatching(/\S/));
    expect(stderr).toBe('');
  });

  test('the text report names each finding\'s file:line, path and message, without a stack trace', async () => {
    // WHEN
    const { code, stdout, stderr } = await run(args, dir);

    // THEN
    expect(code).toBe(1);
    for (const f of expected.findings) {
      expect(stdout).toContain(`  ${f.file}:${String(f.line)}  ${f.path}  [${f.rule}]\n    ${f.message}\n    fix: `);
    }
    expect(stdout + stderr).not.toMatch(STACK_TRACE);
  });
});

test('validating the corpus writes nothing', async () => {
  // GIVEN
  const before = listing(CORPUS_DIR);

  // WHEN
  for (const c of cases) await run([...c.args, '--format', 'json'], c.dir);

  // THEN
  expect(listing(CORPUS_DIR)).toEqual(before);
});
