/**
 * The DynamoDBTable XRD, synthesized in a test chart the way cdk8s-plus tests
 * its constructs: what users see in `kubectl get`, and which spec changes
 * the API server refuses because DynamoDB would have to replace the table.
 */
import { Testing } from 'cdk8s';
import { DynamoDbTableDefinition, tableSpecSchema } from '../../compositions/dynamodb-table-definition';
import { TABLE_XR_KIND } from '../../src/model/xr-api';

type Json = any;

function synthXrd(group = 'platform.example.com'): Json {
  const chart = Testing.chart();
  new DynamoDbTableDefinition(chart, 'xrd', { group });
  const manifest = Testing.synth(chart);
  expect(manifest).toHaveLength(1);
  return manifest[0];
}

const IMMUTABLE = { rule: 'self == oldSelf' };

describe('DynamoDbTableDefinition', () => {
  const xrd = synthXrd();
  const version = xrd.spec.versions[0];
  const spec = version.schema.openAPIV3Schema.properties.spec;

  test('is a Crossplane v2, namespaced XRD in the project\'s API group', () => {
    expect(xrd.apiVersion).toBe('apiextensions.crossplane.io/v2');
    expect(xrd.kind).toBe('CompositeResourceDefinition');
    expect(xrd.metadata.name).toBe('dynamodbtables.platform.example.com');
    expect(xrd.spec.scope).toBe('Namespaced');
    expect(xrd.spec.group).toBe('platform.example.com');
    expect(xrd.spec.names).toMatchObject({ kind: TABLE_XR_KIND, plural: 'dynamodbtables', singular: 'dynamodbtable' });
    expect(xrd.spec.defaultCompositionRef).toEqual({ name: 'dynamodbtables.platform.example.com' });
    expect(xrd.spec.versions).toHaveLength(1);
    expect(version).toMatchObject({ name: 'v1alpha1', served: true, referenceable: true });
  });

  test('the API group follows the project config', () => {
    const other = synthXrd('tables.acme.io');
    expect(other.metadata.name).toBe('dynamodbtables.tables.acme.io');
    expect(other.spec.group).toBe('tables.acme.io');
  });

  test('printer columns: TABLE and the provider\'s verdict by default; billing, where, how protected, the provider\'s words and the ARN with -o wide', () => {
    const cols = version.additionalPrinterColumns as Json[];
    expect(cols.map((c) => [c.name, c.type, c.jsonPath, c.priority ?? 0])).toEqual([
      ['TABLE', 'string', '.spec.tableName', 0],
      ['BILLING', 'string', '.spec.billingMode', 1],
      ['AWS', 'string', ".status.resources.table.conditions[?(@.type=='Synced')].reason", 0],
      ['REGION', 'string', '.spec.region', 1],
      ['PITR', 'boolean', '.spec.pointInTimeRecovery.enabled', 1],
      ['BACKUP', 'string', '.spec.backup.plan', 1],
      ['MESSAGE', 'string', ".status.resources.table.conditions[?(@.type=='Synced')].message", 1],
      ['ARN', 'string', '.status.arn', 1],
    ]);
    // Columns Crossplane adds itself must not be declared twice.
    expect(cols.map((c) => c.name)).not.toEqual(expect.arrayContaining(['READY']));
    expect(cols.map((c) => c.name)).not.toEqual(expect.arrayContaining(['SYNCED']));
  });

  test('every printer column points at a field the schema declares', () => {
    for (const c of version.additionalPrinterColumns as Json[]) {
      // A filter ([?(@.type=='Synced')]) selects array items; the field after it belongs to the items.
      const [, root, ...rest] = (c.jsonPath as string).replace(/\[\?\(.*?\)\]/g, '[]').split('.');
      let node = version.schema.openAPIV3Schema.properties[root];
      for (const p of rest) node = p.endsWith('[]') ? node?.properties?.[p.slice(0, -2)]?.items : node?.properties?.[p];
      expect({ column: c.name, declared: node !== undefined }).toEqual({ column: c.name, declared: true });
    }
  });

  test.each([
    ['tableName', 'the physical name; a new name is a new table'],
    ['region', 'a table cannot move regions'],
    ['hashKey', 'DynamoDB cannot change the partition key'],
    ['rangeKey', 'DynamoDB cannot change the sort key'],
    ['localSecondaryIndexes', 'LSIs exist only from table creation'],
  ])('%s is immutable (self == oldSelf): %s', (field) => {
    expect(spec.properties[field]['x-kubernetes-validations']).toEqual([expect.objectContaining(IMMUTABLE)]);
    expect(spec.properties[field]['x-kubernetes-validations'][0].message).toMatch(new RegExp(`^${field} is immutable; .*changing it means a new table$`));
  });

  test('adding or removing the optional rangeKey or LSIs is refused too (a field-level transition rule only sees changes)', () => {
    const rules = (spec['x-kubernetes-validations'] ?? []) as Json[];
    expect(rules).toEqual(expect.arrayContaining([
      expect.objectContaining({ rule: 'has(self.rangeKey) == has(oldSelf.rangeKey)' }),
      expect.objectContaining({ rule: 'has(self.localSecondaryIndexes) == has(oldSelf.localSecondaryIndexes)' }),
    ]));
  });

  test('fields that may change in place carry no immutability rule', () => {
    const mutable = ['billingMode', 'globalSecondaryIndexes', 'pointInTimeRecovery', 'stream', 'ttl', 'tags', 'replicas', 'deletionProtection', 'managementMode'];
    for (const f of mutable) {
      const rules = (spec.properties[f]['x-kubernetes-validations'] ?? []) as Json[];
      expect({ f, rules: rules.filter((r) => r.rule === IMMUTABLE.rule) }).toEqual({ f, rules: [] });
    }
  });

  test('the spec covers everything the schema language expresses', () => {
    expect(Object.keys(spec.properties).sort()).toEqual([
      'attributes', 'backup', 'billingMode', 'deletionProtection', 'encryption', 'globalSecondaryIndexes', 'hashKey',
      'localSecondaryIndexes', 'managementMode', 'mandatoryTags', 'onDemandThroughput', 'pointInTimeRecovery',
      'providerConfigName', 'rangeKey', 'readCapacity', 'region', 'replicas', 'stream', 'tableClass', 'tableName', 'tags',
      'ttl', 'writeCapacity',
    ]);
    expect(spec.properties.managementMode.enum).toEqual(['full', 'keep-on-delete', 'observe']);
    expect(spec.properties.encryption.properties.type.enum).toEqual(['aws-owned', 'aws-managed', 'customer-managed']);
    expect(spec.properties.billingMode.enum).toEqual(['PAY_PER_REQUEST', 'PROVISIONED']);
    expect(spec.properties.attributes.items.properties.type.enum).toEqual(['S', 'N', 'B']);
    expect(Object.keys(spec.properties.globalSecondaryIndexes.items.properties).sort()).toEqual([
      'hashKey', 'name', 'nonKeyAttributes', 'onDemandThroughput', 'projectionType', 'rangeKey', 'readCapacity', 'writeCapacity',
    ]);
    expect(Object.keys(spec.properties.replicas.items.properties).sort()).toEqual([
      'deletionProtectionEnabled', 'kmsKeyArn', 'pointInTimeRecovery', 'propagateTags', 'regionName',
    ]);
    expect(spec.properties.pointInTimeRecovery.properties.recoveryPeriodInDays).toMatchObject({ minimum: 1, maximum: 35 });
  });

  test('customer-managed encryption requires a key ARN (CEL)', () => {
    expect(spec.properties.encryption['x-kubernetes-validations']).toEqual([
      { rule: "self.type != 'customer-managed' || has(self.kmsKeyArn)", message: 'customer-managed encryption needs kmsKeyArn' },
    ]);
  });

  test('status holds arn, streamArn, tableName and region, and the composed Table\'s own conditions', () => {
    const status = version.schema.openAPIV3Schema.properties.status;
    expect(Object.keys(status.properties).sort()).toEqual(['arn', 'region', 'resources', 'streamArn', 'tableName']);
    expect(Object.keys(status.properties.resources.properties.table.properties.conditions.items.properties).sort())
      .toEqual(['lastTransitionTime', 'message', 'observedGeneration', 'reason', 'status', 'type']);
  });

  test('attributes are bounded by the most key attributes a table can have (2 + 20 GSIs × 2 + 5 LSIs), which also bounds the CEL cost', () => {
    expect(spec.properties.attributes.maxItems).toEqual(47);
  });

  test('LSIs are a list-map by name, so the API server refuses two with one name', () => {
    expect(spec.properties.localSecondaryIndexes).toMatchObject({ 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['name'] });
  });

  test('on-demand caps take -1 (remove a cap) or at least 1, never 0', () => {
    for (const f of ['maxReadRequestUnits', 'maxWriteRequestUnits']) {
      expect(spec.properties.onDemandThroughput.properties[f]).toMatchObject({ minimum: -1, 'x-kubernetes-validations': [expect.objectContaining({ rule: 'self != 0' })] });
    }
  });

  test('every field has a description, for kubectl explain', () => {
    const missing: string[] = [];
    const walk = (node: Json, at: string) => {
      if (!node || typeof node !== 'object') return;
      if (at !== 'spec' && node.type && !node.description && !at.endsWith('[]') && !at.endsWith('{}')) missing.push(at);
      for (const [k, v] of Object.entries(node.properties ?? {})) walk(v, `${at}.${k}`);
      if (node.items) walk(node.items, `${at}[]`);
    };
    walk(tableSpecSchema(), 'spec');
    expect(missing).toEqual([]);
  });
});
