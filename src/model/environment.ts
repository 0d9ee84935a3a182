import { z } from 'zod';
import { CAPACITY_MODES, TABLE_CLASSES } from './aws';
import { ManagementModeSchema, RiskClassSchema } from './common';
import { ReplicaSchema } from './table-schema';

/**
 * An environment, `environments/<env>.yaml`: one AWS account, one Kubernetes
 * namespace, and the defaults every table in it inherits.
 */
export const EnvironmentFile = z.strictObject({
  $schema: z.string().optional(),
  name: z.string().min(1).describe('Environment name; matches the file name'),
  description: z.string().optional(),
  account: z.string().describe('12-digit AWS account id, quoted so leading zeros survive'),
  region: z.string().describe('Primary AWS region'),
  drRegion: z.string().optional().describe('Disaster-recovery region for backup copies and replicas'),
  namespace: z.string().describe('Kubernetes namespace for this environment\'s tables (a DNS label)'),
  providerConfig: z.strictObject({
    name: z.string().optional().describe('@default aws-<env>'),
    roleArn: z.string().describe('IAM role Crossplane assumes in the account'),
    externalId: z.string().optional().describe('sts:ExternalId the role\'s trust policy requires'),
    source: z.enum(['IRSA', 'PodIdentity']).optional()
      .describe('How Crossplane gets its base identity before assuming roleArn. @default IRSA'),
  }),
  tableDefaults: z.strictObject({
    capacityMode: z.enum(CAPACITY_MODES).optional().describe('@default ON_DEMAND'),
    pitr: z.strictObject({
      enabled: z.boolean(),
      recoveryPeriodInDays: z.number().int().optional().describe('@default 35'),
    }).optional().describe('@default enabled, 35 days'),
    deletionProtection: z.boolean().optional().describe('@default false'),
    tableClass: z.enum(TABLE_CLASSES).optional().describe('@default STANDARD'),
    onRemoval: z.enum(['delete', 'keep']).optional()
      .describe('What happens in AWS when a table is removed from git. @default delete'),
    managementMode: ManagementModeSchema.optional()
      .describe('Overrides onRemoval, e.g. observe while adopting existing tables'),
  }).optional(),
  backup: z.strictObject({
    enabled: z.boolean(),
    schedule: z.string().optional().describe('AWS cron(...) or rate(...) expression'),
    retentionDays: z.number().int().optional(),
    startWindowMinutes: z.number().int().optional().describe('@default 60'),
    completionWindowMinutes: z.number().int().optional().describe('@default 180'),
    copyToDr: z.strictObject({
      enabled: z.boolean(),
      region: z.string().optional().describe('@default drRegion'),
      retentionDays: z.number().int().optional().describe('@default retentionDays'),
    }).optional(),
  }).optional().describe('AWS Backup; @default disabled'),
  replicas: z.array(ReplicaSchema).optional().describe('Global-table replicas for every table'),
  encryption: z.discriminatedUnion('type', [
    z.strictObject({ type: z.literal('aws-owned') }),
    z.strictObject({ type: z.literal('aws-managed') }),
    z.strictObject({ type: z.literal('customer-managed'), kmsKeyArn: z.string() }),
  ]).optional().describe('@default aws-managed (the aws/dynamodb KMS key)'),
  tags: z.record(z.string(), z.string()).describe('Mandatory tags, applied to every resource'),
  sync: z.strictObject({
    prune: z.boolean().optional().describe('Argo CD prunes resources removed from git. @default true'),
    confirmDeletion: z.boolean().optional()
      .describe('Tables, backups and the namespace carry Prune=confirm,Delete=confirm, so Argo CD never removes them unattended. @default false'),
  }).optional().describe('How Argo CD syncs this environment'),
  guard: z.strictObject({
    block: z.array(RiskClassSchema).describe('Risk classes `plan` refuses without an acknowledgement'),
  }).optional(),
  acknowledge: z.array(z.strictObject({
    change: RiskClassSchema.describe('The risk class being accepted'),
    resource: z.string().optional()
      .describe('A table\'s tableName (or its XR name), or the backup plan (dynamodb-backup). @default every resource in this environment'),
    reason: z.string().min(1).describe('Why this is safe, for the reviewer'),
    by: z.string().optional().describe('Who accepted it'),
  })).optional()
    .describe('Risky changes accepted on purpose where no table schema can say so: a deleted table, the backup plan; read by `plan`'),
});

export type Environment = z.infer<typeof EnvironmentFile>;
