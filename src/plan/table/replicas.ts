import { change } from '../change';
import { diffPaths } from '../../json/diff';
import { listSomeChange } from '../../text/lists';
import { Change } from '../types';
import { TableTopic } from './topic';

/** Global-table replicas: each is a full copy of the table in another region. */
export const replicasTopic: TableTopic = {
  fields: ['replicas'],
  classify(base, head) {
    const out: Change[] = [];
    const a = new Map(base.replicas.map((r) => [r.regionName, r]));
    const b = new Map(head.replicas.map((r) => [r.regionName, r]));
    for (const [region, r] of b) {
      const old = a.get(region);
      if (!old) {
        out.push(change(`replica in ${region} added: DynamoDB copies every item there (hours on a large table), and replicated writes are billed in both regions`, [], ['backfill', 'slow', 'cost']));
        continue;
      }
      if (old.pointInTimeRecovery && !r.pointInTimeRecovery) {
        out.push(change(`replica in ${region}: PITR turned off, discarding that replica's restore window`, ['pitr-off'], ['recovery-weakened']));
      }
      if (old.deletionProtectionEnabled && !r.deletionProtectionEnabled) {
        out.push(change(`replica in ${region}: deletion protection turned off`, ['deletion-protection-off'], ['recovery-weakened']));
      }
      const rest = diffPaths(old, r).filter((p) => !p.startsWith('pointInTimeRecovery') && !p.startsWith('deletionProtectionEnabled'));
      const gained = (!old.pointInTimeRecovery && r.pointInTimeRecovery) || (!old.deletionProtectionEnabled && r.deletionProtectionEnabled);
      if (rest.length || gained) {
        const fields = [...rest, ...(!old.pointInTimeRecovery && r.pointInTimeRecovery ? ['pointInTimeRecovery'] : []),
          ...(!old.deletionProtectionEnabled && r.deletionProtectionEnabled ? ['deletionProtectionEnabled'] : [])];
        out.push(change(`replica in ${region}: ${listSomeChange(fields)}`));
      }
    }
    for (const region of a.keys()) {
      if (!b.has(region)) {
        out.push(change(`replica in ${region} removed: DynamoDB deletes that region's copy of the table`, ['replica-removed'], ['data-loss', 'recovery-weakened']));
      }
    }
    return out;
  },
};
