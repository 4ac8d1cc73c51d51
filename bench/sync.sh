#!/usr/bin/env bash
# bench/sync.sh [N]: a case of N images (10,000) published to a hub (PostgreSQL and SeaweedFS, started
# for the run), 1 in 10 of their originals uploaded, cloned on a second laptop and those originals
# fetched there: entries per second pushed and pulled (with their replay), originals per second down.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
"$here/scripts/deps.sh" test
. "$here/scripts/env.sh"
EXHIBIT_CONFIG_DIR=$(mktemp -d); export EXHIBIT_CONFIG_DIR
trap 'rm -rf "$EXHIBIT_CONFIG_DIR"' EXIT
cd "$here"
EXHIBIT_BENCH_IMAGES=${1:-10000} go test -run '^$' -bench BenchmarkSync -benchtime 1x -timeout 60m ./internal/hub
