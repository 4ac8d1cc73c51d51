#!/usr/bin/env bash
# package.sh: build a Linux desktop package (build/Exhibit.tar.xz) with `fyne package`, from the root
# FyneApp.toml (name, id, icon, version) and the binary build/exhibit.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh build
. scripts/env.sh
command -v fyne >/dev/null || GOFLAGS= go install fyne.io/tools/cmd/fyne@v1.7.4
PATH=$PATH:$(go env GOPATH)/bin
go build -o build/exhibit ./cmd/exhibit
fyne package --os linux --executable build/exhibit --name Exhibit
mv -f Exhibit.tar.xz build/ 2>/dev/null || true
ls -la build/Exhibit.tar.xz
