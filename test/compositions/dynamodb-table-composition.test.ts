/**
 * The DynamoDBTable Composition: one table-driven row per patch, each with
 * the reason it exists, so adding, dropping or reordering a patch is a
 * reviewed change to this file. The real engine runs these patches in
 * test/integration/render-tables.test.ts.
 */
import { Testing } from 'cdk8s';
import { DynamoDbTableComposition, SSE_ENABLED, tablePatches } from '../../compositions/dynamodb-table-composition';
import { MANAGEMENT_POLICIES } from '../../src/model/xr-api';

type Json = any;

interface PatchRow {
  readonly type: 'FromCompositeFieldPath' | 'ToCompositeFieldPath';
  readonly from: string;
  readonly to: string;
  readonly reason: string;
  readonly map?: Record<string, unknown>;
  readonly merge?: boolean;
}

const from = (f: string, t: string, reason: string, extra: Partial<PatchRow> = {}): PatchRow => ({ type: 'FromCompositeFieldPath', from: f, to: t, reason, ...extra });
const back = (f: string, t: string, reason: string): PatchRow => ({ type: 'ToCompositeFieldPath', from: f, to: t, reason });

const ROWS: PatchRow[] = [
  from('spec.tableName', 'metadata.annotations[crossplane.io/external-name]', 'The external name is the table name, so an existing table (BBWS: created by Terraform) is adopted, never duplicated.'),
  from('spec.region', 'spec.forProvider.region', 'The provider needs the region of every namespaced managed resource.'),
  from('spec.providerConfigName', 'spec.providerConfigRef.name', 'The environment\'s ProviderConfig is what reaches its AWS account.'),
  from('spec.managementMode', 'spec.managementPolicies', 'keep-on-delete leaves out Delete and observe only reads, so removing an XR never deletes data it should keep; no mode late-initializes, so a field removed from git reaches AWS.',
    { map: { 'full': ['Observe', 'Create', 'Update', 'Delete'], 'keep-on-delete': ['Observe', 'Create', 'Update'], 'observe': ['Observe'] } }),
  from('spec.hashKey', 'spec.forProvider.hashKey', 'The partition key.'),
  from('spec.rangeKey', 'spec.forProvider.rangeKey', 'The sort key; absent on tables without one, which skips the patch.'),
  from('spec.attributes', 'spec.forProvider.attribute', 'Key attributes only, since DynamoDB rejects definitions of non-key attributes.'),
  from('spec.globalSecondaryIndexes', 'spec.forProvider.globalSecondaryIndex', 'GSIs with projection and capacity, field names already the provider\'s.'),
  from('spec.localSecondaryIndexes', 'spec.forProvider.localSecondaryIndex', 'LSIs, fixed at creation (the XRD refuses changes).'),
  from('spec.billingMode', 'spec.forProvider.billingMode', 'PAY_PER_REQUEST or PROVISIONED.'),
  from('spec.readCapacity', 'spec.forProvider.readCapacity', 'Provisioned read capacity; absent on on-demand tables.'),
  from('spec.writeCapacity', 'spec.forProvider.writeCapacity', 'Provisioned write capacity; absent on on-demand tables.'),
  from('spec.onDemandThroughput', 'spec.forProvider.onDemandThroughput', 'On-demand throughput caps.'),
  from('spec.pointInTimeRecovery', 'spec.forProvider.pointInTimeRecovery', 'PITR and its recovery window.'),
  from('spec.encryption.type', 'spec.forProvider.serverSideEncryption.enabled', 'DynamoDB has no "type": enabled=false means the AWS-owned key, true a KMS key.',
    { map: { 'aws-owned': false, 'aws-managed': true, 'customer-managed': true } }),
  from('spec.encryption.kmsKeyArn', 'spec.forProvider.serverSideEncryption.kmsKeyArn', 'The CMK, only for customer-managed encryption.'),
  from('spec.stream.enabled', 'spec.forProvider.streamEnabled', 'The provider flattens streams into two fields.'),
  from('spec.stream.viewType', 'spec.forProvider.streamViewType', 'What each stream record holds.'),
  from('spec.ttl', 'spec.forProvider.ttl', 'Time to live.'),
  from('spec.tableClass', 'spec.forProvider.tableClass', 'STANDARD or STANDARD_INFREQUENT_ACCESS.'),
  from('spec.deletionProtection', 'spec.forProvider.deletionProtectionEnabled', 'Deletion protection in AWS, separate from the management policies.'),
  from('spec.replicas', 'spec.forProvider.replica', 'Global-table replicas with their own PITR, tags and deletion protection.'),
  from('spec.mandatoryTags', 'spec.forProvider.tags', 'The environment\'s mandatory tags go first...'),
  from('spec.tags', 'spec.forProvider.tags', '...and the table\'s tags are merged in without overwriting them.', { merge: true }),
  back('status.atProvider.arn', 'status.arn', 'Users see the table ARN on the XR.'),
  back('status.atProvider.streamArn', 'status.streamArn', 'Consumers wire the stream ARN from the XR.'),
  back('status.atProvider.id', 'status.tableName', 'The name AWS reports, proof of adoption.'),
  back('status.atProvider.region', 'status.region', 'The region AWS reports.'),
  back('status.conditions', 'status.resources.table.conditions', 'Crossplane never carries the provider\'s verdict (an AWS error) onto the XR: this copy is what Argo CD\'s health, ddbops status and kubectl read.'),
];

function expected(row: PatchRow): Json {
  return {
    type: row.type,
    fromFieldPath: row.from,
    toFieldPath: row.to,
    ...(row.map ? { transforms: [{ type: 'map', map: row.map }] } : {}),
    ...(row.merge ? { policy: { toFieldPath: 'MergeObjects' } } : {}),
  };
}

function synthComposition(): Json {
  const chart = Testing.chart();
  new DynamoDbTableComposition(chart, 'composition', { group: 'platform.example.com' });
  const manifest = Testing.synth(chart);
  expect(manifest).toHaveLength(1);
  return manifest[0];
}

describe('DynamoDbTableComposition', () => {
  const composition = synthComposition();
  const step = composition.spec.pipeline[0];
  const resource = step.input.resources[0];

  test('a Pipeline Composition for the DynamoDBTable XR, one function-patch-and-transform step', () => {
    expect(composition.apiVersion).toBe('apiextensions.crossplane.io/v1');
    expect(composition.metadata.name).toBe('dynamodbtables.platform.example.com');
    expect(composition.spec.compositeTypeRef).toEqual({ apiVersion: 'platform.example.com/v1alpha1', kind: 'DynamoDBTable' });
    expect(composition.spec.mode).toBe('Pipeline');
    expect(composition.spec.pipeline).toHaveLength(1);
    expect(step.functionRef).toEqual({ name: 'function-patch-and-transform' });
    expect(step.input.apiVersion).toBe('pt.fn.crossplane.io/v1beta1');
    expect(step.input.kind).toBe('Resources');
  });

  test('composes one namespaced dynamodb.aws.m.upbound.io/v1beta1 Table, ready when its Ready condition is True', () => {
    expect(step.input.resources).toHaveLength(1);
    expect(resource.name).toBe('table');
    // Every forProvider field comes from a patch; the base fixes only the kind.
    expect(resource.base).toEqual({ apiVersion: 'dynamodb.aws.m.upbound.io/v1beta1', kind: 'Table', spec: { providerConfigRef: { kind: 'ProviderConfig' } } });
    expect(resource.readinessChecks).toEqual([{ type: 'MatchCondition', matchCondition: { type: 'Ready', status: 'True' } }]);
  });

  test('exactly these patches, in this order', () => {
    expect(resource.patches).toEqual(ROWS.map(expected));
    expect(tablePatches()).toEqual(ROWS.map(expected));
  });

  test.each(ROWS.map((r, i) => ({ ...r, i })))('patch $i $from → $to: $reason', (row) => {
    expect(resource.patches[row.i]).toEqual(expected(row));
  });

  test('the mandatory tags are patched before the table tags are merged (order decides who wins)', () => {
    const paths = resource.patches.map((p: Json) => p.fromFieldPath);
    expect(paths.indexOf('spec.mandatoryTags')).toBeLessThan(paths.indexOf('spec.tags'));
  });

  test('management policies and SSE maps cover every mode and encryption type the XRD allows', () => {
    expect(Object.keys(MANAGEMENT_POLICIES).sort()).toEqual(['full', 'keep-on-delete', 'observe']);
    expect(MANAGEMENT_POLICIES['keep-on-delete']).not.toContain('Delete');
    // upjet diffs before it late-initializes: with LateInitialize, a field removed from git is copied back from AWS.
    for (const policies of Object.values(MANAGEMENT_POLICIES)) expect(policies).not.toEqual(expect.arrayContaining(['LateInitialize']));
    for (const policies of Object.values(MANAGEMENT_POLICIES)) expect(policies).not.toContain('*');
    expect(Object.keys(SSE_ENABLED).sort()).toEqual(['aws-managed', 'aws-owned', 'customer-managed']);
  });
});
