#!/usr/bin/env bash
# Installs what a fresh Debian 12 / Ubuntu machine lacks to build and test
# Cohésion: a C compiler for cgo (SQLite), Fyne's GL/X11 headers, poppler-utils
# (pdftotext, used by the PDF tests), libreoffice-writer-nogui (soffice, which
# the tests use to open the .docx the council's documents are written to), xvfb
# (an X server without OpenGL, for the test of a window that cannot open) and,
# with --windows, the mingw-w64 cross compiler, msitools and wixl (its own
# package on Debian 12, for the MSI), zip, osslsigncode and openssl
# (signatures); with --wine, what the Wine
# check of the installer needs; with --postgres, the PostgreSQL server the
# shared-base tests run against (scripts/pg-test.sh starts a throwaway one).
# Packages already there are not reinstalled, so it is quick to rerun. Without
# a recent enough Go, it fetches Go 1.26.8 (see the end, and scripts/go-env.sh).
set -euo pipefail

packages=(gcc libc6-dev pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev
	libxinerama-dev libxi-dev libxxf86vm-dev poppler-utils libreoffice-writer-nogui xvfb
	libgl1-mesa-dri xdotool)
for arg in "$@"; do
	case "$arg" in
	# osslsigncode signs the executables and the MSI (Authenticode), openssl
	# makes CI's throwaway certificate; libmsi0 (with msitools) is what
	# scripts/windows/suminfo.c links against.
	--windows) packages+=(gcc-mingw-w64-x86-64 msitools libmsi0 wixl zip unzip osslsigncode openssl) ;;
	# The Wine check (scripts/wine/check-msi.sh): Wine, an X server with
	# software OpenGL (Mesa's llvmpipe) for Fyne, and tools to find, move and
	# photograph its window.
	--wine) packages+=(wine64 xvfb libgl1-mesa-dri x11-utils xdotool imagemagick gcc-mingw-w64-x86-64 msitools libmsi0 wixl zip unzip osslsigncode) ;;
	--postgres) packages+=(postgresql) ;;
	esac
done

missing=()
for p in "${packages[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
	sudo=""
	[[ "$(id -u)" == 0 ]] || sudo="sudo"
	echo "Installation des paquets manquants : ${missing[*]}"
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Go: one recent enough in PATH is used as it is. Otherwise Debian's golang-go
# (Go 1.19, too old to build Cohésion itself) fetches Go 1.26.8 from the Go
# module proxy as the module golang.org/toolchain, into the user's module
# cache, where the next runs find it; the scripts put it first in PATH
# (scripts/go-env.sh).
. "$(dirname "$0")/go-env.sh"
if ! cohesion_go_ok; then
	if ! command -v go >/dev/null 2>&1; then
		sudo=""
		[[ "$(id -u)" == 0 ]] || sudo="sudo"
		echo "Installation de golang-go, pour télécharger Go $cohesion_go_version"
		$sudo apt-get update -qq
		DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends golang-go ca-certificates
	fi
	dir=$(cohesion_toolchain_dir)
	if [[ ! -x $dir/bin/go ]]; then
		echo "Téléchargement de Go $cohesion_go_version ($cohesion_toolchain)"
		tmpmod=$(mktemp -d)
		(cd "$tmpmod" && GOTOOLCHAIN=local GOFLAGS=-mod=mod GOMODCACHE="${dir%/"$cohesion_toolchain"}" go mod init cohesion-go >/dev/null 2>&1 &&
			GOTOOLCHAIN=local GOFLAGS=-mod=mod GOMODCACHE="${dir%/"$cohesion_toolchain"}" go mod download -json "$cohesion_toolchain" >/dev/null)
		rm -rf "$tmpmod"
		# The module cache keeps files read-only and not executable; Go 1.21
		# and later mark a toolchain's programs executable the same way.
		chmod a+x "$dir"/bin/* "$dir"/pkg/tool/*/*
	fi
	. "$(dirname "$0")/go-env.sh"
	if ! cohesion_go_ok; then
		echo "Go $cohesion_go_version est introuvable et n'a pas pu être téléchargé ($dir)." >&2
		exit 1
	fi
fi
