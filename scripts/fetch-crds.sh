#!/usr/bin/env bash
# Downloads the upstream CRDs the tests validate against into $DDB_CRDS_DIR
# (default ../shared/crds, next to this repository), for CI and fresh machines.
# Each file is pinned to a release tag and a sha256, so a moved tag or a
# truncated download fails loudly. The CRDs are never copied into this repository.
#
#   scripts/fetch-crds.sh      # no-op for files already present with the right hash
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEST="${DDB_CRDS_DIR:-$ROOT/../shared/crds}"

# folder -> "<GitHub repository> <tag> <path in that repository>" (see the README in $DEST)
declare -A UPSTREAM=(
  [provider-aws]="crossplane-contrib/provider-upjet-aws v2.6.0 package/crds"
  [crossplane]="crossplane/crossplane v2.3.4 cluster/crds"
  [argo-cd]="argoproj/argo-cd v3.5.1 manifests/crds"
  [function-patch-and-transform]="crossplane-contrib/function-patch-and-transform v0.10.8 package/input"
)

# "<folder>/<file> <sha256>"
FILES=(
  "provider-aws/aws.m.upbound.io_clusterproviderconfigs.yaml b504cfc288af79ca15f22a4fb919e57186f361a05c7892244f9f9a167af4f90f"
  "provider-aws/aws.m.upbound.io_providerconfigs.yaml bfea79496d36490e1793a76ffd11ef86f3bd7e9442d6cb9634e47f10acd0512a"
  "provider-aws/aws.upbound.io_providerconfigs.yaml baf275271313deed5524ce6f309c474957e652ba24394c5500ef83f4caa86d1c"
  "provider-aws/aws.upbound.io_providerconfigusages.yaml 9fe89b842f672640a1b95145bace23da44b9b4cc98ddd23d3d34d474fb6c5a71"
  "provider-aws/backup.aws.m.upbound.io_plans.yaml 4596840c0c5c1d4d4e2ea4b2bf403f54b7e57e08d362740557121c62ca8e9305"
  "provider-aws/backup.aws.m.upbound.io_regionsettings.yaml cd401ca21845dd81bde7748deb4575d3397381b590895e1eb3197ab8093d57ee"
  "provider-aws/backup.aws.m.upbound.io_selections.yaml c324271801a312f2f200bf2c86b687b88930de335aecf29777e53aa60f4de33f"
  "provider-aws/backup.aws.m.upbound.io_vaults.yaml 32d1c2b359ea65be9be50ea89390bd029b78e83819f57f2d42a66764f99581c7"
  "provider-aws/backup.aws.upbound.io_plans.yaml 6500dd584534c878d398ebbbd11757355939b6da4d0e24f9cd6828a285ebe196"
  "provider-aws/backup.aws.upbound.io_regionsettings.yaml 6fb14e8fc57de2d0e5209e1c2ddb48b9a9306e1571e303626eec32fc257fc0d3"
  "provider-aws/backup.aws.upbound.io_selections.yaml 5e2ed8c7623b289e7a468f87ee167e1a9c42e399973164daf1b638bef316fd78"
  "provider-aws/backup.aws.upbound.io_vaults.yaml ded25acf6f35cacaf35469962b0b076cc283f4cf822192f3042e631f93845b5d"
  "provider-aws/dynamodb.aws.m.upbound.io_tables.yaml c7a8e493c641736e938e84ffbc53457afb0b580b489dfc6b6f90f52ea1a236cb"
  "provider-aws/dynamodb.aws.upbound.io_tables.yaml df910cbeb3efc9723c9eaa8193f32e22525ee074f969de1572e6ef047efde593"
  "provider-aws/iam.aws.m.upbound.io_rolepolicyattachments.yaml 0b405d09d79e4860cd72ce9face72b3072d947d77b23f753be79c62fc14a5b46"
  "provider-aws/iam.aws.m.upbound.io_roles.yaml 68eb4bae93c97656bb6d36188338e30a0bf363a1c648b85ad8a9d49d7d692fba"
  "provider-aws/iam.aws.upbound.io_rolepolicyattachments.yaml a0e1a27dfde765df54a59832500f79f12a0421de3fb28c46b92f9d2cac957e8e"
  "provider-aws/iam.aws.upbound.io_roles.yaml 9a01357b673dbb1c7ebfd6f49e0ff005a91e2e7b8c10b856e2d6f7cf21de9d7c"
  "provider-aws/kms.aws.m.upbound.io_aliases.yaml 8e988535dba67d89de8da1e0f24aea0bb9ab709ce92980f5d2d02d0464975346"
  "provider-aws/kms.aws.m.upbound.io_keys.yaml bea624652382b4317499339a1041ad57a5153f0d3cac74a754d1a745017c5a68"
  "provider-aws/kms.aws.upbound.io_aliases.yaml 6e4c67989f62d7dd919fd7e4db02d0c1d56170d77a4738c1aa5c38f5c616b41b"
  "provider-aws/kms.aws.upbound.io_keys.yaml 7acbf53ae2f91a965a049858d2bba1be77cf718cd3b2f075ec9dba31624157ec"
  "crossplane/apiextensions.crossplane.io_compositeresourcedefinitions.yaml fd430e433e202905c4eaa3321857788c8680d0351269ecf8d24593aa58af68aa"
  "crossplane/apiextensions.crossplane.io_compositions.yaml 13951a1af3ca5afa49c7fb9ddde423f59dc172026bcb8131b62e3e402c3fa309"
  "crossplane/apiextensions.crossplane.io_environmentconfigs.yaml e7195819ad029752668bba52546aa141ad257495a8ab0c7149df0e8561079aff"
  "crossplane/apiextensions.crossplane.io_usages.yaml 851f24f57d559c255358d8d31d768f8ef8248281e1cee95b182294e5912d1400"
  "crossplane/pkg.crossplane.io_deploymentruntimeconfigs.yaml 039fb9ab97777bb40ced2a6071e1a4bb4764023b720f2912aee8e84cda202087"
  "crossplane/pkg.crossplane.io_functions.yaml fa8d48b538450a6e37b9cbabd7fdb069157a07c43790f1cbe393e1407fc5c83e"
  "crossplane/pkg.crossplane.io_providers.yaml 8530bffdda934641f0afb5de600fdb0561155bf008a0ace36d7e530a948521d0"
  "crossplane/protection.crossplane.io_clusterusages.yaml 721f00cd3ec294b1d75c41a379cae61dee14cf614f0ecbe4b0329193f796be44"
  "crossplane/protection.crossplane.io_usages.yaml 23fc67d87deaf87b6a2a869334544ee94840917370a3dc55b390778d341fc855"
  "argo-cd/application-crd.yaml 5dde0e229249b6b707beb98674c1deae3949d5c319a6c45b9f5a80c99618e40c"
  "argo-cd/applicationset-crd.yaml 7d282054f41ca2b71a22bab04a8caf0000e07e53a62432e6ea292dae5ab4f07d"
  "argo-cd/appproject-crd.yaml ab225266944322750136f1198d93786e4a79a0e43c8d149abfba44da30a3eac8"
  "function-patch-and-transform/pt.fn.crossplane.io_resources.yaml edc818eb4c8c99d9fd11d8e90e71e1241578f67b30ed75ce14118aefb197364a"
)

sha() { sha256sum "$1" | cut -c1-64; }

mkdir -p "$DEST"
fetched=0
for entry in "${FILES[@]}"; do
  rel="${entry%% *}"
  want="${entry##* }"
  file="$DEST/$rel"
  if [ -f "$file" ] && [ "$(sha "$file")" = "$want" ]; then
    continue
  fi
  read -r repo tag dir <<<"${UPSTREAM[${rel%%/*}]}"
  url="https://raw.githubusercontent.com/$repo/$tag/$dir/${rel#*/}"
  mkdir -p "$(dirname "$file")"
  curl -fsSL --retry 3 -o "$file.part" "$url" || { echo "fetch-crds: cannot download $url" >&2; exit 1; }
  got="$(sha "$file.part")"
  if [ "$got" != "$want" ]; then
    rm -f "$file.part"
    echo "fetch-crds: $url has sha256 $got, expected $want; refusing it" >&2
    exit 1
  fi
  mv "$file.part" "$file"
  fetched=$((fetched + 1))
done
echo "fetch-crds: ${#FILES[@]} CRD files in $DEST ($fetched downloaded)"
