#!/usr/bin/env bash
# Cross-compiles both Windows executables with mingw-w64 into dist/:
# cohesion.exe (the GUI, no console window) and cohesion-cli.exe.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-debian.sh --windows
mkdir -p dist
export GOOS=windows GOARCH=amd64 CGO_ENABLED=1 CC=x86_64-w64-mingw32-gcc
go build -trimpath -ldflags "-H windowsgui" -o dist/cohesion.exe ./cmd/cohesion
go build -trimpath -o dist/cohesion-cli.exe ./cmd/cohesion-cli
ls -l dist/*.exe
