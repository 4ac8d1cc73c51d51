#!/usr/bin/env bash
# smoke-gui.sh [OUTDIR]: run the real Exhibit binary under xvfb-run on the sample case, take a
# screenshot of each main screen, and fail if a window is blank. Screenshots go to OUTDIR
# (default build/screenshots); look at them.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh gui
. scripts/env.sh
out=${1:-build/screenshots}
mkdir -p build "$out"
go build -o build/exhibit ./cmd/exhibit
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
case_dir=$work/Sample.exhibit
build/exhibit demo "$case_dir" >/dev/null
export XDG_CONFIG_HOME=$work/config XDG_DATA_HOME=$work/data   # fresh preferences: nothing remembered

# shot NAME ARGS...: start exhibit with ARGS on a virtual screen, wait, screenshot, check it is not blank.
shot() {
  local name=$1; shift
  xvfb-run -a -s "-screen 0 1440x900x24" bash -c '
    "$1" --case "$2" --window-size 1440x900 "${@:4}" & pid=$!
    for i in $(seq 1 60); do sleep 0.5; xwininfo -root -tree 2>/dev/null | grep -q "\"Exhibit" && break; done
    sleep 3
    import -window root "$3"
    kill $pid 2>/dev/null; wait $pid 2>/dev/null || true
  ' _ build/exhibit "$case_dir" "$out/$name.png" "$@"
  local sd
  sd=$(convert "$out/$name.png" -colorspace Gray -format '%[fx:standard_deviation]' info:)
  if awk -v s="$sd" 'BEGIN { exit !(s < 0.02) }'; then
    echo "smoke-gui: $name is blank (standard deviation $sd): $out/$name.png" >&2; exit 1
  fi
  echo "$out/$name.png (standard deviation $sd)"
}
shot library --screen library
shot review --screen review --image 1
shot report --screen report --report 1
shot compare --screen compare --pair 1
