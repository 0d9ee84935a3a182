import { Inputs } from '../model/inputs';
import { RiskClass } from '../model/common';
import { tableObjectName } from '../model/object-name';
import { TABLE_XR_KIND } from '../model/xr-api';

/**
 * A risky change accepted on purpose. Only one the change under review adds
 * approves anything: one already on the base approved an earlier change and is
 * stale (see splitStale). Two places:
 * - a table schema's `acknowledge` (the table's XR, in every or one environment);
 * - an environment file's `acknowledge` (any resource of that environment, or
 *   the one named), for what has no schema at head: a deleted table, the backup plan.
 */
export interface Acknowledgement {
  readonly change: RiskClass;
  /** Only this environment; undefined means every one. */
  readonly environment?: string;
  /** Only this XR name; undefined means every resource of the environment. */
  readonly resource?: string;
  /** Only this kind; set for schema acknowledgements. */
  readonly kind?: string;
  readonly reason: string;
  readonly by?: string;
  readonly source: string;
  /** JSON path inside the source, e.g. `$.acknowledge[0]`. */
  readonly path: string;
}

/** Every acknowledgement in validated inputs, in file order. */
export function collectAcknowledgements(inputs: Inputs): Acknowledgement[] {
  const out: Acknowledgement[] = [];
  for (const s of inputs.schemas) {
    (s.value.acknowledge ?? []).forEach((a, i) => out.push({
      change: a.change,
      ...(a.environment ? { environment: a.environment } : {}),
      resource: s.value.tableName,
      kind: TABLE_XR_KIND,
      reason: a.reason,
      ...(a.by ? { by: a.by } : {}),
      source: s.file,
      path: `$.acknowledge[${i}]`,
    }));
  }
  for (const e of inputs.environments) {
    (e.value.acknowledge ?? []).forEach((a, i) => out.push({
      change: a.change,
      environment: e.value.name,
      ...(a.resource ? { resource: a.resource } : {}),
      reason: a.reason,
      ...(a.by ? { by: a.by } : {}),
      source: e.file,
      path: `$.acknowledge[${i}]`,
    }));
  }
  return out;
}

/** Whether an acknowledgement accepts one risk of one resource. */
export function acknowledges(a: Acknowledgement, risk: RiskClass, r: { readonly environment: string; readonly kind: string; readonly name: string }): boolean {
  return a.change === risk
    && (a.environment === undefined || a.environment === r.environment)
    && (a.resource === undefined || a.resource === r.name || namesTable(a.resource, r))
    && (a.kind === undefined || a.kind === r.kind);
}

/**
 * What makes two acknowledgements the same one: change, environment, resource
 * and reason. The file and position are left out, so moving or reformatting an
 * acknowledgement does not renew it; a new reason does.
 */
export function acknowledgementKey(a: Pick<Acknowledgement, 'change' | 'environment' | 'resource' | 'reason'>): string {
  return [a.change, a.environment ?? '', a.resource ?? '', a.reason].join('\u0000');
}

/**
 * Head acknowledgements split by whether the base already has them. A stale one
 * was reviewed with an earlier change; letting it approve this one would let a
 * new risky change through unseen, so only fresh ones approve.
 */
export function splitStale(head: readonly Acknowledgement[], base: readonly Acknowledgement[]): { fresh: Acknowledgement[]; stale: Acknowledgement[] } {
  const old = new Set(base.map(acknowledgementKey));
  const fresh: Acknowledgement[] = [];
  const stale: Acknowledgement[] = [];
  for (const a of head) (old.has(acknowledgementKey(a)) ? stale : fresh).push(a);
  return { fresh, stale };
}

/** A schema acknowledgement, and a reviewer writing an environment one, name a table by its DynamoDB name, not its XR name. */
function namesTable(resource: string, r: { readonly kind: string; readonly name: string }): boolean {
  return r.kind === TABLE_XR_KIND && tableObjectName(resource) === r.name;
}
