#!/usr/bin/env bash
# Regenerates the typed cdk8s constructs in imports/ from the upstream CRDs.
# The CRDs are read from DDB_CRDS_DIR (default ../shared/crds) and never copied
# into this repository; only the generated TypeScript is committed.
set -euo pipefail
cd "$(dirname "$0")/.."
crds="${DDB_CRDS_DIR:-../shared/crds}"
[ -d "$crds" ] || { echo "import-crds: CRD directory '$crds' not found; set DDB_CRDS_DIR" >&2; exit 2; }

# One generated module per API group: CRDs of the same group are imported
# together so their classes land in one file.
groups=(
  "dynamodb.aws.m.upbound.io:provider-aws/dynamodb.aws.m.upbound.io_tables.yaml"
  "backup.aws.m.upbound.io:provider-aws/backup.aws.m.upbound.io_vaults.yaml provider-aws/backup.aws.m.upbound.io_plans.yaml provider-aws/backup.aws.m.upbound.io_selections.yaml"
  "iam.aws.m.upbound.io:provider-aws/iam.aws.m.upbound.io_roles.yaml provider-aws/iam.aws.m.upbound.io_rolepolicyattachments.yaml"
  "aws.m.upbound.io:provider-aws/aws.m.upbound.io_providerconfigs.yaml"
  "apiextensions.crossplane.io:crossplane/apiextensions.crossplane.io_compositeresourcedefinitions.yaml crossplane/apiextensions.crossplane.io_compositions.yaml"
  "pkg.crossplane.io:crossplane/pkg.crossplane.io_functions.yaml"
  "pt.fn.crossplane.io:function-patch-and-transform/pt.fn.crossplane.io_resources.yaml"
  # Only the kinds we render: the ApplicationSet CRD alone would be ~90% of this module, loaded on every synth.
  "argoproj.io:argo-cd/application-crd.yaml argo-cd/appproject-crd.yaml"
)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/out"
for entry in "${groups[@]}"; do
  group="${entry%%:*}"
  : > "$work/$group.yaml"
  for f in ${entry#*:}; do
    [ -f "$crds/$f" ] || { echo "import-crds: missing $crds/$f" >&2; exit 2; }
    { cat "$crds/$f"; printf '\n---\n'; } >> "$work/$group.yaml"
  done
  (cd "$work" && npx --prefix "$OLDPWD" cdk8s import --language typescript --output out "$group:=$group.yaml" >/dev/null 2>&1) \
    || { echo "import-crds: cdk8s import failed for $group" >&2; exit 1; }
done
rm -rf imports && mkdir imports
# cdk8s names each file "<name>-<group>.ts"; keep just the group.
for f in "$work"/out/*.ts; do
  base="$(basename "$f")"
  cp "$f" "imports/${base#*-}"
done
ls imports
