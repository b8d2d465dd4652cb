#!/usr/bin/env bash
# Starts (or stops) a throwaway PostgreSQL cluster for the tests: initdb in a
# temporary folder, the server on a loopback port and a Unix socket in that
# folder, run as the postgres user when started as root (PostgreSQL refuses
# root). Needs Debian's postgresql package (scripts/setup-debian.sh --postgres).
#
#   eval "$(scripts/pg-test.sh start)"   # exports COHESION_TEST_PG and PGTEST_DIR
#   go test ./...
#   scripts/pg-test.sh stop "$PGTEST_DIR"
#
# PGTEST_SSL=1 turns TLS on, with a self-signed certificate for localhost.
# PGTEST_DURABLE=1 keeps the server's defaults (fsync, synchronous_commit on)
# where the tests turn them off for speed: scripts/bench.sh measures with it.
# « crash DOSSIER » stops the server at once (pg_ctl -m immediate), as a power
# cut or a crash would, and keeps the folder: a test of a server lost in the
# middle of an operation, on a cluster of its own; stop removes it after.
set -euo pipefail

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [[ -z "$bin" ]]; then
	echo "PostgreSQL est introuvable : lancez scripts/setup-debian.sh --postgres" >&2
	exit 1
fi

as_owner() {
	if [[ "$(id -u)" == 0 ]]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

case "${1:-}" in
start)
	dir=$(mktemp -d /tmp/cohesion-pg.XXXXXX)
	port=${PGTEST_PORT:-$((40000 + RANDOM % 20000))}
	[[ "$(id -u)" == 0 ]] && chown postgres "$dir"
	as_owner "$bin/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
		{ cat "$dir/initdb.log" >&2; exit 1; }
	ssl=""
	fast="-c fsync=off -c synchronous_commit=off"
	[[ -n "${PGTEST_DURABLE:-}" ]] && fast=""
	if [[ -n "${PGTEST_SSL:-}" ]]; then # TLS with a certificate of its own (tests of encrypted connections)
		as_owner openssl req -new -x509 -days 2 -nodes -subj /CN=localhost \
			-keyout "$dir/data/server.key" -out "$dir/data/server.crt" >/dev/null 2>&1
		ssl="-c ssl=on"
	fi
	# A port taken meanwhile (another cluster of these tests, a dedicated
	# one a test starts) is tried again on another, a few times.
	for try in 1 2 3 4 5; do
		if as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
			-o "-p $port -k $dir -c listen_addresses=127.0.0.1 $fast -c max_connections=200 $ssl" start >/dev/null; then
			break
		fi
		if [[ -n "${PGTEST_PORT:-}" ]] || ((try == 5)); then
			cat "$dir/server.log" >&2
			exit 1
		fi
		port=$((40000 + RANDOM % 20000))
	done
	echo "export PGTEST_DIR=$dir"
	echo "export COHESION_TEST_PG='postgres://postgres@127.0.0.1:$port/postgres?sslmode=disable'"
	;;
stop)
	dir=${2:?indiquez le dossier du cluster (PGTEST_DIR)}
	as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
	rm -rf "$dir"
	;;
crash)
	dir=${2:?indiquez le dossier du cluster (PGTEST_DIR)}
	as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null
	;;
*)
	echo "Utilisation : scripts/pg-test.sh start | stop DOSSIER | crash DOSSIER" >&2
	exit 2
	;;
esac
