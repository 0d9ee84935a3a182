import { change } from '../change';
import { Change } from '../types';
import { TableTopic } from './topic';

/** TTL and streams: both are switched off and on again to change, and AWS throttles TTL changes. */
export const ttlStreamTopic: TableTopic = {
  fields: ['ttl', 'stream'],
  classify(base, head) {
    return [...ttl(base.ttl, head.ttl), ...stream(base.stream, head.stream)];
  },
};

type Ttl = { readonly enabled: boolean; readonly attributeName: string } | undefined;

function ttl(a: Ttl, b: Ttl): Change[] {
  // The provider drops a removed ttl block from its diff (provider-upjet-aws config/namespaced/dynamodb/config.go),
  // so only "enabled": false turns TTL off in AWS.
  if (a?.enabled && b === undefined) {
    return [change(`TTL block on ${a.attributeName} deleted from the schema: that does not turn TTL off in AWS, which keeps deleting expired items; to turn it off, keep the block with "enabled": false`,
      ['ttl-changed'], ['app-impact'])];
  }
  const from = a?.enabled ? a.attributeName : undefined;
  const to = b?.enabled ? b.attributeName : undefined;
  if (from === to) return [];
  if (from !== undefined && to !== undefined) {
    return [change(`TTL attribute ${from} → ${to}: DynamoDB must turn TTL off and then on again for ${to}, and takes one TTL change per table per hour, so this needs two updates up to an hour apart`,
      ['ttl-changed'], ['two-step', 'rate-limited', 'slow'])];
  }
  if (from !== undefined) {
    return [change(`TTL on ${from} turned off: items stop expiring and storage grows; AWS takes one TTL change per table per hour`, ['ttl-changed'], ['rate-limited', 'cost'])];
  }
  return [change(`TTL turned on for ${to}: DynamoDB deletes items whose ${to} is in the past, typically within days; AWS takes one TTL change per table per hour`, ['ttl-changed'], ['rate-limited'])];
}

type Stream = { readonly enabled: boolean; readonly viewType?: string };

function stream(a: Stream, b: Stream): Change[] {
  if (a.enabled && !b.enabled) {
    return [change('stream turned off: consumers (e.g. Lambda triggers) stop receiving changes, and unread records expire within 24 hours', [], ['app-impact'])];
  }
  if (!a.enabled && b.enabled) return [change(`stream turned on (${b.viewType}): consumers subscribe to its new ARN`)];
  if (a.enabled && b.enabled && a.viewType !== b.viewType) {
    return [change(`stream view ${a.viewType} → ${b.viewType}: DynamoDB turns the stream off and on again under a new ARN; consumers must move to it`, [], ['two-step', 'app-impact'])];
  }
  return [];
}
