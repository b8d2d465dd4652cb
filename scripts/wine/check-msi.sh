#!/usr/bin/env bash
# End-to-end check of the Windows build, as IT and a user meet it, under Wine 8
# in a fresh prefix on Xvfb: the package's own checks (summary information,
# licences, and the three signatures when COHESION_SIGN_CERT names the
# certificate), silent per-machine install of dist/cohesion.msi (ALLUSERS=1,
# shortcut in the all-users Start menu), first start of the installed
# cohesion.exe (a base of the old version in the roaming AppData moves to
# LocalAppData, with the AMI 2021 campaign; the day's backup is copied to
# Documents; the window fits the screen), the place the user left kept for the
# next start, the installed cohesion-cli.exe (demo, split, annex read back with
# pdftotext), screens of 1024×768, 1366×768, 1920×1080 and 150 % scaling, the
# French message box without OpenGL 2.1, an upgrade by a newer MSI given
# COHESION_DB (recorded for every user; the CLI then names that address), and
# an uninstall that leaves the user's base alone. Any failure stops it, loudly.
#
# Everything runs in a temporary folder of its own, Wine's HOME included (its
# Documents is that HOME: the user's own files are never touched); the 800 Mo
# prefix is removed at the end unless KEEP_WINE_PREFIX=1. Screenshots and logs
# are left in dist/wine-check/.
#
# Wine 8 lacks bcryptprimitives.dll, where Go's runtime finds ProcessPrng: a
# stand-in built here from scripts/wine/bcryptprimitives.c goes into the
# prefix (never into the MSI).
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$PWD
scripts/setup-debian.sh --wine
. scripts/go-env.sh # Go 1.26.8 first in PATH when the system has none recent enough
scripts/windows/check-package.sh
for f in dist/cohesion.msi dist/cohesion.exe dist/cohesion-cli.exe; do
	[[ -f $f ]] || { echo "ÉCHEC : $f manque, lancez d'abord scripts/package-windows.sh" >&2; exit 1; }
done

out=$repo/dist/wine-check
rm -rf "$out"
mkdir -p "$out"
tmp=$(mktemp -d)
# Go keeps the user's own caches: only Wine's HOME changes.
export GOPATH=$(go env GOPATH) GOMODCACHE=$(go env GOMODCACHE) GOCACHE=$(go env GOCACHE)
export HOME=$tmp/home XDG_CONFIG_HOME=$tmp/home/.config XDG_CACHE_HOME=$tmp/home/.cache
mkdir -p "$HOME"
export WINEPREFIX=$tmp/prefix WINEARCH=win64 WINEDEBUG=-all
export WINEDLLOVERRIDES="mscoree,mshtml=" # no offer to download Mono or Gecko
wine=/usr/lib/wine/wine64
user=$(id -un)
roaming=$WINEPREFIX/drive_c/users/$user/AppData/Roaming
appdata=$WINEPREFIX/drive_c/users/$user/AppData/Local
base=$appdata/Cohesion/cohesion.db
documents=$WINEPREFIX/drive_c/users/$user/Documents
prefs=$roaming/fyne/fr.agglo-lenslievin.cohesion/preferences.json
installed="$WINEPREFIX/drive_c/Program Files/Cohésion"
title="Cohésion — AMI2021"
started=$SECONDS

step() { echo "== $* ($((SECONDS - started)) s)"; }
fail() {
	echo "ÉCHEC : $*" >&2
	[[ -n "${DISPLAY:-}" ]] && import -window root "$out/echec.png" 2>/dev/null || true
	exit 1
}
xvfb_pid=""
cleanup() {
	"${wine%/*}/wineserver" -k 2>/dev/null || true
	[[ -n $xvfb_pid ]] && kill "$xvfb_pid" 2>/dev/null || true
	if [[ ${KEEP_WINE_PREFIX:-} == 1 ]]; then
		echo "Préfixe Wine gardé (KEEP_WINE_PREFIX=1) : $WINEPREFIX ; HOME de Wine : $HOME"
	else
		"${wine%/*}/wineserver" -w 2>/dev/null || true
		rm -rf "$tmp"
	fi
}
trap cleanup EXIT

# screen W H [DPI]: a fresh X server of that size; Wine follows it. The DPI is
# Windows' LogPixels (96 = 100 %, 144 = 150 %), read when Wine starts.
screen() {
	"${wine%/*}/wineserver" -k 2>/dev/null || true
	"${wine%/*}/wineserver" -w 2>/dev/null || true
	[[ -n $xvfb_pid ]] && kill "$xvfb_pid" 2>/dev/null && wait "$xvfb_pid" 2>/dev/null || true
	local fifo=$out/displayfd
	rm -f "$fifo" && mkfifo "$fifo"
	Xvfb -displayfd 3 -screen 0 "$1x$2x24" -nolisten tcp 3>"$fifo" 2>>"$out/xvfb.log" &
	xvfb_pid=$!
	read -r n <"$fifo"
	export DISPLAY=:$n
	$wine reg add 'HKCU\Control Panel\Desktop' /v LogPixels /t REG_DWORD /d "${3:-96}" /f >/dev/null
}

# run_cli ARGS…: the installed command line, its output kept in the log.
run_cli() {
	$wine "C:\\Program Files\\Cohésion\\cohesion-cli.exe" "$@" 2>&1 | tee -a "$out/cli.log"
	return "${PIPESTATUS[0]}"
}

# start_gui: the installed application, as the Start-menu shortcut starts it;
# the Wine process that runs it is $gui.
gui=""
start_gui() {
	(cd "$installed" && exec $wine "C:\\Program Files\\Cohésion\\cohesion.exe" >>"$out/gui.log" 2>&1) &
	gui=$!
}

# stop_gui: closed as by the window's close button, then waited for until the
# process has ended (it leaves the base's list of open windows on its way out).
# The mouse moves over the window meanwhile, as a user's does: Fyne 2.7.1
# panicked on a mouse move reaching a window it was closing (see ui.Quit),
# and the message box then kept Cohésion open.
stop_gui() {
	local log=$appdata/Cohesion/cohesion.log stops
	stops=$(grep -c "Arrêt sur une erreur" "$log" 2>/dev/null || true)
	(for k in $(seq 150); do xdotool mousemove $((40 + k * 37 % 900)) $((40 + k * 53 % 500)) 2>/dev/null; done) &
	local mover=$!
	$wine taskkill /im cohesion.exe >/dev/null 2>&1 || true
	wait "$mover" || true
	for _ in $(seq 40); do
		kill -0 "$gui" 2>/dev/null || { wait "$gui" || fail "Cohésion a fini en erreur ($?)"; return 0; }
		sleep 0.5
	done
	if (($(grep -c "Arrêt sur une erreur" "$log" 2>/dev/null || true) > ${stops:-0})); then
		tail -n 30 "$log" >&2
		fail "Cohésion s'est arrêté sur une erreur en se fermant (journal ci-dessus)"
	fi
	fail "Cohésion ne se ferme pas quand on le lui demande"
}

# window NAME [SECONDS]: waits for the window and prints its id.
window() {
	for _ in $(seq $((${2:-60} * 2))); do
		local id
		id=$(xdotool search --name "^$1\$" 2>/dev/null | head -1) || true
		[[ -n $id ]] && { echo "$id"; return 0; }
		sleep 0.5
	done
	fail "pas de fenêtre « $1 » à l'écran"
}

# geometry ID: prints "X Y W H" of the window on the screen.
geometry() {
	xwininfo -id "$1" | awk '/Absolute upper-left X/{x=$4} /Absolute upper-left Y/{y=$4} /Width:/{w=$2} /Height:/{h=$2} END{print x, y, w, h}'
}

# placed ID TEST: waits (10 s at most) until the window's geometry, read into
# x y w h, passes TEST: the window shows first, then moves to its place.
placed() {
	for _ in $(seq 20); do
		read -r x y w h < <(geometry "$1")
		eval "$2" && return 0
		sleep 0.5
	done
	return 1
}

# fits ID W H WHAT: the whole window is on a W×H screen and fills most of it.
fits() {
	local x y w h
	# Under Wine without a taskbar the work area is the whole screen; the window
	# less its frame is then 98 % of its width and 95 % of its height.
	placed "$1" "((x >= 0 && y >= 0 && x + w <= $2 && y + h <= $3 && w * 100 >= $2 * 98 && h * 100 >= $3 * 95))" ||
		fail "$4 : la fenêtre ${w}×${h}+${x}+${y} ne remplit pas l'écran ${2}×${3} sans en dépasser"
	echo "   $4 : fenêtre ${w}×${h} en ${x},${y} sur un écran ${2}×${3}"
}

# shot NAME ID: a screenshot once the window has drawn its content.
shot() {
	sleep 2
	import -window root "$out/$1.png"
	echo "   capture : dist/wine-check/$1.png"
}

step "Préfixe Wine neuf"
screen 1366 768
$wine wineboot -i >>"$out/wine.log" 2>&1
"${wine%/*}/wineserver" -w
[[ $(readlink -f "$documents") == "$tmp"/* ]] || fail "les Documents de Wine ($(readlink -f "$documents")) ne sont pas dans le dossier temporaire du contrôle"
x86_64-w64-mingw32-gcc -shared -O2 -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
	scripts/wine/bcryptprimitives.c scripts/wine/bcryptprimitives.def -ladvapi32

step "Installation silencieuse pour tous les utilisateurs : msiexec /i cohesion.msi ALLUSERS=1 /qn"
cp dist/cohesion.msi "$tmp/"
(cd "$tmp" && $wine msiexec /i cohesion.msi ALLUSERS=1 /qn /l*v install.log) || { cp "$tmp/install.log" "$out/"; fail "msiexec /i a échoué (voir dist/wine-check/install.log)"; }
cp "$tmp/install.log" "$out/"
[[ -f "$installed/cohesion.exe" && -f "$installed/cohesion-cli.exe" ]] || fail "les deux .exe ne sont pas dans Program Files\\Cohésion"
[[ -f "$installed/LICENCE.txt" && -f "$installed/LICENCES-TIERS.txt" ]] || fail "les licences ne sont pas dans Program Files\\Cohésion"
grep -q "Property(S): ALLUSERS = 1" "$out/install.log" || fail "l'installation n'est pas pour tous les utilisateurs (ALLUSERS=1)"
# Per machine, Windows puts the shortcut in the Start menu of all users
# (ProgramData); Wine 8's msi resolves ProgramMenuFolder to the user's own
# even then (its log says so), where it is looked for next.
lnk="$WINEPREFIX/drive_c/ProgramData/Microsoft/Windows/Start Menu/Programs/Cohésion.lnk"
if [[ ! -f $lnk ]]; then
	grep -qF "Property(S): ProgramMenuFolder = C:\\users\\$user\\" "$out/install.log" || fail "pas de raccourci « Cohésion » dans le menu Démarrer commun (ProgramData)"
	lnk="$roaming/Microsoft/Windows/Start Menu/Programs/Cohésion.lnk"
	[[ -f $lnk ]] || fail "pas de raccourci « Cohésion » dans le menu Démarrer"
	echo "   raccourci dans le menu Démarrer de l'utilisateur : Wine 8 y résout ProgramMenuFolder même pour une installation par machine"
fi
strings -a "$lnk" | grep -q 'cohesion.exe' || fail "le raccourci ne lance pas cohesion.exe"
icon=$(strings -a -el "$lnk" | grep -o 'C:\\windows\\Installer\\.*cohesion.ico') || fail "le raccourci n'a pas l'icône de Cohésion"
icon=$WINEPREFIX/drive_c/${icon#C:\\}
[[ -s ${icon//\\//} ]] || fail "l'icône du raccourci manque : $icon"
version=$(go run ./scripts/winres msi-version)
# The registry as Wine keeps it on disk, written once no program runs.
uninstall_entries() {
	"${wine%/*}/wineserver" -w
	# Each [Software\\…\\Uninstall\\{product}] section naming Cohésion, whole.
	awk '/^\[/ { if (keep) printf "%s", sec; sec = ""; keep = 0; uninstall = ($0 ~ /CurrentVersion\\\\Uninstall\\\\/) }
		{ sec = sec $0 "\n" }
		uninstall && /^"DisplayName"="Coh\\xe9sion"/ { keep = 1 }
		END { if (keep) printf "%s", sec }' "$WINEPREFIX/system.reg"
}
entry=$(uninstall_entries)
grep -q "\"DisplayVersion\"=\"$version\"" <<<"$entry" || fail "l'entrée de désinstallation n'a pas la version $version"
grep -q '"Publisher"="Communaut\\xe9 d' <<<"$entry" || fail "l'entrée de désinstallation n'a pas d'éditeur"
echo "   installé dans Program Files\\Cohésion, raccourci et entrée « Cohésion $version » présents"

step "Premier démarrage, écran 1366×768 : la base de l'ancienne version quitte le profil itinérant"
# The base where Cohésion 0.1 made it, in the roaming AppData.
COHESION_DB='C:\users\'"$user"'\AppData\Roaming\Cohesion\cohesion.db' run_cli init >/dev/null
[[ -f $roaming/Cohesion/cohesion.db ]] || fail "pas de base d'essai dans AppData\\Roaming\\Cohesion"
start_gui
for _ in $(seq 120); do
	[[ -f $base ]] && run_cli campaigns 2>/dev/null | grep -q '^AMI2021 ' && break
	sleep 0.5
done
run_cli campaigns | grep -q '^AMI2021 ' || fail "pas de base avec la campagne AMI2021 dans AppData\\Local"
[[ ! -e $roaming/Cohesion/cohesion.db ]] || fail "la base est restée dans AppData\\Roaming"
[[ -f "$roaming/Cohesion/LISEZMOI - base déplacée.txt" ]] || fail "pas de note dans AppData\\Roaming\\Cohesion"
echo "   base déplacée de AppData\\Roaming\\Cohesion vers AppData\\Local\\Cohesion, campagne AMI2021"
id=$(window "$title")
fits "$id" 1366 768 "premier démarrage"
shot registre-1366x768 "$id"
grep -q "ont été déplacées" "$appdata/Cohesion/cohesion.log" || fail "le journal ne dit pas que la base a été déplacée"
# The day's backup, also in the folder that follows the user: Documents (Wine
# links it to its HOME, this check's own).
for _ in $(seq 20); do
	compgen -G "$documents/Cohésion/Sauvegardes/cohesion-*.db" >/dev/null && break
	sleep 0.5
done
compgen -G "$appdata/Cohesion/sauvegardes/cohesion-*.db" >/dev/null || fail "pas de sauvegarde du jour dans AppData\\Local\\Cohesion\\sauvegardes"
compgen -G "$documents/Cohésion/Sauvegardes/cohesion-*.db" >/dev/null || fail "la sauvegarde du jour n'est pas copiée dans Documents\\Cohésion\\Sauvegardes"
echo "   sauvegarde du jour copiée dans Documents\\Cohésion\\Sauvegardes"

step "Les fenêtres de choix de fichier appartiennent à celle de Cohésion"
# Ctrl+I opens « Importer des dossiers… »: Windows' dialog, owned by the
# window (Wine says so to X as WM_TRANSIENT_FOR), closes with Échap, and
# Cohésion carries on.
xdotool windowactivate --sync "$id" 2>/dev/null || xdotool windowfocus --sync "$id"
xdotool key --clearmodifiers ctrl+i
dlg=$(window "Choisir un fichier" 20)
owner=$(xprop -id "$dlg" WM_TRANSIENT_FOR | grep -o '0x[0-9a-f]*' || true)
[[ -n $owner && $((owner)) == "$id" ]] || fail "la fenêtre de choix de fichier n'appartient pas à celle de Cohésion (WM_TRANSIENT_FOR ${owner:-absent}, fenêtre $(printf '0x%x' "$id"))"
xdotool key --window "$dlg" Escape
for _ in $(seq 20); do
	xdotool search --name '^Choisir un fichier$' >/dev/null 2>&1 || break
	sleep 0.5
done
! xdotool search --name '^Choisir un fichier$' >/dev/null 2>&1 || fail "la fenêtre de choix de fichier ne se ferme pas avec Échap"
kill -0 "$gui" 2>/dev/null || fail "Cohésion s'est fermé avec la fenêtre de choix de fichier"
echo "   « Importer des dossiers… » (Ctrl+I) : la fenêtre de Windows appartient à celle de Cohésion, Échap la ferme"

step "La fenêtre revient où l'utilisateur l'a laissée"
xdotool windowsize "$id" 900 560 windowmove "$id" 120 60
sleep 3 # the app checks its place every 2 s
stop_gui
start_gui
id=$(window "$title")
placed "$id" '((x == 120 && y == 60 && w == 900 && h == 560))' || fail "rouverte en ${w}×${h}+${x}+${y} au lieu de 900×560+120+60"
echo "   rouverte en 900×560 à 120,60"
stop_gui

step "Ligne de commande installée : démonstration, répartition, annexe"
run_cli init --demo >/dev/null
run_cli --campaign DEMO2021 allocate --method rank --save "Scénario CI" >/dev/null
run_cli --campaign DEMO2021 adopt "Scénario CI" >/dev/null
run_cli --campaign DEMO2021 report annex -o 'C:\users\'"$user"'\Documents\annexe.pdf' >/dev/null
pdf=$documents/annexe.pdf # in this check's own HOME
[[ -f $pdf ]] || fail "pas d'annexe écrite"
pdftotext -layout "$pdf" "$out/annexe.txt"
for want in "Annexe au projet de délibération" "PROJET" "DEMO-001" "Scénario CI" "150 000,00 €"; do # no deliberation recorded yet
	grep -q "$want" "$out/annexe.txt" || fail "l'annexe ne contient pas « $want » (dist/wine-check/annexe.txt)"
done
cp "$pdf" "$out/"
echo "   annexe.pdf relue : $(grep -c 'DEMO-0' "$out/annexe.txt") ligne(s) de subvention"

# Each size starts afresh (no saved place), on the demonstration campaign
# (named by COHESION_CAMPAIGN: the window otherwise opens the real one).
title="Cohésion — DEMO2021"
for s in "1024 768 96 100" "1920 1080 96 100" "1920 1080 144 150"; do
	read -r sw sh dpi pct <<<"$s"
	step "Écran ${sw}×${sh} à ${pct} %"
	screen "$sw" "$sh" "$dpi"
	rm -f "$prefs"
	COHESION_CAMPAIGN=DEMO2021 start_gui
	id=$(window "$title")
	fits "$id" "$sw" "$sh" "${sw}×${sh} à ${pct} %"
	shot "registre-${sw}x${sh}-${pct}" "$id"
	xdotool mousemove --window "$id" $((64 * pct / 100)) $((244 * pct / 100)) click 1 # Notation (4th after Tableau de bord), the widest screen
	sleep 1
	fits "$id" "$sw" "$sh" "Notation, ${sw}×${sh} à ${pct} %"
	shot "notation-${sw}x${sh}-${pct}" "$id"
	stop_gui
done

step "Sans OpenGL 2.1 : un message en français, le détail dans le journal"
screen 1366 768
MESA_GL_VERSION_OVERRIDE=1.4 LIBGL_ALWAYS_SOFTWARE=1 start_gui
id=$(window "Cohésion ne peut pas s'ouvrir" 60)
shot sans-opengl "$id"
grep -q "La fenêtre n'a pas pu s'ouvrir" "$appdata/Cohesion/cohesion.log" || fail "le journal ne dit pas que la fenêtre n'a pas pu s'ouvrir"
grep -qi "window creation error\|OpenGL" "$appdata/Cohesion/cohesion.log" || fail "le journal n'a pas la cause"
cp "$appdata/Cohesion/cohesion.log" "$out/"
$wine taskkill /f /im cohesion.exe >/dev/null 2>&1 || true
wait "$gui" || true

step "Mise à jour par un MSI plus récent, avec l'adresse de la base commune (COHESION_DB)"
stage=$tmp/next
mkdir -p "$stage"
next=$(awk -F. '{print $1"."$2"."$3+1}' <<<"$version")
go run ./scripts/winres wxi -o "$stage/identity.wxi"
go run ./scripts/winres ico -o "$stage/cohesion.ico"
sed -i "s/Version = \"$version\"/Version = \"$next\"/" "$stage/identity.wxi"
cp dist/cohesion.exe dist/cohesion-cli.exe "$stage/"
scripts/windows/build-msi.sh "$stage" "$stage/cohesion-next.msi"
shared="postgres://cohesion@127.0.0.1:1/ami"
(cd "$stage" && $wine msiexec /i cohesion-next.msi ALLUSERS=1 COHESION_DB="$shared" /qn /l*v upgrade.log) || { cp "$stage/upgrade.log" "$out/"; fail "la mise à jour a échoué"; }
cp "$stage/upgrade.log" "$out/"
entries=$(uninstall_entries | grep -c 'DisplayName"="Coh')
((entries == 1)) || fail "$entries entrées « Cohésion » après la mise à jour : l'ancienne version n'a pas été remplacée"
uninstall_entries | grep -q "\"DisplayVersion\"=\"$next\"" || fail "la version installée n'est pas $next"
[[ -f "$installed/cohesion.exe" ]] || fail "cohesion.exe absent après la mise à jour"
echo "   $version remplacée par $next, une seule entrée de désinstallation"
"${wine%/*}/wineserver" -w
grep -q "\"COHESION_DB\"=\"$shared\"" "$WINEPREFIX/system.reg" || fail "COHESION_DB n'est pas dans HKLM\\Software\\Cohesion"
help=$(run_cli --help 2>&1 || true)
grep -q "Base utilisée sans --db : $shared" <<<"$help" || fail "cohesion-cli --help ne nomme pas la base donnée à l'installation"
grep -q "installation pour tous les utilisateurs" <<<"$help" || fail "cohesion-cli --help ne dit pas d'où vient l'adresse"
run_cli campaigns >/dev/null 2>&1 && fail "cohesion-cli a ouvert une autre base que $shared"
echo "   COHESION_DB=$shared inscrit pour tous les utilisateurs ; cohesion-cli --help la nomme et l'utilise"

step "Désinstallation : les données de l'utilisateur restent"
(cd "$stage" && $wine msiexec /x cohesion-next.msi /qn) || fail "msiexec /x a échoué"
[[ ! -e "$installed/cohesion.exe" ]] || fail "cohesion.exe est resté après la désinstallation"
[[ -z $(find "$WINEPREFIX/drive_c" -path '*Start Menu/Programs/Cohésion.lnk') ]] || fail "le raccourci est resté"
[[ -z $(uninstall_entries) ]] || fail "l'entrée de désinstallation est restée"
[[ -f $base && -d $appdata/Cohesion/sauvegardes ]] || fail "la désinstallation a touché AppData\\Local\\Cohesion"
echo "   programme retiré ; AppData\\Local\\Cohesion (base et sauvegardes) intact"

step "Contrôle Windows sous Wine réussi"
