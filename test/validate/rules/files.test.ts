/**
 * Files as text: syntax errors become findings with a line (syntax), and an
 * empty schemas/ or environments/ folder is an error (no-schemas,
 * no-environments). A broken file never hides the other files' findings.
 */
import { check, ENV_FILE, err, PROJECT_FILE, summarize, TABLE_FILE, validEnvironment } from '../fixtures';

const JSON_HINT = 'fix the JSON syntax (a trailing comma or a missing quote is the usual cause)';

describe('syntax', () => {
  test.each([
    {
      name: 'trailing comma',
      reason: 'JSON.parse notices at the closing brace, so that is the line reported.',
      text: '{\n  "tableName": "orders",\n  "attributes": [],\n}\n',
      line: 4,
      message: /^invalid JSON: Expected double-quoted property name in JSON at position \d+/,
    },
    {
      name: 'missing comma',
      reason: 'The line of the property after the missing comma.',
      text: '{\n  "tableName": "orders"\n  "attributes": []\n}\n',
      line: 3,
      message: /^invalid JSON: Expected ',' or '}' after property value in JSON at position \d+/,
    },
    {
      name: 'empty array element',
      reason: 'V8 gives no position for this one; the line still comes through, and the source is not quoted.',
      text: '{\n  "tableName": "orders",\n  "attributes": [1,,2]\n}\n',
      line: 3,
      message: /^invalid JSON: Unexpected token ','$/,
    },
    {
      name: 'misspelled literal',
      reason: 'Another position-less V8 error, with an unquoted word.',
      text: '{\n  "tableName": "orders",\n  "pitr": { "enabled": tru }\n}\n',
      line: 3,
      message: /^invalid JSON: Unexpected token /,
    },
  ])('JSON $name: $reason', ({ text, line, message }) => {
    // WHEN
    const findings = check({ tables: [], schemaFiles: [{ path: TABLE_FILE, text }] });

    // THEN
    expect(findings).toHaveLength(1);
    expect(findings[0]).toEqual({
      severity: 'error', rule: 'syntax', file: TABLE_FILE, path: [], message: expect.stringMatching(message), hint: JSON_HINT, line,
    });
    expect(findings[0].message).not.toContain('\n');
  });

  test.each([
    {
      name: 'misaligned key',
      reason: 'YAML reports the line where the indentation breaks.',
      text: 'name: dev\ntags:\n  Owner: a\n Project: b\n',
      line: 4,
      message: 'invalid YAML: All mapping items must start at the same column',
    },
    {
      name: 'duplicate key',
      reason: 'A repeated key would silently win over the first; it is an error at the repeat.',
      text: 'name: dev\nregion: eu-west-1\nregion: af-south-1\n',
      line: 3,
      message: 'invalid YAML: Map keys must be unique',
    },
    {
      name: 'tab indentation',
      reason: 'YAML forbids tabs for indentation.',
      text: 'name: dev\ntags:\n\tOwner: a\n',
      line: 3,
      message: 'invalid YAML: Tabs are not allowed as indentation',
    },
    {
      name: 'unclosed quote',
      reason: 'The error is reported where YAML gives up, at the end of the file.',
      text: 'name: dev\naccount: "123\nregion: x\n',
      line: 4,
      message: 'invalid YAML: Missing closing "quote',
    },
  ])('YAML $name: $reason', ({ text, line, message }) => {
    // WHEN
    const findings = check({ environments: [], environmentFiles: [{ path: ENV_FILE, text }] });

    // THEN
    expect(findings).toEqual([{ severity: 'error', rule: 'syntax', file: ENV_FILE, path: [], message, hint: 'fix the YAML syntax', line }]);
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
  test('empty folders are errors on project.yaml', () => {
    // WHEN
    const findings = check({ tables: [], environments: [] });

    // THEN
    expect(summarize(findings)).toEqual([
      err(PROJECT_FILE, '$', 'no-environments', 'no environments found'),
      err(PROJECT_FILE, '$', 'no-schemas', 'no table schemas found'),
    ]);
  });
});
