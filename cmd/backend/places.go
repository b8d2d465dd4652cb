package backend

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/files"
	"github.com/call-agglo/cohesion/data/sqlite"
)

// Folders are where Cohésion keeps a desk's own files.
type Folders struct {
	// Data holds the live base, its lock, its log, its backups and the
	// journal heads this desk saw: %LocalAppData%\Cohesion on Windows, a
	// folder that never roams (IT may redirect %AppData% to a network share,
	// where SQLite's locks do not hold and Cohésion refuses to write);
	// ~/.config/Cohesion (XDG) on Linux.
	Data string
	// Old is where Cohésion 0.1 kept them (%AppData%\Cohesion): a base found
	// there is moved to Data on first start. "" on Linux, where nothing moved.
	Old string
	// Backups receives a copy of each day's backup and follows the user from
	// desk to desk (Documents\Cohésion\Sauvegardes unless COHESION_BACKUPS or
	// the policy names another folder; a network share is fine, a backup is a
	// whole file written once). "" on Linux: the backups stay beside the base.
	Backups string
}

// foldersFor computes the folders on goos from the environment (env) and the
// user's Documents folder (documents, "" when unknown): a pure function, so
// that Windows' rules are tested on any system.
func foldersFor(goos string, env func(string) string, documents string) Folders {
	if goos != "windows" {
		dir := env("XDG_CONFIG_HOME")
		if dir == "" || !filepath.IsAbs(dir) {
			dir = filepath.Join(env("HOME"), ".config")
		}
		return Folders{Data: filepath.Join(dir, "Cohesion")}
	}
	f := Folders{Data: winJoin(env("LOCALAPPDATA"), "Cohesion")}
	if env("APPDATA") != "" {
		f.Old = winJoin(env("APPDATA"), "Cohesion")
	}
	if env("LOCALAPPDATA") == "" { // no local profile folder: where it always was
		f.Data, f.Old = f.Old, ""
		if f.Data == "" {
			f.Data = "Cohesion" // no profile at all: the working folder, as before
		}
	}
	switch {
	case env("COHESION_BACKUPS") != "":
		f.Backups = env("COHESION_BACKUPS")
	case documents != "":
		f.Backups = winJoin(documents, "Cohésion", "Sauvegardes")
	}
	return f
}

// winJoin joins with Windows' separator whatever the system the tests run on.
func winJoin(parts ...string) string {
	for i := range parts {
		parts[i] = strings.TrimRight(parts[i], `\/`)
	}
	return strings.Join(parts, `\`)
}

// folders are this desk's folders: on Windows the Documents folder is the one
// the system knows (redirected by IT or not), the backup folder may be set by
// policy (see registry_windows.go).
func folders() Folders {
	env := func(k string) string {
		if k == "COHESION_BACKUPS" && os.Getenv(k) == "" {
			return policyValue("COHESION_BACKUPS")
		}
		return os.Getenv(k)
	}
	return foldersFor(goosName, env, documentsFolder())
}

// Choice is the base a program opens without being told, and why.
type Choice struct {
	Address string
	From    string // in French, for cohesion-cli --help
}

// chooseDefault is the base to open when the command line names none, in
// this order: COHESION_DB, the group policy, the value the installer wrote
// for every user of the machine, the desk's own file. (The GUI puts the
// user's own last choice between COHESION_DB and the policy.)
func chooseDefault(env, policy, install string, file string) Choice {
	switch {
	case env != "":
		return Choice{env, "variable d'environnement COHESION_DB"}
	case policy != "":
		return Choice{policy, `stratégie de groupe (HKLM\Software\Policies\Cohesion)`}
	case install != "":
		return Choice{install, `installation pour tous les utilisateurs (HKLM\Software\Cohesion)`}
	}
	return Choice{file, "base de ce poste"}
}

// moveOld moves Cohésion's files from old into dir when dir has no base yet
// and old has one: the base and its journal files, lock, log, backups and
// journal heads, all of old's content. It returns whether it moved anything.
// A file that cannot be renamed (old on a network share) is copied, then
// removed once the copy is whole. A note left in old says where they went.
func moveOld(old, dir string) (bool, error) {
	if old == "" || samePlace(old, dir) || exists(filepath.Join(dir, "cohesion.db")) || !exists(filepath.Join(old, "cohesion.db")) {
		return false, nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return false, err
	}
	entries, err := os.ReadDir(old)
	if err != nil {
		return false, err
	}
	for _, e := range entries {
		if err := move(filepath.Join(old, e.Name()), filepath.Join(dir, e.Name())); err != nil {
			return true, fmt.Errorf("déplacement de %s vers %s : %w", e.Name(), dir, err)
		}
	}
	note := "Cohésion a déplacé sa base et ses sauvegardes de ce dossier vers\r\n" + dir + "\r\n" +
		"(un dossier qui ne suit pas le profil itinérant : SQLite ne garantit pas ses verrous sur un partage réseau).\r\n"
	_ = os.WriteFile(filepath.Join(old, "LISEZMOI - base déplacée.txt"), []byte(note), 0o644)
	return true, nil
}

// journalMove records in the moved base where it came from, so that its
// journal says why its file changed place.
func journalMove(base, from, to string) error {
	ctx := context.Background()
	db, err := sqlite.Open(base)
	if err != nil {
		return err
	}
	defer db.Close()
	cs, err := db.Campaigns(ctx)
	if err != nil || len(cs) == 0 {
		return err
	}
	return db.Note(ctx, data.AuditEntry{CampaignID: cs[0].ID, Entity: data.AuditCampaign, EntityID: cs[0].ID, Label: cs[0].Code,
		Action: "base déplacée", Old: from, New: to})
}

// move renames from to to, or copies it whole and removes it.
func move(from, to string) error {
	if err := os.Rename(from, to); err == nil {
		return nil
	}
	if err := copyTree(from, to); err != nil {
		os.RemoveAll(to)
		return err
	}
	return os.RemoveAll(from)
}

// copyTree copies a file, or a folder and everything in it.
func copyTree(from, to string) error {
	return filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		dest := filepath.Join(to, rel)
		if d.IsDir() {
			return os.MkdirAll(dest, 0o755)
		}
		return files.Copy(p, dest)
	})
}

func exists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

func samePlace(a, b string) bool {
	return strings.EqualFold(filepath.Clean(a), filepath.Clean(b))
}

// copyBackup copies a day's backup (and its journal head) into dir, whole
// (files.Write: a share cut midway leaves no partial file), then removes the
// copies of backups the base's own folder no longer keeps, so that dir holds
// what the rotation keeps and no more. Only the desk's own base is copied.
func copyBackup(backup, dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, f := range []string{backup, sqlite.HeadFile(backup)} {
		b, err := os.ReadFile(f)
		if errors.Is(err, fs.ErrNotExist) && f != backup {
			continue
		}
		if err != nil {
			return err
		}
		if err := files.Write(filepath.Join(dir, filepath.Base(f)), b, 0o644); err != nil {
			return err
		}
	}
	kept := map[string]bool{}
	for _, f := range sqlite.Backups(filepath.Join(filepath.Dir(filepath.Dir(backup)), "cohesion.db")) {
		kept[filepath.Base(f)] = true
	}
	copies, _ := filepath.Glob(filepath.Join(dir, "cohesion-????????-??????.db"))
	for _, c := range copies {
		if !kept[filepath.Base(c)] {
			os.Remove(c)
			os.Remove(sqlite.HeadFile(c))
		}
	}
	return nil
}
