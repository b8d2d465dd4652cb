package cli

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"runtime/debug"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/demo"
	"github.com/call-agglo/cohesion/data/importer"
	"github.com/call-agglo/cohesion/data/seed"
)

func (a *cli) cmdInit(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("init", flag.ContinueOnError)
	withDemo := fs.Bool("demo", false, "")
	if err := noArgs(fs, args); err != nil {
		return err
	}
	db, err := a.openBase(ctx)
	if err != nil {
		return err
	}
	a.db = db
	seeded, err := seed.EnsureDefault(ctx, db)
	if err != nil {
		return err
	}
	if seeded {
		fmt.Fprintf(a.out, "Base créée : %s\nCampagne AMI2021 (CALL) installée.\n", a.dbPath)
	} else {
		fmt.Fprintf(a.out, "Base existante : %s (rien à créer).\n", a.dbPath)
	}
	if *withDemo {
		c, n, err := demo.Load(ctx, db)
		if err != nil {
			return err
		}
		fmt.Fprintf(a.out, "Jeu de démonstration fictif : %d dossiers dans la campagne %s.\n", n, c.Code)
	}
	return nil
}

func (a *cli) cmdCampaigns(ctx context.Context, args []string) error {
	if len(args) > 0 {
		return usageError{"argument inattendu « " + args[0] + " »"}
	}
	db, err := a.open(ctx)
	if err != nil {
		return err
	}
	cs, err := db.Campaigns(ctx)
	if err != nil {
		return err
	}
	w := tabwriter.NewWriter(a.out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "Code\tEnveloppe\tDate limite\tIntitulé")
	for _, c := range cs {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", c.Code, data.FormatEurosPlain(c.EnvelopeCents), c.Deadline.Format(), c.Title)
	}
	return w.Flush()
}

func (a *cli) cmdImport(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	dry := fs.Bool("dry-run", false, "")
	mapping := fs.String("mapping", "", "")
	update := fs.Bool("update", false, "")
	renumber := fs.Bool("renumber", false, "")
	format := fs.String("format", "text", "")
	createJurors := fs.Bool("create-jurors", false, "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if err := checkFormat(*format, "text", "json"); err != nil {
		return err
	}
	if len(pos) >= 2 && pos[0] == "scores" {
		if *mapping != "" || *update || *renumber {
			return usageError{"--mapping, --update et --renumber ne s'appliquent qu'à l'import de dossiers"}
		}
		return a.cmdImportScores(ctx, pos[1:], *dry, *createJurors)
	}
	if *createJurors {
		return usageError{"--create-jurors ne s'applique qu'à l'import de grilles"}
	}
	if len(pos) != 2 || pos[0] != "applications" {
		return usageError{"indiquez « applications » ou « scores », puis le fichier à importer"}
	}
	db, c, err := a.current(ctx)
	if err != nil {
		return err
	}
	// The file's cells stay in memory until its last line is written (each
	// line is made from them as it is written): Go collects when the heap has
	// grown by 100 % of them, 50 % keeps a file of 100 000 lines near 110 MB
	// rather than 140 for a few per cent of time (issue 14).
	defer debug.SetGCPercent(debug.SetGCPercent(50))
	t, err := importer.ReadApplicationsFile(pos[1])
	if err != nil {
		return err
	}
	if *mapping != "" {
		m, err := db.Mapping(ctx, *mapping)
		if err != nil {
			return err
		}
		if t, err = importer.Apply(t, m); err != nil {
			return err
		}
	}
	res := importer.Applications(c, t, db.Now())
	if !res.OK() {
		fmt.Fprint(a.errw, res.Report()) // names every bad line, and the ignored columns
		return data.Errorf(data.EINVALID, "%s : rien n'a été importé.", count(len(res.Errors), "erreur", "erreurs"))
	}
	for _, n := range res.Notes() { // the platform recognised, the warnings, the ignored columns
		fmt.Fprintln(a.errw, n)
	}
	start := time.Now()
	sum, err := db.ImportApplications(ctx, c, res, data.ImportOptions{DryRun: *dry, Update: *update, Fields: res.Fields,
		Renumber: *renumber, FromDS: res.Source == importer.SourceDS})
	if err != nil {
		return err
	}
	if *format == "json" {
		return writeJSON(a, sum)
	}
	a.importSummary(c, sum, *dry, *update, time.Since(start))
	return nil
}

// importSummary says what an import did, in French.
func (a *cli) importSummary(c *data.Campaign, sum data.ImportSummary, dry, update bool, took time.Duration) {
	var first string
	switch {
	case dry:
		first = fmt.Sprintf("Vérification réussie : %s et %s mis à jour dans %s (aucune écriture).",
			data.Count(sum.Created, "dossier serait créé", "dossiers seraient créés"), data.FormatInt(int64(sum.Updated)), c.Code)
	case update:
		first = fmt.Sprintf("%s dans %s en %s.", sum.Counts(), c.Code, seconds(took))
	default:
		first = fmt.Sprintf("%s dans %s en %s.", data.Count(sum.Created, "dossier importé", "dossiers importés"), c.Code, seconds(took))
	}
	for _, l := range append([]string{first}, sum.Details(true)...) {
		fmt.Fprintln(a.out, data.Plain(l))
	}
}

// count is data.Count with ordinary spaces, for the terminal.
func count(n int, one, many string) string { return data.Plain(data.Count(n, one, many)) }

// seconds writes a duration the French way: « 3,98 s », « 0,04 s ».
func seconds(d time.Duration) string {
	return data.FormatDecimal(d.Seconds(), 2) + " s"
}

// applicationJSON is the documented JSON shape of `applications --format json`.
type applicationJSON struct {
	Number         string   `json:"number"`
	Structure      string   `json:"structure"`
	SIRET          string   `json:"siret"`
	Title          string   `json:"title"`
	Theme          string   `json:"theme"`
	QPV            []string `json:"qpv"`
	Commune        string   `json:"commune"`
	CommuneINSEE   string   `json:"commune_insee"`
	PostalCode     string   `json:"postal_code"` // the head office's, for the post
	Town           string   `json:"town"`
	Received       string   `json:"received"`
	TotalCents     int64    `json:"total_cents"`
	RequestedCents int64    `json:"requested_cents"`
	Status         string   `json:"status"`
	StatusLabel    string   `json:"status_label"`
	Late           bool     `json:"late"`
	Reference      string   `json:"reference"` // the applicant's own number, for a renumbered dossier
	// History is the structure's dossiers in the other campaigns of the base.
	History []dossierJSON `json:"history"`
	// CRFOverdueElsewhere: a compte rendu financier overdue or refused in
	// that history forbids a new grant (loi 2000-321 art. 10).
	CRFOverdueElsewhere bool `json:"crf_overdue_elsewhere"`
}

func (a *cli) cmdApplications(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("applications", flag.ContinueOnError)
	format := fs.String("format", "table", "")
	if err := noArgs(fs, args); err != nil {
		return err
	}
	if err := checkFormat(*format, "table", "csv", "json"); err != nil {
		return err
	}
	db, c, err := a.current(ctx)
	if err != nil {
		return err
	}
	rows, tot, err := db.ListApplications(ctx, c.ID, data.Filter{})
	if err != nil {
		return err
	}
	switch *format {
	case "json":
		all, err := db.StructureDossiers(ctx)
		if err != nil {
			return err
		}
		enc := json.NewEncoder(a.out)
		enc.SetIndent("", "  ")
		return enc.Encode(applicationsJSON(rows, data.NewDirectory(all)))
	case "csv":
		w := csv.NewWriter(a.out)
		w.Comma = ';'
		w.Write([]string{"Numéro", "Date de dépôt", "Structure", "SIRET", "Intitulé du projet", "Thématique", "QPV", "Commune", "Coût total", "Montant demandé", "Statut", "Hors délai"})
		for _, r := range rows {
			w.Write([]string{r.Number, data.FormatDateTime(r.Received), r.Structure, r.SIRET, r.Title, r.Theme, strings.Join(r.QPVs, ","),
				communeOf(r), plainAmount(r.TotalCents), plainAmount(r.RequestedCents), r.Status.Label(), ouiNon(r.Late)})
		}
		w.Flush()
		return w.Error()
	}
	w := tabwriter.NewWriter(a.out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "Numéro\tDépôt\tStructure\tProjet\tThématique\tQPV\tDemandé\tStatut")
	for _, r := range rows {
		status := r.Status.Label()
		if r.Late {
			status += " (hors délai)"
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r.Number, data.DateOf(r.Received).Format(), cut(r.Structure, 32), cut(r.Title, 40),
			r.Theme, strings.Join(r.QPVs, ","), data.FormatEurosPlain(r.RequestedCents), status)
	}
	w.Flush()
	fmt.Fprintf(a.out, "%s — demandé : %s pour une enveloppe de %s\n", count(tot.Count, "dossier", "dossiers"), data.FormatEurosPlain(tot.RequestedCents), data.FormatEurosPlain(c.EnvelopeCents))
	return nil
}

// applicationsJSON is the register as `applications --format json` writes
// it, each dossier with its structure's history in the other campaigns.
func applicationsJSON(rows []data.Row, dir *data.Directory) []applicationJSON {
	out := make([]applicationJSON, 0, len(rows))
	for _, r := range rows {
		qpv := r.QPVs
		if qpv == nil {
			qpv = []string{}
		}
		history := dir.History(r.ID)
		out = append(out, applicationJSON{r.Number, r.Structure, r.SIRET, r.Title, r.Theme, qpv, communeOf(r), r.Commune, r.PostalCode, r.Town,
			r.Received.In(data.Paris).Format(time.RFC3339), r.TotalCents, r.RequestedCents, string(r.Status), r.Status.Label(), r.Late, r.Reference,
			dossiersJSON(history), data.CRFOverdueElsewhere(history)})
	}
	return out
}

func communeOf(r data.Row) string {
	if r.Commune == "" {
		return ""
	}
	return r.CommuneName
}

// plainAmount is an amount for a French spreadsheet: 12500,50 (no grouping, so
// it stays a number once opened).
func plainAmount(c int64) string {
	return strconv.FormatInt(c/100, 10) + "," + fmt.Sprintf("%02d", c%100)
}

func ouiNon(b bool) string {
	if b {
		return "oui"
	}
	return "non"
}

func cut(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

func (a *cli) cmdGen(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	n := fs.Int("applications", 0, "")
	seedValue := fs.Int64("seed", 1, "")
	if err := noArgs(fs, args); err != nil {
		return err
	}
	if *n <= 0 || *n > 1_000_000 {
		return usageError{"--applications attend un nombre entre 1 et 1 000 000"}
	}
	db, err := a.open(ctx)
	if err != nil {
		return err
	}
	start := time.Now()
	c, written, err := demo.Fill(ctx, db, *n, *seedValue)
	if err != nil {
		return err
	}
	fmt.Fprintf(a.out, "%s à la campagne %s en %s.\n", count(written, "dossier synthétique ajouté", "dossiers synthétiques ajoutés"), c.Code, seconds(time.Since(start)))
	return nil
}
