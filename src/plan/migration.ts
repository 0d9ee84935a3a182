import { TableSpec } from './table-spec';
import { may } from '../model/xr-api';

/** What the migration steps need to know about the table and where it is acknowledged. */
export interface MigrationContext {
  /** The XR name, which is the schema's tableName. */
  readonly name: string;
  /** The table on the base: the one that keeps its items. */
  readonly table: TableSpec;
  /** The schema file that holds the edit and its acknowledgement. */
  readonly schema: string;
  /** The environment file a delete acknowledgement goes to. */
  readonly environmentFile: string;
  /** Whether the environment's guard blocks `delete`. */
  readonly guardsDelete: boolean;
}

/**
 * The way through an acknowledged key change. An acknowledgement only lets the
 * plan pass: DynamoDB fixes keys, LSIs, name and region at creation, the XRD
 * marks them immutable, so the API server rejects the edit and Argo CD's sync
 * fails (and a key attribute's type, which the XRD accepts, fails in the
 * provider instead). The data has to move to a new table, in four steps a
 * reviewer can check one by one.
 */
export function migrationSteps(c: MigrationContext): string[] {
  const next = `${c.name}-v2`;
  const old = c.table.tableName;
  const pitr = c.table.pointInTimeRecovery.enabled ? '' : ', after turning PITR on, which the export needs';
  return [
    `new table: undo this edit in ${c.schema} (and remove its replace acknowledgement), and make it in a new schema file, schemas/${next}.schema.json with "tableName": "${next}"; `
      + `Argo CD then creates table ${next} next to ${old}, which keeps its items and keeps syncing`,
    `copy: fill ${next} from ${old}, either by dual-writing from the application and backfilling the older items (a job that Scans ${old} and BatchWriteItems each item under its new key), `
      + `or by exporting ${old} to S3 (aws dynamodb export-table-to-point-in-time${pitr}) and loading the export with such a job; `
      + `DynamoDB's import from S3 only creates a new table, so it fits only if run before ${next} is merged (Crossplane then adopts the imported table)`,
    `switch: point the application at ${next}, deploy, and check that ${old} no longer serves traffic (its ConsumedReadCapacityUnits and ConsumedWriteCapacityUnits in CloudWatch fall to zero)`,
    `retire: delete ${c.schema} in a later PR${c.guardsDelete ? `, with acknowledge: [{ change: delete, resource: ${c.name}, reason: "<migrated to ${next}>" }] in ${c.environmentFile}` : ''}; ${retired(c.table)}`,
  ];
}

function retired(t: TableSpec): string {
  if (!may(t.managementMode, 'Update')) return `in management mode ${t.managementMode} Crossplane only stops observing ${t.tableName}; delete it by hand after a final on-demand backup`;
  if (!may(t.managementMode, 'Delete')) return `in management mode ${t.managementMode} ${t.tableName} is released and kept in AWS; delete it by hand after a final on-demand backup`;
  const protection = t.deletionProtection ? ', once deletion protection is turned off (deletion-protection-off, acknowledged where guarded)' : '';
  return `in management mode ${t.managementMode} Crossplane deletes ${t.tableName} and its items${protection}, so take a final on-demand backup first`;
}
