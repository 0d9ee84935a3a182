/**
 * What the document derives from the data: key patterns, flags, soft delete,
 * activatable entities, ownership between tables, and uniqueness. Each
 * pattern is reported only when the inputs show it.
 */
import { Inputs } from '../../src/model/inputs';
import { resolveModel } from '../../src/model/resolve';
import { checkInputs } from '../../src/pipeline/check';
import {
  activatables, isFlag, keyPattern, ownerships, softDeletes, tableViews, TableView, uniqueAttributes,
} from '../../src/docs/facts';
import { Json, rawInputs, validTable } from '../validate/fixtures';
import { customersTable, ordersTable, renderRepository, REPO_ROOT } from './fixtures';
import { DEFAULT_INPUT_PATHS, readInputs } from '../../src/load/read-inputs';

function views(tables: Json[]): TableView[] {
  const checked = checkInputs(rawInputs({ tables }));
  if (!checked.ok) throw new Error(JSON.stringify(checked.findings));
  return tableViews(checked.inputs as Inputs, resolveModel(checked.inputs as Inputs));
}

function repositoryViews(): TableView[] {
  const inputs = checkInputs(readInputs(DEFAULT_INPUT_PATHS, REPO_ROOT)).inputs as Inputs;
  return tableViews(inputs, resolveModel(inputs));
}

test('keyPattern splits the constant prefix from the placeholders', () => {
  // THEN
  expect(keyPattern('TENANT#{tenantId}')).toEqual({ pattern: 'TENANT#{tenantId}', prefix: 'TENANT#', placeholders: ['tenantId'] });
  expect(keyPattern('METADATA')).toEqual({ pattern: 'METADATA', prefix: 'METADATA', placeholders: [] });
  expect(keyPattern('{a}#{b}')).toEqual({ pattern: '{a}#{b}', prefix: '', placeholders: ['a', 'b'] });
  expect(keyPattern(undefined)).toBeUndefined();
});

test.each([
  [{ name: 'active', type: 'N', enum: [1, 0] }, true],
  [{ name: 'active', type: 'N', enum: [0, 1] }, true],
  [{ name: 'done', type: 'BOOL' }, true],
  [{ name: 'level', type: 'N', enum: [1, 2] }, false],
  [{ name: 'active', type: 'S', enum: ['1', '0'] }, false],
  [{ name: 'active', type: 'N' }, false],
])('isFlag(%j) is %s', (attribute, want) => {
  // THEN
  expect(isFlag(attribute as never)).toEqual(want);
});

describe('BBWS', () => {
  test('soft delete on every table, with the rules and patterns that say so', () => {
    // THEN
    expect(softDeletes(repositoryViews())).toEqual([
      { table: 'campaigns', attribute: 'active', evidence: ['BR-4', 'AP-6'] },
      { table: 'products', attribute: 'active', evidence: ['BR-2', 'AP-5'] },
      { table: 'tenants', attribute: 'active', evidence: ['BR-4', 'AP-7'] },
    ]);
  });

  test('activatable entities: the three indexes on active', () => {
    // THEN
    expect(activatables(repositoryViews()).map((a) => [a.table, a.index.name, a.patterns])).toEqual([
      ['campaigns', 'CampaignActiveIndex', ['AP-2']],
      ['products', 'ProductActiveIndex', ['AP-2']],
      ['tenants', 'ActiveIndex', ['AP-3']],
    ]);
  });

  test('campaigns belong to products; CAMPAIGN#{code} names no other table', () => {
    // THEN
    expect(ownerships(repositoryViews()).map((o) => ({ ...o, indexes: o.indexes.map((i) => i.name) }))).toEqual([{
      child: 'campaigns',
      parent: 'products',
      attribute: 'productId',
      parentPattern: 'PRODUCT#{productId}',
      usedIn: ['attribute', 'CampaignProductIndex'],
      indexes: ['CampaignProductIndex'],
      patterns: ['AP-3'],
    }]);
  });

  test('code is unique through the key, email only by the application', () => {
    // THEN
    expect(uniqueAttributes(repositoryViews())).toEqual([
      { table: 'campaigns', attribute: 'code', keyPattern: 'CAMPAIGN#{code}', indexes: [] },
      { table: 'tenants', attribute: 'email', indexes: ['EmailIndex'] },
    ]);
  });

  test('the rendered overview names each pattern once', () => {
    // WHEN
    const titles = renderRepository().split('\n').filter((l) => /^\*\*[A-Z][a-z -]+\.\*\*/.test(l)).map((l) => l.slice(0, l.indexOf('.**') + 3));

    // THEN
    expect(titles).toEqual(['**Soft delete.**', '**Activatable entities.**', '**Hierarchical ownership.**', '**Unique attributes.**', '**Conditional create.**']);
  });
});

describe('only what the data shows', () => {
  test('a flag without any soft-delete wording is no soft delete', () => {
    // GIVEN
    const t = validTable();
    t.attributes.push({ name: 'archived', type: 'N', enum: [1, 0] });

    // THEN
    expect(softDeletes(views([t]))).toEqual([]);
  });

  test('with two flags, the rule names the one that soft-deletes', () => {
    // GIVEN
    const t = validTable();
    t.attributes.push({ name: 'active', type: 'N', enum: [1, 0] }, { name: 'featured', type: 'N', enum: [1, 0] });
    t.businessRules = [{ id: 'BR-1', description: 'Soft delete sets active = 0.' }];

    // THEN
    expect(softDeletes(views([t]))).toEqual([{ table: 'orders', attribute: 'active', evidence: ['BR-1'] }]);
  });

  test('an attribute only references a table whose key placeholder names that table', () => {
    // GIVEN: orders has customerId; customers is keyed CUSTOMER#{customerId}
    const both = views([ordersTable(), customersTable()]);
    const customers = customersTable();
    customers.primaryKey.partitionKey.pattern = 'CLIENT#{customerId}';

    // THEN
    expect(ownerships(both).map((o) => `${o.child} -> ${o.parent} via ${o.attribute}`)).toEqual(['orders -> customers via customerId']);
    expect(ownerships(views([ordersTable(), customers]))).toEqual([]);
  });
});
