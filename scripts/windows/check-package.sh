#!/usr/bin/env bash
# Checks what scripts/package-windows.sh wrote in dist/, without Wine:
#   - the MSI's summary information (Explorer's properties of the file) is
#     French and stored in cp1252, the codepage it declares: its bytes read
#     as cp1252 give « Cohésion », never « CohÃ©sion »;
#   - the MSI and the zip carry LICENCE.txt and LICENCES-TIERS.txt;
#   - with COHESION_SIGN_CERT (the signing certificate, PEM), both executables
#     and the MSI bear a valid Authenticode SHA-256 signature by it.
set -euo pipefail
cd "$(dirname "$0")/../.."
fail() { echo "ÉCHEC : $*" >&2; exit 1; }

raw=$(msiinfo suminfo dist/cohesion.msi)
sum=$(iconv -f CP1252 -t UTF-8 <<<"$raw")
for want in "Title: Base de données d'installation" "Subject: Cohésion " "Author: Communauté d'Agglomération" \
	"Keywords: Installation, MSI, Cohésion" "Comments: Installe Cohésion" "Template: x64;1036"; do
	grep -qF "$want" <<<"$sum" || fail "le résumé du MSI n'a pas « $want » en cp1252 :"$'\n'"$sum"
done
grep -q 'Ã' <<<"$sum" && fail "le résumé du MSI est en UTF-8 et non en cp1252 (« CohÃ©sion ») :"$'\n'"$sum"
LC_ALL=C grep -q "$(printf 'Coh\xe9sion')" <<<"$raw" || fail "le résumé du MSI n'a pas l'octet cp1252 de « é »"
echo "   résumé du MSI en français, en cp1252 (modèle x64;1036)"

files=$(msiinfo export dist/cohesion.msi File)
zipped=$(zip -sf dist/cohesion-windows.zip)
for f in LICENCE.txt LICENCES-TIERS.txt; do
	grep -q "	$f	" <<<"$files" || fail "le MSI n'installe pas $f"
	grep -q "Cohesion/$f" <<<"$zipped" || fail "le zip n'a pas $f"
done
notices=$(unzip -p dist/cohesion-windows.zip Cohesion/LICENCES-TIERS.txt)
grep -q "mingw-w64-common" <<<"$notices" || fail "LICENCES-TIERS.txt ne donne pas les licences de l'environnement MinGW-w64 lié aux .exe"
echo "   LICENCE.txt et LICENCES-TIERS.txt dans le MSI et le zip, avec l'environnement MinGW-w64"

if [[ -n ${COHESION_SIGN_CERT:-} ]]; then
	for f in dist/cohesion.exe dist/cohesion-cli.exe dist/cohesion.msi; do
		out=$(osslsigncode verify -CAfile "$COHESION_SIGN_CERT" -in "$f" 2>&1) || fail "signature de $f invalide :"$'\n'"$out"
		grep -q "Signature verification: ok" <<<"$out" || fail "signature de $f non vérifiée :"$'\n'"$out"
		grep -q "Message digest algorithm *: SHA256" <<<"$out" || fail "$f n'est pas signé en SHA-256"
	done
	echo "   cohesion.exe, cohesion-cli.exe et cohesion.msi signés (Authenticode SHA-256), signatures vérifiées"
fi
