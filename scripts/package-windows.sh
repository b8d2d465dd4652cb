#!/usr/bin/env bash
# Builds everything a Windows desk needs, from Linux, into dist/:
#   cohesion.exe, cohesion-cli.exe  both with icon (16 to 256 px), version
#                                   information and a per-monitor DPI-aware
#                                   manifest, all from the top-level FyneApp.toml
#   cohesion.msi                    the installer for IT (wixl, Debian's msitools)
#   cohesion-windows.zip            the portable copy: both .exe, the README,
#                                   the licence of the embedded fonts
# The resources are linked in as .syso files written into each main package's
# folder for the build and removed after it (scripts/winres).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-debian.sh --windows

# Every tool this script runs, checked before the long cross-compile: a
# missing one stops here with the Debian package that brings it.
for tool in x86_64-w64-mingw32-gcc:gcc-mingw-w64-x86-64 wixl:wixl zip:zip go:golang-go; do
	if ! command -v "${tool%%:*}" >/dev/null 2>&1; then
		echo "Outil introuvable : ${tool%%:*} (paquet Debian « ${tool#*:} »). Lancez scripts/setup-debian.sh --windows." >&2
		exit 1
	fi
done

stage=$(mktemp -d)
sysos=(cmd/cohesion/rsrc_windows_amd64.syso cmd/cohesion-cli/rsrc_windows_amd64.syso)
trap 'rm -rf "$stage" "${sysos[@]}"' EXIT

# The resource tool runs on this machine: it is built before the Windows
# cross-compiler is set, which only the two go build commands below see.
go build -o "$stage/winres" ./scripts/winres
"$stage/winres" syso -exe cohesion -o cmd/cohesion/rsrc_windows_amd64.syso
"$stage/winres" syso -exe cohesion-cli -o cmd/cohesion-cli/rsrc_windows_amd64.syso
"$stage/winres" ico -o "$stage/cohesion.ico"
"$stage/winres" wxi -o "$stage/identity.wxi"
version=$("$stage/winres" msi-version)

mkdir -p dist
rm -f dist/cohesion.exe dist/cohesion-cli.exe dist/cohesion.msi dist/cohesion-windows.zip
cross=(env GOOS=windows GOARCH=amd64 CGO_ENABLED=1 CC=x86_64-w64-mingw32-gcc)
# -H windowsgui: no console window behind the application.
"${cross[@]}" go build -trimpath -ldflags "-s -w -H windowsgui" -o dist/cohesion.exe ./cmd/cohesion
"${cross[@]}" go build -trimpath -ldflags "-s -w" -o dist/cohesion-cli.exe ./cmd/cohesion-cli

# The installer: wixl reads the sources from its working folder.
cp dist/cohesion.exe dist/cohesion-cli.exe scripts/windows/cohesion.wxs "$stage/"
(cd "$stage" && LC_ALL=C.UTF-8 wixl -a x64 -o cohesion.msi cohesion.wxs 2> >(grep -v "GLib-GObject-WARNING\|^$" >&2))
mv "$stage/cohesion.msi" dist/

# The portable zip, with Windows line ends on the texts Notepad opens; its
# folder name stays ASCII, which every unzip tool reads the same way.
mkdir -p "$stage/zip/Cohesion/licences"
cp dist/cohesion.exe dist/cohesion-cli.exe "$stage/zip/Cohesion/"
sed 's/$/\r/' README.md > "$stage/zip/Cohesion/README.md"
sed 's/$/\r/' scripts/windows/LISEZMOI-portable.txt > "$stage/zip/Cohesion/LISEZMOI.txt"
sed 's/$/\r/' assets/fonts/OFL.txt > "$stage/zip/Cohesion/licences/Noto-Sans-OFL.txt"
(cd "$stage/zip" && zip -q -r -X "$OLDPWD/dist/cohesion-windows.zip" Cohesion)

echo "Cohésion $version pour Windows :"
ls -l dist/cohesion.exe dist/cohesion-cli.exe dist/cohesion.msi dist/cohesion-windows.zip
