/**
 * How an XR shows what the provider says about each resource it composed.
 *
 * Crossplane v2 sets an XR's Synced from whether the composed objects were
 * applied to the API server, and Ready from the composed Ready conditions; an
 * AWS error on a composed Table (its Synced=False, reason ReconcileError)
 * reaches neither, and a function cannot set an XR's Ready or Synced. So every
 * Composition copies each composed resource's own `status.conditions` into
 * `status.resources.<name>.conditions` of the XR (a function-patch-and-transform
 * ToCompositeFieldPath patch; a missing source is skipped, so the copy
 * disappears with the resource). The Argo CD health check, `ddbops status` and
 * the printer columns read it there.
 */
import { obj, Schema, str } from './openapi';
import { toXr } from './patches';

/** Where a composed resource's conditions land on the XR (a Crossplane field path; `[name]` for names with dashes). */
export function composedConditionsPath(resource: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(resource) ? `status.resources.${resource}.conditions` : `status.resources[${resource}].conditions`;
}

/** The patch that copies one composed resource's conditions to the XR. */
export function copyConditions(resource: string) {
  return toXr('status.conditions', composedConditionsPath(resource));
}

const condition = obj('A condition as the provider set it on the composed resource', {
  type: str('Ready, Synced, LastAsyncOperation, ...'),
  status: str('True, False or Unknown'),
  reason: str('e.g. Available, Creating, ReconcileError, AsyncCreateFailure'),
  message: str('The provider\'s words, e.g. the AWS error'),
  lastTransitionTime: str('When the status last changed', { format: 'date-time' }),
  observedGeneration: { type: 'integer', format: 'int64', description: 'The composed resource\'s generation the condition describes' },
});

/** XRD status schema for the copies, one entry per composed resource name. */
export function composedStatusSchema(resources: readonly string[]): Schema {
  return obj('What the provider reports for each composed resource, copied from its status', Object.fromEntries(resources.map((r) => [r,
    obj(`The composed ${r}`, { conditions: { type: 'array', description: `Conditions of the composed ${r}`, items: condition } })])));
}

/** JSONPath (printer columns, kubectl) of one field of a composed resource's Synced condition. */
export function syncedOf(resource: string, field: 'status' | 'reason' | 'message'): string {
  const key = /^[A-Za-z_][A-Za-z0-9_]*$/.test(resource) ? `.${resource}` : `['${resource}']`;
  return `.status.resources${key}.conditions[?(@.type=='Synced')].${field}`;
}
