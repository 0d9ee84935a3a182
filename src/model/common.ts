import { z } from 'zod';

/**
 * How Crossplane manages a table:
 * - `full`: create, update and delete;
 * - `keep-on-delete`: create and update, but removing it from git only releases it;
 * - `observe`: read-only adoption of an existing table, nothing is changed in AWS.
 */
export const ManagementModeSchema = z.enum(['full', 'keep-on-delete', 'observe']);
export type ManagementMode = z.infer<typeof ManagementModeSchema>;

/** Risk classes `plan` labels changes with; environments block some of them. */
export const RISK_CLASSES = [
  'replace',
  'delete',
  'gsi-added',
  'gsi-removed',
  'projection-changed',
  'billing-mode-switch',
  'ttl-changed',
  'pitr-off',
  'pitr-shortened',
  'deletion-protection-off',
  'backup-removed',
  'backup-shortened',
  'replica-removed',
  'management-gains-delete',
] as const;
export const RiskClassSchema = z.enum(RISK_CLASSES);
export type RiskClass = z.infer<typeof RiskClassSchema>;
