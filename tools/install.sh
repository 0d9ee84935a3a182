#!/usr/bin/env bash
# Builds/installs the real tools the verification harness (test/harness/) and
# the live loop (test/e2e/) run.
#
#   tools/install.sh            # build whatever is missing or out of date
#   DDB_TOOLS_DIR=/x tools/install.sh   # install into /x/bin instead of .tools/bin
#
# Idempotent: each tool has a stamp file keyed by its pinned version (plus a
# hash of the wrapper module that builds it), so a second run is a fast no-op.
# First run compiles the Go programs below and takes a long time on 2 cores.
# Runs as root (apt-get directly), or as a user with sudo; without apt-get it
# says which system packages to install and stops.
set -euo pipefail

# ---------------------------------------------------------------------------
# Pins
# ---------------------------------------------------------------------------
# Crossplane CLI ("crank": `crossplane render`, `crossplane beta validate`).
# The CLI moved to github.com/crossplane/cli/v2 after v2.2.x, and the Go module
# proxy here refuses (HTTP 403) every version of that module. v2.2.1 is the
# last crossplane/crossplane/v2 release whose module still contains cmd/crank.
CRANK_VERSION=v2.2.1
# Crossplane core: the live Crossplane of test/e2e (`core init`, `core start`),
# and its hidden `internal render` subcommand (the real XR reconciler against
# an in-memory client), driven by our xprender. Matches the Crossplane CRDs in
# shared/crds/crossplane (v2.3.4).
CORE_VERSION=v2.3.4
# function-patch-and-transform. v0.10.8 (the version of shared/crds/
# function-patch-and-transform and of the Function package we render) is
# refused (403) by the module proxy. v0.10.7 and v0.10.9 are served, and their
# module zips differ only in go.mod/go.sum and CI files: every .go file and the
# input CRD (identical to shared/crds' v0.10.8 one) are byte-identical, so
# v0.10.8, released between them, runs the same code. We keep v0.10.7.
PT_VERSION=v0.10.7
# kube-apiserver, kube-controller-manager and kubectl, one Kubernetes release
# built from one wrapper module (tools/go/kube, which copies k8s.io/kubernetes'
# ./staging replaces as published k8s.io/X v0.35.4 modules). Debian's kubectl
# (kubernetes-client 1.20) is far outside the supported skew of one minor.
KUBE_VERSION=v1.35.4
# Argo CD application controller + repo server (tools/go/argocd). v3.1.9, not
# the v3.5.1 of shared/crds: the proxy refuses the gitops-engine module v3.5.x
# builds from; v3.1.9's pseudo-version of it is served.
ARGOCD_VERSION=v3.1.9
# Debian packages (bookworm: etcd-server 3.4.23, redis-server 7.0, lua5.1
# 5.1.5, openssl, git), installed only when the command is missing.

# ---------------------------------------------------------------------------
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS_DIR="${DDB_TOOLS_DIR:-$REPO/.tools}"
mkdir -p "$TOOLS_DIR"
TOOLS_DIR="$(cd "$TOOLS_DIR" && pwd)"
BIN="$TOOLS_DIR/bin"
STAMPS="$TOOLS_DIR/stamps"
GO_DIR="$REPO/tools/go"
mkdir -p "$BIN" "$STAMPS"

export GOFLAGS="${GOFLAGS:--buildvcs=false}"
case " $GOFLAGS " in *" -buildvcs=false "*) ;; *) export GOFLAGS="$GOFLAGS -buildvcs=false" ;; esac

log() { printf '[install] %s\n' "$*" >&2; }

need_go() {
  command -v go >/dev/null 2>&1 || { log "go is required (>= 1.25.11) but not on PATH"; exit 1; }
}

# stamp_key <version> <files...>: version plus a hash of the inputs that build it.
stamp_key() {
  local version="$1"; shift
  local h=""
  if [ "$#" -gt 0 ]; then
    h="$(cat "$@" | sha256sum | cut -c1-16)"
  fi
  printf '%s %s\n' "$version" "$h"
}

# up_to_date <tool> <key>: binary exists and its stamp matches.
up_to_date() {
  [ -x "$BIN/$1" ] && [ -f "$STAMPS/$1" ] && [ "$(cat "$STAMPS/$1")" = "$2" ]
}

# build <tool> <key> <cmd...>: run cmd (which must produce $BIN/<tool>) unless up to date.
build() {
  local tool="$1" key="$2"; shift 2
  if up_to_date "$tool" "$key"; then
    return 0
  fi
  need_go
  log "building $tool ($key) ..."
  local start=$SECONDS
  rm -f "$STAMPS/$tool"
  "$@"
  [ -x "$BIN/$tool" ] || { log "build of $tool did not produce $BIN/$tool"; exit 1; }
  printf '%s\n' "$key" > "$STAMPS/$tool"
  log "built $tool in $((SECONDS - start))s"
}

# build_set <key> <tool...> -- <cmd...>: several binaries that one command builds
# (one `go build` of several main packages shares the compile graph, and one
# link overlaps the next package's compile); each gets the same stamp.
build_set() {
  local key="$1"; shift
  local tools=()
  while [ "$1" != "--" ]; do tools+=("$1"); shift; done
  shift
  local t stale=()
  for t in "${tools[@]}"; do up_to_date "$t" "$key" || stale+=("$t"); done
  [ "${#stale[@]}" -eq 0 ] && return 0
  need_go
  log "building ${tools[*]} ($key) ..."
  local start=$SECONDS
  for t in "${tools[@]}"; do rm -f "$STAMPS/$t"; done
  "$@"
  for t in "${tools[@]}"; do
    [ -x "$BIN/$t" ] || { log "build did not produce $BIN/$t"; exit 1; }
    printf '%s\n' "$key" > "$STAMPS/$t"
  done
  log "built ${tools[*]} in $((SECONDS - start))s"
}

go_build() { # go_build <module dir> <out> <ldflags> <package>
  (cd "$1" && go build -trimpath -ldflags "$3" -o "$2" "$4")
}

# The wrapper go.mod files are what really pin the Go tools; the variables
# above must agree with them (they also key the stamps and the -X versions).
check_pin() { # check_pin <go.mod> <module> <version>
  grep -Eq "^[[:space:]]*$2 $3( |\$)" "$1" || {
    log "$1 does not require $2 $3; update it: (cd $(dirname "$1") && go get $2@$3 && go mod tidy)"
    exit 1
  }
}
check_pin "$GO_DIR/crank/go.mod" github.com/crossplane/crossplane/v2 "$CRANK_VERSION"
check_pin "$GO_DIR/core/go.mod" github.com/crossplane/crossplane/v2 "$CORE_VERSION"
check_pin "$GO_DIR/core/go.mod" github.com/crossplane/crossplane/apis/v2 "$CORE_VERSION"
check_pin "$GO_DIR/fn/go.mod" github.com/crossplane-contrib/function-patch-and-transform "$PT_VERSION"
check_pin "$GO_DIR/kube/go.mod" k8s.io/kubernetes "$KUBE_VERSION"
check_pin "$GO_DIR/argocd/go.mod" github.com/argoproj/argo-cd/v3 "$ARGOCD_VERSION"

# --- system packages -------------------------------------------------------
# command -> Debian package
SYSTEM_TOOLS=(etcd:etcd-server redis-server:redis-server lua5.1:lua5.1 openssl:openssl git:git)
missing=()
for entry in "${SYSTEM_TOOLS[@]}"; do
  command -v "${entry%%:*}" >/dev/null 2>&1 || missing+=("${entry#*:}")
done
if [ "${#missing[@]}" -gt 0 ]; then
  if ! command -v apt-get >/dev/null 2>&1; then
    log "missing system packages: ${missing[*]} (Debian names)."
    log "This is not a Debian-like machine: install their equivalents with your package manager and rerun:"
    log "  etcd >= 3.4 (etcd on PATH), redis-server >= 6, lua5.1, openssl, git"
    exit 1
  fi
  SUDO=()
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null 2>&1 || { log "not root and no sudo: as root, run: apt-get install -y ${missing[*]}"; exit 1; }
    SUDO=(sudo)
  fi
  log "installing apt packages: ${missing[*]}"
  "${SUDO[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# --- Go tools ---------------------------------------------------------------
build crossplane "$(stamp_key "$CRANK_VERSION" "$GO_DIR/crank/go.mod" "$GO_DIR/crank/go.sum")" \
  go_build "$GO_DIR/crank" "$BIN/crossplane" \
  "-s -w -X github.com/crossplane/crossplane/v2/internal/version.version=$CRANK_VERSION" \
  github.com/crossplane/crossplane/v2/cmd/crank

build crossplane-core "$(stamp_key "$CORE_VERSION" "$GO_DIR/core/go.mod" "$GO_DIR/core/go.sum")" \
  go_build "$GO_DIR/core" "$BIN/crossplane-core" \
  "-s -w -X github.com/crossplane/crossplane-runtime/v2/pkg/version.version=$CORE_VERSION" \
  github.com/crossplane/crossplane/v2/cmd/crossplane

build xprender "$(stamp_key "$CORE_VERSION" "$GO_DIR/core/go.mod" "$GO_DIR/core/go.sum" "$GO_DIR"/core/cmd/xprender/*.go)" \
  go_build "$GO_DIR/core" "$BIN/xprender" "-s -w" ./cmd/xprender

# Wrapper module: `go install ...@version` would query the module's version list
# (deprecation check), which the proxy refuses with 403.
build function-patch-and-transform "$(stamp_key "$PT_VERSION" "$GO_DIR/fn/go.mod" "$GO_DIR/fn/go.sum")" \
  go_build "$GO_DIR/fn" "$BIN/function-patch-and-transform" "-s -w" \
  github.com/crossplane-contrib/function-patch-and-transform

# Without the version variables kubectl cannot parse the server's version, and
# Argo CD and Crossplane read it too.
KUBE_MINOR="${KUBE_VERSION#v1.}"; KUBE_MINOR="${KUBE_MINOR%%.*}"
KUBE_LDFLAGS="-s -w"
for pkg in k8s.io/client-go/pkg/version k8s.io/component-base/version; do
  KUBE_LDFLAGS="$KUBE_LDFLAGS -X $pkg.gitVersion=$KUBE_VERSION -X $pkg.gitMajor=1 -X $pkg.gitMinor=$KUBE_MINOR -X $pkg.gitTreeState=clean"
done
build_set "$(stamp_key "$KUBE_VERSION" "$GO_DIR/kube/go.mod" "$GO_DIR/kube/go.sum")" \
  kube-apiserver kube-controller-manager kubectl -- \
  bash -c 'cd "$1" && go build -trimpath -ldflags "$2" -o "$3/" k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager k8s.io/kubernetes/cmd/kubectl' \
  kube-build "$GO_DIR/kube" "$KUBE_LDFLAGS" "$BIN"

build argocd "$(stamp_key "$ARGOCD_VERSION" "$GO_DIR/argocd/go.mod" "$GO_DIR/argocd/go.sum" "$GO_DIR"/argocd/cmd/argocd/*.go)" \
  go_build "$GO_DIR/argocd" "$BIN/argocd" "-s -w -X github.com/argoproj/argo-cd/v3/common.version=${ARGOCD_VERSION#v}" ./cmd/argocd

# --- files that come with the modules ---------------------------------------
# The live loop installs Crossplane's CRDs (`core init` reads CRDS_PATH) and Argo
# CD's from the very module versions built above, and packages
# function-patch-and-transform from its module's package/ sources. Linked, not
# copied: the module cache is read-only and already on disk after the builds.
SHARE="$TOOLS_DIR/share"
mkdir -p "$SHARE"
link_module_dir() { # link_module_dir <name> <wrapper module dir> <module> <dir inside the module>
  local dir
  dir="$(cd "$2" && go list -m -f '{{.Dir}}' "$3")/$4"
  [ -d "$dir" ] || { log "$3 has no $4 (looked in $dir)"; exit 1; }
  [ "$(readlink "$SHARE/$1" 2>/dev/null)" = "$dir" ] || ln -sfn "$dir" "$SHARE/$1"
}
if [ ! -d "$SHARE/crossplane-crds" ] || [ ! -d "$SHARE/argocd-crds" ] || [ ! -d "$SHARE/function-patch-and-transform-package" ] \
  || [ "$(cat "$STAMPS/share" 2>/dev/null)" != "$CORE_VERSION $ARGOCD_VERSION $PT_VERSION" ]; then
  need_go
  link_module_dir crossplane-crds "$GO_DIR/core" github.com/crossplane/crossplane/v2 cluster/crds
  link_module_dir argocd-crds "$GO_DIR/argocd" github.com/argoproj/argo-cd/v3 manifests/crds
  link_module_dir function-patch-and-transform-package "$GO_DIR/fn" github.com/crossplane-contrib/function-patch-and-transform package
  printf '%s\n' "$CORE_VERSION $ARGOCD_VERSION $PT_VERSION" > "$STAMPS/share"
fi

# --- report -----------------------------------------------------------------
first() { "$@" 2>&1 | head -n1 || true; }
echo "crossplane                    $(first "$BIN/crossplane" version --client)  [$BIN/crossplane]"
echo "crossplane-core               $(first "$BIN/crossplane-core" --version)  [$BIN/crossplane-core]"
echo "xprender                      core $CORE_VERSION  [$BIN/xprender]"
echo "function-patch-and-transform  $PT_VERSION  [$BIN/function-patch-and-transform]"
echo "kube-apiserver                $(first "$BIN/kube-apiserver" --version)  [$BIN/kube-apiserver]"
echo "kube-controller-manager       $(first "$BIN/kube-controller-manager" --version)  [$BIN/kube-controller-manager]"
echo "kubectl                       $(first "$BIN/kubectl" version --client)  [$BIN/kubectl]"
echo "argocd                        $ARGOCD_VERSION (application controller, repo server)  [$BIN/argocd]"
echo "etcd                          $(first etcd --version)  [$(command -v etcd)]"
echo "redis-server                  $(first redis-server --version)  [$(command -v redis-server)]"
echo "lua5.1                        $(first lua5.1 -v)  [$(command -v lua5.1)]"
echo "git                           $(first git --version)  [$(command -v git)]"
