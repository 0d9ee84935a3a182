import { z } from 'zod';
import {
  ATTRIBUTE_TYPES, CAPACITY_MODES, KEY_TYPES, PROJECTION_TYPES, STREAM_VIEW_TYPES, TABLE_CLASSES,
} from './aws';
import { ManagementModeSchema, RiskClassSchema } from './common';

/**
 * The table schema language, `schemas/<table>.schema.json`.
 *
 * It is a superset of BBWS's legacy format: every legacy field keeps its name
 * and meaning, so existing files load unchanged. Key types are declared as any
 * attribute type here on purpose: a legacy `BOOL` key must parse, so the
 * validator can point at it with a fix instead of failing on the enum.
 */

const text = (what: string) => z.string().min(1).describe(what);

export const KeyAttributeSchema = z.strictObject({
  name: text('Attribute name'),
  type: z.enum(ATTRIBUTE_TYPES).describe(`Attribute type; key attributes must be one of ${KEY_TYPES.join(', ')}`),
  pattern: z.string().optional().describe('How the value is built, e.g. TENANT#{tenantId}'),
  description: z.string().optional(),
});

export const AttributeSchema = z.strictObject({
  name: text('Attribute name'),
  type: z.enum(ATTRIBUTE_TYPES).describe('DynamoDB attribute type'),
  required: z.boolean().optional().describe('Whether every item carries this attribute. @default false'),
  enum: z.array(z.union([z.string(), z.number()])).optional().describe('Allowed values'),
  default: z.unknown().optional().describe('Value written when the application omits it'),
  format: z.string().optional().describe('Free-text format, e.g. ISO 8601'),
  description: z.string().optional(),
  unique: z.boolean().optional().describe('Uniqueness enforced by the application (DynamoDB has no unique constraint)'),
  immutable: z.boolean().optional().describe('Never changed after creation'),
  itemType: z.enum(ATTRIBUTE_TYPES).optional().describe('Element type of an L (list) attribute'),
  minimum: z.number().optional(),
  maximum: z.number().optional(),
});

/** A cap of at least 1, or -1: DynamoDB's (and Terraform's) way to remove a cap that is set. */
const requestUnitCap = (what: string) => z.union([z.literal(-1), z.number().int().positive()])
  .describe(`${what}; -1 removes a cap that is set (deleting the line leaves it in AWS)`);

export const OnDemandThroughputSchema = z.strictObject({
  maxReadRequestUnits: requestUnitCap('Maximum read request units').optional(),
  maxWriteRequestUnits: requestUnitCap('Maximum write request units').optional(),
}).describe('Caps on on-demand throughput');

export const ProvisionedThroughputSchema = z.strictObject({
  readCapacityUnits: z.number().int().positive(),
  writeCapacityUnits: z.number().int().positive(),
});

export const GsiSchema = z.strictObject({
  indexName: text('Index name, 3-255 characters from [a-zA-Z0-9_.-]'),
  partitionKey: KeyAttributeSchema,
  sortKey: KeyAttributeSchema.nullable().optional(),
  projectionType: z.enum(PROJECTION_TYPES),
  nonKeyAttributes: z.array(z.string().min(1)).optional().describe('Projected attributes; INCLUDE only'),
  description: z.string().optional(),
  onDemandThroughput: OnDemandThroughputSchema.optional(),
  provisionedThroughput: ProvisionedThroughputSchema.optional().describe('Required when the table is PROVISIONED'),
});

export const LsiSchema = z.strictObject({
  indexName: text('Index name, 3-255 characters from [a-zA-Z0-9_.-]'),
  partitionKey: KeyAttributeSchema.optional().describe('Must be the table\'s partition key; may be omitted'),
  sortKey: KeyAttributeSchema.describe('Alternate sort key; the partition key is the table\'s'),
  projectionType: z.enum(PROJECTION_TYPES),
  nonKeyAttributes: z.array(z.string().min(1)).optional(),
  description: z.string().optional(),
});

export const PitrSchema = z.strictObject({
  enabled: z.boolean(),
  recoveryPeriodInDays: z.number().int().optional().describe('1-35 days. @default 35'),
  description: z.string().optional(),
});

export const StreamsSchema = z.strictObject({
  enabled: z.boolean(),
  viewType: z.string().optional().describe(`One of ${STREAM_VIEW_TYPES.join(', ')}`),
  description: z.string().optional(),
});

export const TtlSchema = z.strictObject({
  attributeName: text('Attribute holding the expiry time as epoch seconds (type N)'),
  enabled: z.boolean(),
});

export const OPERATIONS = [
  'GetItem', 'Query', 'Scan', 'PutItem', 'UpdateItem', 'DeleteItem',
  'BatchGetItem', 'BatchWriteItem', 'TransactGetItems', 'TransactWriteItems',
] as const;

export const AccessPatternSchema = z.strictObject({
  id: text('Stable identifier, e.g. AP-1'),
  description: text('What the application does'),
  operation: z.enum(OPERATIONS),
  index: z.string().optional().describe('GSI or LSI that serves the pattern; omit for the base table'),
  keyCondition: z.string().optional()
    .describe('e.g. "PK = TENANT#{tenantId} AND SK = METADATA"; sort-key operators: =, <, <=, >, >=, BETWEEN, begins_with'),
  filter: z.string().optional().describe('Filter or condition expression, informational'),
});

export const BusinessRuleSchema = z.union([
  z.string().min(1),
  z.strictObject({ id: z.string().min(1), description: z.string().min(1) }),
]);

/** Legacy per-environment backup hints; AWS Backup is configured per environment now. */
export const LegacyBackupSchema = z.record(z.string(), z.strictObject({
  frequency: z.string(),
  retention: z.number(),
}));

export const ReplicaSchema = z.strictObject({
  region: text('AWS region of the replica'),
  pitr: z.boolean().optional().describe('@default true'),
  propagateTags: z.boolean().optional().describe('@default true'),
  deletionProtection: z.boolean().optional().describe('@default the table\'s deletion protection'),
  kmsKeyArn: z.string().optional().describe('CMK in the replica region, when the table uses a CMK'),
});

/** Settings a table may set for one environment, over the environment's defaults. */
export const TableOverrideSchema = z.strictObject({
  capacityMode: z.enum(CAPACITY_MODES).optional(),
  provisionedThroughput: ProvisionedThroughputSchema.optional(),
  pitr: PitrSchema.partial().optional(),
  deletionProtection: z.boolean().optional(),
  tableClass: z.enum(TABLE_CLASSES).optional(),
  managementMode: ManagementModeSchema.optional(),
  replicas: z.array(ReplicaSchema).optional().describe('Replaces the environment\'s replica list for this table'),
  backup: z.boolean().optional().describe('Include the table in the environment\'s AWS Backup plan. @default true'),
  tags: z.record(z.string(), z.string()).optional(),
  tableName: z.string().optional().describe('Physical table name in this environment. @default the schema\'s tableName'),
});

export const AcknowledgementSchema = z.strictObject({
  change: RiskClassSchema.describe('The risk class being accepted'),
  environment: z.string().optional().describe('Limit to one environment. @default every environment'),
  reason: text('Why this is safe, for the reviewer'),
  by: z.string().optional().describe('Who accepted it'),
});

export const TableSchemaFile = z.strictObject({
  $schema: z.string().optional(),
  tableName: text('Logical table name; also the physical name unless overridden'),
  description: z.string().optional(),
  primaryKey: z.strictObject({
    partitionKey: KeyAttributeSchema,
    sortKey: KeyAttributeSchema.nullable().optional(),
  }),
  attributes: z.array(AttributeSchema).min(1),
  globalSecondaryIndexes: z.array(GsiSchema).optional(),
  localSecondaryIndexes: z.array(LsiSchema).optional(),
  capacityMode: z.enum(CAPACITY_MODES).optional().describe('@default the environment default, else ON_DEMAND'),
  provisionedThroughput: ProvisionedThroughputSchema.optional().describe('Required when capacityMode is PROVISIONED'),
  onDemandThroughput: OnDemandThroughputSchema.optional(),
  pitr: PitrSchema.optional().describe('@default the environment default'),
  streams: StreamsSchema.optional(),
  ttl: TtlSchema.optional(),
  tableClass: z.enum(TABLE_CLASSES).optional().describe('@default STANDARD'),
  deletionProtection: z.boolean().optional().describe('@default the environment default'),
  tags: z.record(z.string(), z.string()).optional(),
  backup: LegacyBackupSchema.optional().describe('Legacy; AWS Backup is configured in environments/<env>.yaml'),
  accessPatterns: z.array(AccessPatternSchema).optional(),
  businessRules: z.array(BusinessRuleSchema).optional(),
  overrides: z.record(z.string(), TableOverrideSchema).optional().describe('Per-environment settings, keyed by environment name'),
  acknowledge: z.array(AcknowledgementSchema).optional().describe('Risky changes accepted on purpose; read by `plan`'),
});

export type TableSchema = z.infer<typeof TableSchemaFile>;
export type KeyAttribute = z.infer<typeof KeyAttributeSchema>;
export type Attribute = z.infer<typeof AttributeSchema>;
export type Gsi = z.infer<typeof GsiSchema>;
export type Lsi = z.infer<typeof LsiSchema>;
export type AccessPattern = z.infer<typeof AccessPatternSchema>;
export type Replica = z.infer<typeof ReplicaSchema>;
export type TableOverride = z.infer<typeof TableOverrideSchema>;
export type Acknowledgement = z.infer<typeof AcknowledgementSchema>;
