#!/usr/bin/env bash
# test.sh [go test flags]: install what is missing, then run every test headless (Fyne's software
# driver: no display needed). The same command CI runs (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh test
. scripts/env.sh
# The tests' signing keys live in a folder of their own, never the user's.
EXHIBIT_CONFIG_DIR=$(mktemp -d); export EXHIBIT_CONFIG_DIR
trap 'rm -rf "$EXHIBIT_CONFIG_DIR"' EXIT
go vet -tags ci ./...
unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))
[ -z "$unformatted" ] || { echo "gofmt needed on: $unformatted" >&2; exit 1; }
scripts/lint.sh
# SeaweedFS, the S3 store of the team-case tests, is built from its module once (some minutes) into
# the user's cache folder: here, first, so that its build counts against no test binary's timeout.
out=$(go test -tags ci -timeout 60m -run '^TestS3$' ./internal/hubtest 2>&1) || { echo "$out" >&2; exit 1; }
go test -tags ci -timeout 30m "$@" ./...

# As root every folder is readable and writable, so the tests of unreadable folders and read-only
# cases skip; run them once more as an ordinary user (nobody) when this machine can.
asnobody() { setpriv --reuid=nobody --regid="$(id -g nobody)" --clear-groups "$@"; }
if [ "$(id -u)" = 0 ] && [ $# -eq 0 ] && command -v setpriv >/dev/null && id nobody >/dev/null 2>&1 &&
  asnobody true 2>/dev/null; then
  tmp=$(mktemp -d); trap 'rm -rf "$tmp" "$EXHIBIT_CONFIG_DIR"' EXIT
  chmod 755 "$tmp"; mkdir -m 1777 "$tmp/tmp"
  go test -tags ci -c -o "$tmp/catalog.test" ./catalog
  (cd catalog && TMPDIR=$tmp/tmp HOME=$tmp/tmp EXHIBIT_CONFIG_DIR=$tmp/tmp/keys asnobody "$tmp/catalog.test" -test.run 'Unreadable|ReadOnly' -test.v) | grep -E '^(--- |ok|FAIL|PASS)' |
    sed 's/^/as nobody: /'
  [ "${PIPESTATUS[0]}" = 0 ] || { echo "tests as nobody failed" >&2; exit 1; }
fi
