#!/usr/bin/env bash
# scripts/windows/build-msi.sh DOSSIER SORTIE.msi
# Builds Cohésion's installer from DOSSIER, which holds cohesion.exe,
# cohesion-cli.exe, cohesion.ico and identity.wxi (scripts/winres): wixl
# (Debian's msitools) reads scripts/windows/cohesion.wxs, then what wixl cannot
# write is set on the result:
#   - the condition of the Adresse component (installed only when
#     COHESION_DB is given), and COHESION_DB among the properties a per-machine
#     install passes to its elevated part (SecureCustomProperties);
#   - the summary information (Explorer's view of the file) in French and in
#     cp1252, the codepage the package declares: wixl writes its strings as
#     UTF-8, an English title and the template x64;1033 (suminfo.c).
# Used by scripts/package-windows.sh, and by the Wine check for its newer MSI.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
dir=$(cd "$1" && pwd)
out=$2

# The texts Notepad opens, with Windows line ends.
sed 's/\r*$/\r/' "$repo/assets/licences/LICENCE.txt" > "$dir/LICENCE.txt"
# The Go modules' notices, then those of the MinGW-w64 runtime and of GCC's
# support library the cross-compiler links into both .exe (the Debian
# packages' copyright files of this very build machine: what was linked).
{
	cat "$repo/assets/licences/LICENCES-TIERS.txt"
	for pkg in mingw-w64-common gcc-mingw-w64-base; do
		f=/usr/share/doc/$pkg/copyright
		[[ -f $f ]] || { echo "ÉCHEC : $f manque (paquet $pkg, installé par scripts/setup-debian.sh --wine)" >&2; exit 1; }
		printf '\n%s\nEnvironnement d'"'"'exécution Windows lié aux programmes : %s (Debian)\n%s\n\n' "$(printf '=%.0s' {1..78})" "$pkg" "$(printf '=%.0s' {1..78})"
		cat "$f"
	done
} | sed 's/\r*$/\r/' > "$dir/LICENCES-TIERS.txt"
cp "$repo/scripts/windows/cohesion.wxs" "$dir/"
(cd "$dir" && LC_ALL=C.UTF-8 wixl -a x64 -o cohesion.msi cohesion.wxs 2> >(grep -v "GLib-GObject-WARNING\|^$" >&2))

msibuild "$dir/cohesion.msi" -q "UPDATE \`Component\` SET \`Condition\` = 'COHESION_DB' WHERE \`Component\` = 'Address'"
secure=$(msiinfo export "$dir/cohesion.msi" Property | awk -F'\t' '$1 == "SecureCustomProperties" { print $2 }')
msibuild "$dir/cohesion.msi" -q "UPDATE \`Property\` SET \`Value\` = '${secure:+$secure;}COHESION_DB' WHERE \`Property\` = 'SecureCustomProperties'"

gcc -O2 -o "$dir/suminfo" "$repo/scripts/windows/suminfo.c" -l:libmsi.so.0 -l:libgobject-2.0.so.0 -l:libglib-2.0.so.0
# summary FIELD: what wixl wrote there (UTF-8), from the Package element.
summary() { msiinfo suminfo "$dir/cohesion.msi" | sed -n "s/^$1: //p"; }
cp1252() { printf '%s' "$1" | iconv -f UTF-8 -t CP1252; }
"$dir/suminfo" "$dir/cohesion.msi" \
	"$(cp1252 "Base de données d'installation")" \
	"$(cp1252 "$(summary Subject)")" \
	"$(cp1252 "$(summary Author)")" \
	"$(cp1252 "Installation, MSI, Cohésion, politique de la ville")" \
	"$(cp1252 "Installe Cohésion pour tous les utilisateurs du poste. COHESION_DB=\"adresse\" désigne la base commune du poste.")" \
	"x64;1036"
mv "$dir/cohesion.msi" "$out"
