/**
 * Crossplane reconciles an XR many times as its composed resources report
 * back: each status write is a new event. `converge` plays that loop with the
 * real reconciler: every round feeds the XR the status it got last round, and
 * every composed resource so far as observed, Ready in AWS with the given
 * atProvider fields, until the XR is Ready or nothing new appears.
 */
import { KubeObject, renderComposition } from '../harness/crossplane';
import { RunningFunction } from '../harness/function-runner';
import { clone, conditions, Json } from './synth-fixture';

export const READY_CONDITIONS = [
  { type: 'Ready', status: 'True', reason: 'Available', lastTransitionTime: '2026-01-01T00:00:00Z' },
  { type: 'Synced', status: 'True', reason: 'ReconcileSuccess', lastTransitionTime: '2026-01-01T00:00:00Z' },
];

export const resourceName = (o: Json): string => o.metadata.annotations['crossplane.io/composition-resource-name'];

export interface Converged {
  /** The XR after the last round. */
  readonly xr: Json;
  /** The composed resources of the last round, as desired (no status). */
  readonly composed: Json[];
  /** The round (1-based) in which each composed resource first appeared. */
  readonly firstSeen: Readonly<Record<string, number>>;
  readonly rounds: number;
}

export async function converge(args: {
  readonly xr: Json;
  readonly composition: Json;
  readonly fn: RunningFunction;
  /** atProvider per composition resource name, as the provider reports it once the resource exists. */
  readonly atProvider: Readonly<Record<string, Record<string, unknown>>>;
  /**
   * Most rounds to play.
   * @default 8
   */
  readonly maxRounds?: number;
}): Promise<Converged> {
  const firstSeen: Record<string, number> = {};
  let xr: Json = args.xr;
  let composed: Json[] = [];
  let rounds = 0;
  for (let i = 1; i <= (args.maxRounds ?? 8); i++) {
    rounds = i;
    const observed: KubeObject[] = composed.map((o) => {
      const obs = clone(o);
      obs.status = { atProvider: args.atProvider[resourceName(o)] ?? {}, conditions: READY_CONDITIONS };
      return obs;
    });
    const input = xr.status ? { ...clone(args.xr), status: xr.status } : args.xr;
    const [next, ...rest] = (await renderComposition({ xr: input, composition: args.composition, fn: args.fn, observed })) as Json[];
    const grew = rest.some((o) => firstSeen[resourceName(o)] === undefined);
    for (const o of rest) firstSeen[resourceName(o)] ??= i;
    xr = next;
    composed = rest;
    if (conditions(xr).Ready?.status === 'True' || (!grew && i > 2 && JSON.stringify(next.status) === JSON.stringify(input.status))) break;
  }
  return { xr, composed, firstSeen, rounds };
}
