import { z } from 'zod';
import { MANAGEMENT_MODES } from './xr-api';

/** How Crossplane manages a table (see MANAGEMENT_MODES): the XR's own enum, so the two cannot drift apart. */
export const ManagementModeSchema = z.enum(MANAGEMENT_MODES);

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
