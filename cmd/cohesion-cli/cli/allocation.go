package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/alloc"
	"github.com/call-agglo/cohesion/data/campaign"
)

func init() {
	commands["allocate"] = command{"allocate --method rank|proportional|uniform [--step EUROS] [--min EUROS] [--cap-percent N] [--no-partial] [--lock NUMÉRO=EUROS]… [--save NOM] [--format table|json]",
		"répartit l'enveloppe entre les dossiers retenus", (*cli).cmdAllocate}
	commands["scenarios"] = command{"scenarios", "liste les scénarios de répartition enregistrés", (*cli).cmdScenarios}
	commands["adopt"] = command{"adopt NOM", "adopte un scénario de répartition (celui que les documents impriment)", (*cli).cmdAdopt}
}

// lockFlags collects --lock NUMBER=EUROS, repeatable.
type lockFlags []string

func (l *lockFlags) String() string     { return strings.Join(*l, ",") }
func (l *lockFlags) Set(v string) error { *l = append(*l, v); return nil }

// allocationJSON is the documented JSON shape of `allocate --format json`.
type allocationJSON struct {
	Method         string     `json:"method"`
	EnvelopeCents  int64      `json:"envelope_cents"`
	TotalCents     int64      `json:"total_cents"`
	RemainderCents int64      `json:"remainder_cents"`
	Lines          []lineJSON `json:"lines"`
}

type lineJSON struct {
	Rank           int    `json:"rank"`
	Number         string `json:"number"`
	RequestedCents int64  `json:"requested_cents"`
	CapCents       int64  `json:"cap_cents"`
	AmountCents    int64  `json:"amount_cents"`
	Locked         bool   `json:"locked"`
}

// allocateFlags are the options of `allocate`, as typed.
type allocateFlags struct {
	method, step, minGrant, save, format string
	capPct                               int
	noPartial, force                     bool
	locks                                lockFlags
}

func (a *cli) cmdAllocate(ctx context.Context, args []string) error {
	var f allocateFlags
	fs := flag.NewFlagSet("allocate", flag.ContinueOnError)
	fs.StringVar(&f.method, "method", "", "")
	fs.StringVar(&f.step, "step", "1", "")
	fs.StringVar(&f.minGrant, "min", "0", "")
	fs.IntVar(&f.capPct, "cap-percent", 100, "")
	fs.BoolVar(&f.noPartial, "no-partial", false, "")
	fs.StringVar(&f.save, "save", "", "")
	fs.StringVar(&f.format, "format", "table", "")
	fs.BoolVar(&f.force, "force", false, "")
	fs.Var(&f.locks, "lock", "")
	if err := noArgs(fs, args); err != nil {
		return err
	}
	if f.method == "" {
		return usageError{"indiquez --method rank, proportional ou uniform"}
	}
	m, err := alloc.ParseMethod(f.method)
	if err != nil {
		return usageError{data.ErrorMessage(err)}
	}
	if err := checkFormat(f.format, "table", "json"); err != nil {
		return err
	}
	db, c, err := a.current(ctx)
	if err != nil {
		return err
	}
	p, err := f.params(m, c.EnvelopeCents)
	if err != nil {
		return err
	}
	v, err := campaign.Load(ctx, db, c.ID, data.SnapshotOptions{})
	if err != nil {
		return err
	}
	split := v.Split
	lockAmounts, err := lockedAmounts(ctx, db, c.ID, split, f.locks)
	if err != nil {
		return err
	}
	res, err := split.Compute(p, lockAmounts)
	if err != nil {
		return err
	}
	if f.save != "" {
		if _, err := db.SaveScenario(ctx, c, f.save, res, lockAmounts, split.Fingerprint, f.force); err != nil {
			var adopted *data.AdoptedChangeError
			if errors.As(err, &adopted) {
				return data.Errorf(data.ECONFLICT, "%s Ajoutez --force pour le modifier quand même.", adopted.Error())
			}
			return err
		}
	}
	if f.format == "json" {
		return writeJSON(a, allocationJSONOf(res))
	}
	a.printAllocation(res, split)
	if f.save != "" {
		fmt.Fprintf(a.out, "Scénario « %s » enregistré.\n", data.Clean(f.save))
	}
	return nil
}

// params are the split's parameters: the campaign's envelope, the method, and
// the options; amounts in euros as a person types them.
func (f *allocateFlags) params(m alloc.Method, envelope int64) (alloc.Params, error) {
	p := alloc.DefaultParams(envelope)
	p.Method, p.CapPercent, p.Partial = m, f.capPct, !f.noPartial
	var err error
	if p.StepCents, err = data.ParseAmount(f.step); err != nil {
		return p, usageError{"--step : " + data.ErrorMessage(err)}
	}
	if p.MinCents, err = data.ParseAmount(f.minGrant); err != nil {
		return p, usageError{"--min : " + data.ErrorMessage(err)}
	}
	return p, p.Validate()
}

// lockedAmounts reads each --lock NUMÉRO=EUROS as a fixed amount by
// application ID; every locked dossier must be a candidate to the split.
func lockedAmounts(ctx context.Context, db data.Register, campaignID int64, split *campaign.Split, locks lockFlags) (map[int64]int64, error) {
	amounts := map[int64]int64{}
	for _, l := range locks {
		number, euros, ok := strings.Cut(l, "=")
		if !ok {
			return nil, usageError{"--lock attend NUMÉRO=EUROS, par exemple --lock AMI2021-004=12000"}
		}
		ap, err := db.ApplicationByNumber(ctx, campaignID, number)
		if err != nil {
			return nil, err
		}
		v, err := data.ParseAmount(euros)
		if err != nil {
			return nil, usageError{"--lock " + number + " : " + data.ErrorMessage(err)}
		}
		amounts[ap.ID] = v
	}
	for id := range amounts {
		if !split.IsCandidate(id) {
			return nil, data.Errorf(data.EINVALID, "Un dossier fixé par --lock n'est pas candidat à la répartition (non classé, sous le seuil ou non retenu).")
		}
	}
	return amounts, nil
}

// allocationJSONOf is a split in the documented JSON shape.
func allocationJSONOf(res *alloc.Result) allocationJSON {
	out := allocationJSON{Method: string(res.Method), EnvelopeCents: res.EnvelopeCents, TotalCents: res.TotalCents, RemainderCents: res.RemainderCents, Lines: []lineJSON{}}
	for _, l := range res.Lines {
		out.Lines = append(out.Lines, lineJSON{l.Rank, l.Number, l.RequestedCents, l.CapCents, l.AmountCents, l.Locked})
	}
	return out
}

// printAllocation writes a split as a table, then its totals in one sentence.
func (a *cli) printAllocation(res *alloc.Result, split *campaign.Split) {
	w := tabwriter.NewWriter(a.out, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "Rang\tNuméro\tStructure\tDemandé\tPlafond\tMontant\tFixé\t")
	for _, l := range res.Lines {
		fixed := ""
		if l.Locked {
			fixed = "oui"
		}
		fmt.Fprintf(w, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t\n", l.Rank, l.Number, cut(split.Rows[l.ID].Structure, 30),
			data.FormatEurosPlain(l.RequestedCents), data.FormatEurosPlain(l.CapCents), data.FormatEurosPlain(l.AmountCents), fixed)
	}
	w.Flush()
	fmt.Fprintf(a.out, "%s — enveloppe %s, réparti %s, reliquat %s, %s.\n", res.Method.Label(),
		data.FormatEurosPlain(res.EnvelopeCents), data.FormatEurosPlain(res.TotalCents), data.FormatEurosPlain(res.RemainderCents),
		count(res.Funded, "projet financé", "projets financés"))
}

func (a *cli) cmdScenarios(ctx context.Context, args []string) error {
	if len(args) > 0 {
		return usageError{"argument inattendu « " + args[0] + " »"}
	}
	db, c, err := a.current(ctx)
	if err != nil {
		return err
	}
	v, err := campaign.Load(ctx, db, c.ID, data.SnapshotOptions{})
	if err != nil {
		return err
	}
	list := v.Scenarios
	w := tabwriter.NewWriter(a.out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "Nom\tMéthode\tRéparti\tReliquat\tÉtat\tModifié le")
	for _, s := range list {
		state := ""
		if s.Adopted() {
			state = "adopté"
		}
		if v.Stale(s) {
			state = strings.TrimSpace(state + " à recalculer (notes ou décisions changées)")
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\n", s.Name, s.Params.Method.Label(), data.FormatEurosPlain(s.TotalCents),
			data.FormatEurosPlain(s.RemainderCents), state, data.FormatDateTime(s.UpdatedAt))
	}
	return w.Flush()
}

func (a *cli) cmdAdopt(ctx context.Context, args []string) error {
	if len(args) != 1 {
		return usageError{"indiquez le nom du scénario à adopter"}
	}
	db, c, err := a.current(ctx)
	if err != nil {
		return err
	}
	if before, err := campaign.Load(ctx, db, c.ID, data.SnapshotOptions{Scenario: args[0]}); err == nil && before.Scenario != nil {
		writeReview(a.errw, "l'adoption", before.Review(campaign.Funded(before.Scenario)))
	}
	if err := db.AdoptScenario(ctx, c.ID, args[0]); err != nil {
		return err
	}
	v, err := campaign.Load(ctx, db, c.ID, data.SnapshotOptions{})
	if err != nil {
		return err
	}
	s := v.Scenario
	fmt.Fprintf(a.out, "Scénario « %s » adopté : %s répartis, reliquat %s.\n", s.Name, data.FormatEurosPlain(s.TotalCents), data.FormatEurosPlain(s.RemainderCents))
	if v.ScenarioStale() {
		fmt.Fprintln(a.errw, "Attention : les notes ou les décisions ont changé depuis l'enregistrement de ce scénario ; recalculez-le.")
	}
	return nil
}
