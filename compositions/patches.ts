import {
  ResourcesResources, ResourcesResourcesPatches, ResourcesResourcesPatchesPolicyFromFieldPath, ResourcesResourcesPatchesPolicyToFieldPath,
  ResourcesResourcesPatchesTransformsStringType, ResourcesResourcesPatchesTransformsType, ResourcesResourcesPatchesType,
  ResourcesResourcesReadinessChecksType,
} from '../imports/pt.fn.crossplane.io';

/** XR field → composed field. A missing optional XR field skips the patch. */
export function fromXr(from: string, to: string = from): ResourcesResourcesPatches {
  return { type: ResourcesResourcesPatchesType.FROM_COMPOSITE_FIELD_PATH, fromFieldPath: from, toFieldPath: to };
}

/**
 * XR field → composed field; until the XR has it, the composed resource is not
 * created at all (function-patch-and-transform's `Required` policy). How a
 * resource waits for another one's status, e.g. a backup plan for its vaults.
 */
export function requiredFromXr(from: string, to: string): ResourcesResourcesPatches {
  return { ...fromXr(from, to), policy: { fromFieldPath: ResourcesResourcesPatchesPolicyFromFieldPath.REQUIRED } };
}

/** XR field → composed field, merged into an existing object; keys already there win. */
export function mergeFromXr(from: string, to: string): ResourcesResourcesPatches {
  return { ...fromXr(from, to), policy: { toFieldPath: ResourcesResourcesPatchesPolicyToFieldPath.MERGE_OBJECTS } };
}

/** XR field → composed field through a map transform (string in, any JSON out). */
export function mapFromXr(from: string, to: string, map: Record<string, unknown>): ResourcesResourcesPatches {
  return { ...fromXr(from, to), transforms: [{ type: ResourcesResourcesPatchesTransformsType.MAP, map }] };
}

/** XR field → composed field through a Go fmt string, e.g. `aws:ResourceTag/%s`. */
export function formatFromXr(from: string, to: string, fmt: string): ResourcesResourcesPatches {
  return {
    ...fromXr(from, to),
    transforms: [{ type: ResourcesResourcesPatchesTransformsType.STRING, string: { type: ResourcesResourcesPatchesTransformsStringType.FORMAT, fmt } }],
  };
}

/** Composed field → XR status. */
export function toXr(from: string, to: string): ResourcesResourcesPatches {
  return { type: ResourcesResourcesPatchesType.TO_COMPOSITE_FIELD_PATH, fromFieldPath: from, toFieldPath: to };
}

export const EXTERNAL_NAME = 'metadata.annotations[crossplane.io/external-name]';

/** A composed resource that is ready when its Ready condition is True. */
export function composed(name: string, base: unknown, patches: ResourcesResourcesPatches[]): ResourcesResources {
  return {
    name,
    base,
    patches,
    readinessChecks: [{ type: ResourcesResourcesReadinessChecksType.MATCH_CONDITION, matchCondition: { type: 'Ready', status: 'True' } }],
  };
}
