#!/usr/bin/env bash
# Installs what a fresh Debian 12 / Ubuntu machine lacks to build and test
# Cohésion: a C compiler for cgo (SQLite), Fyne's GL/X11 headers, poppler-utils
# (pdftotext, used by the PDF tests) and, with --windows, the mingw-w64 cross
# compiler, msitools and wixl (its own package on Debian 12, for the MSI), zip,
# osslsigncode and openssl (signatures); with --wine, what the Wine
# check of the installer needs; with --postgres, the PostgreSQL server the
# shared-base tests run against (scripts/pg-test.sh starts a throwaway one).
# Packages already there are not reinstalled, so it is quick to rerun.
set -euo pipefail

packages=(gcc libc6-dev pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev
	libxinerama-dev libxi-dev libxxf86vm-dev poppler-utils)
for arg in "$@"; do
	case "$arg" in
	# osslsigncode signs the executables and the MSI (Authenticode), openssl
	# makes CI's throwaway certificate; libmsi0 (with msitools) is what
	# scripts/windows/suminfo.c links against.
	--windows) packages+=(gcc-mingw-w64-x86-64 msitools libmsi0 wixl zip osslsigncode openssl) ;;
	# The Wine check (scripts/wine/check-msi.sh): Wine, an X server with
	# software OpenGL (Mesa's llvmpipe) for Fyne, and tools to find, move and
	# photograph its window.
	--wine) packages+=(wine64 xvfb libgl1-mesa-dri x11-utils xdotool imagemagick gcc-mingw-w64-x86-64 msitools libmsi0 wixl zip osslsigncode) ;;
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

if ! command -v go >/dev/null 2>&1; then
	echo "Go est introuvable : installez Go 1.26 ou plus récent (https://go.dev/dl/) puis relancez." >&2
	exit 1
fi
need="1.26"
have=$(go env GOVERSION | sed 's/^go//')
if [[ "$(printf '%s\n%s\n' "$need" "$have" | sort -V | head -n1)" != "$need" ]]; then
	echo "Go $have est trop ancien : Cohésion demande Go $need ou plus récent." >&2
	exit 1
fi
