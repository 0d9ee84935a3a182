#!/usr/bin/env bash
# Builds/installs the real tools the verification harness (test/harness/) runs.
#
#   tools/install.sh            # build whatever is missing or out of date
#   DDB_TOOLS_DIR=/x tools/install.sh   # install into /x/bin instead of .tools/bin
#
# Idempotent: each tool has a stamp file keyed by its pinned version (plus a
# hash of the wrapper module that builds it), so a second run is a fast no-op.
# First run compiles ~5 large Go programs and takes a long time on 2 cores.
set -euo pipefail

# ---------------------------------------------------------------------------
# Pins
# ---------------------------------------------------------------------------
# Crossplane CLI ("crank": `crossplane render`, `crossplane beta validate`).
# The CLI moved to github.com/crossplane/cli/v2 after v2.2.x, and the Go module
# proxy here refuses (HTTP 403) every version of that module. v2.2.1 is the
# last crossplane/crossplane/v2 release whose module still contains cmd/crank.
CRANK_VERSION=v2.2.1
# Crossplane core. Only used for its hidden `internal render` subcommand (the
# real XR reconciler against an in-memory client), driven by our xprender.
# Matches the Crossplane CRDs in shared/crds/crossplane (v2.3.4).
CORE_VERSION=v2.3.4
# crossplane-runtime as required by core v2.3.4: its pkg/xcrd is the XRD -> CRD
# generator core's definition controller runs. Our xrd2crd (tools/go/xcrd)
# calls it to make the CRDs the status tests install in the test API server.
XCRD_RUNTIME_VERSION=v2.3.3
# function-patch-and-transform. v0.10.8 (the version of shared/crds/
# function-patch-and-transform and of the Function package we render) is
# refused (403) by the module proxy. v0.10.7 and v0.10.9 are served, and their
# module zips differ only in go.mod/go.sum and CI files: every .go file and the
# input CRD (identical to shared/crds' v0.10.8 one) are byte-identical, so
# v0.10.8, released between them, runs the same code. We keep v0.10.7.
PT_VERSION=v0.10.7
# Standalone apiextensions-apiserver + kubectl, same Kubernetes minor (1.35),
# newest patch the proxy serves. kubectl's module is k8s.io/kubectl v0.35.x ==
# Kubernetes v1.35.x.
K8S_VERSION=v0.35.10
KUBE_GIT_VERSION=v1.35.10
# Debian packages (bookworm: etcd-server 3.4.23, lua5.1 5.1.5; openssl makes
# the test apiserver's client certs), installed only when the command is missing.

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
check_pin "$GO_DIR/xcrd/go.mod" github.com/crossplane/crossplane-runtime/v2 "$XCRD_RUNTIME_VERSION"
check_pin "$GO_DIR/xcrd/go.mod" github.com/crossplane/crossplane/apis/v2 "$CORE_VERSION"
check_pin "$GO_DIR/fn/go.mod" github.com/crossplane-contrib/function-patch-and-transform "$PT_VERSION"
check_pin "$GO_DIR/k8s/go.mod" k8s.io/apiextensions-apiserver "$K8S_VERSION"
check_pin "$GO_DIR/k8s/go.mod" k8s.io/kubectl "$K8S_VERSION"

# --- apt packages -----------------------------------------------------------
missing=()
command -v etcd   >/dev/null 2>&1 || missing+=(etcd-server)
command -v lua5.1 >/dev/null 2>&1 || missing+=(lua5.1)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
if [ "${#missing[@]}" -gt 0 ]; then
  SUDO=""
  if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
  log "installing apt packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
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

build xrd2crd "$(stamp_key "$XCRD_RUNTIME_VERSION" "$GO_DIR/xcrd/go.mod" "$GO_DIR/xcrd/go.sum" "$GO_DIR"/xcrd/cmd/xrd2crd/*.go)" \
  go_build "$GO_DIR/xcrd" "$BIN/xrd2crd" "-s -w" ./cmd/xrd2crd

# Wrapper module: `go install ...@version` would query the module's version list
# (deprecation check), which the proxy refuses with 403.
build function-patch-and-transform "$(stamp_key "$PT_VERSION" "$GO_DIR/fn/go.mod" "$GO_DIR/fn/go.sum")" \
  go_build "$GO_DIR/fn" "$BIN/function-patch-and-transform" "-s -w" \
  github.com/crossplane-contrib/function-patch-and-transform

K8S_LDFLAGS="-s -w"
for pkg in k8s.io/client-go/pkg/version k8s.io/component-base/version; do
  K8S_LDFLAGS="$K8S_LDFLAGS -X $pkg.gitVersion=$KUBE_GIT_VERSION -X $pkg.gitMajor=1 -X $pkg.gitMinor=35 -X $pkg.gitTreeState=clean"
done

# Upstream apiextensions-apiserver plus root /apis discovery (see the comment in
# tools/go/k8s/cmd/apiextensions-apiserver/main.go): without it kubectl can't work.
build apiextensions-apiserver "$(stamp_key "$K8S_VERSION" "$GO_DIR/k8s/go.mod" "$GO_DIR/k8s/go.sum" "$GO_DIR/k8s/cmd/apiextensions-apiserver/main.go")" \
  go_build "$GO_DIR/k8s" "$BIN/apiextensions-apiserver" "$K8S_LDFLAGS" ./cmd/apiextensions-apiserver

build kubectl "$(stamp_key "$K8S_VERSION" "$GO_DIR/k8s/go.mod" "$GO_DIR/k8s/go.sum" "$GO_DIR/k8s/cmd/kubectl/main.go")" \
  go_build "$GO_DIR/k8s" "$BIN/kubectl" "$K8S_LDFLAGS" ./cmd/kubectl

# --- report -----------------------------------------------------------------
first() { "$@" 2>&1 | head -n1 || true; }
echo "crossplane                    $(first "$BIN/crossplane" version --client)  [$BIN/crossplane]"
echo "crossplane-core               $(first "$BIN/crossplane-core" --version)  [$BIN/crossplane-core]"
echo "xprender                      core $CORE_VERSION  [$BIN/xprender]"
echo "xrd2crd                       crossplane-runtime $XCRD_RUNTIME_VERSION  [$BIN/xrd2crd]"
echo "function-patch-and-transform  $PT_VERSION  [$BIN/function-patch-and-transform]"
echo "apiextensions-apiserver       $K8S_VERSION ($KUBE_GIT_VERSION)  [$BIN/apiextensions-apiserver]"
echo "kubectl                       $(first "$BIN/kubectl" version --client)  [$BIN/kubectl]"
echo "etcd                          $(first etcd --version)  [$(command -v etcd)]"
echo "lua5.1                        $(first lua5.1 -v)  [$(command -v lua5.1)]"
