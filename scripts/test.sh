#!/usr/bin/env bash
# Runs every check a change must pass: formatting, go vet, then all the tests,
# those of the shared PostgreSQL base included: without COHESION_TEST_PG, a
# throwaway PostgreSQL server is started for the run (scripts/pg-test.sh) and
# stopped at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-debian.sh --postgres
. scripts/go-env.sh # Go 1.26.8 first in PATH when the system has none recent enough

# No build output or other large file slips into the repository: past 2 MB a
# tracked file belongs in assets/ or docs/, or nowhere.
large=$(git ls-files -z 2>/dev/null | grep -zv '^\(assets\|docs\)/' | xargs -0 -r stat -c '%s %n' 2>/dev/null | awk '$1 > 2*1024*1024 {print $2}')
if [[ -n "$large" ]]; then
	echo "Fichiers suivis de plus de 2 Mo hors de assets/ et docs/ (une sortie de compilation ?) :" >&2
	echo "$large" >&2
	exit 1
fi

unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))
if [[ -n "$unformatted" ]]; then
	echo "Fichiers à formater avec gofmt :" >&2
	echo "$unformatted" >&2
	exit 1
fi
go vet ./...
if [[ -z "${COHESION_TEST_PG:-}" ]]; then
	pgenv=$(scripts/pg-test.sh start) || { echo "Le serveur PostgreSQL de test n'a pas démarré (voir ci-dessus)." >&2; exit 1; }
	eval "$pgenv"
	trap 'scripts/pg-test.sh stop "$PGTEST_DIR"' EXIT
fi
go test -count=1 ./...
# What runs on several goroutines (the writes' pipeline, the import's lines
# made ahead, the window's background work and the other desks' changes),
# again under the race detector: a race there is a test that fails some days.
go test -race -count=1 ./data/sqlite ./data/postgres ./ui
# gofpdf's patched copy is a module of its own: ./... does not reach its tests.
(cd reports/gofpdf && go vet . && go test -count=1 .)
