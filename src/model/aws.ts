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

/** DynamoDB service limits (developer guide, "Service, account, and table quotas"). */
export const LIMITS = {
  maxGsis: 20,
  maxLsis: 5,
  maxProjectedNonKeyAttributes: 100,
  nameMin: 3,
  nameMax: 255,
  pitrRecoveryMinDays: 1,
  pitrRecoveryMaxDays: 35,
  backupRetentionMinDays: 1,
  backupRetentionMaxDays: 36500,
} as const;

export const NAME_PATTERN = /^[a-zA-Z0-9_.-]+$/;

export const KEY_TYPES = ['S', 'N', 'B'] as const;
export const ATTRIBUTE_TYPES = ['S', 'N', 'B', 'BOOL', 'NULL', 'M', 'L', 'SS', 'NS', 'BS'] as const;
export const STREAM_VIEW_TYPES = ['KEYS_ONLY', 'NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES'] as const;
export const PROJECTION_TYPES = ['ALL', 'KEYS_ONLY', 'INCLUDE'] as const;
export const TABLE_CLASSES = ['STANDARD', 'STANDARD_INFREQUENT_ACCESS'] as const;
export const CAPACITY_MODES = ['ON_DEMAND', 'PROVISIONED'] as const;

/** Maps the schema language's capacity mode to the DynamoDB API's billing mode. */
export const BILLING_MODE: Record<(typeof CAPACITY_MODES)[number], string> = {
  ON_DEMAND: 'PAY_PER_REQUEST',
  PROVISIONED: 'PROVISIONED',
};

/** AWS managed policies attached to the AWS Backup service role. */
export const BACKUP_SERVICE_POLICIES = [
  'arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup',
  'arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores',
] as const;
