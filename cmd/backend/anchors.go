package backend

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/files"
	"github.com/call-agglo/cohesion/data/postgres"
)

// profileBook keeps the journal heads this desk saw, one small file per base
// in the desk's own profile (never beside the base, which whoever rewrites the
// base can rewrite too): two bases never share a file, and two processes on
// one base each write a head they saw.
type profileBook struct{ dir string }

var _ data.Anchors = profileBook{}

type anchorFile struct {
	Base string    `json:"base"`
	Line int64     `json:"ligne"`
	Hash string    `json:"empreinte"`
	Seen time.Time `json:"vue_le"`
}

func (b profileBook) file(base string) string {
	sum := sha256.Sum256([]byte(base))
	return filepath.Join(b.dir, "empreintes", hex.EncodeToString(sum[:12])+".json")
}

// Anchor reads the head this desk last saw on base.
func (b profileBook) Anchor(base string) (data.Anchor, bool, error) {
	raw, err := os.ReadFile(b.file(base))
	if errors.Is(err, fs.ErrNotExist) {
		return data.Anchor{}, false, nil
	} else if err != nil {
		return data.Anchor{}, false, err
	}
	var f anchorFile
	if err := json.Unmarshal(raw, &f); err != nil || f.Base != base {
		return data.Anchor{}, false, err
	}
	return data.Anchor{Head: data.Head{ID: f.Line, Hash: f.Hash}, Seen: f.Seen}, true, nil
}

// SetAnchor records a head this desk saw on base.
func (b profileBook) SetAnchor(base string, a data.Anchor) error {
	raw, err := json.MarshalIndent(anchorFile{base, a.Head.ID, a.Head.Hash, a.Seen.UTC()}, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(b.file(base)), 0o700); err != nil {
		return err
	}
	return files.Write(b.file(base), raw, 0o600)
}

// anchorKey names a base in the book: a file by its absolute path, a server
// base by its host, port and database, whichever role the desk connects with.
func anchorKey(address string) string {
	if IsServer(address) {
		return postgres.Place(address)
	}
	if abs, err := filepath.Abs(address); err == nil {
		return "fichier:" + abs
	}
	return "fichier:" + address
}

// anchored is what the adapters' stores offer for the book of heads.
type anchored interface {
	Anchor(ctx context.Context, book data.Anchors, key string)
	ResetAnchor(ctx context.Context)
}

// anchor attaches this desk's book to an opened base; fresh says the base
// was just created (or replaced) by this desk, so what it saw there before
// no longer applies.
func (b Bases) anchor(ctx context.Context, st data.Store, address string, fresh bool) {
	a, ok := st.(anchored)
	if !ok {
		return
	}
	a.Anchor(ctx, profileBook{b.profile()}, anchorKey(address))
	if fresh {
		a.ResetAnchor(ctx)
	}
}
