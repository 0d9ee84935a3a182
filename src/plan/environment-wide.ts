import { RiskClass } from '../model/common';
import { orderRisks } from './labels';
import { EnvironmentWideBlock, PlanEntry } from './types';
import { TABLE_XR_KIND } from '../model/xr-api';

/**
 * Risk classes that block every table of an environment at once, as an
 * environment default or the backup plan does: one acknowledgement without
 * `resource` in the environment file accepts them all, where one per table
 * would be a copy per schema that outlives the change. Only with two tables or
 * more (for one, the table's own acknowledgement is as short), and never for an
 * environment file that is gone (`acknowledgeIn` undefined).
 */
export function environmentWide(entries: readonly PlanEntry[], acknowledgeIn: string | undefined): EnvironmentWideBlock[] {
  if (acknowledgeIn === undefined) return [];
  const tables = entries.filter((e) => e.kind === TABLE_XR_KIND);
  if (tables.length < 2) return [];
  const everywhere = orderRisks(tables[0].blockedBy.filter((r) => tables.every((t) => t.blockedBy.includes(r))));
  return everywhere.map((change: RiskClass) => ({
    change,
    resources: entries.filter((e) => e.blockedBy.includes(change)).map((e) => `${e.kind}/${e.name}`),
    acknowledgeIn,
  }));
}
