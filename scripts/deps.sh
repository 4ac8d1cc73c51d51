#!/usr/bin/env bash
# deps.sh [build|gui|test|bench]: install, on Debian or Ubuntu, the packages Exhibit needs
# that are missing. Does nothing when everything is there. Uses sudo when not root.
set -euo pipefail
what=${1:-test}
# build: cgo, GLFW, libjpeg-turbo, libheif (HEIC, AVIF), libvips (TIFF, huge images)
pkgs=(gcc pkg-config libgl1-mesa-dev xorg-dev libturbojpeg0-dev libheif-dev libvips-dev)
case "$what" in
  gui|test) pkgs+=(fonts-droid-fallback fonts-nanum xvfb xauth x11-utils xdotool imagemagick poppler-utils libimage-exiftool-perl openssl
                   libvips-tools libheif-examples libtiff-tools
                   tesseract-ocr tesseract-ocr-eng tesseract-ocr-ara) ;;&  # CJK fonts Fyne falls back to on screen (sheets embed their own, assets/README.md); reference decoders and test images; OCR of scans
  test) pkgs+=(gdal-bin pango1.0-tools postgresql) ;;&  # pango-view: Arabic scans shaped as printed; postgresql: the hub tests run a cluster of their own (SeaweedFS is built from its Go module)
  bench) pkgs+=(xvfb xauth imagemagick poppler-utils libimage-exiftool-perl libvips-tools python3-pil python3-numpy bc time) ;;
esac
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null; then
  echo "deps.sh: please install: ${missing[*]} (no apt-get here)" >&2; exit 1
fi
sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
echo "deps.sh: installing ${missing[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
