import { Construct } from 'constructs';
import { Composition, CompositionSpecMode } from '../imports/apiextensions.crossplane.io';
import { Plan, Selection, Vault } from '../imports/backup.aws.m.upbound.io';
import { Role, RolePolicyAttachment } from '../imports/iam.aws.m.upbound.io';
import { Resources, ResourcesResources } from '../imports/pt.fn.crossplane.io';
import { BACKUP_SERVICE_POLICIES } from '../src/model/aws';
import { BACKUP_XR_KIND, BACKUP_XR_PLURAL } from './dynamodb-backup-plan-definition';
import { XR_VERSION } from './dynamodb-table-definition';
import { PATCH_AND_TRANSFORM_FUNCTION } from './function-patch-and-transform';
import { composed, EXTERNAL_NAME, fromXr, toXr } from './patches';

export interface DynamoDbBackupPlanCompositionProps {
  /** API group of the `DynamoDBBackupPlan` XRD. */
  readonly group: string;
  /**
   * Compose a vault in the copy region and a copy action. P&T cannot add a
   * resource conditionally, so each variant is its own Composition.
   * @default false
   */
  readonly withCopy?: boolean;
}

export const BACKUP_TRUST_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'backup.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

export function backupCompositionName(group: string, withCopy: boolean): string {
  return `${BACKUP_XR_PLURAL}-${withCopy ? 'with-copy' : 'single-region'}.${group}`;
}

const providerConfig = fromXr('spec.providerConfigName', 'spec.providerConfigRef.name');
const baseSpec = { providerConfigRef: { kind: 'ProviderConfig' } };

export function backupResources(withCopy: boolean): ResourcesResources[] {
  const vault = (name: string, regionFrom: string, statusTo: string) => composed(name, { ...Vault.GVK, spec: { ...baseSpec, forProvider: { forceDestroy: false } } }, [
    providerConfig,
    fromXr('spec.vaultName', EXTERNAL_NAME),
    fromXr(regionFrom, 'spec.forProvider.region'),
    fromXr('spec.tags', 'spec.forProvider.tags'),
    toXr('status.atProvider.arn', statusTo),
  ]);
  const attachment = (name: string, policyArn: string) => composed(name, {
    ...RolePolicyAttachment.GVK,
    spec: { ...baseSpec, forProvider: { policyArn, roleSelector: { matchControllerRef: true } } },
  }, [providerConfig]);
  const rule = 'spec.forProvider.rule[0]';
  return [
    vault('vault', 'spec.region', 'status.vaultArn'),
    ...(withCopy ? [vault('copy-vault', 'spec.copy.region', 'status.copyVaultArn')] : []),
    composed('role', { ...Role.GVK, spec: { ...baseSpec, forProvider: { assumeRolePolicy: BACKUP_TRUST_POLICY, description: 'AWS Backup service role for DynamoDB backups' } } }, [
      providerConfig,
      fromXr('spec.roleName', EXTERNAL_NAME),
      fromXr('spec.tags', 'spec.forProvider.tags'),
      toXr('status.atProvider.arn', 'status.roleArn'),
    ]),
    attachment('role-backup-policy', BACKUP_SERVICE_POLICIES[0]),
    attachment('role-restore-policy', BACKUP_SERVICE_POLICIES[1]),
    composed('plan', {
      ...Plan.GVK,
      spec: {
        ...baseSpec,
        forProvider: {
          rule: [{
            ruleName: 'scheduled',
            ...(withCopy ? { copyAction: [{}] } : {}),
          }],
        },
      },
    }, [
      providerConfig,
      fromXr('spec.region', 'spec.forProvider.region'),
      fromXr('spec.planName', 'spec.forProvider.name'),
      fromXr('spec.vaultName', `${rule}.targetVaultName`),
      fromXr('spec.schedule', `${rule}.schedule`),
      fromXr('spec.startWindowMinutes', `${rule}.startWindow`),
      fromXr('spec.completionWindowMinutes', `${rule}.completionWindow`),
      fromXr('spec.retentionDays', `${rule}.lifecycle.deleteAfter`),
      // A copy without its own lifecycle is kept forever; always set it.
      ...(withCopy ? [
        fromXr('spec.copy.destinationVaultArn', `${rule}.copyAction[0].destinationVaultArn`),
        fromXr('spec.copy.retentionDays', `${rule}.copyAction[0].lifecycle.deleteAfter`),
      ] : []),
      fromXr('spec.tags', 'spec.forProvider.tags'),
      toXr('status.atProvider.arn', 'status.planArn'),
    ]),
    composed('selection', {
      ...Selection.GVK,
      spec: {
        ...baseSpec,
        forProvider: {
          iamRoleArnSelector: { matchControllerRef: true },
          planIdSelector: { matchControllerRef: true },
          selectionTag: [{ type: 'STRINGEQUALS' }],
        },
      },
    }, [
      providerConfig,
      fromXr('spec.region', 'spec.forProvider.region'),
      fromXr('spec.selectionName', 'spec.forProvider.name'),
      fromXr('spec.selectionTag.key', 'spec.forProvider.selectionTag[0].key'),
      fromXr('spec.selectionTag.value', 'spec.forProvider.selectionTag[0].value'),
    ]),
  ];
}

/** Pipeline Composition: DynamoDBBackupPlan XR → vault(s), plan, selection and service role. */
export class DynamoDbBackupPlanComposition extends Composition {
  constructor(scope: Construct, id: string, props: DynamoDbBackupPlanCompositionProps) {
    const withCopy = props.withCopy ?? false;
    super(scope, id, {
      metadata: { name: backupCompositionName(props.group, withCopy), labels: { 'platform.crossplane.io/kind': BACKUP_XR_KIND, 'platform.crossplane.io/copy': String(withCopy) } },
      spec: {
        compositeTypeRef: { apiVersion: `${props.group}/${XR_VERSION}`, kind: BACKUP_XR_KIND },
        mode: CompositionSpecMode.PIPELINE,
        pipeline: [{
          step: 'compose-backup',
          functionRef: { name: PATCH_AND_TRANSFORM_FUNCTION },
          input: Resources.manifest({ resources: backupResources(withCopy) }),
        }],
      },
    });
  }
}
