package cli

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/call-agglo/cohesion/cmd/backend"
	"github.com/call-agglo/cohesion/data"
)

// warnedBases opens bases as backend does, each with a warning of its own
// (what a shared base reached in clear says; its detection is tested in
// data/postgres).
type warnedBases struct{ backend.Bases }

type warnedStore struct{ data.Store }

func (warnedStore) Warnings() []data.Warning {
	return []data.Warning{{Text: "La connexion à serveur:5432 n'est pas chiffrée."}}
}

func (warnedBases) Open(ctx context.Context, address string, o data.OpenOptions) (data.Store, error) {
	st, err := backend.Bases{}.Open(ctx, address, o)
	if err != nil {
		return nil, err
	}
	return warnedStore{st}, nil
}

// The base's warnings go to the error output, whatever the command (init
// opens the base its own way), and never into the command's JSON.
func TestBaseWarningsOnErrorOutput(t *testing.T) {
	eachBase(t, func(t *testing.T, db string) {
		for _, args := range [][]string{{"init"}, {"jurors", "--format", "json"}} {
			var out, errw bytes.Buffer
			if code := Run(warnedBases{}, append([]string{"--db", db}, args...), nil, &out, &errw); code != 0 {
				t.Fatalf("%v: exit %d, %s", args, code, errw.String())
			}
			if !strings.Contains(errw.String(), "n'est pas chiffrée") || strings.Contains(out.String(), "chiffrée") {
				t.Fatalf("%v: output %q, error output %q", args, out.String(), errw.String())
			}
		}
	})
}
