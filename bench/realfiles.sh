#!/usr/bin/env bash
# bench/realfiles.sh DIR [OUTDIR]: what Exhibit makes of a folder of real files, next to the reference
# tools (issue 13's "on every real file you can get"). It imports DIR into a fresh case with
# build/exhibit, thumbnails every file with vipsthumbnail and reads every file with exiftool, then
# prints:
#   - the files vipsthumbnail can thumbnail that Exhibit catalogs without pixels (or fails);
#   - the files Exhibit fails or skips from which exiftool reads a camera, a capture time or a
#     position (a JPEG's or TIFF's EXIF, an XMP or IPTC date, a maker record);
#   - how often Exhibit's capture time agrees with exiftool's DateTimeOriginal (to the second,
#     ignoring the zone), over the files that have one;
#   - the counts: pictures, with warnings, metadata only, failed, skipped.
# The lists are written to OUTDIR (default build/realfiles) as TSV files, one line a file with why.
# A public set of real camera files: github.com/drewnoakes/metadata-extractor-images (about 1,100
# images from a few hundred cameras and phones, with PNG, TIFF, HEIC, WebP, GIF, BMP).
# Needs (Debian): libimage-exiftool-perl libvips-tools python3.
set -euo pipefail
dir=$(cd "${1:?usage: bench/realfiles.sh DIR [OUTDIR]}" && pwd)
here=$(cd "$(dirname "$0")/.." && pwd)
out=$(mkdir -p "${2:-$here/build/realfiles}" && cd "${2:-$here/build/realfiles}" && pwd)
"$here/scripts/deps.sh" test
. "$here/scripts/env.sh"
(cd "$here" && go build -o build/exhibit ./cmd/exhibit)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
export EXHIBIT_CONFIG_DIR=$work/config
echo "importing $dir ($(find "$dir" -type f | wc -l) files) ..."
"$here/build/exhibit" --case "$work/R.exhibit" import --json "$dir" >"$out/import.json" || true
"$here/build/exhibit" --case "$work/R.exhibit" ls --json >"$out/ls.json"
echo "exiftool ..."
exiftool -j -n -q -q -r -G1 -a -DateTimeOriginal -CreateDate -Make -Model -GPSLatitude -GPSLongitude \
  -XMP:DateTimeOriginal -XMP:CreateDate -IPTC:DateCreated -FileType "$dir" >"$out/exiftool.json" 2>/dev/null || true
echo "vipsthumbnail ..."
: >"$out/vips.tsv"
find "$dir" -type f -print0 | while IFS= read -r -d '' f; do
  if timeout 60 vipsthumbnail "$f" -s 64 -o "$work/t.png" >/dev/null 2>&1; then ok=1; else ok=0; fi
  printf '%s\t%s\n' "$f" "$ok" >>"$out/vips.tsv"
done
python3 - "$out" <<'EOF'
import json, sys, os, re
out = sys.argv[1]
imp = json.load(open(os.path.join(out, "import.json")))
ls = json.load(open(os.path.join(out, "ls.json")))
ref = json.load(open(os.path.join(out, "exiftool.json")))
vips = dict(l.rstrip("\n").split("\t") for l in open(os.path.join(out, "vips.tsv")))
state = {}
for im in (ls if isinstance(ls, list) else ls.get("images", [])):
    for p in im.get("paths") or []:
        state[p] = ("picture" if im.get("decoded") else "metadata only", im)
for key, what in (("failed", "failed"), ("skipped", "skipped")):
    for f in imp.get(key) or []:
        state.setdefault(f["path"], (what, f))
def find(k, r):
    for g, v in r.items():
        if g.endswith(":" + k) and v not in ("", None, "0000:00:00 00:00:00"):
            return v
    return None
lines = {"vips_no_pixels": [], "readable_failed": [], "time_disagrees": []}
dto = agree = 0
for r in ref:
    p = r["SourceFile"]
    st, im = state.get(p, ("not found", {}))
    if vips.get(p) == "1" and st != "picture":
        why = im.get("reason") or im.get("error") or im.get("meta_note") or ""
        lines["vips_no_pixels"].append(f"{p}\t{st}\t{why}")
    facts = [k for k in ("Make", "Model", "DateTimeOriginal", "CreateDate", "DateCreated", "GPSLatitude") if find(k, r) is not None]
    if facts and st in ("failed", "skipped", "not found"):
        why = im.get("reason") or im.get("error") or ""
        lines["readable_failed"].append(f"{p}\t{st}\t{','.join(facts)}\t{why}")
    v = r.get("ExifIFD:DateTimeOriginal")
    if isinstance(v, str) and re.match(r"^\d{4}:\d\d:\d\d \d\d:\d\d:\d\d", v) and not v.startswith("0000"):
        dto += 1
        want = v[:19].replace(":", "-", 2).replace(" ", "T")
        got = (im.get("file_taken_at") or im.get("taken_at") or "")[:19] if st in ("picture", "metadata only") else ""
        if got == want:
            agree += 1
        else:
            lines["time_disagrees"].append(f"{p}\t{v}\t{got or st}")
for k, v in lines.items():
    with open(os.path.join(out, k + ".tsv"), "w") as f:
        f.write("".join(l + "\n" for l in v))
c = imp.get("counts", {})
print(f"files exiftool reads: {len(ref)}; vipsthumbnail thumbnails {sum(1 for v in vips.values() if v == '1')} of {len(vips)}")
print(f"Exhibit: {c.get('pictures')} pictures ({c.get('pictures_with_warnings')} with warnings), {c.get('metadata_only')} metadata only, {c.get('failed')} failed, {c.get('skipped')} skipped")
print(f"vipsthumbnail thumbnails, Exhibit has no pixels: {len(lines['vips_no_pixels'])} (vips_no_pixels.tsv)")
print(f"exiftool reads a camera, time or position, Exhibit failed or skipped: {len(lines['readable_failed'])} (readable_failed.tsv)")
print(f"capture time agrees with exiftool's DateTimeOriginal: {agree} of {dto} ({100*agree/max(dto,1):.1f} %) (time_disagrees.tsv)")
EOF
