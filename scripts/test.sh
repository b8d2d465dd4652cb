#!/usr/bin/env bash
# Runs every check a change must pass: formatting, go vet, then all the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-debian.sh

unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))
if [[ -n "$unformatted" ]]; then
	echo "Fichiers à formater avec gofmt :" >&2
	echo "$unformatted" >&2
	exit 1
fi
go vet ./...
go test -count=1 ./...
