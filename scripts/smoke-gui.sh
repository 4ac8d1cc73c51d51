#!/usr/bin/env bash
# smoke-gui.sh [OUTDIR]: run the real Exhibit binary under xvfb-run on the sample case, take a
# screenshot of each main screen (and of the welcome screen of a first run), and fail if a window
# is blank. Screenshots go to OUTDIR (default build/screenshots); look at them.
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
    "$1" --window-size 1440x900 "${@:3}" & pid=$!
    for i in $(seq 1 60); do sleep 0.5; xwininfo -root -tree 2>/dev/null | grep -q "\"Exhibit" && break; done
    sleep 3
    import -window root "$2"
    kill $pid 2>/dev/null; wait $pid 2>/dev/null || true
  ' _ build/exhibit "$out/$name.png" "$@"
  local sd
  sd=$(convert "$out/$name.png" -colorspace Gray -format '%[fx:standard_deviation]' info:)
  if awk -v s="$sd" 'BEGIN { exit !(s < 0.02) }'; then
    echo "smoke-gui: $name is blank (standard deviation $sd): $out/$name.png" >&2; exit 1
  fi
  echo "$out/$name.png (standard deviation $sd)"
}
shot library --case "$case_dir" --screen library
shot review --case "$case_dir" --screen review --image 1
shot report --case "$case_dir" --screen report --report 1
# The compare screen, once it is registered (--screen then lists it).
if build/exhibit --help | grep -q -- '--screen.*compare'; then
  shot compare --case "$case_dir" --screen compare --pair 1
fi
# A first run: no case given, none remembered, no default case: the welcome screen.
XDG_CONFIG_HOME=$work/config-first XDG_DATA_HOME=$work/data-first shot welcome
