/**
 * Files as text: syntax errors become findings with a line (syntax), and an
 * empty schemas/ or environments/ folder is an error (no-schemas,
 * no-environments). A broken file never hides the other files' findings.
 */
import { checkInputs } from '../../../src/pipeline/check';
import { check, ENV_FILE, err, PROJECT_FILE, rawInputs, summarize, TABLE_FILE, validEnvironment, warn } from '../fixtures';

describe('syntax', () => {
  test.each([
    {
      name: 'trailing comma',
      reason: 'JSON.parse notices at the closing brace, so that is the position reported, with the fix for a trailing comma.',
      text: '{\n  "tableName": "orders",\n  "attributes": [],\n}\n',
      line: 4,
      message: 'invalid JSON at line 4, column 1: Expected double-quoted property name',
      hint: 'remove the trailing comma before } or ] near line 4, or put the property name in double quotes',
    },
    {
      name: 'missing comma',
      reason: 'The position of the property after the missing comma.',
      text: '{\n  "tableName": "orders"\n  "attributes": []\n}\n',
      line: 3,
      message: 'invalid JSON at line 3, column 3: Expected \',\' or \'}\' after property value',
      hint: 'add the missing comma, or close the object or list near line 3',
    },
    {
      name: 'unquoted property name',
      reason: 'JavaScript habits: JSON needs every key in double quotes.',
      text: '{\n  tableName: "orders"\n}\n',
      line: 2,
      message: 'invalid JSON at line 2, column 3: Expected property name or \'}\'',
      hint: 'put the property name in double quotes near line 2',
    },
    {
      name: 'empty array element',
      reason: 'V8 gives no position for this one; the YAML parser finds it, and the source is not quoted.',
      text: '{\n  "tableName": "orders",\n  "attributes": [1,,2]\n}\n',
      line: 3,
      message: 'invalid JSON at line 3, column 20: Unexpected token \',\'',
      hint: 'fix the JSON syntax near line 3',
    },
    {
      name: 'misspelled literal',
      reason: 'Another position-less V8 error, with an unquoted word.',
      text: '{\n  "tableName": "orders",\n  "pitr": { "enabled": tru }\n}\n',
      line: 3,
      message: 'invalid JSON at line 3, column 24: Unexpected token \' \'',
      hint: 'fix the JSON syntax near line 3',
    },
    {
      name: 'cut-off file',
      reason: 'A truncated file ends inside an object: the end is the position, and the fix says to close it.',
      text: '{\n  "tableName": "orders",\n  "attributes": [\n',
      line: 4,
      message: 'invalid JSON at line 4, column 1: the file ends too early',
      hint: 'close every { and [ that is still open, or restore the file\'s missing end',
    },
  ])('JSON $name: $reason', ({ text, line, message, hint }) => {
    // WHEN
    const findings = check({ tables: [], schemaFiles: [{ path: TABLE_FILE, text }] });

    // THEN
    expect(findings).toEqual([{ severity: 'error', rule: 'syntax', file: TABLE_FILE, path: [], message, hint, line }]);
  });

  test.each([
    {
      name: 'misaligned key',
      reason: 'YAML reports the line where the indentation breaks.',
      text: 'name: dev\ntags:\n  Owner: a\n Project: b\n',
      line: 4,
      message: 'invalid YAML at line 4, column 1: All mapping items must start at the same column',
    },
    {
      name: 'duplicate key',
      reason: 'A repeated key would silently win over the first; it is an error at the repeat.',
      text: 'name: dev\nregion: eu-west-1\nregion: af-south-1\n',
      line: 3,
      message: 'invalid YAML at line 3, column 1: Map keys must be unique',
    },
    {
      name: 'tab indentation',
      reason: 'YAML forbids tabs for indentation.',
      text: 'name: dev\ntags:\n\tOwner: a\n',
      line: 3,
      message: 'invalid YAML at line 3, column 1: Tabs are not allowed as indentation',
    },
    {
      name: 'unclosed quote',
      reason: 'The error is reported where YAML gives up, at the end of the file.',
      text: 'name: dev\naccount: "123\nregion: x\n',
      line: 4,
      message: 'invalid YAML at line 4, column 1: Missing closing "quote',
    },
  ])('YAML $name: $reason', ({ text, line, message }) => {
    // WHEN
    const findings = check({ environments: [], environmentFiles: [{ path: ENV_FILE, text }] });

    // THEN
    expect(findings).toEqual([{ severity: 'error', rule: 'syntax', file: ENV_FILE, path: [], message, hint: `fix the YAML syntax near line ${line}`, line }]);
  });

  test.each([
    ['a table schema', 'schemas'],
    ['an environment file', 'environments'],
  ])('a UTF-8 byte order mark at the start of %s is accepted: editors on Windows write it, and it means nothing', (_what, folder) => {
    // GIVEN the valid files, one of them saved with a BOM
    const raw = rawInputs();
    const withBom = folder === 'schemas'
      ? { ...raw, schemas: raw.schemas.map((f) => ({ ...f, text: `\uFEFF${f.text}` })) }
      : { ...raw, environments: raw.environments.map((f) => ({ ...f, text: `\uFEFF${f.text}` })) };

    // WHEN
    const findings = checkInputs(withBom).findings;

    // THEN
    expect(findings).toEqual(checkInputs(raw).findings);
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  test('a broken project.yaml still lets every other file be parsed, but no cross-field rule runs', () => {
    // GIVEN a broken project file, a table with a zod error and an environment with a rule error
    const env = validEnvironment();
    env.drRegion = 'eu-west-1';
    const schemaFiles = [{ path: 'schemas/other.schema.json', text: '{ "tableName": "other" }' }];

    // WHEN
    const findings = check({ environments: [env], schemaFiles, projectFile: { path: PROJECT_FILE, text: 'organisation: [x\n' } });

    // THEN the rules need the project's mandatory tags, so only parse findings appear
    expect(findings.map((f) => [f.file, f.rule, f.line])).toEqual([
      [PROJECT_FILE, 'syntax', 2],
      ['schemas/other.schema.json', 'required', 1],
      ['schemas/other.schema.json', 'required', 1],
    ]);
  });
});

describe('no-schemas and no-environments', () => {
  test('empty folders are errors on the folder, not on project.yaml', () => {
    // WHEN
    const findings = check({ tables: [], environments: [] });

    // THEN
    expect(summarize(findings)).toEqual([
      err('environments/', '$', 'no-environments', 'no environments (*.yaml) in environments/'),
      err('schemas/', '$', 'no-schemas', 'no table schemas (*.schema.json) in schemas/'),
    ]);
  });

  test('the folders are named as the user gave them', () => {
    // GIVEN folders passed with --schemas and --environments
    const raw = { ...rawInputs({ tables: [], environments: [] }), schemasDir: '../tables', environmentsDir: 'envs' };

    // WHEN
    const findings = checkInputs(raw).findings;

    // THEN
    expect(findings.map((f) => [f.file, f.message, f.hint])).toEqual([
      ['../tables/', 'no table schemas (*.schema.json) in ../tables/', 'add at least one ../tables/<table>.schema.json, or point --schemas at the right folder'],
      ['envs/', 'no environments (*.yaml) in envs/', 'add at least one envs/<env>.yaml, or point --environments at the right folder'],
    ]);
  });
});

describe('ignored-file', () => {
  test.each([
    {
      name: 'a table file without .schema.json',
      reason: 'Silently skipping it would mean a table that is never created.',
      ignored: { file: 'schemas/orders.json', folder: 'schemas' as const },
      expected: warn('schemas/orders.json', '$', 'ignored-file', 'schemas/orders.json is not read: only files ending in .schema.json are table schemas, so no table comes from it'),
      hint: 'rename it to orders.schema.json if it is a table, or move it out of schemas/',
    },
    {
      name: 'a stray file in schemas/',
      reason: 'Anything that is not JSON gets the plain fix.',
      ignored: { file: 'schemas/orders.yaml', folder: 'schemas' as const },
      expected: warn('schemas/orders.yaml', '$', 'ignored-file', 'schemas/orders.yaml is not read: only files ending in .schema.json are table schemas, so no table comes from it'),
      hint: 'move it out of schemas/',
    },
    {
      name: 'an environment file with another suffix',
      reason: 'environments/qa.txt would be an environment that never exists.',
      ignored: { file: 'environments/qa.txt', folder: 'environments' as const },
      expected: warn('environments/qa.txt', '$', 'ignored-file', 'environments/qa.txt is not read: only .yaml and .yml files are environments'),
      hint: 'rename it to qa.yaml if it is an environment, or move it out of environments/',
    },
  ])('$name: $reason', ({ ignored, expected, hint }) => {
    // WHEN
    const findings = checkInputs({ ...rawInputs(), ignored: [ignored] }).findings;

    // THEN
    expect(summarize(findings)).toEqual([expected]);
    expect(findings[0].hint).toBe(hint);
  });
});
