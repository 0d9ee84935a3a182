import { Construct } from 'constructs';
import { Composition, CompositionSpecMode } from '../imports/apiextensions.crossplane.io';
import { Table } from '../imports/dynamodb.aws.m.upbound.io';
import { Resources } from '../imports/pt.fn.crossplane.io';
import { ManagementMode } from '../src/model/common';
import { copyConditions } from './composed-status';
import { TABLE_XR_KIND, TABLE_XR_PLURAL, XR_VERSION } from './dynamodb-table-definition';
import { PATCH_AND_TRANSFORM_FUNCTION } from './function-patch-and-transform';
import { composed, EXTERNAL_NAME, fromXr, mapFromXr, mergeFromXr, toXr } from './patches';

export interface DynamoDbTableCompositionProps {
  /** API group of the `DynamoDBTable` XRD. */
  readonly group: string;
}

/**
 * Management policies per management mode. `keep-on-delete` omits Delete, so
 * deleting the XR releases the table instead of deleting it; `observe` only reads.
 *
 * None includes LateInitialize (which `*` implies): upjet computes its diff
 * before late-initializing, and the Table ignores no field, so with it a field
 * removed from git (replicas, an on-demand cap) is copied back from AWS into
 * spec.forProvider and the removal never reaches AWS. The Table's external
 * name comes from spec.tableName, so nothing needs late-initializing
 * (crossplane-runtime v2 pkg/reconciler/managed/policies.go; upjet
 * pkg/controller/external_tfpluginsdk.go Observe).
 */
export const MANAGEMENT_POLICIES: Readonly<Record<ManagementMode, readonly string[]>> = {
  'full': ['Observe', 'Create', 'Update', 'Delete'],
  'keep-on-delete': ['Observe', 'Create', 'Update'],
  'observe': ['Observe'],
};

/** Table's serverSideEncryption.enabled per encryption type (false means the AWS-owned key). */
export const SSE_ENABLED: Record<string, boolean> = {
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
      metadata: { name: `${TABLE_XR_PLURAL}.${props.group}`, labels: { 'platform.crossplane.io/kind': TABLE_XR_KIND } },
      spec: {
        compositeTypeRef: { apiVersion: `${props.group}/${XR_VERSION}`, kind: TABLE_XR_KIND },
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
