/**
 * A `DynamoDBBackupPlan` XR's spec as plan reads it: validated (xr-spec.ts),
 * the fields plan reasons about, with what an absent one reads as.
 */
import { z } from 'zod';
import { KubeObject } from '../render/render';
import { readSpec } from './xr-spec';

const BACKUP_XR_SPEC = z.looseObject({
  planName: z.string().optional(),
  vaultName: z.string().optional(),
  schedule: z.string().optional(),
  retentionDays: z.number().optional(),
  copy: z.looseObject({ region: z.string(), retentionDays: z.number().optional(), destinationVaultArn: z.string().optional() }).optional(),
  tags: z.record(z.string(), z.string()).optional(),
});

export interface BackupSpec {
  readonly planName: string;
  readonly vaultName: string;
  readonly schedule: string;
  readonly retentionDays: number;
  /** A copy without its own retention keeps the primary's. */
  readonly copy?: { readonly region: string; readonly retentionDays: number };
  /** Set by hand in dist/ written before the Composition took the copy vault's ARN from the composed vault. */
  readonly copyDestinationVaultArn?: string;
  readonly tags: Readonly<Record<string, string>>;
}

/** The backup plan's spec, validated; a UsageError naming the field when the XR is not one ddbops can read. */
export function readBackupSpec(o: KubeObject): BackupSpec {
  const s = readSpec(o, BACKUP_XR_SPEC);
  const retentionDays = s.retentionDays ?? 0;
  return {
    planName: s.planName ?? o.metadata.name,
    vaultName: s.vaultName ?? o.metadata.name,
    schedule: s.schedule ?? '',
    retentionDays,
    ...(s.copy ? { copy: { region: s.copy.region, retentionDays: s.copy.retentionDays ?? retentionDays } } : {}),
    ...(s.copy?.destinationVaultArn ? { copyDestinationVaultArn: s.copy.destinationVaultArn } : {}),
    tags: s.tags ?? {},
  };
}
