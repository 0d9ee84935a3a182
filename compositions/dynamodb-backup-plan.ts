import { ApiObject, ApiObjectMetadata } from 'cdk8s';
import { Construct } from 'constructs';
import { ResolvedBackupPlan } from '../src/model/resolved';
import { BACKUP_XR_KIND, backupCompositionName, xrApiVersion } from '../src/model/xr-api';

export interface DynamoDbBackupPlanProps {
  /** API group of the XRD. */
  readonly group: string;
  /** The environment's resolved backup settings. */
  readonly plan: ResolvedBackupPlan;
  /**
   * Extra metadata (labels, Argo CD annotations).
   * @default none
   */
  readonly metadata?: ApiObjectMetadata;
}

export function backupXrSpec(group: string, p: ResolvedBackupPlan): Record<string, unknown> {
  return {
    // The copy variant composes a second vault; pick the Composition explicitly.
    crossplane: { compositionRef: { name: backupCompositionName(group, p.copy !== undefined) } },
    region: p.region,
    providerConfigName: p.providerConfigName,
    planName: p.planName,
    vaultName: p.vaultName,
    roleName: p.roleName,
    selectionName: p.selectionName,
    schedule: p.schedule,
    retentionDays: p.retentionDays,
    startWindowMinutes: p.startWindowMinutes,
    completionWindowMinutes: p.completionWindowMinutes,
    ...(p.copy ? { copy: p.copy } : {}),
    selectionTag: p.selectionTag,
    tags: p.tags,
  };
}

/** A `DynamoDBBackupPlan` XR: AWS Backup for every table in one environment. */
export class DynamoDbBackupPlan extends ApiObject {
  constructor(scope: Construct, id: string, props: DynamoDbBackupPlanProps) {
    super(scope, id, {
      apiVersion: xrApiVersion(props.group),
      kind: BACKUP_XR_KIND,
      metadata: { ...props.metadata, name: props.plan.name, namespace: props.plan.namespace },
      spec: backupXrSpec(props.group, props.plan),
    });
  }
}
