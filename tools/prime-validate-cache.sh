#!/usr/bin/env bash
# Primes the cache of `crossplane beta validate` so it runs fully offline.
#
# How the cache works (cmd/crank/beta/validate/{cmd,manager,cache}.go, v2.2.1):
#   - validate always adds the Crossplane image to its dependency set:
#     --crossplane-image, default xpkg.crossplane.io/crossplane/crossplane:<CLI version>
#     (also the spec.package image of every Provider/Function/Configuration
#     passed as an *extension*, so pass those objects as resources instead).
#   - For each image it looks for the directory <cache-dir>/<image with ':' -> '@'>.
#     If the directory exists it is NOT downloaded; every *.yaml/*.yml under it
#     is loaded as a schema (CRDs / XRDs).
# So we create <cache>/xpkg.crossplane.io/crossplane/crossplane@<tag>/ holding
# symlinks to shared/crds/crossplane/*.yaml (Crossplane v2.3.4 CRDs). We prime
# the v2.3.4 tag (pass --crossplane-image=xpkg.crossplane.io/crossplane/crossplane:v2.3.4)
# and also the CLI's own default tag v2.2.1 so a bare invocation is offline too.
#
# Usage: tools/prime-validate-cache.sh   -> prints the cache dir to use as --cache-dir
# Env:   DDB_TOOLS_DIR (default <repo>/.tools), DDB_CRDS_DIR (default <repo>/../shared/crds)
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS_DIR="${DDB_TOOLS_DIR:-$REPO/.tools}"
SHARED_CRDS="${DDB_CRDS_DIR:-$REPO/../shared/crds}"
SRC="$(cd "$SHARED_CRDS/crossplane" && pwd)"
mkdir -p "$TOOLS_DIR"
CACHE="$(cd "$TOOLS_DIR" && pwd)/validate-cache"

for tag in v2.3.4 v2.2.1; do
  dir="$CACHE/xpkg.crossplane.io/crossplane/crossplane@$tag"
  mkdir -p "$dir"
  find "$dir" -maxdepth 1 -name '*.yaml' -type l -delete
  for f in "$SRC"/*.yaml; do
    ln -sf "$f" "$dir/$(basename "$f")"
  done
done
echo "$CACHE"
