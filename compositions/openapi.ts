/**
 * Tiny builders for the XRDs' OpenAPI v3 schemas; they keep the schemas
 * readable and make every field carry a description for `kubectl explain`.
 */
export type Schema = Record<string, unknown>;

export const str = (description: string, extra: Schema = {}): Schema => ({ type: 'string', description, ...extra });
export const int = (description: string, extra: Schema = {}): Schema => ({ type: 'integer', description, ...extra });
export const bool = (description: string, extra: Schema = {}): Schema => ({ type: 'boolean', description, ...extra });
export const enumOf = (description: string, values: readonly string[], extra: Schema = {}): Schema =>
  ({ type: 'string', description, enum: [...values], ...extra });
export const obj = (description: string, properties: Record<string, Schema>, required: readonly string[] = [], extra: Schema = {}): Schema => ({
  type: 'object', description, properties, ...(required.length ? { required: [...required] } : {}), ...extra,
});
export const arr = (description: string, items: Schema, extra: Schema = {}): Schema => ({ type: 'array', description, items, ...extra });
export const stringMap = (description: string): Schema => ({ type: 'object', description, additionalProperties: { type: 'string' } });

/**
 * A field the XR's spec must not change after creation. `consequence` says what
 * a change would really need, in terms of the resource this XR composes, e.g.
 * "changing it means a new table".
 */
export const immutable = (what: string, consequence: string): Schema => ({
  'x-kubernetes-validations': [{ rule: 'self == oldSelf', message: `${what} is immutable; ${consequence}` }],
});

/** A CEL rule with its message, for `x-kubernetes-validations`. */
export interface CelRule {
  readonly rule: string;
  readonly message: string;
}
