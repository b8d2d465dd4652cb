#!/usr/bin/env bash
# Checks the README's promise that scripts/run.sh and scripts/test.sh set up a
# machine without Go: scripts/setup-debian.sh runs with no go in PATH and a
# fresh HOME (so a fresh module cache), must install Debian's golang-go if
# needed and fetch Go 1.26.8 from the module proxy; scripts/go-env.sh must then
# put it first in PATH, and a second run must reuse it without downloading.
# CI runs it last: Debian's Go 1.19 it may leave in /usr/bin is then used by
# nothing else.
set -euo pipefail
cd "$(dirname "$0")/.."
home=$(mktemp -d)
trap 'chmod -R u+w "$home" 2>/dev/null; rm -rf "$home"' EXIT
# A Go in /usr/bin that is not Debian's golang-go cannot be left out of PATH.
if [[ -x /usr/bin/go ]] && ! dpkg -S /usr/bin/go >/dev/null 2>&1; then
	echo "Installation de Go non vérifiée : /usr/bin/go n'est pas le golang-go de Debian, il ne peut pas être écarté du PATH."
	exit 0
fi
# PATH without any folder that holds a go, but /usr/bin, where Debian's own
# golang-go (Go 1.19, which the setup installs) goes.
path=""
IFS=: read -ra dirs <<<"$PATH"
for d in "${dirs[@]}"; do
	[[ $d != /usr/bin && -x $d/go ]] || path=${path:+$path:}$d
done
path=${path:-/usr/sbin:/usr/bin:/sbin:/bin}
check() {
	env -i PATH="$path" HOME="$home" LANG=C.UTF-8 bash -c '
		set -euo pipefail
		scripts/setup-debian.sh
		. scripts/go-env.sh
		echo "$(command -v go) : $(go env GOVERSION)"
		[[ $(go env GOVERSION) == go1.26.8 ]] || { echo "ÉCHEC : go n'\''est pas Go 1.26.8" >&2; exit 1; }
		[[ $(command -v go) == "$HOME"/go/pkg/mod/golang.org/toolchain@*/bin/go ]] || { echo "ÉCHEC : Go 1.26.8 n'\''est pas pris dans le cache de modules" >&2; exit 1; }'
}
echo "== Installation de Go sur une machine qui n'en a pas (HOME neuf)"
check
echo "== Deuxième passage : le même Go, sans téléchargement"
out=$(check)
echo "$out"
grep -q "Téléchargement" <<<"$out" && { echo "ÉCHEC : Go 1.26.8 téléchargé une deuxième fois" >&2; exit 1; }
echo "== Go 1.26.8 installé sans Go préalable, puis réutilisé"
