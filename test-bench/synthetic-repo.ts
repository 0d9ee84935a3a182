import { mkdirSync, writeFileSync } from 'fs';
import { join } from 'path';

/**
 * Writes a valid synthetic repository with `tables` schemas and three
 * environments, shaped like real ones: keys, 0-3 GSIs, access patterns,
 * prod with backups, a DR copy and a replica.
 */
export function writeSyntheticRepo(dir: string, tables: number): void {
  mkdirSync(join(dir, 'schemas'), { recursive: true });
  mkdirSync(join(dir, 'environments'), { recursive: true });
  writeFileSync(join(dir, 'project.yaml'), [
    'organisation: Bench Co', 'apiGroup: platform.bench.example.com',
    'repository: {url: "https://example.com/bench.git", revision: main}', 'argocd: {project: bench}', '',
  ].join('\n'));
  const envs: [string, string, boolean][] = [['dev', '111111111111', false], ['sit', '222222222222', false], ['prod', '333333333333', true]];
  for (const [name, account, prod] of envs) {
    writeFileSync(join(dir, 'environments', `${name}.yaml`), [
      `name: ${name}`, `account: "${account}"`, 'region: eu-west-1', ...(prod ? ['drRegion: eu-central-1'] : []),
      `namespace: bench-${name}`, `providerConfig: {roleArn: "arn:aws:iam::${account}:role/crossplane"}`,
      `tableDefaults: {pitr: {enabled: true}, deletionProtection: ${prod}, onRemoval: ${prod ? 'keep' : 'delete'}}`,
      prod ? 'backup: {enabled: true, schedule: "cron(0 * * * ? *)", retentionDays: 30, copyToDr: {enabled: true, retentionDays: 30}}' : 'backup: {enabled: false}',
      ...(prod ? ['replicas: [{region: eu-central-1}]'] : []),
      `tags: {Environment: ${name}, Project: bench, Owner: a@b.c, CostCenter: x, ManagedBy: crossplane, BackupPolicy: ${prod ? 'hourly' : 'none'}, Component: dynamodb}`,
      '',
    ].join('\n'));
  }
  for (let i = 0; i < tables; i++) {
    const name = `table-${String(i).padStart(4, '0')}`;
    const gsis = i % 4;
    const attrs = [
      { name: 'PK', type: 'S', required: true }, { name: 'SK', type: 'S', required: true },
      ...Array.from({ length: gsis }, (_, g) => ({ name: `g${g}`, type: g % 2 ? 'N' : 'S', required: true })),
      { name: 'payload', type: 'M' },
    ];
    const schema = {
      tableName: name,
      primaryKey: { partitionKey: { name: 'PK', type: 'S' }, sortKey: { name: 'SK', type: 'S' } },
      attributes: attrs,
      globalSecondaryIndexes: Array.from({ length: gsis }, (_, g) => ({
        indexName: `Index${g}`, partitionKey: { name: `g${g}`, type: g % 2 ? 'N' : 'S' }, sortKey: { name: 'SK', type: 'S' },
        projectionType: g === 2 ? 'INCLUDE' : 'ALL', ...(g === 2 ? { nonKeyAttributes: ['payload'] } : {}),
      })),
      streams: { enabled: true, viewType: 'NEW_AND_OLD_IMAGES' },
      accessPatterns: [
        { id: 'AP-1', description: 'get', operation: 'GetItem', keyCondition: 'PK = X AND SK = Y' },
        ...Array.from({ length: gsis }, (_, g) => ({ id: `AP-${g + 2}`, description: 'query', operation: 'Query', index: `Index${g}`, keyCondition: `g${g} = :v` })),
      ],
    };
    writeFileSync(join(dir, 'schemas', `${name}.schema.json`), `${JSON.stringify(schema, null, 2)}\n`);
  }
}
