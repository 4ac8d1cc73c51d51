#!/usr/bin/env bash
# test.sh [go test flags]: install what is missing, then run every test headless (Fyne's software
# driver: no display needed). The same command CI runs (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh test
. scripts/env.sh
go vet -tags ci ./...
unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))
[ -z "$unformatted" ] || { echo "gofmt needed on: $unformatted" >&2; exit 1; }
go test -tags ci -timeout 30m "$@" ./...
