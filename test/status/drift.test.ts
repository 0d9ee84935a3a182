/**
 * Drift rules (src/status/drift.ts), case by case, on a small XRD-like schema:
 * git's fields must match, cluster-only fields count unless they are
 * Crossplane's or equal a schema default, list-map arrays match by key.
 */
import { DriftEntry, specDrift } from '../../src/status/drift';
import { JsonObject } from '../../src/json/json';

const SCHEMA: JsonObject = {
  type: 'object',
  properties: {
    tableName: { type: 'string' },
    billingMode: { type: 'string', default: 'PAY_PER_REQUEST' },
    managementMode: { type: 'string', default: 'full' },
    pointInTimeRecovery: { type: 'object', properties: { enabled: { type: 'boolean' }, recoveryPeriodInDays: { type: 'integer', default: 35 } } },
    attributes: {
      type: 'array',
      'x-kubernetes-list-type': 'map',
      'x-kubernetes-list-map-keys': ['name'],
      items: { type: 'object', properties: { name: { type: 'string' }, type: { type: 'string' } } },
    },
    localSecondaryIndexes: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, projectionType: { type: 'string', default: 'ALL' } } } },
    tags: { type: 'object', additionalProperties: { type: 'string' } },
  },
};

const GIT: JsonObject = {
  tableName: 'orders',
  billingMode: 'PAY_PER_REQUEST',
  pointInTimeRecovery: { enabled: true },
  attributes: [{ name: 'PK', type: 'S' }, { name: 'SK', type: 'S' }],
  tags: { Owner: 'team' },
};

const live = (patch: JsonObject): JsonObject => ({ ...GIT, ...patch });

const CASES: readonly [string, string, JsonObject, DriftEntry[]][] = [
  ['identical', 'the same spec has no drift', GIT, []],
  ['changed scalar', 'a value git sets and the cluster changed is drift, with both values',
    live({ billingMode: 'PROVISIONED' }), [{ path: 'spec.billingMode', git: 'PAY_PER_REQUEST', cluster: 'PROVISIONED' }]],
  ['removed in cluster', 'a field git sets that the cluster lacks is drift',
    (({ tags: _t, ...rest }) => rest)(GIT) as JsonObject, [{ path: 'spec.tags', git: { Owner: 'team' } }]],
  ['server default', 'a cluster-only field equal to its schema default was written by the API server',
    live({ managementMode: 'full' }), []],
  ['non-default extra', 'a cluster-only field that is not the default was set by someone',
    live({ managementMode: 'observe' }), [{ path: 'spec.managementMode', cluster: 'observe' }]],
  ['nested default', 'defaults count at any depth',
    live({ pointInTimeRecovery: { enabled: true, recoveryPeriodInDays: 35 } }), []],
  ['nested non-default', 'and a nested value off the default is drift',
    live({ pointInTimeRecovery: { enabled: true, recoveryPeriodInDays: 7 } }), [{ path: 'spec.pointInTimeRecovery.recoveryPeriodInDays', cluster: 7 }]],
  ['crossplane machinery', 'Crossplane writes spec.crossplane (composition refs, update policy) itself',
    live({ crossplane: { compositionRef: { name: 'x' }, compositionRevisionRef: { name: 'x-1' }, compositionUpdatePolicy: 'Automatic' } }), []],
  ['list-map reordered', 'list-map arrays match by key, so order does not matter',
    live({ attributes: [{ name: 'SK', type: 'S' }, { name: 'PK', type: 'S' }] }), []],
  ['list-map element changed', 'an element is named by its key, not its position',
    live({ attributes: [{ name: 'SK', type: 'N' }, { name: 'PK', type: 'S' }] }), [{ path: 'spec.attributes[name=SK].type', git: 'S', cluster: 'N' }]],
  ['list-map element added', 'an element only the cluster has is drift',
    live({ attributes: [{ name: 'PK', type: 'S' }, { name: 'SK', type: 'S' }, { name: 'GSI1PK', type: 'S' }] }),
    [{ path: 'spec.attributes[name=GSI1PK]', cluster: { name: 'GSI1PK', type: 'S' } }]],
  ['atomic list by index', 'other arrays compare element by element, defaults included',
    { ...GIT, localSecondaryIndexes: [{ name: 'a', projectionType: 'ALL' }, { name: 'b' }] },
    [{ path: 'spec.localSecondaryIndexes', cluster: [{ name: 'a', projectionType: 'ALL' }, { name: 'b' }] }]],
  ['map key', 'additionalProperties maps compare key by key; odd keys are quoted',
    live({ tags: { Owner: 'team', 'aws:created-by': 'me' } }), [{ path: 'spec.tags["aws:created-by"]', cluster: 'me' }]],
  ['type change', 'a value that changed type is reported whole',
    live({ pointInTimeRecovery: true }), [{ path: 'spec.pointInTimeRecovery', git: { enabled: true }, cluster: true }]],
];

describe('specDrift', () => {
  test.each(CASES)('%s: %s', (_name, _reason, liveSpec, expected) => {
    // GIVEN the git spec and a live spec
    // WHEN compared
    const drift = specDrift(GIT, liveSpec, SCHEMA);
    // THEN exactly the expected paths differ
    expect(drift).toEqual(expected);
  });

  test('list elements compare by index when git has the array too', () => {
    // GIVEN git and cluster with an atomic list, the cluster's second element lacking a field
    const git: JsonObject = { localSecondaryIndexes: [{ name: 'a', projectionType: 'KEYS_ONLY' }, { name: 'b', projectionType: 'ALL' }] };
    const cluster: JsonObject = { localSecondaryIndexes: [{ name: 'a', projectionType: 'KEYS_ONLY' }, { name: 'b' }, { name: 'c' }] };
    // WHEN compared
    const drift = specDrift(git, cluster, SCHEMA);
    // THEN the missing field and the extra element are named by position
    expect(drift).toEqual([
      { path: 'spec.localSecondaryIndexes[1].projectionType', git: 'ALL' },
      { path: 'spec.localSecondaryIndexes[2]', cluster: { name: 'c' } },
    ]);
  });

  test('a live object without a spec drifts on every field git sets', () => {
    // GIVEN a live XR with no spec at all
    // WHEN compared
    const drift = specDrift({ tableName: 'orders' }, undefined, SCHEMA);
    // THEN git's field is missing in the cluster
    expect(drift).toEqual([{ path: 'spec.tableName', git: 'orders' }]);
  });
});
