import { ApiObject, ApiObjectMetadata } from 'cdk8s';
import { Construct } from 'constructs';
import { ResolvedTable } from '../src/model/resolved';
import { TABLE_XR_KIND, xrApiVersion } from '../src/model/xr-api';

export interface DynamoDbTableProps {
  /** API group of the XRD. */
  readonly group: string;
  /** The table as resolved for one environment. */
  readonly table: ResolvedTable;
  /**
   * Extra metadata (labels, Argo CD annotations).
   * @default none
   */
  readonly metadata?: ApiObjectMetadata;
}

/** The XR spec for a resolved table; field names follow the XRD. */
export function tableXrSpec(t: ResolvedTable): Record<string, unknown> {
  return {
    tableName: t.tableName,
    region: t.region,
    providerConfigName: t.providerConfigName,
    managementMode: t.managementMode,
    hashKey: t.hashKey,
    ...(t.rangeKey ? { rangeKey: t.rangeKey } : {}),
    attributes: t.attributes.map((a) => ({ name: a.name, type: a.type })),
    ...(t.globalSecondaryIndexes.length ? { globalSecondaryIndexes: t.globalSecondaryIndexes } : {}),
    ...(t.localSecondaryIndexes.length ? { localSecondaryIndexes: t.localSecondaryIndexes } : {}),
    billingMode: t.billingMode,
    ...(t.readCapacity !== undefined ? { readCapacity: t.readCapacity, writeCapacity: t.writeCapacity } : {}),
    ...(t.onDemandThroughput ? { onDemandThroughput: t.onDemandThroughput } : {}),
    pointInTimeRecovery: t.pointInTimeRecovery,
    encryption: t.encryption,
    stream: t.stream,
    ...(t.ttl ? { ttl: t.ttl } : {}),
    tableClass: t.tableClass,
    deletionProtection: t.deletionProtection,
    ...(t.replicas.length ? { replicas: t.replicas } : {}),
    ...(Object.keys(t.tags).length ? { tags: t.tags } : {}),
    mandatoryTags: t.mandatoryTags,
    backup: { plan: t.backupPlan ?? 'none' },
  };
}

/** A `DynamoDBTable` XR: the table claim users `kubectl get` in their namespace. */
export class DynamoDbTable extends ApiObject {
  constructor(scope: Construct, id: string, props: DynamoDbTableProps) {
    super(scope, id, {
      apiVersion: xrApiVersion(props.group),
      kind: TABLE_XR_KIND,
      metadata: { ...props.metadata, name: props.table.objectName, namespace: props.table.namespace },
      spec: tableXrSpec(props.table),
    });
  }
}
