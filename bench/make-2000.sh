#!/usr/bin/env bash
# bench/make-2000.sh SRC OUT: make 2,000 distinct, full-size camera JPEGs with EXIF in OUT from the
# 250 made in SRC by ../shared/bench/make-large-corpus.sh SRC 250, for bench/import.sh.
#
# Why: make-large-corpus.sh takes about 7 s a photo on a 2-CPU machine (Python resampling and noise
# of 12-24 MP), so 2,000 would take 4 hours. This takes about 0.6 CPU seconds a derived photo (18
# CPU minutes for the 1,750: 64 minutes on 2 CPUs shared with compiles at a load of 10 to 15, about
# 10 alone) and stays honest:
#   - IMG_00000-00249 are the 250 originals, copied byte for byte;
#   - IMG_00250-01999 are each one original (k mod 250) under one of the 7 other symmetries of the
#     square (k div 250: flip horizontal, flip vertical, rotate 90, 180, 270, transpose, transverse),
#     done by jpegtran (libjpeg-turbo) losslessly on the DCT blocks: the same camera-like JPEG
#     (12-24 MP, baseline, its quantisation and sampling, its EXIF kept with -copy all), with other
#     pixels, so another SHA-256 and other thumbnails. -perfect first; where the width or height is
#     not a whole number of MCUs (4000x3000 at 4:2:0 flipped or rotated), -trim drops the partial
#     edge blocks (a lossless crop of at most 15 pixels);
#   - each derived file then gets, in one batched exiftool run (-@ ARGFILE, -execute per file), its
#     own capture time (DateTimeOriginal), GPS position and altitude (deterministic per file, near
#     the same places as make-large-corpus.sh), ExifImageWidth/Height of its new size,
#     Orientation 1, and a new 160 px EXIF thumbnail made by vipsthumbnail from its own pixels (the
#     original's embedded thumbnail would be flipped or turned relative to the picture, which
#     would make the import's first look, drawn from embedded thumbnails, dishonest).
#   - 16 of the 250 originals come from a seed whose EXIF is damaged (IFD0 ExifOffset of type
#     string, written by Adobe Photoshop Elements 7.0): exiftool refuses to write into it, which is
#     why make-large-corpus.sh left those 16 without GPS or capture time. They are kept as they are
#     (real-world damage the import must take); for their derived files the EXIF is rebuilt
#     (exiftool's -all= -tagsfromfile @ -all:all -unsafe -icc_profile) before the new tags go in.
# Deterministic for a given SRC. Needs (Debian): libjpeg-turbo-progs libimage-exiftool-perl
# libvips-tools python3. About 6 GB; OUT must not exist or be empty.
set -euo pipefail
src=$(cd "${1:?usage: bench/make-2000.sh SRC OUT}" && pwd); out=${2:?usage: bench/make-2000.sh SRC OUT}
need=()
command -v jpegtran >/dev/null || need+=(libjpeg-turbo-progs)
command -v exiftool >/dev/null || need+=(libimage-exiftool-perl)
command -v vipsthumbnail >/dev/null || need+=(libvips-tools)
if [ ${#need[@]} -gt 0 ]; then apt-get update -qq && apt-get install -y -qq "${need[@]}" >/dev/null; fi
mapfile -t orig < <(cd "$src" && ls IMG_*.jpg | sort)
[ ${#orig[@]} -eq 250 ] || { echo "make-2000: $src holds ${#orig[@]} IMG_*.jpg, not 250" >&2; exit 1; }
mkdir -p "$out"; out=$(cd "$out" && pwd)
[ -z "$(ls -A "$out")" ] || { echo "make-2000: $out is not empty" >&2; exit 1; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
t0=$(date +%s)

for f in "${orig[@]}"; do cp --preserve=timestamps "$src/$f" "$out/$f"; done
# the originals whose EXIF exiftool cannot write into
exiftool -q -q -m -if '$Warning =~ /ExifOffset/' -p '$FileName' "$out" >"$work/damaged" || true

# one job a derived file: "K SRCNAME TRANSFORM"
tr=("-flip horizontal" "-flip vertical" "-rotate 90" "-rotate 180" "-rotate 270" "-transpose" "-transverse")
for k in $(seq 0 1749); do
  printf '%d %s %s\n' $((250 + k)) "${orig[k % 250]}" "${tr[k / 250]}"
done >"$work/jobs"
export out work
derive() {  # derive K SRCNAME OPTION [ARG]: the lossless transform, its thumbnail, its size
  local k=$1 s=$2; shift 2
  local name; name=$(printf 'IMG_%05d.jpg' "$k")
  jpegtran -copy all -perfect "$@" -outfile "$out/$name" "$out/$s" 2>/dev/null ||
    jpegtran -copy all -trim "$@" -outfile "$out/$name" "$out/$s"
  vipsthumbnail -s 160 -o "$work/t$k.jpg[Q=75,strip]" "$out/$name"
  echo "$k $s $(vipsheader -f width "$out/$name") $(vipsheader -f height "$out/$name")" >"$work/size$k"
}
export -f derive
xargs -P "$(nproc)" -L 1 bash -c 'derive "$@"' _ <"$work/jobs"
cat "$work"/size* | sort -n >"$work/sizes"

# one argfile for exiftool: new capture time, GPS, size and thumbnail for each derived file
python3 - "$work/sizes" "$work/damaged" "$work" "$out" >"$work/args" <<'PY'
import random, sys, time
sizes, damaged, work, out = sys.argv[1:5]
bad = set(open(damaged).read().split())
PLACES = [(35.9528, 39.0079), (35.9470, 39.0140), (36.3489, 43.1577), (33.5138, 36.2765), (36.2021, 37.1343),
          (31.5017, 34.4668), (50.4501, 30.5234), (47.0971, 37.5434), (15.3694, 44.1910), (12.8628, 30.2176)]
for line in open(sizes):
    k, s, w, h = line.split(); k = int(k)
    r = random.Random(20001 + k)
    lat, lon = r.choice(PLACES); lat += r.gauss(0, 0.01); lon += r.gauss(0, 0.01)
    dt = time.strftime('%Y:%m:%d %H:%M:%S', time.gmtime(1483228800 + r.randrange(8 * 365 * 86400)))
    a = ['-overwrite_original', '-n']
    if s in bad:
        a += ['-all=', '-tagsfromfile', '@', '-all:all', '-unsafe', '-icc_profile']
    a += ['-Orientation=1', f'-GPSLatitude={abs(lat):.6f}', f'-GPSLatitudeRef={"N" if lat >= 0 else "S"}',
          f'-GPSLongitude={abs(lon):.6f}', f'-GPSLongitudeRef={"E" if lon >= 0 else "W"}',
          f'-GPSAltitude={r.uniform(200, 600):.1f}', '-GPSAltitudeRef=0', f'-DateTimeOriginal={dt}',
          f'-ExifImageWidth={w}', f'-ExifImageHeight={h}', f'-ThumbnailImage<={work}/t{k}.jpg',
          f'{out}/IMG_{k:05d}.jpg', '-execute']
    print('\n'.join(a))
PY
exiftool -@ "$work/args" -common_args -m -q -q

n=$(ls "$out"/IMG_*.jpg | wc -l)
dups=$(sha256sum "$out"/IMG_*.jpg | cut -d' ' -f1 | sort | uniq -d | wc -l)
notime=$(exiftool -q -q -m -if 'not $DateTimeOriginal' -p '$FileName' "$out" | wc -l)
echo "$n images ($dups duplicate SHA-256s; $notime without DateTimeOriginal), $(du -sh "$out" | cut -f1) in $out, $(( $(date +%s) - t0 )) s"
