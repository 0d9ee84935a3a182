import { CapacityMode } from './aws';
import { Environment } from './environment';
import { Replica, TableSchema } from './table-schema';

/**
 * A table's settings in one environment, with the precedence every consumer
 * must agree on: the table's override for the environment, then the table,
 * then the environment's tableDefaults, then the built-in default. The model
 * (`resolveTable`) and the validator both read settings through these, so a
 * rule never judges a value the renderer does not use.
 */

/** ON_DEMAND unless the override, the table or the environment says otherwise. */
export function capacityModeIn(t: TableSchema, e: Environment): CapacityMode {
  return t.overrides?.[e.name]?.capacityMode ?? t.capacityMode ?? e.tableDefaults?.capacityMode ?? 'ON_DEMAND';
}

/** The override's replica list replaces the environment's. */
export function replicasIn(t: TableSchema, e: Environment): readonly Replica[] {
  return t.overrides?.[e.name]?.replicas ?? e.replicas ?? [];
}

/** PITR is on unless switched off. */
export function pitrEnabledIn(t: TableSchema, e: Environment): boolean {
  return t.overrides?.[e.name]?.pitr?.enabled ?? t.pitr?.enabled ?? e.tableDefaults?.pitr?.enabled ?? true;
}

/** A table is in the environment's AWS Backup plan when the environment backs up and the table does not opt out. */
export function inBackupIn(t: TableSchema, e: Environment): boolean {
  return e.backup?.enabled === true && t.overrides?.[e.name]?.backup !== false;
}
