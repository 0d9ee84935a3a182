import { RiskClass } from '../model/common';
import { EffectLabel } from './labels';
import { Change } from './types';
import { ManagementMode, may } from '../model/xr-api';

/** A Change; the text is one clause, no trailing period. */
export function change(text: string, risks: readonly RiskClass[] = [], labels: readonly EffectLabel[] = []): Change {
  return { risks, labels, text };
}

/** Why a key or LSI change is a replace. */
export const NEW_TABLE = 'DynamoDB fixes keys and LSIs when a table is created, so this needs a new table, and the items do not move to it';

/** For the XRD's CEL-immutable fields (tableName, region, hashKey, rangeKey, LSIs): what happens in the cluster. */
export function immutable(mode: ManagementMode): string {
  return `the XR rejects the edit (immutable field), so Argo CD's sync fails until the XR is deleted and created again${may(mode, 'Delete') ? `, which in management mode ${mode} deletes the current table` : ''}`;
}
