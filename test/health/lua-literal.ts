/**
 * Serialises a JSON value as a Lua 5.1 table constructor, so the health
 * runner can load a Kubernetes object without a JSON decoder.
 *
 * The mapping follows how Argo CD hands an object to Lua (util/lua/lua.go
 * decodeValue): objects and arrays become tables, null becomes nil (so the key
 * is simply absent), numbers and booleans stay as they are.
 */

/** JSON as it comes out of JSON.parse. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * A Lua short string literal. Every byte that is not printable ASCII, plus `"`
 * and `\`, becomes a three-digit `\ddd` escape: three digits because Lua reads
 * up to three, so a digit after the escape cannot be taken into it. Output is
 * pure ASCII, and UTF-8 text comes back byte for byte.
 */
export function luaString(s: string): string {
  let out = '"';
  for (const byte of Buffer.from(s, 'utf8')) {
    const printable = byte >= 0x20 && byte < 0x7f && byte !== 0x22 && byte !== 0x5c;
    out += printable ? String.fromCharCode(byte) : `\\${byte.toString().padStart(3, '0')}`;
  }
  return out + '"';
}

function luaNumber(n: number): string {
  if (Number.isNaN(n)) return '(0/0)';
  if (n === Infinity) return '(1/0)';
  if (n === -Infinity) return '(-1/0)';
  // JS number formatting (including 1e+21 style) is valid Lua 5.1 syntax.
  return String(n);
}

/** The value as a Lua expression. */
export function toLuaLiteral(value: JsonValue): string {
  if (value === null) return 'nil';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      return luaNumber(value);
    case 'string':
      return luaString(value);
    default:
      break;
  }
  if (Array.isArray(value)) {
    return `{${value.map((v) => toLuaLiteral(v)).join(', ')}}`;
  }
  const fields = Object.entries(value)
    .filter(([, v]) => v !== null)
    .map(([k, v]) => `[${luaString(k)}] = ${toLuaLiteral(v)}`);
  return `{${fields.join(', ')}}`;
}

/** A chunk that returns the value: what run-health.lua reads from stdin. */
export function toLuaChunk(value: JsonValue): string {
  return `return ${toLuaLiteral(value)}\n`;
}
