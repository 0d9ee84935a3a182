/**
 * Structural tests on a synthetic repository (test/docs/fixtures.ts): an
 * INCLUDE projection, an LSI, TTL, a PROVISIONED table and an environment
 * without backups each produce their own rows and sections, and only what
 * the inputs hold is mentioned.
 */
import { renderDesignDoc } from '../../src/docs/render';
import { resolveModel } from '../../src/model/resolve';
import { checkInputs } from '../../src/pipeline/check';
import { rawInputs, validEnvironment, validProdEnvironment, validTable } from '../validate/fixtures';
import { customersTable, ordersTable, render, section, syntheticInputs } from './fixtures';
import { tables } from './markdown-check';

const doc = render(syntheticInputs());

function rows(text: string): string[][] {
  return tables(text).flatMap((t) => t.rows);
}

function row(text: string, first: string): string[] | undefined {
  return rows(text).find((r) => r[0] === first);
}

const orders = section(doc, '### Table: orders');
const customers = section(doc, '### Table: customers');

describe('indexes', () => {
  test('an INCLUDE GSI lists its projected attributes and is sparse on an optional key', () => {
    // THEN
    expect(row(section(orders, '#### Secondary indexes'), '`StatusIndex`')).toEqual(
      ['`StatusIndex`', 'GSI', '`status`', '`createdAt`', 'INCLUDE: `total`', 'only items with `status` (sparse)', 'Orders in a status'],
    );
    expect(orders).toContain('- **INCLUDE** (`StatusIndex`): the index stores the keys plus the listed attributes.');
  });

  test('an LSI shares the table\'s partition key and gets the LSI note', () => {
    // THEN
    expect(row(section(orders, '#### Secondary indexes'), '`ByTotal`')).toEqual(
      ['`ByTotal`', 'LSI', '`PK`', '`total`', 'KEYS_ONLY', 'every item', 'An order partition by total'],
    );
    expect(orders).toContain('An LSI exists only if the table was created with it');
    expect(customers).not.toContain('An LSI exists only if the table was created with it');
    expect(row(section(orders, '#### Access patterns'), 'AP-5')).toEqual(
      ['AP-5', 'Order items by total', 'Query', 'LSI `ByTotal`', '`PK = ORDER#{orderId} AND total > :min`', '—'],
    );
  });

  test('each projection type present gets its cost, and only those', () => {
    // WHEN
    const costs = (text: string) => text.split('\n').filter((l) => /^- \*\*(ALL|INCLUDE|KEYS_ONLY)\*\*/.test(l)).map((l) => l.slice(0, l.indexOf(':')));

    // THEN
    expect(costs(orders)).toEqual(['- **ALL** (`CustomerIndex`)', '- **INCLUDE** (`StatusIndex`)', '- **KEYS_ONLY** (`ByTotal`)']);
    expect(costs(customers)).toEqual(['- **KEYS_ONLY** (`EmailIndex`)']);
  });

  test('the index write table sizes each entry by its projection', () => {
    // WHEN
    const [, perIndex] = tables(section(doc, '### What each index costs per write'));

    // THEN
    expect(perIndex.rows).toEqual([
      ['`customers`', '`EmailIndex`', 'KEYS_ONLY', '`PK`, `email`', 'an item enters or leaves the index, or an index key changes'],
      ['`orders`', '`CustomerIndex`', 'ALL', 'the whole item', 'an item enters or leaves the index, or any of its attributes changes'],
      ['`orders`', '`StatusIndex`', 'INCLUDE', '`PK`, `SK`, `status`, `createdAt` + `total`', 'an item enters or leaves the index, or an index key or listed attribute changes'],
      ['`orders`', '`ByTotal`', 'KEYS_ONLY', '`PK`, `SK`, `total`', 'an item enters or leaves the index, or an index key changes'],
    ]);
  });

  test('writes per new item count every index; no soft-delete column without a soft delete', () => {
    // WHEN
    const [perTable] = tables(section(doc, '### What each index costs per write'));

    // THEN
    expect(perTable.header).toEqual(['Table', 'Indexes', 'Write requests to create an item', 'Copies of each item stored']);
    expect(perTable.rows).toEqual([
      ['`customers`', '`EmailIndex` (GSI, KEYS_ONLY)', '2', '1 full + 1 partial'],
      ['`orders`', '`CustomerIndex` (GSI, ALL), `StatusIndex` (GSI, INCLUDE), `ByTotal` (LSI, KEYS_ONLY)', 'up to 4', '2 full + 2 partial'],
    ]);
  });
});

describe('table settings', () => {
  test('TTL on orders, off on customers', () => {
    // THEN
    expect(row(section(orders, '#### Settings'), 'TTL')).toEqual(['TTL', 'on, expiry in `expiresAt`']);
    expect(row(section(customers, '#### Settings'), 'TTL')).toEqual(['TTL', 'off']);
  });

  test('settings that differ per environment are given per environment', () => {
    // THEN
    expect(row(section(orders, '#### Settings'), 'Replicas')).toEqual(['Replicas', 'dev: none; prod: eu-central-1']);
    expect(row(section(orders, '#### Settings'), 'Capacity mode')).toEqual(['Capacity mode', 'on-demand']);
  });

  test('a pipe in a description is escaped in its cell', () => {
    // THEN
    expect(row(section(orders, '#### Attributes'), '`note`')).toEqual(['`note`', 'S', 'no', '', '', 'Free text \\| may hold pipes']);
  });

  test('a table without a sort key explains what that rules out', () => {
    // THEN
    expect(section(customers, '#### Primary key')).toContain(
      '- There is no sort key: one partition-key value identifies exactly one item, read with GetItem; a Query can never return a range of items, and the key schema cannot gain a sort key later without a new table.',
    );
  });
});

describe('capacity', () => {
  test('a PROVISIONED table shows its capacity, and its GSI its own', () => {
    // WHEN
    const capacity = section(doc, '### Capacity mode');
    const [grid, indexes] = tables(capacity);

    // THEN
    expect(capacity).toContain('On-demand (`PAY_PER_REQUEST`): `orders`. Provisioned: `customers`.');
    expect(grid.rows).toEqual([
      ['`customers`', 'provisioned, 10 read / 5 write units', 'provisioned, 10 read / 5 write units'],
      ['`orders`', 'on-demand', 'on-demand'],
    ]);
    expect(indexes.rows).toEqual([
      ['dev', '`customers`', '`EmailIndex`', '2 read / 1 write units'],
      ['prod', '`customers`', '`EmailIndex`', '2 read / 1 write units'],
    ]);
    expect(capacity).toContain('What provisioned capacity means:');
    expect(capacity).toContain('Why on-demand:');
  });

  test('only on-demand tables: no provisioned explanation', () => {
    // GIVEN
    const onlyOrders = render(rawInputs({ tables: [ordersTable()] }));

    // THEN
    expect(section(onlyOrders, '### Capacity mode')).not.toContain('What provisioned capacity means:');
    expect(section(onlyOrders, '### Capacity mode')).toContain('Every table is on-demand (`PAY_PER_REQUEST`) in every environment.');
  });
});

describe('an environment without backups', () => {
  const protection = section(doc, '### Protection per environment');

  test('the protection matrix shows no plan for dev and the plan for prod', () => {
    // THEN
    expect(tables(protection)[0].header).toEqual(['Protection', 'dev', 'prod']);
    expect(row(protection, 'AWS Backup plan')).toEqual(['AWS Backup plan', 'none', '`orders-prod-dynamodb`']);
    expect(row(protection, 'Backup schedule')).toEqual(['Backup schedule', '—', '`cron(0 * * * ? *)`']);
    expect(row(protection, 'DR copy')).toEqual(['DR copy', '—', 'vault `orders-prod-dynamodb` in `eu-central-1`, kept 30 days']);
    expect(protection).toContain('- `dev` has no AWS Backup plan and no replica: point-in-time recovery is its only way back.');
  });

  test('vault restores are given for prod only; point-in-time restores for both', () => {
    // WHEN
    const recovery = section(doc, '### Recovery steps');
    const comments = recovery.split('\n').filter((l) => /^# (dev|prod):/.test(l));

    // THEN
    expect(comments).toEqual([
      '# dev: account 123456789012, region eu-west-1',
      '# prod: account 123456789012, region eu-west-1',
      '# prod: vault orders-prod-dynamodb in eu-west-1, account 123456789012',
      '# prod: DR copy, vault orders-prod-dynamodb in eu-central-1, account 123456789012',
      '# prod: account 123456789012, primary eu-west-1, replica eu-central-1',
    ]);
  });

  test('without backups, replicas or PITR anywhere: no restore commands, and the gap is named', () => {
    // GIVEN
    const t = validTable();
    t.pitr = { enabled: false };
    const bare = render(rawInputs({ tables: [t], environments: [validEnvironment('dev')] }));

    // THEN
    expect(section(bare, '### Protection per environment')).toContain(
      '- `dev` has no point-in-time recovery, no AWS Backup plan and no replica: a lost or damaged table cannot be restored.',
    );
    expect(section(bare, '#### Point-in-time restore')).toEqual('#### Point-in-time restore\n\nNo table has point-in-time recovery.\n');
    expect(bare).not.toContain('#### Restore from an AWS Backup vault');
    expect(bare).not.toContain('#### Fail over to a replica region');
  });
});

describe('overview', () => {
  test('patterns are derived from the data: ownership and uniqueness, no soft delete', () => {
    // WHEN
    const patterns = section(doc, '### Patterns used');

    // THEN
    expect(patterns).toContain('- `orders` → `customers`: `orders.customerId` fills `CUSTOMER#{customerId}`; `CustomerIndex` lists the `orders` items of one `customers` item (AP-2).');
    expect(patterns).toContain('- `customers.email` is not part of the primary key, so the application must keep it unique');
    expect(patterns).not.toContain('Soft delete');
    expect(patterns).not.toContain('Activatable');
  });

  test('one table: a table layout, not a separate-table rationale', () => {
    // GIVEN
    const single = render(rawInputs({ tables: [customersTable()] }));

    // THEN
    expect(single).toContain('### Table layout');
    expect(single).not.toContain('### Separate-table design');
  });

  test('an unused index is called out', () => {
    // GIVEN
    const t = ordersTable();
    t.accessPatterns = t.accessPatterns.filter((p: { index?: string }) => p.index !== 'StatusIndex');

    // WHEN
    const text = render(rawInputs({ tables: [t] }));

    // THEN
    expect(text).toContain('`StatusIndex` serves none of the access patterns below, but still costs storage and index writes.');
  });

  test('a physical name override adds a row per environment', () => {
    // GIVEN
    const t = ordersTable();
    t.overrides = { dev: { tableName: 'orders-dev' } };

    // WHEN
    const text = render(rawInputs({ tables: [t] }));

    // THEN
    expect(row(section(text, '#### Settings'), 'Physical table name')).toEqual(['Physical table name', '`orders-dev`']);
  });
});

describe('repository structure', () => {
  const tree = (text: string) => /```text\n([\s\S]*?)\n```/.exec(section(text, '### Repository structure'))![1].split('\n');

  test('lists the input files, and what each dist/ folder holds as synth renders it', () => {
    // WHEN
    const lines = tree(doc);

    // THEN
    expect(lines.slice(0, 7)).toEqual([
      'project.yaml                  organisation, API group, repository, Argo CD project',
      'schemas/                      one table schema per file',
      '  customers.schema.json       table customers',
      '  orders.schema.json          table orders',
      'environments/                 one file per environment',
      '  dev.yaml                    account 123456789012, eu-west-1',
      '  prod.yaml                   account 123456789012, eu-west-1',
    ]);
    expect(lines).toContain('  dev/                        Namespace, ProviderConfig, 2 DynamoDBTables');
    expect(lines).toContain('  prod/                       Namespace, ProviderConfig, 2 DynamoDBTables, DynamoDBBackupPlan');
  });

  test('without the rendered objects, the folders the model determines', () => {
    // GIVEN
    const checked = checkInputs(syntheticInputs());

    // WHEN
    const text = renderDesignDoc(checked.inputs!, resolveModel(checked.inputs!));

    // THEN
    expect(tree(text).slice(7, 11)).toEqual([
      'dist/                         rendered by `ddbops synth` and committed; Argo CD applies it',
      '  platform/                   XRDs, Compositions and the composition Function',
      '  dev/                        namespace orders-dev, ProviderConfig aws-dev, 2 DynamoDBTables',
      '  prod/                       namespace orders-prod, ProviderConfig aws-prod, 2 DynamoDBTables, 1 DynamoDBBackupPlan',
    ]);
  });
});

describe('change flow', () => {
  test('names the guard and the sync policy of each environment', () => {
    // GIVEN
    const prod = validProdEnvironment();
    prod.guard = { block: ['replace', 'delete'] };
    prod.sync = { prune: false, confirmDeletion: true };

    // WHEN
    const flow = section(render(rawInputs({ environments: [validEnvironment('dev'), prod, validEnvironment('sit')] })), '### How a change flows');

    // THEN
    expect(flow).toContain('The plan guard fails the check on `replace`, `delete` in `prod`, unless the table\'s schema acknowledges the change with a reason.');
    expect(flow).toContain('`dev` and `sit` prune automatically. `prod` never prunes automatically, and deleting its tables or backups needs a manual confirmation.');
  });
});
