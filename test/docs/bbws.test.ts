/**
 * The BBWS repository's design document: the committed
 * docs/dynamodb-design.md is exactly what `docs` renders now (so this doubles
 * as the stale check), two runs give identical bytes, and it covers every
 * table, GSI, access pattern and environment.
 */
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { main } from '../../src/cli/main';
import { committedDoc, COMMITTED_DOC, renderRepository, REPO_ROOT, section } from './fixtures';
import { tables } from './markdown-check';

async function docsTo(out: string): Promise<number> {
  return main(['docs', '--out', out], { cwd: REPO_ROOT, stdout: () => undefined, stderr: () => undefined });
}

/** A table's rows under a heading, as cells. */
function rowsUnder(doc: string, heading: string): string[][] {
  return tables(section(doc, heading)).flatMap((t) => t.rows);
}

const TABLES = ['campaigns', 'products', 'tenants'];

test('the committed document is what docs renders from the repository', () => {
  // WHEN
  const fresh = renderRepository();

  // THEN
  if (fresh !== committedDoc()) {
    throw new Error(`${COMMITTED_DOC} is stale: run \`npm run synth\` (it also regenerates the document) and commit it`);
  }
  expect(fresh).toEqual(committedDoc());
});

test('two runs of docs write identical bytes', async () => {
  // GIVEN
  const dir = mkdtempSync(join(tmpdir(), 'ddbops-docs-'));
  try {
    // WHEN
    const codes = [await docsTo(join(dir, 'a.md')), await docsTo(join(dir, 'b.md'))];

    // THEN
    expect(codes).toEqual([0, 0]);
    expect(readFileSync(join(dir, 'a.md')).equals(readFileSync(join(dir, 'b.md')))).toBe(true);
    expect(readFileSync(join(dir, 'a.md'), 'utf8')).toEqual(committedDoc());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

describe('coverage', () => {
  const doc = committedDoc();

  test('a section for each of the 3 tables', () => {
    // WHEN
    const headings = doc.split('\n').filter((l) => l.startsWith('### Table: '));

    // THEN
    expect(headings).toEqual(TABLES.map((t) => `### Table: ${t}`));
  });

  test('all 6 GSIs, each with keys, projection and purpose', () => {
    // WHEN
    const gsis = TABLES.flatMap((t) => rowsUnder(section(doc, `### Table: ${t}`), '#### Secondary indexes').map((r) => [t, ...r]));

    // THEN
    expect(gsis).toEqual([
      ['campaigns', '`CampaignActiveIndex`', 'GSI', '`active`', '`fromDate`', 'ALL', 'every item', 'List active campaigns by start date'],
      ['campaigns', '`CampaignProductIndex`', 'GSI', '`productId`', '`fromDate`', 'ALL', 'every item', 'List a product\'s campaigns by start date'],
      ['products', '`ProductActiveIndex`', 'GSI', '`active`', '`dateCreated`', 'ALL', 'every item', 'List active products by creation date'],
      ['tenants', '`EmailIndex`', 'GSI', '`email`', '—', 'ALL', 'every item', 'Find a tenant by email (checkout, login)'],
      ['tenants', '`TenantStatusIndex`', 'GSI', '`status`', '`dateCreated`', 'ALL', 'every item', 'List tenants in a status, newest first, optionally by date range'],
      ['tenants', '`ActiveIndex`', 'GSI', '`active`', '`dateCreated`', 'ALL', 'every item', 'List all active tenants, paginated by creation date'],
    ]);
  });

  test('all 18 access patterns, each mapped to the key or index that serves it', () => {
    // WHEN
    const patterns = TABLES.flatMap((t) => rowsUnder(section(doc, `### Table: ${t}`), '#### Access patterns').map((r) => `${t} ${r[0]} ${r[2]} ${r[3]}`));

    // THEN
    expect(patterns).toEqual([
      'campaigns AP-1 GetItem table primary key',
      'campaigns AP-2 Query GSI `CampaignActiveIndex`',
      'campaigns AP-3 Query GSI `CampaignProductIndex`',
      'campaigns AP-4 PutItem table primary key',
      'campaigns AP-5 UpdateItem table primary key',
      'campaigns AP-6 UpdateItem table primary key',
      'products AP-1 GetItem table primary key',
      'products AP-2 Query GSI `ProductActiveIndex`',
      'products AP-3 PutItem table primary key',
      'products AP-4 UpdateItem table primary key',
      'products AP-5 UpdateItem table primary key',
      'tenants AP-1 GetItem table primary key',
      'tenants AP-2 Query GSI `EmailIndex`',
      'tenants AP-3 Query GSI `ActiveIndex`',
      'tenants AP-4 Query GSI `TenantStatusIndex`',
      'tenants AP-5 PutItem table primary key',
      'tenants AP-6 UpdateItem table primary key',
      'tenants AP-7 UpdateItem table primary key',
    ]);
  });

  test('the environments matrix has the 3 environments and their recovery settings', () => {
    // WHEN
    const [matrix] = tables(section(doc, '## Environments'));
    const row = (label: string) => matrix.rows.find((r) => r[0] === label);

    // THEN
    expect(matrix.header).toEqual(['Setting', 'dev', 'prod', 'sit']);
    expect(row('AWS account')).toEqual(['AWS account', '`536580886816`', '`093646564004`', '`815856636111`']);
    expect(row('DR region')).toEqual(['DR region', '—', '`eu-west-1`', '—']);
    expect(row('AWS Backup')).toEqual(['AWS Backup', '`cron(0 1 * * ? *)`, kept 7 days', '`cron(0 * * * ? *)`, kept 30 days', '`cron(0 1 * * ? *)`, kept 14 days']);
    expect(row('Cross-region backup copy')).toEqual(['Cross-region backup copy', '—', '`eu-west-1`, kept 30 days', '—']);
    expect(row('Replicas')).toEqual(['Replicas', 'none', '`eu-west-1`', 'none']);
    expect(row('Deletion protection')).toEqual(['Deletion protection', 'off', 'on', 'off']);
    expect(row('Management mode')).toEqual(['Management mode', '`full`', '`keep-on-delete`', '`full`']);
  });

  test('the cost of protection: PITR once per table, every AWS Backup recovery point a full copy, DR copies and their transfer, replicas', () => {
    // WHEN
    const section = doc.slice(doc.indexOf('### What the protection costs'), doc.indexOf('### Recovery steps'));

    // THEN
    expect(section).toContain('| prod | 3 of 3 tables: their size, once | 720 (24 a day × 30 days) | 720 more in `eu-west-1`, plus the transfer of 24 × the table size a day | a full copy in `eu-west-1`, and every write again |');
    expect(section).toContain('| dev | 3 of 3 tables: their size, once | 7 (1 a day × 7 days) | — | none |');
    expect(section).toContain('whatever the recovery window: shortening it saves nothing');
  });

  test('the recovery commands name the real tables, regions, vault and role', () => {
    // WHEN
    const recovery = section(doc, '### Recovery steps');

    // THEN
    expect(recovery).toContain('# TABLE is one of: campaigns, products, tenants');
    expect(recovery).toContain('aws dynamodb restore-table-to-point-in-time --region af-south-1 \\');
    expect(recovery).toContain('  --backup-vault-name bbws-prod-dynamodb \\');
    expect(recovery).toContain('  --by-resource-arn "arn:aws:dynamodb:af-south-1:093646564004:table/$TABLE" \\');
    expect(recovery).toContain('  --iam-role-arn arn:aws:iam::093646564004:role/bbws-prod-dynamodb-backup \\');
    expect(recovery).toContain('RESTORE_JOB_ID=$(aws backup start-restore-job --region eu-west-1 \\');
    expect(recovery).toContain('aws dynamodb describe-table --region eu-west-1 --table-name "$TABLE" --query \'Table.TableStatus\'');
  });

  test('no dates or times', () => {
    // THEN: the only date-like text is the format example copied from the schemas
    expect(doc.match(/\d{4}-\d{2}-\d{2}/g)).toEqual(['2026-01-31', '2026-01-31', '2026-01-31']);
  });
});
