import { BillingMode, EncryptionType, KeyType, ProjectionType, TableClass } from './aws';
import { RiskClass } from './common';
import { Environment } from './environment';
import { ManagementMode } from './xr-api';

/**
 * The fully resolved view of the inputs: one entry per table per environment,
 * with every default and override applied. Rendering, planning, status and
 * docs all read this, never the raw files, so they cannot disagree.
 */
export interface Model {
  readonly organisation: string;
  readonly apiGroup: string;
  readonly functionPackage: string;
  readonly repository: { readonly url: string; readonly revision: string; readonly path: string };
  readonly argocd: { readonly namespace: string; readonly project: string; readonly destinationServer: string };
  readonly purpose?: string;
  readonly environments: readonly EnvironmentModel[];
}

export interface KeyAttr {
  readonly name: string;
  readonly type: KeyType;
}

export interface ResolvedGsi {
  readonly name: string;
  readonly hashKey: string;
  readonly rangeKey?: string;
  readonly projectionType: ProjectionType;
  readonly nonKeyAttributes?: readonly string[];
  readonly onDemandThroughput?: { readonly maxReadRequestUnits?: number; readonly maxWriteRequestUnits?: number };
  readonly readCapacity?: number;
  readonly writeCapacity?: number;
}

export interface ResolvedLsi {
  readonly name: string;
  readonly rangeKey: string;
  readonly projectionType: ProjectionType;
  readonly nonKeyAttributes?: readonly string[];
}

export interface ResolvedReplica {
  readonly regionName: string;
  readonly pointInTimeRecovery: boolean;
  readonly propagateTags: boolean;
  readonly deletionProtectionEnabled: boolean;
  readonly kmsKeyArn?: string;
}

export interface ResolvedTable {
  /** Schema file it came from. */
  readonly source: string;
  /** `tableName` in the schema. */
  readonly logicalName: string;
  /** The XR's metadata.name: the logical name as a Kubernetes object name (see `tableObjectName`). */
  readonly objectName: string;
  /** Physical DynamoDB table name (the external name). */
  readonly tableName: string;
  readonly environment: string;
  readonly namespace: string;
  readonly region: string;
  readonly providerConfigName: string;
  readonly managementMode: ManagementMode;
  readonly hashKey: string;
  readonly rangeKey?: string;
  /** Key attributes only, sorted by name: DynamoDB rejects definitions of non-key attributes. */
  readonly attributes: readonly KeyAttr[];
  readonly globalSecondaryIndexes: readonly ResolvedGsi[];
  readonly localSecondaryIndexes: readonly ResolvedLsi[];
  readonly billingMode: BillingMode;
  readonly readCapacity?: number;
  readonly writeCapacity?: number;
  readonly onDemandThroughput?: { readonly maxReadRequestUnits?: number; readonly maxWriteRequestUnits?: number };
  readonly pointInTimeRecovery: { readonly enabled: boolean; readonly recoveryPeriodInDays?: number };
  readonly encryption: { readonly type: EncryptionType; readonly kmsKeyArn?: string };
  readonly stream: { readonly enabled: boolean; readonly viewType?: string };
  readonly ttl?: { readonly enabled: boolean; readonly attributeName: string };
  readonly tableClass: TableClass;
  readonly deletionProtection: boolean;
  readonly replicas: readonly ResolvedReplica[];
  /** The table's own tags (schema tags, then override tags). */
  readonly tags: Readonly<Record<string, string>>;
  /** The environment's mandatory tags plus the backup selection tag; these win. */
  readonly mandatoryTags: Readonly<Record<string, string>>;
  /** Name of the backup plan XR covering the table, or undefined. */
  readonly backupPlan?: string;
}

export interface ResolvedBackupPlan {
  /** XR name. */
  readonly name: string;
  readonly environment: string;
  readonly namespace: string;
  readonly region: string;
  readonly account: string;
  readonly providerConfigName: string;
  readonly planName: string;
  readonly vaultName: string;
  readonly roleName: string;
  readonly selectionName: string;
  readonly schedule: string;
  readonly retentionDays: number;
  readonly startWindowMinutes: number;
  readonly completionWindowMinutes: number;
  /** The copy vault has the primary vault's name, in this region. */
  readonly copy?: { readonly region: string; readonly retentionDays: number };
  readonly selectionTag: { readonly key: string; readonly value: string };
  readonly tags: Readonly<Record<string, string>>;
}

export interface EnvironmentModel {
  readonly name: string;
  readonly source: string;
  readonly description?: string;
  readonly account: string;
  readonly region: string;
  readonly drRegion?: string;
  readonly namespace: string;
  readonly providerConfig: {
    readonly name: string;
    readonly roleArn: string;
    readonly externalId?: string;
    readonly source: NonNullable<Environment['providerConfig']['source']>;
  };
  readonly onRemoval: NonNullable<NonNullable<Environment['tableDefaults']>['onRemoval']>;
  readonly tags: Readonly<Record<string, string>>;
  /** Risk classes `plan` refuses without an acknowledgement. */
  readonly guard: readonly RiskClass[];
  /** Argo CD auto-prune. */
  readonly prune: boolean;
  /** Prune=confirm,Delete=confirm on everything that holds data. */
  readonly confirmDeletion: boolean;
  readonly tables: readonly ResolvedTable[];
  readonly backupPlan?: ResolvedBackupPlan;
}
