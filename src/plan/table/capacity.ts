import { change } from '../change';
import { jsonEqual } from '../../json/json';
import { Change } from '../types';
import { caps } from './gsis';
import { TableTopic } from './topic';

/** Billing mode, capacity and table class: online, but limited in how often, and they move the bill. */
export const capacityTopic: TableTopic = {
  fields: ['billingMode', 'readCapacity', 'writeCapacity', 'onDemandThroughput', 'tableClass'],
  classify(base, head) {
    const out: Change[] = [];
    if (base.billingMode !== head.billingMode) {
      out.push(head.billingMode === 'PAY_PER_REQUEST'
        ? change(`billing mode ${base.billingMode} → ${head.billingMode}: AWS allows 4 switches to on-demand per table in any 24 hours, and the switch takes several minutes`,
          ['billing-mode-switch'], ['rate-limited', 'slow'])
        : change(`billing mode ${base.billingMode} → ${head.billingMode} (${head.readCapacity ?? '-'}/${head.writeCapacity ?? '-'} read/write units): requests above them are throttled, and switching back to on-demand is limited to 4 times per 24 hours`,
          ['billing-mode-switch'], ['rate-limited', 'throttle-risk', 'cost']));
    } else if (base.readCapacity !== head.readCapacity || base.writeCapacity !== head.writeCapacity) {
      const lower = (head.readCapacity ?? 0) < (base.readCapacity ?? 0) || (head.writeCapacity ?? 0) < (base.writeCapacity ?? 0);
      out.push(change(`capacity ${base.readCapacity ?? '-'}/${base.writeCapacity ?? '-'} → ${head.readCapacity ?? '-'}/${head.writeCapacity ?? '-'} read/write units${lower ? ': AWS limits how many decreases a table gets per day' : ''}`,
        [], lower ? ['throttle-risk', 'rate-limited'] : ['cost']));
    }
    if (!jsonEqual(base.onDemandThroughput, head.onDemandThroughput)) {
      out.push(...onDemandCaps(base.onDemandThroughput, head.onDemandThroughput, head.billingMode));
    }
    if (base.tableClass !== head.tableClass) {
      out.push(change(`table class ${base.tableClass} → ${head.tableClass}: ${head.tableClass === 'STANDARD' ? 'storage dearer, requests cheaper' : 'storage cheaper, requests dearer'}; AWS limits how often a table's class can change`,
        [], ['cost', 'rate-limited']));
    }
    return out;
  },
};

type Caps = { readonly maxReadRequestUnits?: number; readonly maxWriteRequestUnits?: number } | undefined;

/**
 * Terraform (inside the provider) sends on-demand caps only when the block is
 * set, so a cap deleted from git stays in AWS; a cap of -1 is how DynamoDB and
 * Terraform remove one (aws_dynamodb_table docs: "To remove set the value to
 * -1"). A removal is spelled out as the two changes it needs.
 */
function onDemandCaps(base: Caps, head: Caps, billingMode: string): Change[] {
  const dropped = (k: 'maxReadRequestUnits' | 'maxWriteRequestUnits') =>
    base?.[k] !== undefined && base[k] !== -1 && head?.[k] === undefined && billingMode === 'PAY_PER_REQUEST';
  const lost = (['maxReadRequestUnits', 'maxWriteRequestUnits'] as const).filter(dropped);
  if (lost.length) {
    return [change(`on-demand caps ${caps(base)} → ${caps(head)}: deleting a cap from the schema leaves it in AWS, because the provider only sends caps that are set; set ${lost.join(' and ')} to -1 in this change (DynamoDB's way to remove a cap) and delete the line once it has synced`,
      [], ['two-step', 'throttle-risk'])];
  }
  return [change(`on-demand caps ${caps(base)} → ${caps(head)}: requests above a cap are throttled`, [], ['throttle-risk'])];
}
