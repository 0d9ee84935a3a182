/**
 * A synthetic repository for the design document's structural tests: the
 * validator's `orders` table grown an LSI, an INCLUDE GSI and TTL, plus a
 * PROVISIONED `customers` table without a sort key, in a dev environment
 * without backups and a prod environment with AWS Backup, a DR copy and a
 * replica (of `orders` only: a PROVISIONED table cannot be replicated).
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { RawInputs } from '../../src/model/inputs';
import { DEFAULT_INPUT_PATHS, readInputs } from '../../src/load/read-inputs';
import { CHARTS } from '../../charts';
import { synthesize } from '../../src/pipeline/synthesize';
import { renderDesignDoc } from '../../src/docs/render';
import { Json, rawInputs, validEnvironment, validProdEnvironment, validTable } from '../validate/fixtures';

export const REPO_ROOT = join(__dirname, '..', '..');
export const COMMITTED_DOC = join(REPO_ROOT, 'docs', 'dynamodb-design.md');

export function ordersTable(): Json {
  const t = validTable();
  t.attributes.push(
    { name: 'expiresAt', type: 'N', description: 'Epoch seconds after which the order is dropped' },
    { name: 'note', type: 'S', description: 'Free text | may hold pipes' },
  );
  t.globalSecondaryIndexes.push({
    indexName: 'StatusIndex',
    partitionKey: { name: 'status', type: 'S' },
    sortKey: { name: 'createdAt', type: 'S' },
    projectionType: 'INCLUDE',
    nonKeyAttributes: ['total'],
    description: 'Orders in a status',
  });
  t.localSecondaryIndexes = [{
    indexName: 'ByTotal',
    sortKey: { name: 'total', type: 'N' },
    projectionType: 'KEYS_ONLY',
    description: 'An order partition by total',
  }];
  t.ttl = { attributeName: 'expiresAt', enabled: true };
  t.accessPatterns.push(
    { id: 'AP-4', description: 'Orders in a status', operation: 'Query', index: 'StatusIndex', keyCondition: 'status = :status' },
    { id: 'AP-5', description: 'Order items by total', operation: 'Query', index: 'ByTotal', keyCondition: 'PK = ORDER#{orderId} AND total > :min' },
  );
  t.businessRules = ['An order total is never negative.'];
  return t;
}

export function customersTable(): Json {
  return {
    tableName: 'customers',
    description: 'Customers who place orders',
    primaryKey: { partitionKey: { name: 'PK', type: 'S', pattern: 'CUSTOMER#{customerId}' } },
    attributes: [
      { name: 'PK', type: 'S', required: true },
      { name: 'email', type: 'S', required: true, unique: true },
    ],
    globalSecondaryIndexes: [{
      indexName: 'EmailIndex',
      partitionKey: { name: 'email', type: 'S' },
      projectionType: 'KEYS_ONLY',
      provisionedThroughput: { readCapacityUnits: 2, writeCapacityUnits: 1 },
    }],
    capacityMode: 'PROVISIONED',
    provisionedThroughput: { readCapacityUnits: 10, writeCapacityUnits: 5 },
    streams: { enabled: true, viewType: 'NEW_AND_OLD_IMAGES' },
    accessPatterns: [
      { id: 'AP-1', description: 'Get a customer', operation: 'GetItem', keyCondition: 'PK = CUSTOMER#{customerId}' },
      { id: 'AP-2', description: 'Find a customer by email', operation: 'Query', index: 'EmailIndex', keyCondition: 'email = :email' },
    ],
  };
}

export function syntheticInputs(): RawInputs {
  const customers = customersTable();
  // DynamoDB replicates only on-demand or auto-scaled tables, so this PROVISIONED table stays out of prod's global tables.
  customers.overrides = { prod: { replicas: [] } };
  return rawInputs({ tables: [ordersTable(), customers], environments: [validEnvironment('dev'), validProdEnvironment()] });
}

/** Validates, synthesizes and renders, as `ddbops docs` does; throws with the findings when the inputs are invalid. */
export function render(raw: RawInputs): string {
  const result = synthesize(raw, { until: 'objects', charts: CHARTS });
  if (!result.ok) throw new Error(`invalid inputs: ${JSON.stringify(result.findings, null, 2)}`);
  return renderDesignDoc(result.inputs, result.model, result.objects);
}

export function renderRepository(): string {
  return render(readInputs(DEFAULT_INPUT_PATHS, REPO_ROOT));
}

export function committedDoc(): string {
  return readFileSync(COMMITTED_DOC, 'utf8');
}

/** The text from a heading line to the next heading of the same or a higher level; code blocks hold no headings. */
export function section(doc: string, heading: string): string {
  const lines = doc.split('\n');
  const start = lines.indexOf(heading);
  if (start === -1) throw new Error(`no heading "${heading}"`);
  const level = heading.indexOf(' ');
  let inCode = false;
  for (let i = start + 1; i < lines.length; i++) {
    if (lines[i].startsWith('```')) inCode = !inCode;
    else if (!inCode && /^#+ /.test(lines[i]) && lines[i].indexOf(' ') <= level) return lines.slice(start, i).join('\n');
  }
  return lines.slice(start).join('\n');
}
