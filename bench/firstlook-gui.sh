#!/usr/bin/env bash
# bench/firstlook-gui.sh DIR [OUTDIR] [SECONDS]: how soon the real app shows a usable grid while it
# imports DIR (issue 13: "a usable grid of 2,000 camera JPEGs in under 10 s", thumbnails from the
# cameras' embedded previews shown while the import makes the real ones).
# Runs build/exhibit under xvfb-run (1600x1000) on a fresh, empty case with the page cache dropped
# (when run as root), opens File > Import a folder (Ctrl+Shift+I) in DIR and clicks Import, then
# takes a screenshot every second for SECONDS (default 60) into OUTDIR (default build/firstlook),
# each named by the milliseconds since the click, and prints for each the standard deviation of the
# library's grid left of the import dialog (near 0 while the grid is empty). Look at the shots:
# the first with thumbnails in the grid is the first look (STEP=0.25 in the environment: a shot every
# quarter of a second). Each screenshot takes a few tenths of a
# second of CPU from the import. go run ./bench/firstlook DIR gives the same moment from inside the
# import, without the window.
set -euo pipefail
dir=$(cd "${1:?usage: bench/firstlook-gui.sh DIR [OUTDIR] [SECONDS]}" && pwd)
here=$(cd "$(dirname "$0")/.." && pwd)
out=$(mkdir -p "${2:-$here/build/firstlook}" && cd "${2:-$here/build/firstlook}" && pwd)
secs=${3:-60}
"$here/scripts/deps.sh" gui
. "$here/scripts/env.sh"
(cd "$here" && go build -o build/exhibit ./cmd/exhibit)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
export EXHIBIT_CONFIG_DIR=$work/exhibit-config XDG_CONFIG_HOME=$work/config XDG_DATA_HOME=$work/data
mkdir -p "$work/empty" "$XDG_CONFIG_HOME/fyne/io.github.exhibit_app.exhibit"
"$here/build/exhibit" --case "$work/Bench.exhibit" import "$work/empty" >/dev/null   # an empty case
# the folder dialog opens in the last folder imported from, with it chosen
printf '{"last-import-folder": "%s"}\n' "$dir" >"$XDG_CONFIG_HOME/fyne/io.github.exhibit_app.exhibit/preferences.json"
rm -f "$out"/shot-*.png
echo "folder: $dir ($(find "$dir" -type f -not -path '*/.*' | wc -l) files); $(nproc) CPUs; load average $(cut -d' ' -f1-3 /proc/loadavg)"
xvfb-run -a -s "-screen 0 1600x1000x24" bash -c '
  "$1" --case "$2" --screen library --window-size 1600x1000 & pid=$!
  for i in $(seq 1 60); do sleep 0.5; xwininfo -root -tree 2>/dev/null | grep -q "\"Exhibit" && break; done
  sleep 3
  xdotool search --name "^Exhibit" windowfocus 2>/dev/null || true
  xdotool key ctrl+shift+i; sleep 3
  import -window root "$3/dialog.png"
  sync; echo 3 > /proc/sys/vm/drop_caches 2>/dev/null || true
  t0=$(date +%s%N)
  xdotool mousemove 1192 767 click 1   # Import, bottom right of the folder dialog
  for i in $(seq "$5" "$5" "$4"); do
    wait_s=$(awk -v i="$i" -v now="$(date +%s%N)" -v t0="$t0" '"'"'BEGIN { w = i - (now - t0) / 1e9; printf "%.3f", (w > 0 ? w : 0) }'"'"')
    sleep "$wait_s"
    ms=$(( ($(date +%s%N) - t0) / 1000000 ))
    import -window root "$3/shot-$(printf %06d "$ms").png"
  done
  kill $pid 2>/dev/null
  for i in $(seq 1 20); do kill -0 $pid 2>/dev/null || break; sleep 0.5; done
  kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null || true
' _ "$here/build/exhibit" "$work/Bench.exhibit" "$out" "$secs" "${STEP:-1}"
for f in "$out"/shot-*.png; do
  ms=${f##*/shot-}; ms=${ms%.png}
  sd=$(convert "$f" -crop 330x600+10+180 +repage -colorspace Gray -format '%[fx:standard_deviation]' info:)
  printf '%6.1f s  grid std %.3f  %s\n' "$(echo "$ms / 1000" | bc -l)" "$sd" "$f"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
