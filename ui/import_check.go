package ui

import (
	"context"
	"errors"
	"path/filepath"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/importer"
	"github.com/call-agglo/cohesion/data/sheet"
)

// The import of dossiers, its check: every line against the campaign,
// then against the base in a dry run that writes nothing.

// checkImport checks every line of a table against the campaign, then
// against the base (a dry run that may update, writing nothing), in the
// background: a file of thousands of lines takes seconds. Then it shows the
// report and the preview, and hands the preview to then when not nil.
func (i *imports) checkImport(ctx context.Context, name string, t *sheet.Table, then func(*importPreview)) {
	prog := dialog.NewCustomWithoutButtons("Vérification de "+filepath.Base(name), widget.NewProgressBarInfinite(), i.env.win())
	prog.Show()
	// The check's base, campaign and day, whatever the window shows meanwhile.
	db, c, now := i.env.register(), i.env.campaign(), i.env.now()
	check := func() (*importer.Result, *dryRun) {
		res := importer.Applications(c, t, now)
		if !res.OK() {
			return res, nil
		}
		return res, dryImport(ctx, db, c, res)
	}
	show := func(res *importer.Result, dry *dryRun) {
		prog.Hide()
		p := i.showImportPreview(name, db, c, res, dry)
		if then != nil {
			then(p)
		}
	}
	background(i.env.run, check, show)
}

// dryRun is what an import would do to the base, updating the dossiers
// already there; for a file with clashes, what it would do with the
// register's next numbers.
type dryRun struct {
	sum     data.ImportSummary
	err     error
	clashes []data.ImportClash // lines naming other applicants' dossiers
}

// dryImport checks a file against the base, writing nothing. The store
// decides what a clash is; when it finds some, the check runs again
// renumbered, for the option the preview then offers.
func dryImport(ctx context.Context, db data.Register, c *data.Campaign, res *importer.Result) *dryRun {
	o := importOptions(res, true, false)
	o.DryRun = true
	sum, err := db.ImportApplications(ctx, c, res, o)
	dry := &dryRun{sum: sum, err: err}
	var clash *data.ClashError
	if errors.As(err, &clash) {
		o.Renumber = true
		dry.clashes = clash.Clashes
		dry.sum, dry.err = db.ImportApplications(ctx, c, res, o)
	}
	return dry
}

// importOptions are the options of an import of res, as the check and the
// import itself give them.
func importOptions(res *importer.Result, update, renumber bool) data.ImportOptions {
	return data.ImportOptions{Fields: res.Fields, Update: update, Renumber: renumber, FromDS: res.Source == importer.SourceDS}
}

// known counts the file's dossiers already in the register.
func (d *dryRun) known() int {
	if d == nil || d.err != nil {
		return 0
	}
	return d.sum.Updated + d.sum.Unchanged
}

// clashesFound counts the file's lines naming other applicants' dossiers.
func (d *dryRun) clashesFound() int {
	if d == nil {
		return 0
	}
	return len(d.clashes)
}
