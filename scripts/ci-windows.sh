#!/usr/bin/env bash
# CI's Windows part: the one Windows build (dist/cohesion.exe, cohesion-cli.exe,
# cohesion.msi, cohesion-windows.zip), signed with a throwaway self-signed
# code-signing certificate made here (IT signs with its own: see README), its
# checks without Wine (summary information, licences, the three signatures),
# then the installer's end-to-end check under Wine. Any failure fails CI.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$SECONDS
scripts/setup-debian.sh --windows

certs=$(mktemp -d)
trap 'rm -rf "$certs"' EXIT
openssl req -x509 -newkey rsa:2048 -sha256 -days 2 -nodes -subj "/CN=Cohesion CI (certificat jetable)" \
	-addext "keyUsage=critical,digitalSignature" -addext "extendedKeyUsage=codeSigning" \
	-keyout "$certs/key.pem" -out "$certs/cert.pem" 2>/dev/null
printf 'mot de passe jetable\n' >"$certs/password" # the trailing newline is not part of it
openssl pkcs12 -export -inkey "$certs/key.pem" -in "$certs/cert.pem" -out "$certs/cert.pfx" -passout "pass:mot de passe jetable"
export COHESION_SIGN_PFX=$certs/cert.pfx COHESION_SIGN_PASSWORD_FILE=$certs/password COHESION_SIGN_CERT=$certs/cert.pem

scripts/package-windows.sh
scripts/windows/check-package.sh
scripts/wine/check-msi.sh
echo "Partie Windows de la CI : $((SECONDS - start)) s"
