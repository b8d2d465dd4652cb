#!/usr/bin/env bash
# Builds an installable Windows package (icon and version resources embedded)
# with `fyne package`. The identity comes from the top-level FyneApp.toml, the
# one source: fyne reads it from the main package's folder, so it is copied there
# for the run (with the icon path made relative to that folder) and removed after.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-debian.sh --windows
trap 'rm -f cmd/cohesion/FyneApp.toml' EXIT
sed 's#^Icon = "assets/#Icon = "../../assets/#' FyneApp.toml > cmd/cohesion/FyneApp.toml
export CGO_ENABLED=1 CC=x86_64-w64-mingw32-gcc
go run fyne.io/tools/cmd/fyne@v1.7.4 package --os windows --src cmd/cohesion --release
mkdir -p dist && mv -f cmd/cohesion/*.exe dist/
ls -l dist/
