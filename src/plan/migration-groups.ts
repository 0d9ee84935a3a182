import { Plan } from './types';

/** The migration of one table, with the environments whose steps read the same. */
export interface MigrationGroup {
  readonly name: string;
  readonly schema: string;
  readonly environments: readonly string[];
  readonly steps: readonly string[];
}

/** Acknowledged replacements that need a migration, one group per table and set of identical steps, in plan order. */
export function migrationGroups(plan: Plan): MigrationGroup[] {
  const groups = new Map<string, { name: string; schema: string; environments: string[]; steps: readonly string[] }>();
  for (const env of plan.environments) {
    for (const e of env.entries) {
      if (!e.migration) continue;
      const key = [e.name, e.acknowledgeIn, ...e.migration].join('\u0000');
      const g = groups.get(key);
      if (g) g.environments.push(e.environment);
      else groups.set(key, { name: e.name, schema: e.acknowledgeIn, environments: [e.environment], steps: e.migration });
    }
  }
  return [...groups.values()];
}
