package cli

import (
	"context"
	"flag"
	"fmt"
	"text/tabwriter"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/export"
	"github.com/call-agglo/cohesion/data/files"
	"github.com/call-agglo/cohesion/data/followup"
	"github.com/call-agglo/cohesion/reports/gather"
)

// dateFlag reads a required date option.
func dateFlag(name, value string) (data.Date, error) {
	if value == "" {
		return data.Date{}, usageError{"--" + name + " JJ/MM/AAAA est obligatoire"}
	}
	d, err := data.ParseDate(value)
	if err != nil {
		return data.Date{}, usageError{"--" + name + " : " + data.ErrorMessage(err)}
	}
	return d, nil
}

// amountFlag reads an amount of euros; "" is zero unless the option is required.
func amountFlag(name, value string, required bool) (int64, error) {
	if value == "" && !required {
		return 0, nil
	}
	cents, err := data.ParseAmount(value)
	if err != nil {
		return 0, usageError{"--" + name + " : " + data.ErrorMessage(err)}
	}
	return cents, nil
}

// oneGrant reads the dossier's number of a write and finds its grant.
func (a *cli) oneGrant(ctx context.Context, pos []string) (data.Store, *data.FollowUp, *data.Grant, error) {
	if len(pos) != 1 {
		return nil, nil, nil, usageError{"indiquez le numéro du dossier"}
	}
	db, f, _, err := a.followUpAt(ctx, "")
	if err != nil {
		return nil, nil, nil, err
	}
	g, err := grantOf(f, pos[0])
	return db, f, g, err
}

func (a *cli) cmdConvention(ctx context.Context, args []string) error {
	if len(args) > 0 && args[0] == "terms" {
		return a.conventionTerms(ctx, args[1:])
	}
	if len(args) == 0 || args[0] != "sign" {
		return conventionDocuments(a, ctx, args)
	}
	fs := flag.NewFlagSet("convention sign", flag.ContinueOnError)
	date := fs.String("date", "", "")
	pos, err := parse(fs, args[1:])
	if err != nil {
		return err
	}
	signed, err := dateFlag("date", *date)
	if err != nil {
		return err
	}
	db, f, g, err := a.oneGrant(ctx, pos)
	if err != nil {
		return err
	}
	number, err := db.SignConvention(ctx, f.Campaign.ID, g.ApplicationID, signed)
	if err != nil {
		return err
	}
	fmt.Fprintf(a.out, "Convention %s du dossier %s (%s) signée le %s.\n", number, g.Number, g.Structure, signed.Format())
	return nil
}

func (a *cli) cmdPayments(ctx context.Context, args []string) error {
	if len(args) > 0 && args[0] == "record" {
		return a.recordPayment(ctx, args[1:])
	}
	if len(args) > 0 && args[0] == "cancel" {
		return a.cancelPayment(ctx, args[1:])
	}
	fs := flag.NewFlagSet("payments", flag.ContinueOnError)
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	_, f, g, err := a.oneGrant(ctx, pos)
	if err != nil {
		return err
	}
	return a.paymentsOf(f, g)
}

// paymentsOf prints a grant's payments made, then those still to make.
func (a *cli) paymentsOf(f *data.FollowUp, g *data.Grant) error {
	day := data.DateOf(a.db.Now())
	fmt.Fprintf(a.out, "Dossier %s — %s — subvention de %s — convention : %s\n", g.Number, g.Structure, data.FormatEurosPlain(g.GrantedCents),
		conventionCell(followup.StatusAt(f.Campaign, f.Settings, g, day)))
	w := tabwriter.NewWriter(a.out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "N°\tDate\tMontant\tMandat\tEngagement juridique\tÉtat")
	for _, p := range g.Payments {
		fmt.Fprintf(w, "%d\t%s\t%s\t%s\t%s\tversé\n", p.ID, p.Date.Format(), data.FormatEurosPlain(p.AmountCents), p.Mandate, p.EJ)
	}
	for _, p := range followup.PlannedPayments(f.Campaign, f.Settings, g, day) {
		fmt.Fprintf(w, "\t%s\t%s\t\t\tà verser %s\n", p.Date.Format(), data.FormatEurosPlain(p.AmountCents), p.Trigger.Label())
	}
	if err := w.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(a.out, "Versé : %s ; solde à verser : %s.\n", data.FormatEurosPlain(g.PaidCents()), data.FormatEurosPlain(followup.BalanceCents(g)))
	return nil
}

func (a *cli) recordPayment(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("payments record", flag.ContinueOnError)
	amount := fs.String("amount", "", "")
	date := fs.String("date", "", "")
	mandate := fs.String("mandate", "", "")
	ej := fs.String("ej", "", "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	p := data.Payment{Mandate: *mandate, EJ: *ej}
	if p.AmountCents, err = amountFlag("amount", *amount, true); err != nil {
		return err
	}
	if p.Date, err = dateFlag("date", *date); err != nil {
		return err
	}
	db, f, g, err := a.oneGrant(ctx, pos)
	if err != nil {
		return err
	}
	if err := db.RecordPayment(ctx, f.Campaign.ID, g.ApplicationID, p); err != nil {
		return err
	}
	g.Payments = append(g.Payments, p)
	fmt.Fprintf(a.out, "Versement de %s du %s enregistré au dossier %s ; solde à verser : %s.\n", data.FormatEurosPlain(p.AmountCents), p.Date.Format(),
		g.Number, data.FormatEurosPlain(followup.BalanceCents(g)))
	return nil
}

// cancelPayment is `payments cancel`: a payment recorded in error goes,
// its reason journaled.
func (a *cli) cancelPayment(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("payments cancel", flag.ContinueOnError)
	id := fs.Int64("id", 0, "")
	reason := fs.String("reason", "", "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if *id <= 0 {
		return usageError{"--id N est obligatoire : le n° du versement, que « payments NUMÉRO » affiche"}
	}
	db, f, g, err := a.oneGrant(ctx, pos)
	if err != nil {
		return err
	}
	if err := db.CancelPayment(ctx, f.Campaign.ID, g.ApplicationID, *id, *reason); err != nil {
		return err
	}
	fmt.Fprintf(a.out, "Versement n° %d du dossier %s annulé ; le motif est inscrit au journal.\n", *id, g.Number)
	return nil
}

// crfFlags are the options of `crf record`.
type crfFlags struct {
	received, cost, used, other, status, missing, note *string
	beneficiaries                                      *int
}

func (o crfFlags) read() (data.CRF, error) {
	var crf data.CRF
	var err error
	if crf.Received, err = dateFlag("received", *o.received); err != nil {
		return crf, err
	}
	for _, m := range []struct {
		name, value string
		to          *int64
	}{{"cost", *o.cost, &crf.CostCents}, {"used", *o.used, &crf.UsedCents}, {"other", *o.other, &crf.OtherFundingCents}} {
		if *m.to, err = amountFlag(m.name, m.value, m.name != "other"); err != nil {
			return crf, err
		}
	}
	if crf.Status, err = data.ParseCRFStatus(*o.status); err != nil {
		return crf, usageError{"--status : " + data.ErrorMessage(err)}
	}
	crf.Beneficiaries, crf.Missing, crf.Assessment = *o.beneficiaries, *o.missing, *o.note
	return crf, nil
}

func (a *cli) cmdCRF(ctx context.Context, args []string) error {
	if len(args) == 0 || args[0] != "record" {
		return usageError{"indiquez « record » suivi du numéro du dossier"}
	}
	fs := flag.NewFlagSet("crf record", flag.ContinueOnError)
	o := crfFlags{received: fs.String("received", "", ""), cost: fs.String("cost", "", ""), used: fs.String("used", "", ""),
		other: fs.String("other", "", ""), status: fs.String("status", string(data.CRFReceived), ""), missing: fs.String("missing", "", ""),
		note: fs.String("note", "", ""), beneficiaries: fs.Int("beneficiaries", 0, "")}
	pos, err := parse(fs, args[1:])
	if err != nil {
		return err
	}
	crf, err := o.read()
	if err != nil {
		return err
	}
	db, f, g, err := a.oneGrant(ctx, pos)
	if err != nil {
		return err
	}
	if err := db.RecordCRF(ctx, f.Campaign.ID, g.ApplicationID, crf); err != nil {
		return err
	}
	g.CRF = &crf
	fmt.Fprintf(a.out, "Compte rendu financier du dossier %s enregistré (%s) : solde à verser %s, reversement proposé %s.\n", g.Number, crf.Status.Label(),
		data.FormatEurosPlain(followup.BalanceCents(g)), data.FormatEurosPlain(followup.ProposedReversalCents(g)))
	return nil
}

func (a *cli) cmdReversal(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("reversal", flag.ContinueOnError)
	reason := fs.String("reason", "", "")
	amount := fs.String("amount", "", "")
	date := fs.String("date", "", "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	r := data.Reversal{Reason: *reason}
	if r.AmountCents, err = amountFlag("amount", *amount, false); err != nil {
		return err
	}
	if *date != "" {
		if r.Decided, err = dateFlag("date", *date); err != nil {
			return err
		}
	}
	db, f, g, err := a.oneGrant(ctx, pos)
	if err != nil {
		return err
	}
	if *amount == "" {
		if r.AmountCents = followup.ProposedReversalCents(g); r.AmountCents == 0 {
			return data.Errorf(data.EINVALID, "Aucun reversement n'est proposé pour le dossier %s (versé %s, compte rendu financier %s) : indiquez le montant avec --amount.",
				g.Number, data.FormatEurosPlain(g.PaidCents()), followup.CRFStatus(g).Label())
		}
	}
	if err := db.RecordReversal(ctx, f.Campaign.ID, g.ApplicationID, r); err != nil {
		return err
	}
	fmt.Fprintf(a.out, "Reversement de %s demandé au dossier %s (%s).\n", data.FormatEurosPlain(r.AmountCents), g.Number, g.Structure)
	return nil
}

// exportPayments is `export payments -o FICHIER.csv|FICHIER.xlsx`: the
// payments made and to make, for the finance service.
func (a *cli) exportPayments(ctx context.Context, out string) error {
	if err := a.checkOutput(out, files.Table); err != nil {
		return err
	}
	_, f, day, err := a.followUpAt(ctx, "")
	if err != nil {
		return err
	}
	if err := followup.CheckOpen(f.Campaign); err != nil {
		return err
	}
	t := export.Payments(f, day)
	b, err := gather.EncodeExport(out, "payments", t)
	if err != nil {
		return err
	}
	if err := files.Write(out, b, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(a.out, "%s dans %s.\n", count(len(t.Rows), "ligne exportée", "lignes exportées"), out)
	return nil
}
