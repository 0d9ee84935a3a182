/**
 * AWS facts the validator and renderer depend on. Kept in one place so a new
 * region or a raised service quota is a one-line change.
 */

/** Commercial, GovCloud and China region codes DynamoDB is offered in. */
export const AWS_REGIONS: readonly string[] = [
  'af-south-1',
  'ap-east-1', 'ap-east-2',
  'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3',
  'ap-south-1', 'ap-south-2',
  'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'ap-southeast-4', 'ap-southeast-5', 'ap-southeast-6', 'ap-southeast-7',
  'ca-central-1', 'ca-west-1',
  'cn-north-1', 'cn-northwest-1',
  'eu-central-1', 'eu-central-2',
  'eu-north-1',
  'eu-south-1', 'eu-south-2',
  'eu-west-1', 'eu-west-2', 'eu-west-3',
  'il-central-1',
  'me-central-1', 'me-south-1',
  'mx-central-1',
  'sa-east-1',
  'us-east-1', 'us-east-2',
  'us-gov-east-1', 'us-gov-west-1',
  'us-west-1', 'us-west-2',
];

/**
 * DynamoDB service limits: the developer guide's "Service, account, and table
 * quotas" and "Tagging restrictions", and the API reference's shape constraints
 * (e.g. API_Projection: NonKeyAttributes "Maximum number of 20 items").
 */
export const LIMITS = {
  maxGsis: 20,
  maxLsis: 5,
  maxProjectedNonKeyAttributes: 100,
  maxNonKeyAttributesPerIndex: 20,
  nameMin: 3,
  nameMax: 255,
  /** Key, projected and TTL attribute names, in UTF-8 bytes. */
  attributeNameMaxBytes: 255,
  pitrRecoveryMinDays: 1,
  pitrRecoveryMaxDays: 35,
  backupRetentionMinDays: 1,
  backupRetentionMaxDays: 36500,
  /** Default per-table (and per-index) read and write quota, in capacity or request units; AWS raises it on request. */
  tableThroughputQuota: 40000,
  maxTagsPerResource: 50,
  tagKeyMaxLength: 128,
  tagValueMaxLength: 256,
  externalIdMinLength: 2,
  externalIdMaxLength: 1224,
} as const;

/**
 * Tags the Crossplane AWS provider (upjet) adds to every resource it tags;
 * they count towards DynamoDB's 50 tags like any other.
 */
export const CROSSPLANE_TAGS = ['crossplane-kind', 'crossplane-name', 'crossplane-providerconfig'] as const;

/** Characters of a tag key or value: letters, digits and white space of any script, and + - = . _ : / @. */
export const TAG_PATTERN = /^[\p{L}\p{Z}\p{N}+\-=._:/@]*$/u;

/** The key prefix AWS reserves for its own tags; compared without case. */
export const RESERVED_TAG_PREFIX = 'aws:';

/** The ARN partition of a region: aws-cn for China, aws-us-gov for GovCloud, aws elsewhere. */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

export const NAME_PATTERN = /^[a-zA-Z0-9_.-]+$/;

export const KEY_TYPES = ['S', 'N', 'B'] as const;
export type KeyType = (typeof KEY_TYPES)[number];
export const ATTRIBUTE_TYPES = ['S', 'N', 'B', 'BOOL', 'NULL', 'M', 'L', 'SS', 'NS', 'BS'] as const;
export const STREAM_VIEW_TYPES = ['KEYS_ONLY', 'NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES'] as const;
export const PROJECTION_TYPES = ['ALL', 'KEYS_ONLY', 'INCLUDE'] as const;
export type ProjectionType = (typeof PROJECTION_TYPES)[number];
export const TABLE_CLASSES = ['STANDARD', 'STANDARD_INFREQUENT_ACCESS'] as const;
export type TableClass = (typeof TABLE_CLASSES)[number];
export const CAPACITY_MODES = ['ON_DEMAND', 'PROVISIONED'] as const;
export type CapacityMode = (typeof CAPACITY_MODES)[number];
/** The DynamoDB API's billing modes. */
export const BILLING_MODES = ['PAY_PER_REQUEST', 'PROVISIONED'] as const;
export type BillingMode = (typeof BILLING_MODES)[number];

/** Maps the schema language's capacity mode to the DynamoDB API's billing mode. */
export const BILLING_MODE: Readonly<Record<CapacityMode, BillingMode>> = {
  ON_DEMAND: 'PAY_PER_REQUEST',
  PROVISIONED: 'PROVISIONED',
};

/**
 * The keys DynamoDB encrypts a table at rest with: the AWS owned key (no KMS
 * charge), the AWS managed key aws/dynamodb, or a customer managed key.
 */
export const ENCRYPTION_TYPES = ['aws-owned', 'aws-managed', 'customer-managed'] as const;
export type EncryptionType = (typeof ENCRYPTION_TYPES)[number];

/** The recovery window DynamoDB gives point-in-time recovery when none is set: its longest. */
export const PITR_DEFAULT_RECOVERY_DAYS = LIMITS.pitrRecoveryMaxDays;

/** AWS managed policies attached to the AWS Backup service role. */
export const BACKUP_SERVICE_POLICIES = [
  'arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup',
  'arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores',
] as const;
