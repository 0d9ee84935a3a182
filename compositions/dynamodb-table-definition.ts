import { Construct } from 'constructs';
import { CompositeResourceDefinitionV2, CompositeResourceDefinitionV2SpecScope } from '../imports/apiextensions.crossplane.io';
import {
  BILLING_MODES, ENCRYPTION_TYPES, KEY_TYPES, LIMITS, PROJECTION_TYPES, STREAM_VIEW_TYPES, TABLE_CLASSES,
} from '../src/model/aws';
import {
  definitionName, MANAGEMENT_MODES, TABLE_SPEC_DEFAULTS, TABLE_XR_KIND, TABLE_XR_PLURAL, tableCompositionName, XR_VERSION,
} from '../src/model/xr-api';
import { composedStatusSchema, syncedOf } from './composed-status';
import { arr, bool, CelRule, enumOf, immutable, int, obj, str, stringMap } from './openapi';

export interface DynamoDbTableDefinitionProps {
  /** API group, e.g. `platform.example.com`. */
  readonly group: string;
  /**
   * Composition used when an XR names none.
   * @default `dynamodbtables.<group>`
   */
  readonly defaultCompositionName?: string;
}

/** DynamoDB fixes these when the table is created: the XR refuses edits instead of orphaning the table. */
const NEW_TABLE = 'changing it means a new table';

/** -1 is how DynamoDB (and Terraform) remove a cap that is set; 0 means nothing. */
const requestUnits = (what: string) => int(`${what}; -1 removes a cap that is set`, {
  minimum: -1,
  'x-kubernetes-validations': [{ rule: 'self != 0', message: `${what} must be at least 1, or -1 to remove the cap` }],
});

const throughput = obj('On-demand throughput caps', {
  maxReadRequestUnits: requestUnits('Maximum read request units'),
  maxWriteRequestUnits: requestUnits('Maximum write request units'),
});

/**
 * Every key attribute of a table: 2 for the table, 2 per GSI (20), 1 per LSI (5).
 * AWS refuses attribute definitions no key uses, so a longer list is always
 * invalid; the bound also keeps the CEL rules below within the API server's cost budget.
 */
export const MAX_KEY_ATTRIBUTES = 2 + LIMITS.maxGsis * 2 + LIMITS.maxLsis;

/**
 * Cross-field rules CreateTable/UpdateTable enforce, checked by the API
 * server for anyone who edits or applies an XR without `ddbops validate`.
 */
export const TABLE_SPEC_RULES: readonly CelRule[] = [
  {
    rule: 'self.attributes.exists(a, a.name == self.hashKey) && (!has(self.rangeKey) || self.attributes.exists(a, a.name == self.rangeKey))',
    message: 'hashKey and rangeKey must be declared in attributes (name and type)',
  },
  {
    rule: '!has(self.globalSecondaryIndexes) || self.globalSecondaryIndexes.all(g, self.attributes.exists(a, a.name == g.hashKey) && (!has(g.rangeKey) || self.attributes.exists(a, a.name == g.rangeKey)))',
    message: 'every global secondary index key (hashKey, rangeKey) must be declared in attributes',
  },
  {
    rule: '!has(self.localSecondaryIndexes) || self.localSecondaryIndexes.all(l, self.attributes.exists(a, a.name == l.rangeKey))',
    message: 'every local secondary index rangeKey must be declared in attributes',
  },
  {
    rule: 'self.attributes.all(a, a.name == self.hashKey || (has(self.rangeKey) && a.name == self.rangeKey)'
      + ' || (has(self.globalSecondaryIndexes) && self.globalSecondaryIndexes.exists(g, g.hashKey == a.name || (has(g.rangeKey) && g.rangeKey == a.name)))'
      + ' || (has(self.localSecondaryIndexes) && self.localSecondaryIndexes.exists(l, l.rangeKey == a.name)))',
    message: 'attributes may only declare key attributes: DynamoDB refuses a definition no table or index key uses',
  },
  {
    rule: '!has(self.localSecondaryIndexes) || has(self.rangeKey)',
    message: 'local secondary indexes need a table rangeKey: they share the table\'s partition key and sort differently',
  },
  {
    rule: '!has(self.globalSecondaryIndexes) || !has(self.localSecondaryIndexes) || self.globalSecondaryIndexes.all(g, self.localSecondaryIndexes.all(l, l.name != g.name))',
    message: 'index names must be unique across globalSecondaryIndexes and localSecondaryIndexes',
  },
  {
    rule: '!has(self.replicas) || size(self.replicas) == 0 || (self.stream.enabled && has(self.stream.viewType) && self.stream.viewType == \'NEW_AND_OLD_IMAGES\')',
    message: 'replicas need stream.enabled true with viewType NEW_AND_OLD_IMAGES: global tables replicate through the stream',
  },
  {
    rule: '!has(self.replicas) || self.replicas.all(r, r.regionName != self.region)',
    message: 'a replica region must differ from the table\'s region',
  },
  {
    rule: 'self.billingMode != \'PROVISIONED\' || (has(self.readCapacity) && has(self.writeCapacity))',
    message: 'billingMode PROVISIONED needs readCapacity and writeCapacity',
  },
  {
    rule: 'self.billingMode == \'PROVISIONED\' || (!has(self.readCapacity) && !has(self.writeCapacity))',
    message: 'readCapacity and writeCapacity apply only to billingMode PROVISIONED; on-demand tables take onDemandThroughput',
  },
  {
    rule: 'self.billingMode == \'PAY_PER_REQUEST\' || !has(self.onDemandThroughput)',
    message: 'onDemandThroughput applies only to billingMode PAY_PER_REQUEST',
  },
  {
    rule: '!has(self.stream) || self.stream.enabled == has(self.stream.viewType)',
    message: 'stream.viewType is required when the stream is enabled, and refused when it is not',
  },
  // A field's own `self == oldSelf` rule only runs when the field is there before and after,
  // so adding or removing the optional sort key or LSIs needs a rule one level up.
  {
    rule: 'has(self.rangeKey) == has(oldSelf.rangeKey)',
    message: `rangeKey cannot be added or removed; the key schema is fixed when the table is created, so ${NEW_TABLE}`,
  },
  {
    rule: 'has(self.localSecondaryIndexes) == has(oldSelf.localSecondaryIndexes)',
    message: `localSecondaryIndexes cannot be added or removed; LSIs exist only from table creation, so ${NEW_TABLE}`,
  },
];

/** The table XRD's spec: everything the schema language can say about a table. */
export function tableSpecSchema(): Record<string, unknown> {
  const keyName = str('Attribute name', { minLength: 1, maxLength: 255 });
  return obj('Desired state of a DynamoDB table', {
    tableName: str('Physical DynamoDB table name; also the external name, so an existing table is adopted', {
      minLength: 3, maxLength: 255, pattern: '^[a-zA-Z0-9_.-]+$', ...immutable('tableName', `it is the table's name in AWS, so ${NEW_TABLE}`),
    }),
    region: str('AWS region of the table', { maxLength: 32, ...immutable('region', `a table cannot move between regions, so ${NEW_TABLE}`) }),
    providerConfigName: str('Namespaced aws.m.upbound.io ProviderConfig to use'),
    managementMode: enumOf('full: create, update, delete. keep-on-delete: deleting the XR keeps the table. observe: read-only adoption',
      MANAGEMENT_MODES, { default: TABLE_SPEC_DEFAULTS.managementMode }),
    hashKey: str('Partition key attribute', { maxLength: 255, ...immutable('hashKey', `the key schema is fixed when the table is created, so ${NEW_TABLE}`) }),
    rangeKey: str('Sort key attribute', { maxLength: 255, ...immutable('rangeKey', `the key schema is fixed when the table is created, so ${NEW_TABLE}`) }),
    attributes: arr('Key attributes only (table and index keys); DynamoDB rejects definitions of other attributes',
      obj('Key attribute', { name: keyName, type: enumOf('Key type', KEY_TYPES) }, ['name', 'type']),
      { minItems: 1, maxItems: MAX_KEY_ATTRIBUTES, 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['name'] }),
    globalSecondaryIndexes: arr('Global secondary indexes', obj('Global secondary index', {
      name: str('Index name', { minLength: 3, maxLength: 255 }),
      hashKey: str('Partition key attribute', { maxLength: 255 }),
      rangeKey: str('Sort key attribute', { maxLength: 255 }),
      projectionType: enumOf('Projection', PROJECTION_TYPES),
      nonKeyAttributes: arr('Projected attributes (INCLUDE)', { type: 'string' }),
      onDemandThroughput: throughput,
      readCapacity: int('Provisioned read capacity units', { minimum: 1 }),
      writeCapacity: int('Provisioned write capacity units', { minimum: 1 }),
    }, ['name', 'hashKey', 'projectionType']), { maxItems: 20, 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['name'] }),
    localSecondaryIndexes: arr('Local secondary indexes; fixed at table creation', obj('Local secondary index', {
      name: str('Index name', { minLength: 3, maxLength: 255 }),
      rangeKey: str('Alternate sort key attribute', { maxLength: 255 }),
      projectionType: enumOf('Projection', PROJECTION_TYPES),
      nonKeyAttributes: arr('Projected attributes (INCLUDE)', { type: 'string' }),
    }, ['name', 'rangeKey', 'projectionType']), {
      maxItems: 5, 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['name'],
      ...immutable('localSecondaryIndexes', `LSIs exist only from table creation, so ${NEW_TABLE}`),
    }),
    billingMode: enumOf('Billing mode', BILLING_MODES, { default: TABLE_SPEC_DEFAULTS.billingMode }),
    readCapacity: int('Provisioned read capacity units', { minimum: 1 }),
    writeCapacity: int('Provisioned write capacity units', { minimum: 1 }),
    onDemandThroughput: throughput,
    pointInTimeRecovery: obj('Point-in-time recovery', {
      enabled: bool('Continuous backups'),
      recoveryPeriodInDays: int('Recovery window in days', { minimum: LIMITS.pitrRecoveryMinDays, maximum: LIMITS.pitrRecoveryMaxDays }),
    }, ['enabled']),
    encryption: obj('Encryption at rest', {
      type: enumOf('aws-owned (DynamoDB default key), aws-managed (aws/dynamodb KMS key) or customer-managed (kmsKeyArn)',
        ENCRYPTION_TYPES),
      kmsKeyArn: str('Customer-managed KMS key ARN'),
    }, ['type'], { 'x-kubernetes-validations': [{ rule: "self.type != 'customer-managed' || has(self.kmsKeyArn)", message: 'customer-managed encryption needs kmsKeyArn' }] }),
    stream: obj('DynamoDB Streams', {
      enabled: bool('Stream enabled'),
      viewType: enumOf('What each stream record holds', STREAM_VIEW_TYPES),
    }, ['enabled']),
    ttl: obj('Time to live', { enabled: bool('TTL enabled'), attributeName: str('Attribute holding the expiry, epoch seconds') }, ['enabled', 'attributeName']),
    tableClass: enumOf('Table class', TABLE_CLASSES, { default: TABLE_SPEC_DEFAULTS.tableClass }),
    deletionProtection: bool('Deletion protection in AWS', { default: TABLE_SPEC_DEFAULTS.deletionProtection }),
    replicas: arr('Global-table replicas', obj('Replica', {
      regionName: str('Replica region', { maxLength: 32 }),
      pointInTimeRecovery: bool('PITR on the replica'),
      propagateTags: bool('Copy the table\'s tags to the replica'),
      deletionProtectionEnabled: bool('Deletion protection on the replica'),
      kmsKeyArn: str('Customer-managed KMS key in the replica region'),
    }, ['regionName']), { maxItems: 10, 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['regionName'] }),
    tags: stringMap('The table\'s own tags'),
    mandatoryTags: stringMap('Environment tags; they win over tags with the same key'),
    backup: obj('AWS Backup coverage', { plan: str('Backup plan XR covering this table, or "none"') }, ['plan']),
  }, ['tableName', 'region', 'providerConfigName', 'hashKey', 'attributes', 'billingMode', 'pointInTimeRecovery', 'encryption', 'stream'], {
    'x-kubernetes-validations': TABLE_SPEC_RULES.map((r) => ({ ...r })),
  });
}

/**
 * What `kubectl get dynamodbtables` shows, before Crossplane's SYNCED, READY,
 * COMPOSITION and AGE. The default view answers "which table, and does AWS
 * accept it" within 120 columns (Crossplane's four take 61 of them, COMPOSITION
 * alone 38); `-o wide` adds how it is billed, where it is, how it is
 * protected, the provider's own words, and the ARN.
 */
export function tablePrinterColumns(): { name: string; type: string; jsonPath: string; priority?: number; description: string }[] {
  return [
    { name: 'TABLE', type: 'string', jsonPath: '.spec.tableName', description: 'The table\'s name in AWS' },
    { name: 'BILLING', type: 'string', jsonPath: '.spec.billingMode', priority: 1, description: 'PAY_PER_REQUEST (on demand) or PROVISIONED' },
    { name: 'AWS', type: 'string', jsonPath: syncedOf('table', 'reason'), description: 'The provider\'s verdict on the table in AWS: ReconcileSuccess, or ReconcileError with MESSAGE saying why' },
    { name: 'REGION', type: 'string', jsonPath: '.spec.region', priority: 1, description: 'AWS region' },
    { name: 'PITR', type: 'boolean', jsonPath: '.spec.pointInTimeRecovery.enabled', priority: 1, description: 'Point-in-time recovery' },
    { name: 'BACKUP', type: 'string', jsonPath: '.spec.backup.plan', priority: 1, description: 'AWS Backup plan covering the table' },
    { name: 'MESSAGE', type: 'string', jsonPath: syncedOf('table', 'message'), priority: 1, description: 'What the provider last said about the table, e.g. the AWS error' },
    { name: 'ARN', type: 'string', jsonPath: '.status.arn', priority: 1, description: 'Table ARN' },
  ];
}

/**
 * XRD for `DynamoDBTable`: namespaced, so each environment's namespace holds
 * its tables, and these XRs are what users inspect (v2 has no claims).
 */
export class DynamoDbTableDefinition extends CompositeResourceDefinitionV2 {
  constructor(scope: Construct, id: string, props: DynamoDbTableDefinitionProps) {
    super(scope, id, {
      metadata: { name: definitionName(TABLE_XR_KIND, props.group) },
      spec: {
        group: props.group,
        names: { kind: TABLE_XR_KIND, plural: TABLE_XR_PLURAL, singular: 'dynamodbtable', categories: ['dynamodb', 'crossplane'], shortNames: ['ddbt'] },
        scope: CompositeResourceDefinitionV2SpecScope.NAMESPACED,
        defaultCompositionRef: { name: props.defaultCompositionName ?? tableCompositionName(props.group) },
        versions: [{
          name: XR_VERSION,
          served: true,
          referenceable: true,
          // Crossplane appends SYNCED, READY, COMPOSITION and AGE itself (and COMPOSITIONREVISION with -o wide).
          additionalPrinterColumns: tablePrinterColumns(),
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
                  resources: composedStatusSchema(['table']),
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
