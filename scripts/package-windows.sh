#!/usr/bin/env bash
# Builds everything a Windows desk needs, from Linux, into dist/:
#   cohesion.exe, cohesion-cli.exe  both with icon (16 to 256 px), version
#                                   information and a per-monitor DPI-aware
#                                   manifest, all from the top-level FyneApp.toml
#   cohesion.msi                    the installer for IT (wixl, Debian's msitools;
#                                   scripts/windows/build-msi.sh)
#   cohesion-windows.zip            the portable copy: both .exe, the README,
#                                   LICENCE.txt, LICENCES-TIERS.txt and the
#                                   group policy template (admx\)
# The resources are linked in as .syso files written into each main package's
# folder for the build and removed after it (scripts/winres).
#
# Signed (Authenticode, SHA-256, with osslsigncode) when given a certificate:
#   COHESION_SIGN_PFX            the certificate and its key, a .pfx (PKCS#12)
#   COHESION_SIGN_PASSWORD_FILE  a file holding its password (a trailing
#                                newline, \n or \r\n, is not part of it)
#   COHESION_SIGN_TIMESTAMP      optional: an RFC 3161 timestamp server, which
#                                keeps the signature valid after the
#                                certificate expires
# Both executables are signed before they go into the MSI and the zip, then
# the MSI itself.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-debian.sh --windows
. scripts/go-env.sh # Go 1.26.8 first in PATH when the system has none recent enough

# Every tool this script runs, checked before the long cross-compile: a
# missing one stops here with the Debian package that brings it.
tools=(x86_64-w64-mingw32-gcc:gcc-mingw-w64-x86-64 wixl:wixl msibuild:msitools msiinfo:msitools gcc:gcc iconv:libc-bin zip:zip unzip:unzip go:golang-go)
[[ -z ${COHESION_SIGN_PFX:-} ]] || tools+=(osslsigncode:osslsigncode)
for tool in "${tools[@]}"; do
	if ! command -v "${tool%%:*}" >/dev/null 2>&1; then
		echo "Outil introuvable : ${tool%%:*} (paquet Debian « ${tool#*:} »). Lancez scripts/setup-debian.sh --windows." >&2
		exit 1
	fi
done

if [[ -n ${COHESION_SIGN_PFX:-} ]]; then
	[[ -r $COHESION_SIGN_PFX ]] || { echo "Certificat illisible : COHESION_SIGN_PFX=$COHESION_SIGN_PFX" >&2; exit 1; }
	[[ -r ${COHESION_SIGN_PASSWORD_FILE:-} ]] || { echo "COHESION_SIGN_PASSWORD_FILE doit désigner le fichier du mot de passe du certificat." >&2; exit 1; }
fi

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

# sign FILE: Authenticode signature in place, when a certificate is given. The
# password goes through a file of the stage only this user reads, without its
# trailing newline, never on a command line that ps shows.
sign() {
	[[ -n ${COHESION_SIGN_PFX:-} ]] || return 0
	local password
	password=$(<"$COHESION_SIGN_PASSWORD_FILE") # without its trailing newline…
	password=${password%$'\r'}                  # …nor the carriage return Notepad adds
	(umask 077 && printf '%s' "$password" >"$stage/password")
	local ts=()
	[[ -z ${COHESION_SIGN_TIMESTAMP:-} ]] || ts=(-ts "$COHESION_SIGN_TIMESTAMP")
	osslsigncode sign -pkcs12 "$COHESION_SIGN_PFX" -readpass "$stage/password" -h sha256 "${ts[@]}" \
		-n "Cohésion" -i "$("$stage/winres" website)" -in "$1" -out "$1.signed" >/dev/null || {
		rm -f "$stage/password"
		echo "Signature de $1 impossible : certificat ou mot de passe refusé par osslsigncode (détail ci-dessus)." >&2
		exit 1
	}
	rm -f "$stage/password"
	mv "$1.signed" "$1"
	echo "Signé : $1"
}
sign dist/cohesion.exe
sign dist/cohesion-cli.exe

# The installer, from the signed executables.
cp dist/cohesion.exe dist/cohesion-cli.exe "$stage/"
scripts/windows/build-msi.sh "$stage" dist/cohesion.msi
sign dist/cohesion.msi

# The portable zip, with Windows line ends on the texts Notepad opens; its
# folder name stays ASCII, which every unzip tool reads the same way.
mkdir -p "$stage/zip/Cohesion/licences"
cp dist/cohesion.exe dist/cohesion-cli.exe "$stage/zip/Cohesion/"
sed 's/$/\r/' README.md > "$stage/zip/Cohesion/README.md"
sed 's/$/\r/' scripts/windows/LISEZMOI-portable.txt > "$stage/zip/Cohesion/LISEZMOI.txt"
sed 's/$/\r/' assets/fonts/OFL.txt > "$stage/zip/Cohesion/licences/Noto-Sans-OFL.txt"
cp "$stage/LICENCE.txt" "$stage/LICENCES-TIERS.txt" "$stage/zip/Cohesion/"
# The group policy template (ADMX, with its French ADML) for IT.
mkdir -p "$stage/zip/Cohesion/admx/fr-FR"
sed 's/\r*$/\r/' scripts/windows/admx/Cohesion.admx > "$stage/zip/Cohesion/admx/Cohesion.admx"
sed 's/\r*$/\r/' scripts/windows/admx/fr-FR/Cohesion.adml > "$stage/zip/Cohesion/admx/fr-FR/Cohesion.adml"
(cd "$stage/zip" && zip -q -r -X "$OLDPWD/dist/cohesion-windows.zip" Cohesion)

echo "Cohésion $version pour Windows :"
ls -l dist/cohesion.exe dist/cohesion-cli.exe dist/cohesion.msi dist/cohesion-windows.zip
