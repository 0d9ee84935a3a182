/**
 * The JSON Schemas in json-schema/ are generated from the zod model
 * (src/model/json-schema.ts). They are committed so that editors resolve the
 * `$schema` references in schemas/, environments/ and project.yaml; this test
 * fails when they are stale, and checks that the generated schemas accept the
 * real files and reject the mistakes they should.
 */
import { existsSync, readdirSync, readFileSync } from 'fs';
import { dirname, join, resolve } from 'path';
import { parse } from 'yaml';
import { jsonSchemas } from '../../src/model/json-schema';
import { JSON_SCHEMA_DIR } from '../../src/model/json-schema-dir';
import { check, keywords, Schema } from './mini-json-schema';

const REPO_ROOT = resolve(__dirname, '..', '..');
const LEGACY_DIR = process.env.DDB_LEGACY_DIR ? resolve(process.env.DDB_LEGACY_DIR) : resolve(REPO_ROOT, '..', 'shared', 'bbws-legacy', 'schemas');
const REGENERATE = 'regenerate with: npm run json-schema';

const generated = jsonSchemas();
const schema = (name: string): Schema => JSON.parse(generated.find((f) => f.path === `${JSON_SCHEMA_DIR}/${name}.schema.json`)!.content);
const table = schema('table');
const environment = schema('environment');
const project = schema('project');

const files = (dir: string, ext: RegExp) => readdirSync(join(REPO_ROOT, dir)).filter((n) => ext.test(n)).sort().map((n) => join(REPO_ROOT, dir, n));
const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8'));
const readYaml = (file: string) => parse(readFileSync(file, 'utf8'));

describe('json-schema/ is up to date', () => {
  test('exactly the three generated files', () => {
    expect(generated.map((f) => f.path)).toEqual([
      'json-schema/table.schema.json', 'json-schema/environment.schema.json', 'json-schema/project.schema.json',
    ]);
    expect(readdirSync(join(REPO_ROOT, JSON_SCHEMA_DIR)).sort()).toEqual(['environment.schema.json', 'project.schema.json', 'table.schema.json']);
  });

  test.each(generated.map((f) => [f.path, f.content]))('%s matches the zod model', (path, content) => {
    const onDisk = existsSync(join(REPO_ROOT, path)) ? readFileSync(join(REPO_ROOT, path), 'utf8') : '';
    if (onDisk !== content) {
      const lines = onDisk.split('\n');
      const at = content.split('\n').findIndex((l, i) => l !== lines[i]);
      throw new Error(`${path} is stale (first difference at line ${at + 1}); ${REGENERATE}`);
    }
  });
});

describe('the generated schemas', () => {
  test('are draft 2020-12, with a title and description, using only keywords the checker below knows', () => {
    for (const s of [table, environment, project]) {
      expect(s.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(s.title).toEqual(expect.any(String));
      expect(s.description).toEqual(expect.any(String));
      expect(() => check(s, {})).not.toThrow();
      for (const k of keywords(s)) expect(['$schema', 'title', 'description', 'type', 'properties', 'required', 'additionalProperties',
        'propertyNames', 'items', 'enum', 'const', 'anyOf', 'oneOf', 'minLength', 'pattern', 'minItems', 'minimum', 'maximum',
        'exclusiveMinimum']).toContain(k);
    }
  });

  test.each([
    ['table', table, ['tableName', 'primaryKey', 'attributes']],
    ['environment', environment, ['name', 'account', 'region', 'namespace', 'providerConfig', 'tags']],
    ['project', project, ['organisation', 'apiGroup', 'repository', 'argocd']],
  ])('%s: a closed object with its required fields', (_name, s, required) => {
    expect(s.type).toBe('object');
    expect(s.additionalProperties).toBe(false);
    expect(s.required).toEqual(required);
  });

  test('carry the zod .describe() texts as descriptions', () => {
    const props = table.properties as Record<string, Schema>;
    expect(props.tableName.description).toBe('Logical table name; also the physical name unless overridden');
    expect(props.overrides.description).toBe('Per-environment settings, keyed by environment name');
    expect((environment.properties as Record<string, Schema>).account.description).toBe('12-digit AWS account id, quoted so leading zeros survive');
  });

  test('keep BOOL as a key type, so legacy files still open without editor errors', () => {
    const pk = ((table.properties as Record<string, Schema>).primaryKey.properties as Record<string, Schema>).partitionKey;
    expect((pk.properties as Record<string, Schema>).type.enum).toContain('BOOL');
  });
});

describe('real files validate against them', () => {
  test.each(files('schemas', /\.schema\.json$/).map((f) => [f.slice(REPO_ROOT.length + 1), f]))('%s', (_name, file) => {
    expect(check(table, readJson(file))).toEqual([]);
  });

  test.each(files('environments', /\.ya?ml$/).map((f) => [f.slice(REPO_ROOT.length + 1), f]))('%s', (_name, file) => {
    expect(check(environment, readYaml(file))).toEqual([]);
  });

  test('project.yaml', () => {
    expect(check(project, readYaml(join(REPO_ROOT, 'project.yaml')))).toEqual([]);
  });

  (existsSync(LEGACY_DIR) ? test : test.skip)('the BBWS legacy schemas, which are structurally valid (their problems are cross-field)', () => {
    for (const name of readdirSync(LEGACY_DIR).filter((n) => n.endsWith('.schema.json'))) {
      expect([name, check(table, readJson(join(LEGACY_DIR, name)))]).toEqual([name, []]);
    }
  });
});

describe('and reject what they should', () => {
  const tenants = () => readJson(join(REPO_ROOT, 'schemas', 'tenants.schema.json'));

  test.each([
    ['an unknown top-level field', (t: Record<string, unknown>) => { t.globalSecondaryIndex = []; }, ['/globalSecondaryIndex: additional property not allowed']],
    ['a missing tableName', (t: Record<string, unknown>) => { delete t.tableName; }, ['/: missing required tableName']],
    ['a missing primaryKey and attributes', (t: Record<string, unknown>) => { delete t.primaryKey; delete t.attributes; },
      ['/: missing required primaryKey', '/: missing required attributes']],
    ['an unknown field in an attribute', (t: Record<string, unknown>) => { (t.attributes as Record<string, unknown>[])[0].currency = 'ZAR'; },
      ['/attributes/0/currency: additional property not allowed']],
    ['a bad projection type', (t: Record<string, unknown>) => { (t.globalSecondaryIndexes as Record<string, unknown>[])[0].projectionType = 'KEY_ONLY'; },
      ['/globalSecondaryIndexes/0/projectionType: "KEY_ONLY" not in enum']],
  ])('%s', (_what, mutate, want) => {
    const t = tenants();
    mutate(t);
    expect(check(table, t)).toEqual(want);
  });
});

describe('$schema references resolve to the generated files', () => {
  test.each(files('schemas', /\.schema\.json$/).map((f) => [f.slice(REPO_ROOT.length + 1), f]))('%s', (_name, file) => {
    const ref = readJson(file).$schema as string;
    expect(ref).toBe('../json-schema/table.schema.json');
    expect(existsSync(resolve(dirname(file), ref))).toBe(true);
  });

  test.each([
    ...files('environments', /\.ya?ml$/).map((f) => [f.slice(REPO_ROOT.length + 1), f, 'environment']),
    ['project.yaml', join(REPO_ROOT, 'project.yaml'), 'project'],
  ])('%s (yaml-language-server comment)', (_name, file, kind) => {
    const ref = /^# yaml-language-server: \$schema=(\S+)$/m.exec(readFileSync(file, 'utf8'))?.[1];
    expect(ref).toMatch(new RegExp(`json-schema/${kind}\\.schema\\.json$`));
    expect(existsSync(resolve(dirname(file), ref!))).toBe(true);
  });
});
