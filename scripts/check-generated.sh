#!/usr/bin/env bash
# Fails when a committed generated file is not what its generator produces now.
# Argo CD applies the committed dist/ (the rendered-manifests pattern), so a
# schema change merged without `npm run synth` would silently never reach AWS;
# and editors check the input files against the committed json-schema/.
#
#   scripts/check-generated.sh [--skip-build]
#
# Builds (unless --skip-build: the caller just built), regenerates every target
# below into a temp dir and diffs it against the working tree. On a difference
# it prints which files differ, the diff (first $CHECK_GENERATED_MAX_LINES
# lines, default 200) and the command that fixes it.
# Exit codes: 0 up to date, 1 stale, 2 the build or a generator failed.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# Generated targets, one per line: "<committed path>|<generator>|<fix command>".
# {out} in the generator is replaced with the (quoted) temp path to write to;
# the fix command is what a developer runs to update the committed copy.
TARGETS=(
  "dist|node bin/ddbops.js synth --out {out}|npm run synth"
  "docs/dynamodb-design.md|node bin/ddbops.js docs --out {out}|npm run synth"
  "json-schema|node bin/ddbops.js json-schema --out {out}|npm run json-schema"
)

MAX_LINES="${CHECK_GENERATED_MAX_LINES:-200}"
skip_build=0
for arg in "$@"; do
  case "$arg" in
    --skip-build) skip_build=1 ;;
    *) echo "usage: scripts/check-generated.sh [--skip-build]" >&2; exit 2 ;;
  esac
done

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

if [ "$skip_build" -eq 0 ]; then
  if ! npm run build --silent >"$tmp/build.log" 2>&1; then
    cat "$tmp/build.log" >&2
    echo "check-generated: the TypeScript build failed (npm run build); fix it first" >&2
    exit 2
  fi
fi

# Lists "+ new", "- gone" and "~ changed" files between committed $1 and fresh $2.
summarize() {
  local committed="$1" fresh="$2"
  if [ -f "$fresh" ]; then
    echo "  ~ $committed"
    return
  fi
  (cd "$committed" && find . -type f | sed 's#^\./##' | LC_ALL=C sort) >"$tmp/committed.list"
  (cd "$fresh" && find . -type f | sed 's#^\./##' | LC_ALL=C sort) >"$tmp/fresh.list"
  LC_ALL=C comm -13 "$tmp/committed.list" "$tmp/fresh.list" | sed "s#^#  + $committed/#"
  LC_ALL=C comm -23 "$tmp/committed.list" "$tmp/fresh.list" | sed "s#^#  - $committed/#"
  LC_ALL=C comm -12 "$tmp/committed.list" "$tmp/fresh.list" | while IFS= read -r f; do
    cmp -s "$committed/$f" "$fresh/$f" || echo "  ~ $committed/$f"
  done
}

stale=()
fixes=()
for target in "${TARGETS[@]}"; do
  IFS='|' read -r path cmd fix <<<"$target"
  out="$tmp/fresh/$path"
  mkdir -p "$(dirname "$out")"
  cmd="${cmd//\{out\}/$(printf '%q' "$out")}"
  if ! bash -c "$cmd" >"$tmp/gen.log" 2>&1; then
    cat "$tmp/gen.log" >&2
    echo "check-generated: generating $path failed: $cmd" >&2
    exit 2
  fi
  if [ ! -e "$path" ]; then
    echo "check-generated: $path is missing; it is generated and must be committed" >&2
    stale+=("$path")
    fixes+=("$fix")
    continue
  fi
  status=0
  diff -ruN "$path" "$out" >"$tmp/diff" 2>&1 || status=$?
  if [ "$status" -eq 0 ]; then
    continue
  fi
  if [ "$status" -ne 1 ]; then
    cat "$tmp/diff" >&2
    echo "check-generated: cannot compare $path" >&2
    exit 2
  fi
  stale+=("$path")
  fixes+=("$fix")
  # Name the fresh side "(fresh)/<path>" instead of the temp dir.
  sed -e "s#$tmp/fresh/#(fresh)/#g" "$tmp/diff" >"$tmp/diff.named"
  {
    echo "check-generated: $path is stale: it differs from a fresh run of its generator."
    echo "Files that differ (+ new, - no longer generated, ~ changed):"
    summarize "$path" "$out"
    echo
    total="$(wc -l <"$tmp/diff.named")"
    head -n "$MAX_LINES" "$tmp/diff.named"
    if [ "$total" -gt "$MAX_LINES" ]; then
      echo "... $((total - MAX_LINES)) more diff lines not shown"
    fi
    echo
  } >&2
done

if [ "${#stale[@]}" -gt 0 ]; then
  {
    echo "check-generated: FAILED: generated files are out of date: ${stale[*]}"
    echo "Fix: run"
    printf '%s\n' "${fixes[@]}" | awk '!seen[$0]++ { print "  " $0 }'
    echo "and commit the result:"
    echo "  git add ${stale[*]} && git commit"
  } >&2
  exit 1
fi
echo "check-generated: ${#TARGETS[@]} generated target(s) up to date"
