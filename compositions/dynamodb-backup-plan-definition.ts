import { Construct } from 'constructs';
import { CompositeResourceDefinitionV2, CompositeResourceDefinitionV2SpecScope } from '../imports/apiextensions.crossplane.io';
import { LIMITS } from '../src/model/aws';
import { XR_VERSION } from './dynamodb-table-definition';
import { immutable, int, obj, str, stringMap } from './openapi';

export interface DynamoDbBackupPlanDefinitionProps {
  /** API group, e.g. `platform.example.com`. */
  readonly group: string;
}

export const BACKUP_XR_KIND = 'DynamoDBBackupPlan';
export const BACKUP_XR_PLURAL = 'dynamodbbackupplans';

const retention = (what: string) => int(what, { minimum: LIMITS.backupRetentionMinDays, maximum: LIMITS.backupRetentionMaxDays });

export function backupSpecSchema(): Record<string, unknown> {
  return obj('AWS Backup for the tables carrying the selection tag', {
    region: str('Primary region: the plan, the selection and the primary vault live here'),
    providerConfigName: str('Namespaced aws.m.upbound.io ProviderConfig to use'),
    planName: str('AWS Backup plan name'),
    vaultName: str('Backup vault name, in the primary region and (with copy) in the copy region'),
    roleName: str('IAM role AWS Backup assumes'),
    selectionName: str('Backup selection name; every Selection field forces a replacement, so it never changes', { ...immutable('selectionName') }),
    schedule: str('cron(...) or rate(...) expression', { pattern: '^(cron|rate)\\(.+\\)$' }),
    retentionDays: retention('Days a recovery point is kept in the primary vault'),
    startWindowMinutes: int('Minutes a backup may wait to start', { minimum: 60, default: 60 }),
    completionWindowMinutes: int('Minutes a backup may take to finish', { minimum: 120, default: 180 }),
    copy: obj('Copy each recovery point to another region', {
      region: str('Copy region'),
      retentionDays: retention('Days a copied recovery point is kept; AWS keeps copies forever without it'),
      destinationVaultArn: str('ARN of the vault in the copy region'),
    }, ['region', 'retentionDays', 'destinationVaultArn']),
    selectionTag: obj('Tables carrying this tag are backed up', { key: str('Tag key'), value: str('Tag value') }, ['key', 'value'],
      { ...immutable('selectionTag') }),
    tags: stringMap('Tags for the vaults, plan and role'),
  }, ['region', 'providerConfigName', 'planName', 'vaultName', 'roleName', 'selectionName', 'schedule', 'retentionDays', 'selectionTag']);
}

/** XRD for `DynamoDBBackupPlan`: one per environment that enables AWS Backup. */
export class DynamoDbBackupPlanDefinition extends CompositeResourceDefinitionV2 {
  constructor(scope: Construct, id: string, props: DynamoDbBackupPlanDefinitionProps) {
    super(scope, id, {
      metadata: { name: `${BACKUP_XR_PLURAL}.${props.group}` },
      spec: {
        group: props.group,
        names: { kind: BACKUP_XR_KIND, plural: BACKUP_XR_PLURAL, singular: 'dynamodbbackupplan', categories: ['dynamodb', 'crossplane'], shortNames: ['ddbbp'] },
        scope: CompositeResourceDefinitionV2SpecScope.NAMESPACED,
        defaultCompositionRef: { name: `${BACKUP_XR_PLURAL}-single-region.${props.group}` },
        versions: [{
          name: XR_VERSION,
          served: true,
          referenceable: true,
          additionalPrinterColumns: [
            { name: 'PLAN', type: 'string', jsonPath: '.spec.planName' },
            { name: 'SCHEDULE', type: 'string', jsonPath: '.spec.schedule' },
            { name: 'RETENTION', type: 'integer', jsonPath: '.spec.retentionDays' },
            { name: 'COPY-TO', type: 'string', jsonPath: '.spec.copy.region' },
          ],
          schema: {
            openApiv3Schema: {
              type: 'object',
              properties: {
                spec: backupSpecSchema(),
                status: obj('Observed state, copied from the composed resources', {
                  planArn: str('Backup plan ARN'),
                  vaultArn: str('Primary vault ARN'),
                  copyVaultArn: str('Copy vault ARN'),
                  roleArn: str('Backup service role ARN'),
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
