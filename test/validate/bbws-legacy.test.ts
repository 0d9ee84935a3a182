/**
 * BBWS's legacy schema files load unchanged and are reported precisely: five
 * GSIs keyed on a BOOL `active`, and products' two GSIs with one key schema.
 *
 * The files live outside the repo, in `../shared/bbws-legacy/schemas`
 * (override with DDB_LEGACY_DIR). When they are missing the suite is skipped
 * with a loud banner, except under CI=true, where that is a failure.
 */
import { existsSync } from 'fs';
import { join, relative, resolve } from 'path';
import { main } from '../../src/cli/main';
import { STACK_TRACE } from './corpus';

const REPO_ROOT = resolve(__dirname, '..', '..');
const LEGACY_DIR = process.env.DDB_LEGACY_DIR ? resolve(process.env.DDB_LEGACY_DIR) : resolve(REPO_ROOT, '..', 'shared', 'bbws-legacy', 'schemas');
const present = existsSync(join(LEGACY_DIR, 'products.schema.json'));

if (!present) {
  const message = `SKIPPED: BBWS legacy schemas not found in ${LEGACY_DIR}; set DDB_LEGACY_DIR`;
  if (process.env.CI === 'true') {
    test('the BBWS legacy schemas are present', () => {
      throw new Error(`${message} (a failure under CI=true)`);
    });
  } else {
    const bar = '!'.repeat(message.length + 4);
    console.warn(`\n${bar}\n! ${message}\n${bar}\n`);
  }
}

/** A legacy file's path as the CLI shows it when run from the repo root. */
const file = (table: string) => relative(REPO_ROOT, join(LEGACY_DIR, `${table}.schema.json`));

const boolKey = (table: string, line: number, gsi: number, index: string) => ({
  severity: 'error', file: file(table), line, path: `$.globalSecondaryIndexes[${gsi}].partitionKey.type`, rule: 'key-type',
  message: `partition key "active" of index "${index}" has type BOOL; DynamoDB key attributes must be S, N or B`,
});

/** The warnings every legacy file gets: no access patterns, the ignored backup block, two overridden tags. */
const legacyWarnings = (table: string, lines: { backup: number; project: number; managedBy: number }) => [
  { severity: 'warning', file: file(table), line: 1, path: '$', rule: 'access-pattern-missing',
    message: 'no accessPatterns declared, so no index can be checked against its use' },
  { severity: 'warning', file: file(table), line: lines.backup, path: '$.backup', rule: 'legacy-backup',
    message: 'the legacy "backup" block is ignored; AWS Backup schedule and retention are set per environment' },
  { severity: 'warning', file: file(table), line: lines.project, path: '$.tags.Project', rule: 'tag-mandatory',
    message: 'tag "Project" is set by each environment and wins over this value ("2.1")' },
  { severity: 'warning', file: file(table), line: lines.managedBy, path: '$.tags.ManagedBy', rule: 'tag-mandatory',
    message: 'tag "ManagedBy" is set by each environment and wins over this value ("Terraform")' },
];

(present ? describe : describe.skip)('BBWS legacy schemas, with the repo\'s environments', () => {
  let code: number;
  let report: { valid: boolean; errors: Record<string, unknown>[]; warnings: Record<string, unknown>[] };
  let stderr = '';

  beforeAll(async () => {
    let stdout = '';
    code = await main(['validate', '--schemas', relative(REPO_ROOT, LEGACY_DIR) || '.', '--format', 'json'], {
      cwd: REPO_ROOT, stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; },
    });
    report = JSON.parse(stdout);
  });

  test('exits 1, with nothing on stderr', () => {
    expect(code).toBe(1);
    expect(report.valid).toBe(false);
    expect(stderr).toBe('');
  });

  test('reports exactly the five BOOL GSI keys and the duplicate products index', () => {
    // THEN
    const errors = report.errors.map(({ severity, file: f, line, path, rule, message }) => ({ severity, file: f, line, path, rule, message }));
    expect(errors).toEqual([
      boolKey('campaigns', 112, 0, 'CampaignActiveIndex'),
      boolKey('campaigns', 138, 2, 'ActiveIndex'),
      boolKey('products', 99, 0, 'ProductActiveIndex'),
      {
        severity: 'error', file: file('products'), line: 108, path: '$.globalSecondaryIndexes[1]', rule: 'index-duplicate',
        message: 'index "ActiveIndex" has the same key schema (active / dateCreated) as index "ProductActiveIndex"; it doubles storage and write cost for nothing',
      },
      boolKey('products', 112, 1, 'ActiveIndex'),
      boolKey('tenants', 116, 2, 'ActiveIndex'),
    ]);
  });

  test('each BOOL key is told to store 1/0 as N', () => {
    const hints = report.errors.filter((f) => f.rule === 'key-type').map((f) => f.hint);
    expect(hints).toEqual(Array(5).fill(
      'store 1/0 as N (e.g. active = 1) or "true"/"false" as S, and declare "active" with that type in attributes'));
  });

  test('warns about the missing access patterns, the legacy backup block and the overridden tags', () => {
    const warnings = report.warnings.map(({ severity, file: f, line, path, rule, message }) => ({ severity, file: f, line, path, rule, message }));
    expect(warnings).toEqual([
      ...legacyWarnings('campaigns', { backup: 153, project: 173, managedBy: 176 }),
      ...legacyWarnings('products', { backup: 127, project: 147, managedBy: 150 }),
      ...legacyWarnings('tenants', { backup: 131, project: 151, managedBy: 154 }),
    ]);
  });

  test('the text report names the index and attribute of each BOOL key, without a stack trace', async () => {
    // WHEN
    let out = '';
    const textCode = await main(['validate', '--schemas', relative(REPO_ROOT, LEGACY_DIR)], {
      cwd: REPO_ROOT, stdout: (t) => { out += t; }, stderr: (t) => { out += t; },
    });

    // THEN
    expect(textCode).toBe(1);
    expect(out).toContain(`${file('products')}:99  $.globalSecondaryIndexes[0].partitionKey.type  [key-type]\n`
      + '    partition key "active" of index "ProductActiveIndex" has type BOOL');
    expect(out).toContain('✗ 6 errors, 12 warnings in 3 schemas and 3 environments\n');
    expect(out).not.toMatch(STACK_TRACE);
  });
});
