/**
 * Small in-memory inputs for the validator's unit tests: one valid table, one
 * valid environment and a valid project, each built fresh so a test can
 * mutate it into exactly the mistake it is about.
 */
import { stringify } from 'yaml';
import { Finding, formatPath } from '../../src/diagnostics/finding';
import { RawInputs } from '../../src/model/inputs';
import { RawFile } from '../../src/model/inputs';
import { checkInputs } from '../../src/pipeline/check';

/** Test data is mutated freely, including into shapes the zod types forbid. */
export type Json = any;

/** `orders`: PK/SK, one GSI, and access patterns that use every key. Validates with no findings. */
export function validTable(): Json {
  return {
    tableName: 'orders',
    description: 'Orders placed by customers',
    primaryKey: {
      partitionKey: { name: 'PK', type: 'S', pattern: 'ORDER#{orderId}' },
      sortKey: { name: 'SK', type: 'S', pattern: 'METADATA' },
    },
    attributes: [
      { name: 'PK', type: 'S', required: true },
      { name: 'SK', type: 'S', required: true },
      { name: 'customerId', type: 'S', required: true },
      { name: 'createdAt', type: 'S', required: true, format: 'ISO 8601' },
      { name: 'total', type: 'N', required: true },
      { name: 'status', type: 'S', enum: ['OPEN', 'PAID'] },
    ],
    globalSecondaryIndexes: [
      {
        indexName: 'CustomerIndex',
        partitionKey: { name: 'customerId', type: 'S' },
        sortKey: { name: 'createdAt', type: 'S' },
        projectionType: 'ALL',
      },
    ],
    capacityMode: 'ON_DEMAND',
    pitr: { enabled: true },
    streams: { enabled: true, viewType: 'NEW_AND_OLD_IMAGES' },
    accessPatterns: [
      { id: 'AP-1', description: 'Get an order', operation: 'GetItem', keyCondition: 'PK = ORDER#{orderId} AND SK = METADATA' },
      {
        id: 'AP-2',
        description: 'List a customer\'s orders by date',
        operation: 'Query',
        index: 'CustomerIndex',
        keyCondition: 'customerId = :customerId AND createdAt BETWEEN :from AND :to',
      },
      { id: 'AP-3', description: 'Place an order', operation: 'PutItem', keyCondition: 'PK = ORDER#{orderId} AND SK = METADATA' },
    ],
  };
}

export const ACCOUNT = '123456789012';

/** An environment with every mandatory tag, no backup and no replicas. Validates with no findings. */
export function validEnvironment(name = 'dev'): Json {
  return {
    name,
    account: ACCOUNT,
    region: 'eu-west-1',
    namespace: `orders-${name}`,
    providerConfig: { roleArn: `arn:aws:iam::${ACCOUNT}:role/crossplane-dynamodb` },
    tableDefaults: { capacityMode: 'ON_DEMAND', pitr: { enabled: true }, deletionProtection: false, onRemoval: 'delete' },
    backup: { enabled: false },
    encryption: { type: 'aws-managed' },
    tags: {
      Environment: name,
      Project: 'orders',
      Owner: 'platform@example.com',
      CostCenter: 'CC-1',
      ManagedBy: 'crossplane',
      BackupPolicy: 'none',
      Component: 'dynamodb',
    },
  };
}

/** AWS Backup on, copied to a DR region, with a replica there: the prod shape. */
export function validProdEnvironment(): Json {
  const env = validEnvironment('prod');
  env.drRegion = 'eu-central-1';
  env.backup = {
    enabled: true,
    schedule: 'cron(0 * * * ? *)',
    retentionDays: 30,
    copyToDr: { enabled: true, retentionDays: 30 },
  };
  env.replicas = [{ region: 'eu-central-1' }];
  env.tags.BackupPolicy = 'hourly';
  return env;
}

export function validProject(): Json {
  return {
    organisation: 'Example platform team',
    apiGroup: 'platform.example.com',
    repository: { url: 'https://example.com/tables.git', revision: 'main' },
    argocd: { project: 'tables' },
  };
}

export const PROJECT_FILE = 'project.yaml';
export const TABLE_FILE = 'schemas/orders.schema.json';
export const ENV_FILE = 'environments/dev.yaml';

export function tableFile(table: Json, path = `schemas/${String(table.tableName)}.schema.json`): RawFile {
  return { path, text: `${JSON.stringify(table, null, 2)}\n` };
}

export function environmentFile(env: Json, path = `environments/${String(env.name)}.yaml`): RawFile {
  return { path, text: stringify(env) };
}

export interface Files {
  /** @default [validTable()] */
  readonly tables?: readonly Json[];
  /** @default [validEnvironment()] */
  readonly environments?: readonly Json[];
  /** @default validProject() */
  readonly project?: Json;
  /** Files given as text, e.g. with a syntax error; added after the ones above. */
  readonly schemaFiles?: readonly RawFile[];
  readonly environmentFiles?: readonly RawFile[];
  readonly projectFile?: RawFile;
}

export function rawInputs(files: Files = {}): RawInputs {
  return {
    project: files.projectFile ?? { path: PROJECT_FILE, text: stringify(files.project ?? validProject()) },
    schemas: [...(files.tables ?? [validTable()]).map((t) => tableFile(t)), ...(files.schemaFiles ?? [])],
    environments: [...(files.environments ?? [validEnvironment()]).map((e) => environmentFile(e)), ...(files.environmentFiles ?? [])],
  };
}

/** Every finding for these inputs, sorted, with line numbers. */
export function check(files: Files = {}): readonly Finding[] {
  return checkInputs(rawInputs(files)).findings;
}

/** Findings for the valid table after `mutate`, next to the valid dev environment. */
export function checkTable(mutate: (table: Json) => void, files: Omit<Files, 'tables'> = {}): readonly Finding[] {
  const table = validTable();
  mutate(table);
  return check({ ...files, tables: [table] });
}

/** Findings for the valid dev environment after `mutate`, next to the valid table. */
export function checkEnvironment(mutate: (env: Json) => void, base: Json = validEnvironment()): readonly Finding[] {
  mutate(base);
  return check({ environments: [base] });
}

/** What a finding says, minus its hint and line: the part tests pin exactly. */
export interface Said {
  readonly severity: Finding['severity'];
  readonly file: string;
  readonly path: string;
  readonly rule: string;
  readonly message: string;
}

export function said(f: Finding): Said {
  return { severity: f.severity, file: f.file, path: formatPath(f.path), rule: f.rule, message: f.message };
}

/** `said` for every finding, after checking each one carries a hint. */
export function summarize(findings: readonly Finding[]): Said[] {
  for (const f of findings) {
    if (!f.hint || f.hint.trim() === '') throw new Error(`finding without a hint: ${JSON.stringify(f)}`);
  }
  return findings.map(said);
}

/** Shorthands for the expected side. */
export function err(file: string, path: string, rule: string, message: string): Said {
  return { severity: 'error', file, path, rule, message };
}

export function warn(file: string, path: string, rule: string, message: string): Said {
  return { severity: 'warning', file, path, rule, message };
}

/** Builds `n` distinct items, e.g. 21 GSIs. */
export function times<T>(n: number, make: (i: number) => T): T[] {
  return Array.from({ length: n }, (_, i) => make(i));
}
