package gather

import (
	"bytes"
	"context"
	"os"
	"path/filepath"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/campaign"
	"github.com/call-agglo/cohesion/data/export"
	"github.com/call-agglo/cohesion/data/files"
)

// JurorBook is one juror's workbook and the name of its file.
type JurorBook struct {
	File string
	Book export.JurorBook
}

// JurorBooks are the workbooks to send to the jurors, one each, from one
// snapshot: every dossier that goes to the jury (neither irrecevable nor
// withdrawn) in number order, the ones a juror declared a déport for listed
// apart, and the scores already recorded. Each file is named after its juror,
// with a name no other file of the batch shares.
func JurorBooks(v *campaign.View) ([]JurorBook, error) {
	c := v.Campaign
	if len(v.Jurors) == 0 {
		return nil, data.Errorf(data.EINVALID, "La campagne « %s » n'a aucun juré : composez le jury (écran Jury) avant d'envoyer les grilles.", c.Code)
	}
	deports := map[[2]int64]string{}
	for _, k := range v.Conflicts {
		deports[[2]int64{k.JurorID, k.ApplicationID}] = k.Reason
	}
	scores := map[[2]int64]map[int64]int{}
	for _, s := range v.Sheets {
		scores[[2]int64{s.JurorID, s.ApplicationID}] = s.Scores
	}
	out := make([]JurorBook, 0, len(v.Jurors))
	names := make([]string, 0, len(v.Jurors))
	for _, j := range v.Jurors {
		b := export.JurorBook{CampaignCode: c.Code, CampaignTitle: c.Title, Organiser: c.Organiser, Juror: j, Criteria: c.Criteria}
		for _, r := range v.Rows {
			if r.Irrecevable() {
				continue
			}
			row := export.JurorBookRow{Number: r.Number, Structure: r.Structure, Title: r.Title}
			key := [2]int64{j.ID, r.ID}
			if reason, ok := deports[key]; ok {
				row.Reason = reason
				b.Deports = append(b.Deports, row)
				continue
			}
			row.Scores = scores[key]
			b.Dossiers = append(b.Dossiers, row)
		}
		out = append(out, JurorBook{Book: b})
		names = append(names, "Grille "+c.Code+" - "+j.Name)
	}
	for i, n := range files.UniqueNames(names, ".xlsx") {
		out[i].File = n
	}
	return out, nil
}

// WriteJurorBooks writes every juror's workbook into dir (created if need
// be), each file whole or not at all, and returns the files written.
func WriteJurorBooks(ctx context.Context, st data.Snapshots, c *data.Campaign, dir string) ([]string, error) {
	v, err := campaign.Load(ctx, st, c.ID, data.SnapshotOptions{})
	if err != nil {
		return nil, err
	}
	books, err := JurorBooks(v)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, files.Failure("Impossible de créer le dossier "+dir, err)
	}
	var written []string
	for _, jb := range books {
		var buf bytes.Buffer
		if err := export.WriteJurorBook(&buf, jb.Book); err != nil {
			return written, err
		}
		path := filepath.Join(dir, jb.File)
		if err := files.Write(path, buf.Bytes(), 0o644); err != nil {
			return written, err
		}
		written = append(written, path)
	}
	return written, nil
}
