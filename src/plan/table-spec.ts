/**
 * A `DynamoDBTable` XR's spec as plan reads it: validated (xr-spec.ts), with
 * absent fields taking the XRD's defaults. The enums are widened to any
 * string, because an older dist/ may hold a value this version no longer writes.
 */
import { z } from 'zod';
import { MANAGEMENT_MODES, TABLE_SPEC_DEFAULTS } from '../model/xr-api';
import { KubeObject } from '../render/render';
import { readSpec } from './xr-spec';

const caps = z.looseObject({ maxReadRequestUnits: z.number().optional(), maxWriteRequestUnits: z.number().optional() });

const TABLE_XR_SPEC = z.looseObject({
  tableName: z.string().optional(),
  region: z.string().optional(),
  providerConfigName: z.string().optional(),
  managementMode: z.enum(MANAGEMENT_MODES).optional(),
  hashKey: z.string().optional(),
  rangeKey: z.string().optional(),
  attributes: z.array(z.looseObject({ name: z.string(), type: z.string() })).optional(),
  globalSecondaryIndexes: z.array(z.looseObject({
    name: z.string(),
    hashKey: z.string(),
    rangeKey: z.string().optional(),
    projectionType: z.string(),
    nonKeyAttributes: z.array(z.string()).optional(),
    onDemandThroughput: caps.optional(),
    readCapacity: z.number().optional(),
    writeCapacity: z.number().optional(),
  })).optional(),
  localSecondaryIndexes: z.array(z.looseObject({
    name: z.string(),
    rangeKey: z.string(),
    projectionType: z.string(),
    nonKeyAttributes: z.array(z.string()).optional(),
  })).optional(),
  billingMode: z.string().optional(),
  readCapacity: z.number().optional(),
  writeCapacity: z.number().optional(),
  onDemandThroughput: caps.optional(),
  pointInTimeRecovery: z.looseObject({ enabled: z.boolean(), recoveryPeriodInDays: z.number().optional() }).optional(),
  encryption: z.looseObject({ type: z.string(), kmsKeyArn: z.string().optional() }).optional(),
  stream: z.looseObject({ enabled: z.boolean(), viewType: z.string().optional() }).optional(),
  ttl: z.looseObject({ enabled: z.boolean(), attributeName: z.string() }).optional(),
  tableClass: z.string().optional(),
  deletionProtection: z.boolean().optional(),
  replicas: z.array(z.looseObject({
    regionName: z.string(),
    pointInTimeRecovery: z.boolean().optional(),
    propagateTags: z.boolean().optional(),
    deletionProtectionEnabled: z.boolean().optional(),
    kmsKeyArn: z.string().optional(),
  })).optional(),
  tags: z.record(z.string(), z.string()).optional(),
  mandatoryTags: z.record(z.string(), z.string()).optional(),
  backup: z.looseObject({ plan: z.string().optional() }).optional(),
});

type XrTableSpec = z.output<typeof TABLE_XR_SPEC>;

/** Fields an XR may leave out, read as their default. */
type Defaulted = 'tableName' | 'region' | 'managementMode' | 'hashKey' | 'attributes' | 'globalSecondaryIndexes' | 'localSecondaryIndexes'
  | 'billingMode' | 'pointInTimeRecovery' | 'stream' | 'tableClass' | 'deletionProtection' | 'replicas' | 'tags' | 'mandatoryTags';

/** A table XR's spec: `backup.plan` as `backupPlan`, absent when the table is in no plan. */
export type TableSpec = Readonly<Required<Pick<XrTableSpec, Defaulted>> & Pick<XrTableSpec, 'providerConfigName' | 'rangeKey' | 'readCapacity'
  | 'writeCapacity' | 'onDemandThroughput' | 'encryption' | 'ttl'> & { backupPlan?: string }>;

export type GsiSpec = TableSpec['globalSecondaryIndexes'][number];
export type LsiSpec = TableSpec['localSecondaryIndexes'][number];

/** The table's spec, validated; a UsageError naming the field when the XR is not one ddbops can read. */
export function readTableSpec(o: KubeObject): TableSpec {
  const s = readSpec(o, TABLE_XR_SPEC);
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
