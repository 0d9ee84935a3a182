/**
 * emitYaml is a fast path for the `yaml` library's stringify: it must give
 * the library's bytes for everything synth writes, and for awkward values it
 * must still agree (mostly by handing them to the library).
 */
import { parse, stringify } from 'yaml';
import { emitYaml, YAML_OPTIONS } from '../../src/render/yaml-emit';
import { synthRepo } from '../integration/synth-fixture';

const library = (v: unknown) => stringify(v, YAML_OPTIONS);

/** Strings that are plain, quoted, single-quoted or block scalars for different reasons. */
const STRINGS: readonly [string, string][] = [
  ['S', 'a DynamoDB type that is a plain string'],
  ['N', 'YAML 1.1 reads a bare N as false'],
  ['y', 'and y as true'],
  ['on', 'and on as true'],
  ['Off', 'and Off as false'],
  ['null', 'null'],
  ['~', 'null too'],
  ['', 'the empty string reads as null'],
  ['1', 'an integer'],
  ['-2', 'a negative integer (sync waves)'],
  ['0x1F', 'a hex integer'],
  ['0755', 'a YAML 1.1 octal'],
  ['1_000', 'YAML 1.1 allows underscores in numbers'],
  ['1.5', 'a float'],
  ['.inf', 'infinity'],
  ['1e3', 'an exponent float'],
  ['12:30', 'a YAML 1.1 sexagesimal integer'],
  ['2026-01-01', 'a timestamp'],
  ['True', 'a capitalised boolean'],
  ['*', 'an alias indicator alone (GSI projection, allowed actions)'],
  ['*.yaml', 'an alias indicator first'],
  ['- x', 'a sequence indicator and space'],
  ['-', 'a lone dash'],
  ['?', 'a lone question mark'],
  ['key: value', 'a colon and space inside'],
  ['ends with colon:', 'a trailing colon'],
  ['a # comment', 'a space then hash'],
  ['#hash', 'a leading hash'],
  [' leading space', 'leading whitespace'],
  ['trailing space ', 'trailing whitespace'],
  ['say "hi"', 'double quotes inside: single-quoted'],
  ["it's", 'a single quote inside'],
  ['both \' and "', 'both quote kinds: double-quoted with escapes'],
  ['{"Version":"2012-10-17"}', 'JSON text (an IAM policy)'],
  ['[a, b]', 'a flow sequence lookalike'],
  ['@at', 'a reserved indicator'],
  ['`tick', 'a backtick'],
  ['%percent', 'a directive indicator at the start'],
  ['arn:aws:iam::093646564004:role/crossplane-dynamodb', 'colons without spaces stay plain'],
  ['cron(0 * * * ? *)', 'an AWS schedule'],
  ['Prune=confirm,Delete=confirm', 'commas and equals stay plain'],
  ['tab\tinside', 'a tab inside'],
  ['unicode → é', 'non-ASCII text'],
  ['line one\nline two', 'a multi-line string: a block literal'],
  ['with trailing newline\n', 'clip chomping'],
  ['two trailing newlines\n\n', 'keep chomping'],
  ['  indented first line\nsecond', 'an indentation indicator'],
  ['blank\n\nlines inside', 'empty lines in a block'],
  ['bell\u0007', 'a control character: escaped, double-quoted'],
  ['back\\slash', 'a backslash'],
];

describe('emitYaml gives the yaml library\'s bytes', () => {
  test('for every object synth renders (dist/)', () => {
    // GIVEN the repository rendered in memory
    const { objects } = synthRepo();
    // WHEN each object is written both ways
    // THEN the bytes are the same
    for (const { object } of objects) expect(emitYaml(object)).toEqual(library(object));
    expect(objects.length).toBeGreaterThan(20);
  });

  test.each(STRINGS)('%j: %s', (s) => {
    // GIVEN the string as a value, a key, a sequence item, nested two levels deep, and top-level
    const value = { top: s, [s]: 'as a key', list: [s, { inner: s, deeper: { leaf: s } }], [`k-${s}`]: [[s]] };
    // WHEN both write it
    // THEN the same bytes, and it reads back as the same string under YAML 1.1 and 1.2
    expect(emitYaml(value)).toEqual(library(value));
    expect(emitYaml(s)).toEqual(library(s));
    expect(parse(emitYaml(value), { version: '1.1' })).toEqual(value);
    expect(parse(emitYaml(value))).toEqual(value);
  });

  test.each(['---', '...', '%YAML'])('%j: a document marker, as a value', (s) => {
    // GIVEN a value that starts like a document marker, at the top of a map and nested
    const value = { top: s, list: [s, { inner: s }] };
    // WHEN both write it
    // THEN the same bytes (the library decides by depth, so emitYaml hands it over)
    expect(emitYaml(value)).toEqual(library(value));
    expect(parse(emitYaml(value), { version: '1.1' })).toEqual(value);
  });

  test.each([
    ['empty collections', { a: {}, b: [], c: [{}], d: [[]] }],
    ['sequences of sequences', { a: [[1, 2], [3, [4]]] }],
    ['maps in sequences in maps', { spec: { items: [{ name: 'PK', type: 'S' }, { name: 'SK', nested: { x: [1] } }] } }],
    ['numbers', { int: 42, negative: -3, zero: 0, big: 9007199254740991, float: 1.5, tiny: 1e-7, negativeZero: -0 }],
    ['booleans and null', { t: true, f: false, n: null }],
    ['undefined members are left out', { a: 1, b: undefined, c: { d: undefined } }],
    ['a top-level sequence', ['a', { b: 'N' }, ['c']]],
  ])('%s', (_name, value) => {
    // GIVEN data of that shape
    // WHEN both write it
    // THEN the same bytes
    expect(emitYaml(value)).toEqual(library(value));
  });

  test('random JSON built from awkward strings', () => {
    // GIVEN 300 pseudo-random documents (fixed seed) mixing the strings above at every position
    let seed = 42;
    const next = () => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed / 2 ** 31; };
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)];
    const gen = (depth: number): unknown => {
      const r = next();
      if (depth > 3 || r < 0.35) return pick<unknown>([pick(STRINGS)[0], Math.floor(next() * 200) - 100, true, false, null]);
      if (r < 0.65) return Array.from({ length: Math.floor(next() * 4) }, () => gen(depth + 1));
      return Object.fromEntries(Array.from({ length: Math.floor(next() * 4) }, () => [pick(STRINGS)[0], gen(depth + 1)]));
    };
    // WHEN each is written both ways
    // THEN every one gives the same bytes
    for (let i = 0; i < 300; i++) {
      const doc = { root: gen(0) };
      expect(emitYaml(doc)).toEqual(library(doc));
    }
  });
});

describe('where emitYaml quotes and the library does not', () => {
  test('a key that starts like a document marker is quoted at every depth', () => {
    // GIVEN such a key at the top and nested
    const value = { '---': 1, nested: { '---': 2, '...': 3 } };
    // WHEN emitYaml writes it
    // THEN every one is quoted (the library quotes only the top-level one), and it reads back the same
    expect(emitYaml(value)).toEqual('"---": 1\nnested:\n  "---": 2\n  "...": 3\n');
    expect(library(value)).toEqual('"---": 1\nnested:\n  ---: 2\n  ...: 3\n');
    expect(parse(emitYaml(value), { version: '1.1' })).toEqual(value);
  });

  test('<< is quoted, because Go\'s YAML (Kubernetes, Argo CD) reads a plain << key as a merge', () => {
    // GIVEN << as a key and as a value
    const value = { '<<': 'a', v: '<<' };
    // WHEN emitYaml writes it
    // THEN both are quoted, where the library leaves them plain
    expect(emitYaml(value)).toEqual('"<<": a\nv: "<<"\n');
    expect(library(value)).toEqual('<<: a\nv: <<\n');
    expect(parse(emitYaml(value), { version: '1.1' })).toEqual(value);
  });
});
