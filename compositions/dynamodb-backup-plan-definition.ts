import { Construct } from 'constructs';
import { CompositeResourceDefinitionV2, CompositeResourceDefinitionV2SpecScope } from '../imports/apiextensions.crossplane.io';
import { LIMITS } from '../src/model/aws';
import {
  BACKUP_SPEC_DEFAULTS, BACKUP_WITH_COPY_COMPOSITION_PREFIX, BACKUP_XR_KIND, BACKUP_XR_PLURAL, backupCompositionName, definitionName, XR_VERSION,
} from '../src/model/xr-api';
import { composedStatusSchema, syncedOf } from './composed-status';
import { CelRule, immutable, int, obj, str, stringMap } from './openapi';

export interface DynamoDbBackupPlanDefinitionProps {
  /** API group, e.g. `platform.example.com`. */
  readonly group: string;
}

/** Every composed resource, by its name in the Compositions (the with-copy one adds copy-vault). */
export const BACKUP_COMPOSED_RESOURCES = ['vault', 'copy-vault', 'role', 'role-backup-policy', 'role-restore-policy', 'plan', 'table-selection'] as const;

/** AWS Backup cannot change a selection in place: every field of it forces a new one. */
const NEW_SELECTION = 'AWS Backup cannot change a backup selection in place, so changing it means deleting this DynamoDBBackupPlan and creating a new one';

/**
 * The with-copy Composition copies every recovery point with spec.copy; without
 * it, it would render an empty copyAction that AWS refuses. The
 * single-region one would silently drop a copy. spec.crossplane is the field
 * Crossplane adds to every XR's schema for its Composition reference.
 */
export const BACKUP_SPEC_RULES: readonly CelRule[] = [
  {
    rule: '!has(self.crossplane) || !has(self.crossplane.compositionRef) || !has(self.crossplane.compositionRef.name)'
      + ` || self.crossplane.compositionRef.name.startsWith('${BACKUP_WITH_COPY_COMPOSITION_PREFIX}') == has(self.copy)`,
    message: `spec.copy and the Composition must agree: the ${BACKUP_WITH_COPY_COMPOSITION_PREFIX.slice(0, -1)} Composition needs spec.copy, and the single-region one takes none`,
  },
];

const retention = (what: string) => int(what, { minimum: LIMITS.backupRetentionMinDays, maximum: LIMITS.backupRetentionMaxDays });

export function backupSpecSchema(): Record<string, unknown> {
  return obj('AWS Backup for the tables carrying the selection tag', {
    region: str('Primary region: the plan, the selection and the primary vault live here'),
    providerConfigName: str('Namespaced aws.m.upbound.io ProviderConfig to use'),
    planName: str('AWS Backup plan name'),
    vaultName: str('Backup vault name, in the primary region and (with copy) in the copy region'),
    roleName: str('IAM role AWS Backup assumes'),
    selectionName: str('Backup selection name; every Selection field forces a replacement, so it never changes', { maxLength: 50, ...immutable('selectionName', NEW_SELECTION) }),
    schedule: str('cron(...) or rate(...) expression', { pattern: '^(cron|rate)\\(.+\\)$' }),
    retentionDays: retention('Days a recovery point is kept in the primary vault'),
    startWindowMinutes: int('Minutes a backup may wait to start', { minimum: 60, default: BACKUP_SPEC_DEFAULTS.startWindowMinutes }),
    completionWindowMinutes: int('Minutes a backup may take to finish', { minimum: 120, default: BACKUP_SPEC_DEFAULTS.completionWindowMinutes }),
    copy: obj('Copy each recovery point to a vault of the same name in another region (the with-copy Composition)', {
      region: str('Copy region'),
      retentionDays: retention('Days a copied recovery point is kept; AWS keeps copies forever without it'),
    }, ['region', 'retentionDays']),
    selectionTag: obj('DynamoDB tables carrying this tag are backed up', { key: str('Tag key'), value: str('Tag value') }, ['key', 'value'],
      { ...immutable('selectionTag', NEW_SELECTION) }),
    tags: stringMap('Tags for the vaults, plan and role'),
  }, ['region', 'providerConfigName', 'planName', 'vaultName', 'roleName', 'selectionName', 'schedule', 'retentionDays', 'selectionTag'], {
    'x-kubernetes-validations': BACKUP_SPEC_RULES.map((r) => ({ ...r })),
  });
}

/**
 * What `kubectl get dynamodbbackupplans` shows before Crossplane's columns:
 * the schedule and retention, and the provider's verdict on the plan in AWS;
 * `-o wide` adds the selection's and the vault's verdicts, the provider's
 * words about the plan, and its ARN.
 */
export function backupPrinterColumns(): { name: string; type: string; jsonPath: string; priority?: number; description: string }[] {
  return [
    { name: 'PLAN', type: 'string', jsonPath: '.spec.planName', description: 'AWS Backup plan name' },
    { name: 'SCHEDULE', type: 'string', jsonPath: '.spec.schedule', description: 'When backups run' },
    { name: 'RETENTION', type: 'integer', jsonPath: '.spec.retentionDays', description: 'Days a recovery point is kept' },
    { name: 'COPY-TO', type: 'string', jsonPath: '.spec.copy.region', description: 'Region recovery points are copied to' },
    { name: 'AWS', type: 'string', jsonPath: syncedOf('plan', 'reason'), description: 'The provider\'s verdict on the plan in AWS: ReconcileSuccess, or ReconcileError' },
    { name: 'SELECTION', type: 'string', jsonPath: syncedOf('table-selection', 'reason'), priority: 1, description: 'The provider\'s verdict on the table selection' },
    { name: 'VAULT', type: 'string', jsonPath: syncedOf('vault', 'reason'), priority: 1, description: 'The provider\'s verdict on the primary vault' },
    { name: 'MESSAGE', type: 'string', jsonPath: syncedOf('plan', 'message'), priority: 1, description: 'What the provider last said about the plan' },
    { name: 'ARN', type: 'string', jsonPath: '.status.planArn', priority: 1, description: 'Backup plan ARN' },
  ];
}

/** XRD for `DynamoDBBackupPlan`: one per environment that enables AWS Backup. */
export class DynamoDbBackupPlanDefinition extends CompositeResourceDefinitionV2 {
  constructor(scope: Construct, id: string, props: DynamoDbBackupPlanDefinitionProps) {
    super(scope, id, {
      metadata: { name: definitionName(BACKUP_XR_KIND, props.group) },
      spec: {
        group: props.group,
        names: { kind: BACKUP_XR_KIND, plural: BACKUP_XR_PLURAL, singular: 'dynamodbbackupplan', categories: ['dynamodb', 'crossplane'], shortNames: ['ddbbp'] },
        scope: CompositeResourceDefinitionV2SpecScope.NAMESPACED,
        defaultCompositionRef: { name: backupCompositionName(props.group, false) },
        versions: [{
          name: XR_VERSION,
          served: true,
          referenceable: true,
          // Crossplane appends SYNCED, READY, COMPOSITION and AGE itself (and COMPOSITIONREVISION with -o wide).
          additionalPrinterColumns: backupPrinterColumns(),
          schema: {
            openApiv3Schema: {
              type: 'object',
              properties: {
                spec: backupSpecSchema(),
                status: obj('Observed state, copied from the composed resources', {
                  planArn: str('Backup plan ARN'),
                  planId: str('Backup plan id; the selection is created once it is known'),
                  vaultArn: str('Primary vault ARN'),
                  vaultName: str('Primary vault name as AWS reports it; the plan is created once it is known'),
                  copyVaultArn: str('Copy vault ARN; the plan\'s copy action points at it'),
                  copyVaultName: str('Copy vault name as AWS reports it'),
                  roleArn: str('Backup service role ARN'),
                  resources: composedStatusSchema(BACKUP_COMPOSED_RESOURCES),
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
