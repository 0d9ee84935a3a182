/**
 * The contract of the platform's composite resources (XRs): what the XRDs
 * declare, the Compositions implement, `plan` and `status` read back from
 * rendered and live objects, and the Argo CD health checks are registered
 * for. One place, so a renamed kind or a new management mode cannot reach
 * one of them and miss another.
 *
 * A leaf: it imports nothing of ours, so every layer may read it.
 */

/** The version every XRD serves and every XR is written in. */
export const XR_VERSION = 'v1alpha1';

export const TABLE_XR_KIND = 'DynamoDBTable';
export const TABLE_XR_PLURAL = 'dynamodbtables';

export const BACKUP_XR_KIND = 'DynamoDBBackupPlan';
export const BACKUP_XR_PLURAL = 'dynamodbbackupplans';

/** Every XR kind, in the order reports list them: tables, then the backup plan that covers them. */
export const XR_KINDS = [TABLE_XR_KIND, BACKUP_XR_KIND] as const;
export type XrKind = (typeof XR_KINDS)[number];

/** The plural of each kind: its XRD's name, its REST path, the resource `kubectl get` takes. */
export const XR_PLURALS: Readonly<Record<XrKind, string>> = {
  [TABLE_XR_KIND]: TABLE_XR_PLURAL,
  [BACKUP_XR_KIND]: BACKUP_XR_PLURAL,
};

/** The kinds the Argo CD XR health check is registered for, in argocd-cm: every XR kind. */
export const HEALTH_CHECKED_XR_KINDS: readonly XrKind[] = XR_KINDS;

/** `platform.example.com/v1alpha1`: the apiVersion of an XR in `group`. */
export function xrApiVersion(group: string): string {
  return `${group}/${XR_VERSION}`;
}

/** `dynamodbtables.platform.example.com`: an XRD's name, which Kubernetes requires to be `<plural>.<group>`. */
export function definitionName(kind: XrKind, group: string): string {
  return `${XR_PLURALS[kind]}.${group}`;
}

/** The one table Composition, named like its XRD: what a table XR gets when it names none. */
export function tableCompositionName(group: string): string {
  return `${TABLE_XR_PLURAL}.${group}`;
}

/** The start of the with-copy backup Composition's name, which the XRD's CEL rule matches on. */
export const BACKUP_WITH_COPY_COMPOSITION_PREFIX = `${BACKUP_XR_PLURAL}-with-copy.`;

/**
 * The backup Composition for a plan with or without a cross-region copy.
 * function-patch-and-transform cannot add a resource conditionally, so each
 * variant is its own Composition, and the XR names the one it needs.
 */
export function backupCompositionName(group: string, withCopy: boolean): string {
  return withCopy ? `${BACKUP_WITH_COPY_COMPOSITION_PREFIX}${group}` : `${BACKUP_XR_PLURAL}-single-region.${group}`;
}

/**
 * How Crossplane manages a table:
 * - `full`: create, update and delete;
 * - `keep-on-delete`: create and update, but removing it from git only releases it;
 * - `observe`: read-only adoption of an existing table, nothing is changed in AWS.
 */
export const MANAGEMENT_MODES = ['full', 'keep-on-delete', 'observe'] as const;
export type ManagementMode = (typeof MANAGEMENT_MODES)[number];

/** A Crossplane managementPolicies entry; `*` means every one of them. */
export type ManagementPolicy = 'Observe' | 'Create' | 'Update' | 'Delete' | 'LateInitialize' | '*';

/**
 * Management policies per management mode, as the table Composition sets
 * them on the composed Table. `keep-on-delete` omits Delete, so deleting the
 * XR releases the table instead of deleting it; `observe` only reads.
 *
 * None includes LateInitialize (which `*` implies): upjet computes its diff
 * before late-initializing, and the Table ignores no field, so with it a field
 * removed from git (replicas, an on-demand cap) is copied back from AWS into
 * spec.forProvider and the removal never reaches AWS. The Table's external
 * name comes from spec.tableName, so nothing needs late-initializing
 * (crossplane-runtime v2 pkg/reconciler/managed/policies.go; upjet
 * pkg/controller/external_tfpluginsdk.go Observe).
 */
export const MANAGEMENT_POLICIES: Readonly<Record<ManagementMode, readonly ManagementPolicy[]>> = {
  'full': ['Observe', 'Create', 'Update', 'Delete'],
  'keep-on-delete': ['Observe', 'Create', 'Update'],
  'observe': ['Observe'],
};

/** Whether a list of management policies lets Crossplane take an action; a missing list is the provider's default, `*`. */
export function policiesAllow(policies: readonly string[], action: Exclude<ManagementPolicy, '*'>): boolean {
  return policies.includes('*') || policies.includes(action);
}

/** Whether a management mode lets Crossplane create, update or delete the table. */
export function may(mode: ManagementMode, action: 'Create' | 'Update' | 'Delete'): boolean {
  // A mode an older or newer dist/ holds that this version does not know: the provider's default, everything.
  return policiesAllow(MANAGEMENT_POLICIES[mode] ?? ['*'], action);
}

/** What the table XRD defaults when a field is absent: the API server fills these in, and `plan` reads absent fields as them. */
export const TABLE_SPEC_DEFAULTS = {
  managementMode: 'full',
  billingMode: 'PAY_PER_REQUEST',
  tableClass: 'STANDARD',
  deletionProtection: false,
} as const;

/** What the backup plan XRD defaults when a field is absent; the environment file's defaults are the same. */
export const BACKUP_SPEC_DEFAULTS = {
  startWindowMinutes: 60,
  completionWindowMinutes: 180,
} as const;
