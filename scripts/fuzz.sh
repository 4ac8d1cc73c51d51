#!/usr/bin/env bash
# fuzz.sh [SECONDS]: run every fuzz target for SECONDS each (default 60). Crashers are written under
# the package's testdata/fuzz/ and then run as regression tests by `make test`.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
t=${1:-60}
for pkg in $(go list ./...); do
  dir=$(go list -f '{{.Dir}}' "$pkg")
  for target in $(grep -ho '^func Fuzz[A-Za-z0-9_]*' "$dir"/*_test.go 2>/dev/null | sed 's/^func //'); do
    echo "== $pkg $target (${t}s)"
    go test -tags ci -run '^$' -fuzz "^${target}\$" -fuzztime "${t}s" -fuzzminimizetime 10x "$pkg"
  done
done
