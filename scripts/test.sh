#!/usr/bin/env bash
# Runs every check a change must pass: formatting, go vet, then all the tests,
# those of the shared PostgreSQL base included: without COHESION_TEST_PG, a
# throwaway PostgreSQL server is started for the run (scripts/pg-test.sh) and
# stopped at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-debian.sh --postgres

unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))
if [[ -n "$unformatted" ]]; then
	echo "Fichiers à formater avec gofmt :" >&2
	echo "$unformatted" >&2
	exit 1
fi
go vet ./...
if [[ -z "${COHESION_TEST_PG:-}" ]]; then
	eval "$(scripts/pg-test.sh start)"
	trap 'scripts/pg-test.sh stop "$PGTEST_DIR"' EXIT
fi
go test -count=1 ./...
