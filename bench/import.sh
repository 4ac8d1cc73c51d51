#!/usr/bin/env bash
# bench/import.sh DIR: import DIR into a fresh case and print images per second and peak memory,
# next to exiftool -n -json -r, vipsthumbnail and sha256sum on the same folder, run one after another.
# Make a folder of camera-like photos with ../shared/bench/make-large-corpus.sh OUT N.
# Targets (issue 2): Exhibit at least twice as fast as the three tools together, no slower than
# vipsthumbnail alone, peak memory under 500 MB.
set -euo pipefail
dir=$(cd "${1:?usage: bench/import.sh DIR}" && pwd)
here=$(cd "$(dirname "$0")/.." && pwd)
"$here/scripts/deps.sh" bench
. "$here/scripts/env.sh"
(cd "$here" && go build -o build/exhibit ./cmd/exhibit)
exhibit=$here/build/exhibit
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
n=$(find "$dir" -type f \( -iname '*.jpg' -o -iname '*.jpeg' -o -iname '*.png' -o -iname '*.tif*' -o -iname '*.heic' -o -iname '*.webp' \) -not -path '*/.*' | wc -l)
echo "folder: $dir ($n images, $(du -sh "$dir" | cut -f1)); $(nproc) CPUs; $(go version | cut -d' ' -f3); load average $(cut -d' ' -f1-3 /proc/loadavg)"

# measure NAME CMD...: run CMD, record wall seconds and peak RSS (MB) of the process tree's largest.
# Each starts with the page cache dropped (when run as root), so that none reads the folder from
# memory the one before filled: with 2,000 photos (6 GB) the tools after Exhibit would otherwise
# read a warm cache and Exhibit a cold one.
declare -A secs mem
measure() {
  local name=$1; shift
  sync; echo 3 > /proc/sys/vm/drop_caches 2>/dev/null || true
  /usr/bin/time -f '%e %M' -o "$work/time" "$@" >"$work/$name.out" 2>"$work/err" || { echo "$name failed:"; tail -5 "$work/err"; exit 1; }
  read -r s kb <"$work/time"; secs[$name]=$s; mem[$name]=$((kb / 1024))
  printf '%-14s %8.1f s %8.1f images/s %6d MB peak   (load average after: %s)\n' "$name" "$s" "$(echo "$n / $s" | bc -l)" "${mem[$name]}" "$(cut -d' ' -f1-3 /proc/loadavg)"
}
measure exhibit "$exhibit" --case "$work/bench.exhibit" import --json "$dir"
"$exhibit" --case "$work/bench.exhibit" import --json "$dir" >"$work/again.json"
measure exiftool exiftool -n -json -r -q -q "$dir"
mkdir -p "$work/vips"
measure vipsthumbnail bash -c 'find "$0" -type f -iname "*.jp*g" -not -path "*/.*" -print0 | xargs -0 -n 200 vipsthumbnail -s 256 -o "$1/%s.jpg"' "$dir" "$work/vips"
measure sha256sum bash -c 'find "$0" -type f -not -path "*/.*" -print0 | xargs -0 sha256sum' "$dir"

tools=$(echo "${secs[exiftool]} + ${secs[vipsthumbnail]} + ${secs[sha256sum]}" | bc -l)
printf '\nthree tools together: %.1f s; exhibit is %.2fx faster (target >= 2), %.2fx vipsthumbnail alone (target >= 1); peak %d MB (target < 500)\n' \
  "$tools" "$(echo "$tools / ${secs[exhibit]}" | bc -l)" "$(echo "${secs[vipsthumbnail]} / ${secs[exhibit]}" | bc -l)" "${mem[exhibit]}"
python3 - "$work/exhibit.out" "$work/again.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
c = d['counts']
print(f"import: added {d['added']}, pictures {c['pictures']} ({c['pictures_with_warnings']} with warnings), "
      f"metadata only {c['metadata_only']}, failed {c['failed']}, provisional thumbnails {d['provisional_thumbnails']}")
d = json.load(open(sys.argv[2]))
print(f"re-import: added {d['added']}, unchanged {d['unchanged']}, failed {len(d['failed'])}")
PY
