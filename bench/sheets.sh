#!/usr/bin/env bash
# bench/sheets.sh DIR: time the export of 20 pair sheets into one PDF, from a case of 40 camera photos
# taken from DIR (make them with ../shared/bench/make-large-corpus.sh OUT 40), each pair annotated and linked
# to a report excerpt. Prints the time cold (previews made on first use) and warm (previews cached).
# Target (issue 6): under 20 s.
set -euo pipefail
src=$(cd "${1:?usage: bench/sheets.sh DIR}" && pwd)
here=$(cd "$(dirname "$0")/.." && pwd)
"$here/scripts/deps.sh" bench
. "$here/scripts/env.sh"
(cd "$here" && go build -o build/exhibit ./cmd/exhibit)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
mkdir "$work/photos"
find "$src" -maxdepth 1 -iname '*.jpg' | sort | sed -n 1,40p | xargs -I{} ln -s {} "$work/photos/"
[ "$(ls "$work/photos" | wc -l)" -eq 40 ] || { echo "need 40 JPEGs in $src" >&2; exit 1; }
e() { "$here/build/exhibit" --case "$work/bench.exhibit" "$@"; }
e import "$work/photos" >/dev/null
printf '# Bench report\n\n## Findings\n\nThe market street was struck on 17 October 2017; the photographs show the damage.\n' >"$work/r.md"
e report add "$work/r.md" >/dev/null
ids=($(e ls --json --sort name | python3 -c 'import json,sys; print(" ".join(str(i["id"]) for i in json.load(sys.stdin)))'))
cat >"$work/a.json" <<'JSON'
[{"kind": "rect", "points": [[0.2, 0.2], [0.5, 0.6]], "label": "collapsed building", "note": "compare with the before image"},
 {"kind": "callout", "points": [[0.7, 0.4]], "label": "crater"},
 {"kind": "arrow", "points": [[0.9, 0.9], [0.6, 0.7]], "color": "#FFC107", "label": "scorch marks"}]
JSON
pairs=()
for i in $(seq 0 2 39); do
  p=$(e pair --json "${ids[$i]}" "${ids[$((i + 1))]}" --title "Bench pair $((i / 2 + 1))" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
  e annotate --pair "$p" --side after --json "$work/a.json" >/dev/null
  e link "${ids[$((i + 1))]}" 1 --note "bench" >/dev/null
  pairs+=("$p")
done
for run in cold warm; do
  /usr/bin/time -o "$work/time" -f "$run: %e s, %M KB peak" "$here/build/exhibit" --case "$work/bench.exhibit" sheet "${pairs[@]}" -o "$work/sheets-$run.pdf" >/dev/null
  cat "$work/time"
done
echo "$(pdfinfo "$work/sheets-warm.pdf" | grep Pages), $(du -h "$work/sheets-warm.pdf" | cut -f1); 20 sheets (target: under 20 s)"
