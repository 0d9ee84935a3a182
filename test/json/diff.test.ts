/** The one structural diff plan and status share: paths, list-map keys, and what a difference carries. */
import { diffPaths, jsonDiff, mapDelta } from '../../src/json/diff';
import { jsonEqual } from '../../src/json/json';

/** spec.gsis is a list map keyed by name; spec.tags a string map. */
const SCHEMA = {
  type: 'object',
  properties: {
    gsis: { type: 'array', 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['name'], items: { type: 'object', properties: { mode: { type: 'string', default: 'ALL' } } } },
    tags: { type: 'object', additionalProperties: { type: 'string', default: 'none' } },
  },
};

describe('diffPaths', () => {
  test.each([
    { name: 'equal values', reason: 'nothing to report', a: { x: [1, { y: 2 }] }, b: { x: [1, { y: 2 }] }, paths: [] },
    { name: 'key order', reason: 'objects are compared key by key', a: { x: 1, y: 2 }, b: { y: 2, x: 1 }, paths: [] },
    { name: 'a leaf', reason: 'the path of the leaf, dotted', a: { spec: { region: 'a' } }, b: { spec: { region: 'b' } }, paths: ['spec.region'] },
    { name: 'added and removed keys', reason: 'a field on one side only is one difference, keys in code-unit order', a: { b: 1, a: 1 }, b: { c: 1, a: 1 }, paths: ['b', 'c'] },
    { name: 'a key set to undefined', reason: 'a caller leaves a field out of the comparison by setting it to undefined', a: { x: 1, y: undefined }, b: { x: 1 }, paths: [] },
    { name: 'a value that changes type', reason: 'reported at its own path, not below it', a: { x: { y: 1 } }, b: { x: [1] }, paths: ['x'] },
    { name: 'the values themselves', reason: 'a difference at the top has a name too', a: 1, b: 2, paths: ['(root)'] },
    { name: 'an array without a schema', reason: 'elements are compared by position', a: { x: [{ name: 'p' }, { name: 'q' }] }, b: { x: [{ name: 'q' }] }, paths: ['x[0].name', 'x[1]'] },
    {
      name: 'a key that is not an identifier', reason: 'it is quoted, so the path reads back',
      a: { metadata: { annotations: { 'argocd.argoproj.io/sync-wave': '1' } } }, b: { metadata: { annotations: { 'argocd.argoproj.io/sync-wave': '2' } } },
      paths: ['metadata.annotations["argocd.argoproj.io/sync-wave"]'],
    },
  ])('$name: $reason', ({ a, b, paths }) => {
    // THEN
    expect(diffPaths(a, b)).toEqual(paths);
  });

  test.each([
    {
      name: 'an element changes', reason: 'it is named by its key',
      a: { gsis: [{ name: 'ByDate', mode: 'ALL' }, { name: 'ByOwner', mode: 'ALL' }] }, b: { gsis: [{ name: 'ByDate', mode: 'ALL' }, { name: 'ByOwner', mode: 'KEYS_ONLY' }] },
      paths: ['spec.gsis[name=ByOwner].mode'],
    },
    {
      name: 'elements move', reason: 'order does not matter in a list map, as for the API server',
      a: { gsis: [{ name: 'ByDate' }, { name: 'ByOwner' }] }, b: { gsis: [{ name: 'ByOwner' }, { name: 'ByDate' }] }, paths: [],
    },
    {
      name: 'one removed, one added', reason: 'the first side\'s elements first, then the second side\'s new ones',
      a: { gsis: [{ name: 'ByDate' }, { name: 'ByOwner' }] }, b: { gsis: [{ name: 'ByOwner' }, { name: 'ByZone' }] }, paths: ['spec.gsis[name=ByDate]', 'spec.gsis[name=ByZone]'],
    },
    {
      name: 'an element without its key', reason: 'the list cannot be matched by key, so it is compared by position',
      a: { gsis: [{ name: 'ByDate' }, { mode: 'ALL' }] }, b: { gsis: [{ name: 'ByDate' }, { mode: 'KEYS_ONLY' }] }, paths: ['spec.gsis[1].mode'],
    },
  ])('with the schema, $name: $reason', ({ a, b, paths }) => {
    // THEN
    expect(diffPaths(a, b, { path: 'spec', schema: SCHEMA })).toEqual(paths);
  });
});

describe('jsonDiff', () => {
  test('each difference carries both sides and the schema of its value', () => {
    // WHEN a tag is only on the second side
    const got = jsonDiff({ tags: {} }, { tags: { Team: 'none' } }, { path: 'spec', schema: SCHEMA });

    // THEN the schema of a map value is its additionalProperties
    expect(got).toEqual([{ path: 'spec.tags.Team', after: 'none', schema: { type: 'string', default: 'none' } }]);
  });

  test('a field on the first side only has no `after`', () => {
    // THEN
    expect(jsonDiff({ x: 1 }, {})).toEqual([{ path: 'x', before: 1 }]);
  });
});

describe('jsonEqual', () => {
  test.each([
    { a: { x: [1, 2] }, b: { x: [1, 2] }, equal: true, reason: 'the same JSON' },
    { a: { x: [1, 2] }, b: { x: [2, 1] }, equal: false, reason: 'array order matters: the renderer sorts what has no order' },
    { a: { x: 1, y: undefined }, b: { x: 1 }, equal: true, reason: 'a key set to undefined is absent' },
    { a: { x: null }, b: {}, equal: false, reason: 'null is a value' },
    { a: [], b: {}, equal: false, reason: 'an array is not an object' },
  ])('$reason', ({ a, b, equal }) => {
    // THEN
    expect(jsonEqual(a, b)).toBe(equal);
  });
});

test('mapDelta: keys added, removed and changed, each sorted', () => {
  // THEN
  expect(mapDelta({ b: '1', a: '1', c: '1' }, { a: '2', d: '1', c: '1', e: '1' })).toEqual({ added: ['d', 'e'], removed: ['b'], changed: ['a'] });
});
