import { Construct } from 'constructs';
import { Function as XpFunction } from '../imports/pkg.crossplane.io';

export interface FunctionPatchAndTransformProps {
  /** OCI reference with a pinned tag, e.g. `xpkg.crossplane.io/crossplane-contrib/function-patch-and-transform:v0.10.8`. */
  readonly package: string;
}

export const PATCH_AND_TRANSFORM_FUNCTION = 'function-patch-and-transform';

/** The composition function package, pinned so an upgrade is a reviewed change. */
export class FunctionPatchAndTransform extends XpFunction {
  constructor(scope: Construct, id: string, props: FunctionPatchAndTransformProps) {
    super(scope, id, {
      metadata: { name: PATCH_AND_TRANSFORM_FUNCTION },
      spec: { package: props.package },
    });
  }
}
