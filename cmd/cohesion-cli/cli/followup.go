package cli

import (
	"context"
	"flag"
	"fmt"
	"text/tabwriter"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/followup"
)

// The follow-up of the grants after the deliberation (issue 21): the list of
// grants and what each waits for, the conventions' signatures, the payments,
// the comptes rendus financiers and the reversals. The rules are package
// followup's; the store refuses what they refuse, with their messages.

func init() {
	commands["followup"] = command{"followup [--at JJ/MM/AAAA] [--overdue] [--format table|json] | followup set [--crf-due JJ/MM/AAAA] [--advance-percent N]",
		"suivi des subventions après la délibération : convention, versements, solde, compte rendu financier, prochaine étape ; --overdue : les comptes rendus en retard ; set : la règle de la campagne (date limite des comptes rendus, avance à la signature)", (*cli).cmdFollowUp}
	commands["convention"] = command{"convention NUMÉRO|--all -o FICHIER.pdf|DOSSIER | convention sign NUMÉRO --date JJ/MM/AAAA | convention terms NUMÉRO [--crf-due JJ/MM/AAAA] [--advance EUROS]",
		"écrit la convention d'un dossier, ou toutes celles exigées (une par structure si -o est un dossier) ; sign : enregistre la date de signature de la convention d'un dossier (obligatoire au-delà de 23 000 €), et la numérote ; terms : ce que la convention fixe autrement que la règle de la campagne", (*cli).cmdConvention}
	commands["payments"] = command{"payments NUMÉRO | payments record NUMÉRO --amount EUROS --date JJ/MM/AAAA [--mandate N] [--ej N] | payments cancel NUMÉRO --id N --reason TEXTE",
		"liste les versements d'une subvention et ceux qui restent à faire, enregistre un versement, ou annule un versement enregistré par erreur (n° de la liste)", (*cli).cmdPayments}
	commands["crf"] = command{"crf record NUMÉRO --received JJ/MM/AAAA --cost EUROS --used EUROS [--other EUROS] [--beneficiaries N] [--status recu|incomplet|accepte|refuse] [--missing TEXTE] [--note TEXTE]",
		"enregistre le compte rendu financier (Cerfa n° 15059) d'une subvention", (*cli).cmdCRF}
	commands["reversal"] = command{"reversal NUMÉRO --reason TEXTE [--amount EUROS] [--date JJ/MM/AAAA]",
		"enregistre la demande de reversement d'une subvention, sur décision motivée (par défaut : versé − utilisé)", (*cli).cmdReversal}
}

// conventionDocuments is `convention NUMÉRO|--all -o …`, the conventions'
// PDFs: the documents' file sets it.
var conventionDocuments = func(a *cli, ctx context.Context, args []string) error {
	return usageError{"indiquez « sign » suivi du numéro du dossier"}
}

// followUpAt loads the campaign's follow-up; the date is --at's, else today.
func (a *cli) followUpAt(ctx context.Context, at string) (data.Store, *data.FollowUp, data.Date, error) {
	db, c, err := a.current(ctx)
	if err != nil {
		return nil, nil, data.Date{}, err
	}
	day := data.DateOf(db.Now())
	if at != "" {
		if day, err = data.ParseDate(at); err != nil {
			return nil, nil, data.Date{}, usageError{"--at : " + data.ErrorMessage(err)}
		}
	}
	f, err := db.FollowUp(ctx, c.ID)
	return db, f, day, err
}

// grantOf finds the grant of a dossier, once the deliberation is in force.
func grantOf(f *data.FollowUp, number string) (*data.Grant, error) {
	if err := followup.CheckOpen(f.Campaign); err != nil {
		return nil, err
	}
	g, ok := f.Grant(number)
	if !ok {
		return nil, data.Errorf(data.ENOTFOUND, "Aucune subvention à suivre pour le dossier « %s » : la délibération n° %s ne lui attribue aucun montant.", number, f.Campaign.DeliberationNumber)
	}
	return g, nil
}

func (a *cli) cmdFollowUp(ctx context.Context, args []string) error {
	if len(args) > 0 && args[0] == "set" {
		return a.followUpSettings(ctx, args[1:])
	}
	fs := flag.NewFlagSet("followup", flag.ContinueOnError)
	at := fs.String("at", "", "")
	overdue := fs.Bool("overdue", false, "")
	format := fs.String("format", "table", "")
	if err := noArgs(fs, args); err != nil {
		return err
	}
	if err := checkFormat(*format, "table", "json"); err != nil {
		return err
	}
	_, f, day, err := a.followUpAt(ctx, *at)
	if err != nil {
		return err
	}
	list := followup.List(f, day, *overdue)
	if *format == "json" {
		return writeJSON(a, followUpJSON(list))
	}
	if f.Campaign.DeliberationNumber == "" {
		fmt.Fprintf(a.out, "Aucune subvention à suivre : la campagne %s n'a pas de délibération enregistrée.\n", f.Campaign.Code)
		return nil
	}
	return a.followUpTable(list, day)
}

// grantJSON is one grant of `followup --format json`, a contract for scripts.
type grantJSON struct {
	Number             string  `json:"number"`
	Structure          string  `json:"structure"`
	SIRET              string  `json:"siret"`
	GrantedCents       int64   `json:"granted_cents"`
	PaidCents          int64   `json:"paid_cents"`
	UsedCents          *int64  `json:"used_cents"`
	BalanceCents       int64   `json:"balance_cents"`
	ReversalCents      int64   `json:"reversal_cents"`
	ConventionRequired bool    `json:"convention_required"`
	ConventionNumber   string  `json:"convention_number"`
	ConventionSigned   *string `json:"convention_signed"`
	CRFDue             string  `json:"crf_due"`
	CRFStatus          string  `json:"crf_status"`
	Overdue            bool    `json:"overdue"`
	NextStep           string  `json:"next_step"`
}

func followUpJSON(list []followup.Status) []grantJSON {
	out := make([]grantJSON, 0, len(list))
	for _, st := range list {
		g := st.Grant
		j := grantJSON{Number: g.Number, Structure: g.Structure, SIRET: g.SIRET, GrantedCents: g.GrantedCents, PaidCents: st.PaidCents,
			BalanceCents: st.BalanceCents, ReversalCents: st.ReversalCents, ConventionRequired: st.ConventionRequired,
			ConventionNumber: g.ConventionNumber, CRFDue: st.CRFDue.ISO(), CRFStatus: string(st.CRFStatus), Overdue: st.Overdue,
			NextStep: data.Plain(st.Next.Label)}
		if st.UsedKnown {
			used := st.UsedCents
			j.UsedCents = &used
		}
		if !g.ConventionSigned.IsZero() {
			signed := g.ConventionSigned.ISO()
			j.ConventionSigned = &signed
		}
		out = append(out, j)
	}
	return out
}

func (a *cli) followUpTable(list []followup.Status, day data.Date) error {
	w := tabwriter.NewWriter(a.out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "Dossier\tStructure\tSubvention\tVersé\tSolde à verser\tConvention\tCompte rendu\tProchaine étape")
	for _, st := range list {
		g := st.Grant
		next := st.Next.Label
		if st.Next.Overdue {
			next = "EN RETARD : " + next
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", g.Number, cut(g.Structure, 30), data.FormatEurosPlain(g.GrantedCents),
			data.FormatEurosPlain(st.PaidCents), data.FormatEurosPlain(st.BalanceCents), conventionCell(st),
			st.CRFStatus.Label()+" (dû le "+st.CRFDue.Format()+")", data.Plain(next))
	}
	sum := followup.Summarize(list)
	fmt.Fprintf(w, "Total (%s)\t\t%s\t%s\t%s\t\t\t\n", count(sum.Grants, "subvention", "subventions"),
		data.FormatEurosPlain(sum.GrantedCents), data.FormatEurosPlain(sum.PaidCents), data.FormatEurosPlain(sum.BalanceCents))
	if err := w.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(a.out, "Situation au %s : %s à signer, %s à verser, %s en retard.\n", day.Format(),
		count(sum.ToSign, "convention", "conventions"), count(sum.ToPay, "subvention", "subventions"),
		count(sum.CRFOverdue, "compte rendu financier", "comptes rendus financiers"))
	return nil
}

func conventionCell(st followup.Status) string {
	g := st.Grant
	switch {
	case !g.ConventionSigned.IsZero():
		return g.ConventionNumber + " signée le " + g.ConventionSigned.Format()
	case st.ConventionRequired:
		return "à signer " + g.ConventionNumber
	case g.ConventionNumber != "":
		return g.ConventionNumber + " (sur demande)"
	}
	return "facultative"
}
