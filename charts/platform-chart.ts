import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { DynamoDbBackupPlanComposition } from '../compositions/dynamodb-backup-plan-composition';
import { DynamoDbBackupPlanDefinition } from '../compositions/dynamodb-backup-plan-definition';
import { DynamoDbTableComposition } from '../compositions/dynamodb-table-composition';
import { DynamoDbTableDefinition } from '../compositions/dynamodb-table-definition';
import { FunctionPatchAndTransform } from '../compositions/function-patch-and-transform';
import { Model } from '../src/model/resolved';
import { argocdMetadata, SYNC_WAVES } from './sync-policy';

export interface PlatformChartProps {
  readonly model: Model;
}

/** Cluster-wide platform APIs: the XRDs, their Compositions and the Function they run. */
export class PlatformChart extends Chart {
  constructor(scope: Construct, id: string, props: PlatformChartProps) {
    super(scope, id, { disableResourceNameHashes: true });
    const group = props.model.apiGroup;
    // Deleting an XRD deletes every XR of its kind in every namespace, and without the Function no XR
    // reconciles: as guarded as the most guarded environment.
    const confirmDeletion = props.model.environments.some((e) => e.confirmDeletion);
    const wave = (n: number) => argocdMetadata({ wave: n, confirmDeletion });
    applyMetadata(new FunctionPatchAndTransform(this, 'function', { package: props.model.functionPackage }).metadata, wave(SYNC_WAVES.function));
    for (const o of [
      new DynamoDbTableDefinition(this, 'table-xrd', { group }),
      new DynamoDbBackupPlanDefinition(this, 'backup-xrd', { group }),
    ]) applyMetadata(o.metadata, wave(SYNC_WAVES.definitions));
    for (const o of [
      new DynamoDbTableComposition(this, 'table-composition', { group }),
      new DynamoDbBackupPlanComposition(this, 'backup-composition-single-region', { group, withCopy: false }),
      new DynamoDbBackupPlanComposition(this, 'backup-composition-with-copy', { group, withCopy: true }),
    ]) applyMetadata(o.metadata, wave(SYNC_WAVES.compositions));
  }
}

export function applyMetadata(target: { addAnnotation(k: string, v: string): void; addLabel(k: string, v: string): void },
  meta: { annotations?: Record<string, string>; labels?: Record<string, string> }): void {
  for (const [k, v] of Object.entries(meta.annotations ?? {})) target.addAnnotation(k, v);
  for (const [k, v] of Object.entries(meta.labels ?? {})) target.addLabel(k, v);
}
