import { Construct } from 'constructs';
import { Composition, CompositionSpecMode } from '../imports/apiextensions.crossplane.io';
import { Table } from '../imports/dynamodb.aws.m.upbound.io';
import { Resources } from '../imports/pt.fn.crossplane.io';
import { EncryptionType } from '../src/model/aws';
import { MANAGEMENT_POLICIES, TABLE_XR_KIND, tableCompositionName, xrApiVersion } from '../src/model/xr-api';
import { copyConditions } from './composed-status';
import { PATCH_AND_TRANSFORM_FUNCTION } from './function-patch-and-transform';
import { composed, EXTERNAL_NAME, fromXr, mapFromXr, mergeFromXr, toXr } from './patches';

export interface DynamoDbTableCompositionProps {
  /** API group of the `DynamoDBTable` XRD. */
  readonly group: string;
}

/** Table's serverSideEncryption.enabled per encryption type (false means the AWS-owned key). */
export const SSE_ENABLED: Readonly<Record<EncryptionType, boolean>> = {
  'aws-owned': false,
  'aws-managed': true,
  'customer-managed': true,
};

/** Patches a DynamoDBTable XR onto a namespaced upjet Table. */
export function tablePatches() {
  return [
    fromXr('spec.tableName', EXTERNAL_NAME),
    fromXr('spec.region', 'spec.forProvider.region'),
    fromXr('spec.providerConfigName', 'spec.providerConfigRef.name'),
    mapFromXr('spec.managementMode', 'spec.managementPolicies', Object.fromEntries(Object.entries(MANAGEMENT_POLICIES).map(([k, v]) => [k, [...v]]))),
    fromXr('spec.hashKey', 'spec.forProvider.hashKey'),
    fromXr('spec.rangeKey', 'spec.forProvider.rangeKey'),
    fromXr('spec.attributes', 'spec.forProvider.attribute'),
    fromXr('spec.globalSecondaryIndexes', 'spec.forProvider.globalSecondaryIndex'),
    fromXr('spec.localSecondaryIndexes', 'spec.forProvider.localSecondaryIndex'),
    fromXr('spec.billingMode', 'spec.forProvider.billingMode'),
    fromXr('spec.readCapacity', 'spec.forProvider.readCapacity'),
    fromXr('spec.writeCapacity', 'spec.forProvider.writeCapacity'),
    fromXr('spec.onDemandThroughput', 'spec.forProvider.onDemandThroughput'),
    fromXr('spec.pointInTimeRecovery', 'spec.forProvider.pointInTimeRecovery'),
    mapFromXr('spec.encryption.type', 'spec.forProvider.serverSideEncryption.enabled', SSE_ENABLED),
    fromXr('spec.encryption.kmsKeyArn', 'spec.forProvider.serverSideEncryption.kmsKeyArn'),
    fromXr('spec.stream.enabled', 'spec.forProvider.streamEnabled'),
    fromXr('spec.stream.viewType', 'spec.forProvider.streamViewType'),
    fromXr('spec.ttl', 'spec.forProvider.ttl'),
    fromXr('spec.tableClass', 'spec.forProvider.tableClass'),
    fromXr('spec.deletionProtection', 'spec.forProvider.deletionProtectionEnabled'),
    fromXr('spec.replicas', 'spec.forProvider.replica'),
    // Mandatory tags first; table tags are merged in without overwriting them.
    fromXr('spec.mandatoryTags', 'spec.forProvider.tags'),
    mergeFromXr('spec.tags', 'spec.forProvider.tags'),
    toXr('status.atProvider.arn', 'status.arn'),
    toXr('status.atProvider.streamArn', 'status.streamArn'),
    toXr('status.atProvider.id', 'status.tableName'),
    toXr('status.atProvider.region', 'status.region'),
    copyConditions('table'),
  ];
}

/** Pipeline Composition: DynamoDBTable XR → dynamodb.aws.m.upbound.io Table. */
export class DynamoDbTableComposition extends Composition {
  constructor(scope: Construct, id: string, props: DynamoDbTableCompositionProps) {
    super(scope, id, {
      metadata: { name: tableCompositionName(props.group), labels: { 'platform.crossplane.io/kind': TABLE_XR_KIND } },
      spec: {
        compositeTypeRef: { apiVersion: xrApiVersion(props.group), kind: TABLE_XR_KIND },
        mode: CompositionSpecMode.PIPELINE,
        pipeline: [{
          step: 'compose-table',
          functionRef: { name: PATCH_AND_TRANSFORM_FUNCTION },
          input: Resources.manifest({
            // Every forProvider field comes from a patch; the base only fixes the kind.
            resources: [composed('table', { ...Table.GVK, spec: { providerConfigRef: { kind: 'ProviderConfig' } } }, tablePatches())],
          }),
        }],
      },
    });
  }
}
