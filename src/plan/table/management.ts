import { change } from '../change';
import { Change } from '../types';
import { TableTopic } from './topic';
import { may } from '../../model/xr-api';

/** What Crossplane may do to the table: the Composition maps the mode to managementPolicies. */
export const managementTopic: TableTopic = {
  fields: ['managementMode'],
  classify(base, head) {
    const a = base.managementMode;
    const b = head.managementMode;
    if (a === b) return [];
    const out: Change[] = [];
    if (!may(a, 'Delete') && may(b, 'Delete')) {
      out.push(change(`management mode ${a} → ${b}: Crossplane may now delete the table; removing it from git would DELETE it and its items in AWS`,
        ['management-gains-delete']));
    } else if (may(a, 'Delete') && !may(b, 'Delete')) {
      out.push(change(`management mode ${a} → ${b}: removing the table from git now only releases it`));
    }
    if (may(a, 'Update') && !may(b, 'Update')) {
      out.push(change(`management mode ${a} → ${b}: Crossplane stops writing to the table and only reads it`));
    } else if (!may(a, 'Update') && may(b, 'Update')) {
      out.push(change(`management mode ${a} → ${b}: Crossplane starts writing this spec to the existing table`));
    }
    return out;
  },
};
