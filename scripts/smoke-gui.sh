#!/usr/bin/env bash
# smoke-gui.sh [OUTDIR]: run the real Exhibit binary under xvfb-run on the sample case, take a
# screenshot of each main screen (and of the welcome screen of a first run), of each compare mode,
# of align mode and of an annotated image, and fail if a window is blank. Screenshots go to OUTDIR
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
# marks on the street's before image itself (image 1: the sample's images are numbered in the
# order of their names), for the review screen's shot
build/exhibit --case "$case_dir" annotate 1 --json - >/dev/null <<'JSON'
[{"kind": "ellipse", "points": [[0.62, 0.36], [0.74, 0.62]], "color": "#FDD835", "width": 4, "label": "Minaret"},
 {"kind": "rect", "points": [[0.8, 0.3], [0.98, 0.75]], "label": "No. 12 intact"},
 {"kind": "arrow", "points": [[0.2, 0.85], [0.42, 0.7]], "color": "#00ACC1", "width": 5, "label": "Camera line"},
 {"kind": "callout", "points": [[0.3, 0.45]], "number": 4},
 {"kind": "text", "points": [[0.05, 0.1]], "color": "#FFFFFF", "label": "11 October 2017, 09:42"}]
JSON
# a PDF report (the pair's sheet, imported as a report), for the shot of a report's page
build/exhibit --case "$case_dir" sheet 1 -o "$work/sheet.pdf" >/dev/null
build/exhibit --case "$case_dir" report add "$work/sheet.pdf" >/dev/null
export XDG_CONFIG_HOME=$work/config XDG_DATA_HOME=$work/data   # fresh preferences: nothing remembered

# shot NAME ARGS...: start exhibit with ARGS on a virtual screen, wait, (type the keys in $KEYS,
# e.g. KEYS="2" for the swipe mode), screenshot, check it is not blank.
shot() {
  local name=$1; shift
  xvfb-run -a -s "-screen 0 1440x900x24" bash -c '
    "$1" --window-size 1440x900 "${@:4}" & pid=$!
    for i in $(seq 1 60); do sleep 0.5; xwininfo -root -tree 2>/dev/null | grep -q "\"Exhibit" && break; done
    sleep 3
    if [ -n "$3" ]; then
      xdotool search --name "^Exhibit" windowfocus 2>/dev/null || true
      for k in $3; do xdotool key "$k"; sleep 0.3; done
      sleep 2
    fi
    import -window root "$2"
    kill $pid 2>/dev/null
    for i in $(seq 1 20); do kill -0 $pid 2>/dev/null || break; sleep 0.5; done
    kill -9 $pid 2>/dev/null   # (it once failed to quit on SIGTERM)
    wait $pid 2>/dev/null || true
  ' _ build/exhibit "$out/$name.png" "${KEYS:-}" "$@"
  local sd
  sd=$(convert "$out/$name.png" -colorspace Gray -format '%[fx:standard_deviation]' info:)
  if awk -v s="$sd" 'BEGIN { exit !(s < 0.02) }'; then
    echo "smoke-gui: $name is blank (standard deviation $sd): $out/$name.png" >&2; exit 1
  fi
  # $CROP (WxH+X+Y): where the picture must be; a screen whose image failed to show is
  # still far from blank around it
  if [ -n "${CROP:-}" ]; then
    local csd
    csd=$(convert "$out/$name.png" -crop "$CROP" +repage -colorspace Gray -format '%[fx:standard_deviation]' info:)
    if awk -v s="$csd" 'BEGIN { exit !(s < 0.04) }'; then
      echo "smoke-gui: $name shows no picture in $CROP (standard deviation $csd): $out/$name.png" >&2; exit 1
    fi
    sd="$sd; picture $csd"
  fi
  echo "$out/$name.png (standard deviation $sd)"
}
shot library --case "$case_dir" --screen library
CROP=700x400+100+250 shot review --case "$case_dir" --screen review --image 2
CROP=700x400+100+250 shot review-marks --case "$case_dir" --screen review --image 1
shot report --case "$case_dir" --screen report --report 1
CROP=400x300+950+400 shot report-page --case "$case_dir" --screen report --report 2
# The compare screen: pair 1 (aligned, annotated) in each mode (keys 1 to 5; the mode is
# remembered, so each shot starts from the previous one's), then align mode (A).
if build/exhibit --help | grep -q -- '--screen.*compare'; then
  command -v xdotool >/dev/null || { echo "smoke-gui: xdotool is needed to switch the compare modes (apt-get install xdotool)" >&2; exit 1; }
  export CROP=700x200+300+440   # the middle of the view: pictures in every mode
  KEYS=1 shot compare --case "$case_dir" --screen compare --pair 1
  KEYS=2 shot compare-swipe --case "$case_dir" --screen compare --pair 1
  KEYS=3 shot compare-blend --case "$case_dir" --screen compare --pair 1
  KEYS=4 shot compare-difference --case "$case_dir" --screen compare --pair 1
  KEYS=5 shot compare-flicker --case "$case_dir" --screen compare --pair 1
  KEYS="1 a" shot compare-align --case "$case_dir" --screen compare --pair 1
  unset CROP
fi
CROP=600x400+150+250 shot map --case "$case_dir" --screen map
shot sites --case "$case_dir" --screen sites

# Keys typed in a dialog stay there: on the compare screen (side by side, fresh preferences), open
# the shortcuts dialog (F1), type "2" (swipe mode), "+" (zoom in) and Escape: the window must not
# change behind the dialog. Then close it (Tab to Close, Space) and type "2" again: the window must
# change (the swipe mode), or the first check proved nothing.
if command -v xdotool >/dev/null; then
  XDG_CONFIG_HOME=$work/config-keys XDG_DATA_HOME=$work/data-keys xvfb-run -a -s "-screen 0 1440x900x24" bash -c '
    "$1" --window-size 1440x900 --case "$3" --screen compare --pair 1 & pid=$!
    for i in $(seq 1 60); do sleep 0.5; xwininfo -root -tree 2>/dev/null | grep -q "\"Exhibit" && break; done
    sleep 3
    xdotool search --name "^Exhibit" windowfocus 2>/dev/null || true
    # settle NAME: screenshot until two shots a second apart are the same (pictures loaded,
    # dialog shown), at most 40 s; keep the last as NAME
    settle() {
      import -window root "$2/$1.png"
      for i in $(seq 1 40); do
        sleep 1; import -window root "$2/$1.next.png"
        n=$(compare -metric AE -fuzz 3% "$2/$1.png" "$2/$1.next.png" null: 2>&1 || true)
        mv "$2/$1.next.png" "$2/$1.png"
        [ "${n%% *}" = 0 ] && break
      done
    }
    keys() { for k in "$@"; do xdotool key "$k"; sleep 0.4; done; }
    settle keys-start "$2"
    keys F1;                  settle keys-dialog-before "$2"
    keys 2 plus Escape;       settle keys-dialog-after "$2"
    keys Tab space;           settle keys-closed-before "$2"
    keys 2;                   settle keys-closed-after "$2"
    kill $pid 2>/dev/null
    for i in $(seq 1 20); do kill -0 $pid 2>/dev/null || break; sleep 0.5; done
    kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null || true
  ' _ build/exhibit "$out" "$case_dir"
  # differing pixels between two screenshots (a 3 % fuzz for antialiasing)
  differ() { { compare -metric AE -fuzz 3% "$out/$1.png" "$out/$2.png" null: 2>&1 || true; } | awk '{ printf "%d", $1 }'; }
  in_dialog=$(differ keys-dialog-before keys-dialog-after)
  closed=$(differ keys-closed-before keys-closed-after)
  if [ "$in_dialog" -gt 200 ]; then
    echo "smoke-gui: keys typed in a dialog changed the window behind it ($in_dialog pixels): $out/keys-dialog-*.png" >&2; exit 1
  fi
  if [ "$closed" -le 2000 ]; then
    echo "smoke-gui: with the dialog closed, 2 did not switch the compare mode ($closed pixels changed), so the" \
      "dialog check proves nothing: $out/keys-closed-*.png" >&2; exit 1
  fi
  echo "keys in a dialog: $in_dialog pixels changed behind it; the same key without the dialog: $closed"
fi
# A first run: no case given, none remembered, no default case: the welcome screen.
XDG_CONFIG_HOME=$work/config-first XDG_DATA_HOME=$work/data-first shot welcome
