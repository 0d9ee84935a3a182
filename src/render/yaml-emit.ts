/**
 * A fast path for `yaml`'s `stringify(value, YAML_OPTIONS)` on JSON data, with
 * byte-identical output.
 *
 * Why: synth writes every manifest through the `yaml` library's document
 * model, and on the BBWS repository that was the largest single cost of a
 * cold `ddbops synth` (about 70 ms of ~450 ms). Manifests are plain JSON
 * (maps, sequences, strings, integers, booleans, null), and nearly every
 * scalar in them is a short one-line string, so this walks the data directly
 * and emits block YAML in the library's own layout (2-space indent, indented
 * sequences, `{}`/`[]` for empty collections).
 *
 * What it does not decide itself it hands back to the library, scalar by
 * scalar: multi-line strings (block scalars), control characters, non-integer
 * numbers, and anything that looks like a document marker. Whether a one-line
 * string may stay plain uses the library's own YAML 1.1 resolvers (so `N`,
 * `on`, `0x1F`, `12:30` or `2026-01-01` are quoted, as Kubernetes and Argo CD,
 * which read YAML 1.1, need) plus the library's plain-scalar rule below.
 * test/render/yaml-emit.test.ts pins the equality on dist/ and on a corpus of
 * awkward values.
 */
import { Document, stringify } from 'yaml';

/** How every manifest is written: YAML 1.1 quoting, no line folding, no anchors. */
export const YAML_OPTIONS = { version: '1.1', lineWidth: 0, aliasDuplicateObjects: false } as const;

/** yaml 2.x stringifyString.js `plainString`: what a plain scalar cannot start with, contain or end with. */
const NOT_PLAIN = /^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/;
/** Left to the library: line breaks (block scalars), characters it escapes. */
const LIBRARY_ONLY = /[\n\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u;
/** A value the library writes plain or as a block depending on depth: left to it. */
const DOCUMENT_MARKER = /^(%|---|\.\.\.)/;

type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json | undefined };

let resolvers: readonly RegExp[] | undefined;

/** The YAML 1.1 schema's implicit-type patterns (null, bool, int, float, timestamp, merge), from the library itself. */
function implicitTypes(): readonly RegExp[] {
  resolvers ??= new Document(null, YAML_OPTIONS).schema.tags
    .filter((t) => t.default && t.tag !== 'tag:yaml.org,2002:str' && t.test instanceof RegExp)
    .map((t) => t.test as RegExp);
  return resolvers;
}

/** What the library emits for a one-line string that cannot be plain (`quotedString`, singleQuote unset). */
function quoted(s: string): string {
  if (s.includes('"') && !s.includes("'")) return `'${s}'`;
  return JSON.stringify(s);
}

/** A one-line string without characters the library escapes: plain when it reads back as a string. */
function simpleString(s: string): string {
  if (NOT_PLAIN.test(s) || implicitTypes().some((re) => re.test(s))) return quoted(s);
  return s;
}

/**
 * The library's rendering of one scalar as a map value, re-indented to sit at
 * `indent`: content lines of a block scalar are relative to the key's indent.
 */
function libraryScalar(value: Json, indent: string): string {
  const text = stringify({ k: value }, YAML_OPTIONS);
  const body = text.slice('k: '.length, -1);
  return indent ? body.replace(/\n(?=.)/g, `\n${indent}`) : body;
}

function scalar(value: Json, indent: string): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return Number.isSafeInteger(value) && !Object.is(value, -0) ? String(value) : libraryScalar(value, indent);
  if (typeof value === 'string') return LIBRARY_ONLY.test(value) || DOCUMENT_MARKER.test(value) ? libraryScalar(value, indent) : simpleString(value);
  if (Array.isArray(value)) return '[]';
  return '{}';
}

/**
 * Keys never hold block scalars. Two deliberate differences from the library,
 * both quoting where it would not: a key that starts like a document marker
 * (the library quotes it only at the top level), and `<<` anywhere (the
 * library leaves it plain, but Go's YAML, which Kubernetes uses, reads a
 * plain `<<` key as a merge).
 */
function key(k: string): string {
  if (LIBRARY_ONLY.test(k)) {
    const text = stringify({ [k]: null }, YAML_OPTIONS);
    return text.slice(0, text.lastIndexOf(': null'));
  }
  return DOCUMENT_MARKER.test(k) ? quoted(k) : simpleString(k);
}

function isCollection(v: Json | undefined): v is readonly Json[] | { readonly [key: string]: Json | undefined } {
  return typeof v === 'object' && v !== null && (Array.isArray(v) ? v.length > 0 : Object.values(v).some((x) => x !== undefined));
}

function mapLines(map: { readonly [key: string]: Json | undefined }, indent: string, out: string[]): void {
  for (const [k, v] of Object.entries(map)) {
    if (v === undefined) continue;
    if (isCollection(v)) {
      out.push(`${indent}${key(k)}:`);
      collectionLines(v, `${indent}  `, out);
    } else {
      out.push(`${indent}${key(k)}: ${scalar(v, indent)}`);
    }
  }
}

function seqLines(seq: readonly Json[], indent: string, out: string[]): void {
  for (const item of seq) {
    if (isCollection(item)) {
      // The item's first line goes on the dash: `- name: PK`, `- - 1`.
      const start = out.length;
      collectionLines(item, `${indent}  `, out);
      out[start] = `${indent}- ${out[start].slice(indent.length + 2)}`;
    } else {
      out.push(`${indent}- ${scalar(item, indent)}`);
    }
  }
}

function collectionLines(v: readonly Json[] | { readonly [key: string]: Json | undefined }, indent: string, out: string[]): void {
  if (Array.isArray(v)) seqLines(v, indent, out);
  else mapLines(v as { readonly [key: string]: Json | undefined }, indent, out);
}

/** `stringify(value, YAML_OPTIONS)`, for JSON data (a manifest is a map; a lone scalar goes to the library). */
export function emitYaml(value: unknown): string {
  const v = value as Json;
  if (!isCollection(v)) return stringify(v, YAML_OPTIONS);
  const out: string[] = [];
  collectionLines(v, '', out);
  return `${out.join('\n')}\n`;
}
