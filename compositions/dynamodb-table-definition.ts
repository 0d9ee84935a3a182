import { Construct } from 'constructs';
import { CompositeResourceDefinitionV2, CompositeResourceDefinitionV2SpecScope } from '../imports/apiextensions.crossplane.io';
import { PROJECTION_TYPES, STREAM_VIEW_TYPES, TABLE_CLASSES } from '../src/model/aws';
import { arr, bool, enumOf, immutable, int, obj, str, stringMap } from './openapi';

export interface DynamoDbTableDefinitionProps {
  /** API group, e.g. `platform.example.com`. */
  readonly group: string;
  /**
   * Composition used when an XR names none.
   * @default `dynamodbtables.<group>`
   */
  readonly defaultCompositionName?: string;
}

export const TABLE_XR_KIND = 'DynamoDBTable';
export const TABLE_XR_PLURAL = 'dynamodbtables';
export const XR_VERSION = 'v1alpha1';

const throughput = obj('On-demand throughput caps', {
  maxReadRequestUnits: int('Maximum read request units', { minimum: 1 }),
  maxWriteRequestUnits: int('Maximum write request units', { minimum: 1 }),
});

/** The table XRD's spec: everything the schema language can say about a table. */
export function tableSpecSchema(): Record<string, unknown> {
  const keyName = str('Attribute name', { minLength: 1, maxLength: 255 });
  return obj('Desired state of a DynamoDB table', {
    tableName: str('Physical DynamoDB table name; also the external name, so an existing table is adopted', {
      minLength: 3, maxLength: 255, pattern: '^[a-zA-Z0-9_.-]+$', ...immutable('tableName'),
    }),
    region: str('AWS region of the table', { ...immutable('region') }),
    providerConfigName: str('Namespaced aws.m.upbound.io ProviderConfig to use'),
    managementMode: enumOf('full: create, update, delete. keep-on-delete: deleting the XR keeps the table. observe: read-only adoption',
      ['full', 'keep-on-delete', 'observe'], { default: 'full' }),
    hashKey: str('Partition key attribute', { ...immutable('hashKey') }),
    rangeKey: str('Sort key attribute', { ...immutable('rangeKey') }),
    attributes: arr('Key attributes only (table and index keys); DynamoDB rejects definitions of other attributes',
      obj('Key attribute', { name: keyName, type: enumOf('Key type', ['S', 'N', 'B']) }, ['name', 'type']),
      { minItems: 1, 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['name'] }),
    globalSecondaryIndexes: arr('Global secondary indexes', obj('Global secondary index', {
      name: str('Index name', { minLength: 3, maxLength: 255 }),
      hashKey: str('Partition key attribute'),
      rangeKey: str('Sort key attribute'),
      projectionType: enumOf('Projection', PROJECTION_TYPES),
      nonKeyAttributes: arr('Projected attributes (INCLUDE)', { type: 'string' }),
      onDemandThroughput: throughput,
      readCapacity: int('Provisioned read capacity units', { minimum: 1 }),
      writeCapacity: int('Provisioned write capacity units', { minimum: 1 }),
    }, ['name', 'hashKey', 'projectionType']), { maxItems: 20, 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['name'] }),
    localSecondaryIndexes: arr('Local secondary indexes; fixed at table creation', obj('Local secondary index', {
      name: str('Index name', { minLength: 3, maxLength: 255 }),
      rangeKey: str('Alternate sort key attribute'),
      projectionType: enumOf('Projection', PROJECTION_TYPES),
      nonKeyAttributes: arr('Projected attributes (INCLUDE)', { type: 'string' }),
    }, ['name', 'rangeKey', 'projectionType']), { maxItems: 5, ...immutable('localSecondaryIndexes') }),
    billingMode: enumOf('Billing mode', ['PAY_PER_REQUEST', 'PROVISIONED'], { default: 'PAY_PER_REQUEST' }),
    readCapacity: int('Provisioned read capacity units', { minimum: 1 }),
    writeCapacity: int('Provisioned write capacity units', { minimum: 1 }),
    onDemandThroughput: throughput,
    pointInTimeRecovery: obj('Point-in-time recovery', {
      enabled: bool('Continuous backups'),
      recoveryPeriodInDays: int('Recovery window in days', { minimum: 1, maximum: 35 }),
    }, ['enabled']),
    encryption: obj('Encryption at rest', {
      type: enumOf('aws-owned (DynamoDB default key), aws-managed (aws/dynamodb KMS key) or customer-managed (kmsKeyArn)',
        ['aws-owned', 'aws-managed', 'customer-managed']),
      kmsKeyArn: str('Customer-managed KMS key ARN'),
    }, ['type'], { 'x-kubernetes-validations': [{ rule: "self.type != 'customer-managed' || has(self.kmsKeyArn)", message: 'customer-managed encryption needs kmsKeyArn' }] }),
    stream: obj('DynamoDB Streams', {
      enabled: bool('Stream enabled'),
      viewType: enumOf('What each stream record holds', STREAM_VIEW_TYPES),
    }, ['enabled']),
    ttl: obj('Time to live', { enabled: bool('TTL enabled'), attributeName: str('Attribute holding the expiry, epoch seconds') }, ['enabled', 'attributeName']),
    tableClass: enumOf('Table class', TABLE_CLASSES, { default: 'STANDARD' }),
    deletionProtection: bool('Deletion protection in AWS', { default: false }),
    replicas: arr('Global-table replicas', obj('Replica', {
      regionName: str('Replica region'),
      pointInTimeRecovery: bool('PITR on the replica'),
      propagateTags: bool('Copy the table\'s tags to the replica'),
      deletionProtectionEnabled: bool('Deletion protection on the replica'),
      kmsKeyArn: str('Customer-managed KMS key in the replica region'),
    }, ['regionName']), { 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['regionName'] }),
    tags: stringMap('The table\'s own tags'),
    mandatoryTags: stringMap('Environment tags; they win over tags with the same key'),
    backup: obj('AWS Backup coverage', { plan: str('Backup plan XR covering this table, or "none"') }, ['plan']),
  }, ['tableName', 'region', 'providerConfigName', 'hashKey', 'attributes', 'billingMode', 'pointInTimeRecovery', 'encryption', 'stream'], {
    // A field's own `self == oldSelf` rule only runs when the field is there before and after,
    // so adding or removing the optional sort key or LSIs needs a rule one level up.
    'x-kubernetes-validations': [
      { rule: 'has(self.rangeKey) == has(oldSelf.rangeKey)', message: 'rangeKey cannot be added or removed; changing the key schema means a new table' },
      { rule: 'has(self.localSecondaryIndexes) == has(oldSelf.localSecondaryIndexes)', message: 'localSecondaryIndexes cannot be added or removed; LSIs exist only from table creation' },
    ],
  });
}

/**
 * XRD for `DynamoDBTable`: namespaced, so each environment's namespace holds
 * its tables, and these XRs are what users inspect (v2 has no claims).
 */
export class DynamoDbTableDefinition extends CompositeResourceDefinitionV2 {
  constructor(scope: Construct, id: string, props: DynamoDbTableDefinitionProps) {
    super(scope, id, {
      metadata: { name: `${TABLE_XR_PLURAL}.${props.group}` },
      spec: {
        group: props.group,
        names: { kind: TABLE_XR_KIND, plural: TABLE_XR_PLURAL, singular: 'dynamodbtable', categories: ['dynamodb', 'crossplane'], shortNames: ['ddbt'] },
        scope: CompositeResourceDefinitionV2SpecScope.NAMESPACED,
        defaultCompositionRef: { name: props.defaultCompositionName ?? `${TABLE_XR_PLURAL}.${props.group}` },
        versions: [{
          name: XR_VERSION,
          served: true,
          referenceable: true,
          // Crossplane appends SYNCED, READY, COMPOSITION and AGE itself.
          additionalPrinterColumns: [
            { name: 'TABLE', type: 'string', jsonPath: '.spec.tableName' },
            { name: 'REGION', type: 'string', jsonPath: '.spec.region' },
            { name: 'BILLING', type: 'string', jsonPath: '.spec.billingMode' },
            { name: 'PITR', type: 'boolean', jsonPath: '.spec.pointInTimeRecovery.enabled' },
            { name: 'BACKUP', type: 'string', jsonPath: '.spec.backup.plan' },
            { name: 'ARN', type: 'string', jsonPath: '.status.arn', priority: 1 },
          ],
          schema: {
            openApiv3Schema: {
              type: 'object',
              properties: {
                spec: tableSpecSchema(),
                status: obj('Observed state, copied from the composed Table', {
                  arn: str('Table ARN'),
                  streamArn: str('Latest stream ARN'),
                  tableName: str('Table name in AWS'),
                  region: str('Region in AWS'),
                }),
              },
              required: ['spec'],
            },
          },
        }],
      },
    });
  }
}
