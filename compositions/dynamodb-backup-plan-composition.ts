import { Construct } from 'constructs';
import { Composition, CompositionSpecMode } from '../imports/apiextensions.crossplane.io';
import { Plan, Selection, Vault } from '../imports/backup.aws.m.upbound.io';
import { Role, RolePolicyAttachment } from '../imports/iam.aws.m.upbound.io';
import { Resources, ResourcesResources } from '../imports/pt.fn.crossplane.io';
import { BACKUP_SERVICE_POLICIES } from '../src/model/aws';
import { BACKUP_XR_KIND, backupCompositionName, xrApiVersion } from '../src/model/xr-api';
import { copyConditions } from './composed-status';
import { PATCH_AND_TRANSFORM_FUNCTION } from './function-patch-and-transform';
import { composed, EXTERNAL_NAME, formatFromXr, fromXr, requiredFromXr, toXr } from './patches';

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

/**
 * The AWS Backup service role's trust policy. No aws:SourceAccount condition:
 * AWS Backup documents that condition for resource policies (SNS topics, KMS
 * key policies), not for the service role it assumes, and a condition the
 * service does not satisfy would fail every backup job (AWS Backup developer
 * guide, "Cross-service confused deputy prevention").
 */
export const BACKUP_TRUST_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'backup.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

/** Every DynamoDB table in any region or account: the Selection narrows it by condition, as AWS recommends. */
export const ALL_DYNAMODB_TABLES = 'arn:aws:dynamodb:*:*:table/*';

/**
 * What Crossplane may do to each composed resource. Nothing that holds or
 * governs recovery points is ever deleted by removing the XR:
 * - vaults: AWS refuses to delete a vault that holds recovery points, and the
 *   XR would hang on its finalizers; the points stay until they expire;
 * - the role: AWS Backup manages the recovery-point lifecycle with the role
 *   that made them (deleting it can leave EXPIRED points that keep costing);
 * - the plan and the policy attachments: kept with the vault they serve.
 * Only the Selection is deleted, which stops new backups.
 *
 * Vault and Role are named by their external name, so they need no
 * LateInitialize. The Plan, Selection and attachments get their external name
 * (an AWS id) from the provider after creation, which upjet persists only
 * through late-initialization (crossplane/upjet#531): they keep it.
 */
export const BACKUP_MANAGEMENT_POLICIES = {
  keepNamed: ['Observe', 'Create', 'Update'],
  keepIdentified: ['Observe', 'Create', 'Update', 'LateInitialize'],
  full: ['*'],
} as const;

const providerConfig = fromXr('spec.providerConfigName', 'spec.providerConfigRef.name');
const base = (policies: readonly string[], forProvider: Record<string, unknown>) => ({
  providerConfigRef: { kind: 'ProviderConfig' }, managementPolicies: [...policies], forProvider,
});

export function backupResources(withCopy: boolean): ResourcesResources[] {
  const vault = (name: string, regionFrom: string, arnTo: string, idTo: string) => composed(name,
    { ...Vault.GVK, spec: base(BACKUP_MANAGEMENT_POLICIES.keepNamed, { forceDestroy: false }) }, [
      providerConfig,
      fromXr('spec.vaultName', EXTERNAL_NAME),
      fromXr(regionFrom, 'spec.forProvider.region'),
      fromXr('spec.tags', 'spec.forProvider.tags'),
      toXr('status.atProvider.arn', arnTo),
      // The name AWS reports: set once the vault exists there, which is what the plan waits for.
      toXr('status.atProvider.id', idTo),
      copyConditions(name),
    ]);
  const attachment = (name: string, policyArn: string) => composed(name, {
    ...RolePolicyAttachment.GVK,
    spec: base(BACKUP_MANAGEMENT_POLICIES.keepIdentified, { policyArn, roleSelector: { matchControllerRef: true } }),
  }, [providerConfig, copyConditions(name)]);
  const rule = 'spec.forProvider.rule[0]';
  return [
    vault('vault', 'spec.region', 'status.vaultArn', 'status.vaultName'),
    ...(withCopy ? [vault('copy-vault', 'spec.copy.region', 'status.copyVaultArn', 'status.copyVaultName')] : []),
    composed('role', {
      ...Role.GVK,
      spec: base(BACKUP_MANAGEMENT_POLICIES.keepNamed, { assumeRolePolicy: BACKUP_TRUST_POLICY, description: 'AWS Backup service role for DynamoDB backups' }),
    }, [
      providerConfig,
      fromXr('spec.roleName', EXTERNAL_NAME),
      fromXr('spec.tags', 'spec.forProvider.tags'),
      toXr('status.atProvider.arn', 'status.roleArn'),
      copyConditions('role'),
    ]),
    attachment('role-backup-policy', BACKUP_SERVICE_POLICIES[0]),
    attachment('role-restore-policy', BACKUP_SERVICE_POLICIES[1]),
    composed('plan', {
      ...Plan.GVK,
      spec: base(BACKUP_MANAGEMENT_POLICIES.keepIdentified, {
        rule: [{ ruleName: 'scheduled', ...(withCopy ? { copyAction: [{}] } : {}) }],
      }),
    }, [
      providerConfig,
      fromXr('spec.region', 'spec.forProvider.region'),
      fromXr('spec.planName', 'spec.forProvider.name'),
      // The vault names come from the composed vaults once they exist in AWS, not from a
      // second copy of the name: the plan is not created before its vaults are.
      requiredFromXr('status.vaultName', `${rule}.targetVaultName`),
      fromXr('spec.schedule', `${rule}.schedule`),
      fromXr('spec.startWindowMinutes', `${rule}.startWindow`),
      fromXr('spec.completionWindowMinutes', `${rule}.completionWindow`),
      fromXr('spec.retentionDays', `${rule}.lifecycle.deleteAfter`),
      // A copy without its own lifecycle is kept forever; always set it.
      ...(withCopy ? [
        requiredFromXr('status.copyVaultArn', `${rule}.copyAction[0].destinationVaultArn`),
        fromXr('spec.copy.retentionDays', `${rule}.copyAction[0].lifecycle.deleteAfter`),
      ] : []),
      fromXr('spec.tags', 'spec.forProvider.tags'),
      toXr('status.atProvider.arn', 'status.planArn'),
      toXr('status.atProvider.id', 'status.planId'),
      copyConditions('plan'),
    ]),
    // Every Selection field forces a new selection in AWS, which the provider will not do in
    // place; this resource replaced the tag-only "selection" of earlier versions.
    composed('table-selection', {
      ...Selection.GVK,
      spec: base(BACKUP_MANAGEMENT_POLICIES.full, {
        resources: [ALL_DYNAMODB_TABLES],
        condition: [{ stringEquals: [{}] }],
      }),
    }, [
      providerConfig,
      fromXr('spec.region', 'spec.forProvider.region'),
      fromXr('spec.selectionName', 'spec.forProvider.name'),
      requiredFromXr('status.planId', 'spec.forProvider.planId'),
      requiredFromXr('status.roleArn', 'spec.forProvider.iamRoleArn'),
      formatFromXr('spec.selectionTag.key', 'spec.forProvider.condition[0].stringEquals[0].key', 'aws:ResourceTag/%s'),
      fromXr('spec.selectionTag.value', 'spec.forProvider.condition[0].stringEquals[0].value'),
      copyConditions('table-selection'),
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
        compositeTypeRef: { apiVersion: xrApiVersion(props.group), kind: BACKUP_XR_KIND },
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
