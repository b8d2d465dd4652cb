#!/usr/bin/env bash
# CI's Windows part: the one Windows build (dist/cohesion.exe, cohesion-cli.exe,
# cohesion.msi, cohesion-windows.zip), then the installer's end-to-end check
# under Wine. Either failing fails CI.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$SECONDS
scripts/package-windows.sh
scripts/wine/check-msi.sh
echo "Partie Windows de la CI : $((SECONDS - start)) s"
