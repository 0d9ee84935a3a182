/**
 * An XR kind as its XRD in dist/platform/ defines it: the group, version and
 * plural `status` lists and watches it by, and the spec schema (defaults,
 * list-map keys) that `status` and `plan` compare XR specs with. Read from
 * the rendered XRD rather than the code, so an older dist/ is read as what it is.
 */
import { isObject, JsonObject } from '../json/json';
import { XR_KINDS, XrKind } from '../model/xr-api';
import { KubeObject } from '../render/render';

export interface XrDefinition {
  readonly kind: XrKind;
  readonly group: string;
  readonly version: string;
  readonly plural: string;
  /** openAPIV3Schema of `spec` (defaults, x-kubernetes-list-map-keys). */
  readonly specSchema: JsonObject;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const obj = (v: unknown): JsonObject => (isObject(v) ? v : {});

/** The XR kind an object defines, when it is a Crossplane XRD for one of ours; its referenceable (else served) version. */
export function readXrDefinition(o: KubeObject): XrDefinition | undefined {
  if (o.kind !== 'CompositeResourceDefinition' || !o.apiVersion.startsWith('apiextensions.crossplane.io/')) return undefined;
  const spec = obj(o.spec);
  const names = obj(spec.names);
  const kind = XR_KINDS.find((k) => k === str(names.kind));
  const group = str(spec.group);
  const plural = str(names.plural);
  const versions = Array.isArray(spec.versions) ? spec.versions.filter(isObject) : [];
  const version = versions.find((v) => v.referenceable === true) ?? versions.find((v) => v.served === true);
  const versionName = str(version?.name);
  if (!kind || !group || !plural || !version || !versionName) return undefined;
  const specSchema = obj(obj(obj(obj(version.schema).openAPIV3Schema).properties).spec);
  return { kind, group, version: versionName, plural, specSchema };
}

/** Every XR kind the objects define, in XR_KINDS order; the first XRD of a kind wins. */
export function xrDefinitionsOf(objects: readonly KubeObject[]): XrDefinition[] {
  const out = new Map<XrKind, XrDefinition>();
  for (const o of objects) {
    const d = readXrDefinition(o);
    if (d && !out.has(d.kind)) out.set(d.kind, d);
  }
  return XR_KINDS.flatMap((k) => out.get(k) ?? []);
}
