#!/usr/bin/env bash
# run.sh [exhibit arguments]: build Exhibit and open it. Without arguments it opens the last case
# used or, when the user has none, a sample case made by `exhibit demo`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh gui
. scripts/env.sh
mkdir -p build
echo "building (the first build compiles GLFW and takes a few minutes)..." >&2
go build -o build/exhibit ./cmd/exhibit
args=("$@")
# No arguments: the last case used, else the sample case (made on first use).
[ ${#args[@]} -gt 0 ] || args=(--sample-if-none)
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "no display: running under xvfb-run (use scripts/smoke-gui.sh for screenshots)" >&2
  exec xvfb-run -a -s "-screen 0 1600x1000x24" build/exhibit "${args[@]}"
fi
exec build/exhibit "${args[@]}"
