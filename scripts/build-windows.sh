#!/usr/bin/env bash
# Kept for old habits: the one Windows build is scripts/package-windows.sh.
exec "$(dirname "$0")/package-windows.sh" "$@"
