#!/usr/bin/env bash
# Merges this repository's Argo CD settings into the live argocd-cm ConfigMap:
# annotation tracking, Crossplane's ProviderConfigUsage exclusion, and the
# health checks for our XR kinds and for Applications (app-of-apps waves).
#
#   scripts/patch-argocd-cm.sh [--dry-run] [--force] [--context NAME]
#
# Never replaces argocd-cm: keys are added; resource.exclusions gets our entry
# appended to Argo CD's defaults; a key you set differently is reported and left
# alone unless --force. Safe to rerun: a second run changes nothing.
# Exit codes: 0 done, 1 conflicting keys left alone, 2 usage or kubectl error.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CLI="$ROOT/lib/src/argocd/patch-argocd-cm.js"
if [ ! -f "$CLI" ]; then
  (cd "$ROOT" && npm run build --silent)
fi
exec node "$CLI" --file "$ROOT/dist/argocd-cm-patch/configmap-argocd-cm.yaml" "$@"
