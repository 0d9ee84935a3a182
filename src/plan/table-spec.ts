import { ResolvedTable } from '../model/resolved';
import { TABLE_SPEC_DEFAULTS } from '../model/xr-api';
import { KubeObject } from '../render/render';

/**
 * A `DynamoDBTable` XR's spec, typed. Plan classifies rendered XRs, not the
 * model, so that a base read from a committed dist/ (written by an older
 * ddbops) is classified the same way; absent fields take the XRD defaults.
 * The XR spec is the model's table less its bookkeeping, with the enums
 * widened to whatever string an older dist/ may hold.
 */
export interface TableSpec extends Omit<ResolvedTable,
  'source' | 'logicalName' | 'objectName' | 'environment' | 'namespace' | 'providerConfigName' | 'billingMode' | 'encryption' | 'tableClass'> {
  readonly providerConfigName?: string;
  readonly billingMode: string;
  readonly encryption?: { readonly type: string; readonly kmsKeyArn?: string };
  readonly tableClass: string;
}

type Json = Record<string, any>;

export function specOf(o: KubeObject): Json {
  const spec = (o as Json).spec;
  return spec && typeof spec === 'object' ? spec : {};
}

export function readTableSpec(o: KubeObject): TableSpec {
  const s = specOf(o);
  const plan = s.backup?.plan;
  return {
    tableName: s.tableName ?? o.metadata.name,
    region: s.region ?? '',
    ...(s.providerConfigName ? { providerConfigName: s.providerConfigName } : {}),
    managementMode: s.managementMode ?? TABLE_SPEC_DEFAULTS.managementMode,
    hashKey: s.hashKey ?? '',
    ...(s.rangeKey ? { rangeKey: s.rangeKey } : {}),
    attributes: s.attributes ?? [],
    globalSecondaryIndexes: s.globalSecondaryIndexes ?? [],
    localSecondaryIndexes: s.localSecondaryIndexes ?? [],
    billingMode: s.billingMode ?? TABLE_SPEC_DEFAULTS.billingMode,
    ...(s.readCapacity !== undefined ? { readCapacity: s.readCapacity } : {}),
    ...(s.writeCapacity !== undefined ? { writeCapacity: s.writeCapacity } : {}),
    ...(s.onDemandThroughput ? { onDemandThroughput: s.onDemandThroughput } : {}),
    pointInTimeRecovery: s.pointInTimeRecovery ?? { enabled: false },
    ...(s.encryption ? { encryption: s.encryption } : {}),
    stream: s.stream ?? { enabled: false },
    ...(s.ttl ? { ttl: s.ttl } : {}),
    tableClass: s.tableClass ?? TABLE_SPEC_DEFAULTS.tableClass,
    deletionProtection: s.deletionProtection ?? TABLE_SPEC_DEFAULTS.deletionProtection,
    replicas: s.replicas ?? [],
    tags: s.tags ?? {},
    mandatoryTags: s.mandatoryTags ?? {},
    ...(plan && plan !== 'none' ? { backupPlan: plan } : {}),
  };
}

/** Spec fields of the table XR that reach AWS through the Composition. */
export type TableField = keyof TableSpec | 'backup';
