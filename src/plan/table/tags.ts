import { change } from '../change';
import { mapDelta } from '../../json/diff';
import { listSome } from '../../text/lists';
import { TableTopic } from './topic';

/** Tags reach AWS, but change nothing about the data. */
export const tagsTopic: TableTopic = {
  fields: ['tags', 'mandatoryTags'],
  classify(base, head) {
    // The Composition merges them; mandatory tags win.
    const a = { ...base.tags, ...base.mandatoryTags };
    const b = { ...head.tags, ...head.mandatoryTags };
    let { added, removed, changed } = mapDelta(a, b);
    if (base.backupPlan !== head.backupPlan) {
      // The backup selection tag comes and goes with the plan; the recovery topic explains that.
      const selection = (k: string) => (k in base.mandatoryTags) !== (k in head.mandatoryTags);
      added = added.filter((k) => !selection(k));
      removed = removed.filter((k) => !selection(k));
    }
    const parts = [
      ...(added.length ? [`+${listSome(added)}`] : []),
      ...(changed.length ? [`~${listSome(changed)}`] : []),
      ...(removed.length ? [`-${listSome(removed)}`] : []),
    ];
    return parts.length ? [change(`tags ${parts.join(' ')}: no effect on data`, [], ['cosmetic'])] : [];
  },
};
