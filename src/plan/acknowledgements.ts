import { Inputs } from '../load/inputs';
import { RiskClass } from '../model/common';
import { TABLE_XR_KIND } from '../../compositions/dynamodb-table-definition';
import { tableObjectName } from '../model/object-name';

/**
 * A risky change accepted on purpose, read from the HEAD inputs only: the PR
 * under review is where a reviewer sees it. Two places:
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

export function acknowledges(a: Acknowledgement, risk: RiskClass, r: { readonly environment: string; readonly kind: string; readonly name: string }): boolean {
  return a.change === risk
    && (a.environment === undefined || a.environment === r.environment)
    && (a.resource === undefined || a.resource === r.name || namesTable(a.resource, r))
    && (a.kind === undefined || a.kind === r.kind);
}

/** A schema acknowledgement, and a reviewer writing an environment one, name a table by its DynamoDB name, not its XR name. */
function namesTable(resource: string, r: { readonly kind: string; readonly name: string }): boolean {
  return r.kind === TABLE_XR_KIND && tableObjectName(resource) === r.name;
}
