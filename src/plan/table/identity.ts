import { change, immutable } from '../change';
import { TableSpec } from '../table-spec';
import { Change } from '../types';
import { may } from '../../model/xr-api';
import { TableTopic } from './topic';

/** The physical name (Crossplane's external name) and the region say which table in AWS this is. */
export const identityTopic: TableTopic = {
  fields: ['tableName', 'region'],
  classify(base, head) {
    const out: Change[] = [];
    if (base.tableName !== head.tableName) {
      out.push(moved(base, `physical table name ${base.tableName} → ${head.tableName} (the external name): ${immutable(base.managementMode)}; then Crossplane creates a new, empty table ${head.tableName}`, base.tableName));
    }
    if (base.region !== head.region) {
      out.push(moved(base, `region ${base.region} → ${head.region}: a table cannot move between regions; ${immutable(base.managementMode)}; then Crossplane creates a new, empty table in ${head.region}`, `the one in ${base.region}`));
    }
    return out;
  },
};

/** The old table is deleted with the XR when the mode allows it (immutable() says so); otherwise it stays behind, unmanaged. */
function moved(base: TableSpec, text: string, old: string): Change {
  if (may(base.managementMode, 'Delete')) return change(text, ['replace'], ['data-loss']);
  return change(`${text}, and ${old} keeps its items in AWS, no longer managed`, ['replace'], ['data-loss', 'released']);
}
