/** Lists and counts in prose: how every message and document words them. */
import { joinAnd, listSome, listSomeChange, plural } from '../../src/text/lists';

test.each([
  { n: 0, one: 'table', many: undefined, want: '0 tables', reason: 'none is plural' },
  { n: 1, one: 'table', many: undefined, want: '1 table', reason: 'one is singular' },
  { n: 3, one: 'index', many: 'indexes', want: '3 indexes', reason: 'an irregular plural is given' },
])('plural: $want ($reason)', ({ n, one, many, want }) => {
  // THEN
  expect(plural(n, one, many)).toEqual(want);
});

test('joinAnd: "a", "a and b", "a, b and c"', () => {
  // THEN
  expect([joinAnd([]), joinAnd(['a']), joinAnd(['a', 'b']), joinAnd(['a', 'b', 'c'])]).toEqual(['', 'a', 'a and b', 'a, b and c']);
});

test.each([
  { items: ['a', 'b', 'c'], max: 3, want: 'a, b and c', reason: 'all of them when they fit' },
  { items: ['a', 'b', 'c', 'd', 'e'], max: 3, want: 'a, b, c and 2 more', reason: 'the rest counted, to keep one line short' },
])('listSome: $reason', ({ items, max, want }) => {
  // THEN
  expect(listSome(items, max)).toEqual(want);
});

test('listSomeChange: the verb agrees with the list', () => {
  // THEN
  expect([listSomeChange(['spec.a']), listSomeChange(['spec.a', 'spec.b'])]).toEqual(['spec.a changes', 'spec.a and spec.b change']);
});
