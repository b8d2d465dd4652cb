package cli

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"math/big"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/campaign"
	"github.com/call-agglo/cohesion/data/importer"
	"github.com/call-agglo/cohesion/data/jury"
	"github.com/call-agglo/cohesion/data/sheet"
)

func init() {
	commands["jurors"] = command{"jurors [--format table|json] | jurors add NOM [--college C] [--email E]", "liste ou complète le jury", (*cli).cmdJurors}
	commands["conflicts"] = command{"conflicts | conflicts add --juror NOM --application NUMÉRO [--reason TEXTE]", "liste ou déclare les déports", (*cli).cmdConflicts}
	commands["ranking"] = command{"ranking [--format table|csv|json]", "calcule le classement selon les règles publiées", (*cli).cmdRanking}
	commands["decide"] = command{"decide NUMÉRO retenu|non-retenu|ajourne [--motivation TEXTE] [--date JJ/MM/AAAA] [--force [--reason MOTIF]]", "enregistre la décision du jury (sur un dossier déclaré recevable ; --force passe outre, inscrit au journal ; retenir une structure dont le compte rendu financier est en retard ou refusé dans une autre campagne demande --force et le motif de la dérogation, --reason : loi 2000-321 art. 10)", (*cli).cmdDecide}
}

func (a *cli) cmdJurors(ctx context.Context, args []string) error {
	if len(args) > 0 && args[0] == "add" {
		fs := flag.NewFlagSet("jurors add", flag.ContinueOnError)
		college := fs.String("college", string(data.CollegeQualifiee), "")
		email := fs.String("email", "", "")
		pos, err := parse(fs, args[1:])
		if err != nil {
			return err
		}
		if len(pos) != 1 {
			return usageError{"indiquez le nom du juré (entre guillemets s'il contient des espaces)"}
		}
		col, err := data.ParseCollege(*college)
		if err != nil {
			return err
		}
		db, c, err := a.current(ctx)
		if err != nil {
			return err
		}
		j := &data.Juror{CampaignID: c.ID, Name: pos[0], College: col, Email: *email}
		if err := db.AddJuror(ctx, j); err != nil {
			return err
		}
		fmt.Fprintf(a.out, "%s (%s) ajouté(e) au jury de %s.\n", j.Name, j.College.Label(), c.Code)
		return nil
	}
	fs := flag.NewFlagSet("jurors", flag.ContinueOnError)
	format := fs.String("format", "table", "")
	if err := noArgs(fs, args); err != nil {
		return err
	}
	if err := checkFormat(*format, "table", "json"); err != nil {
		return err
	}
	db, c, err := a.current(ctx)
	if err != nil {
		return err
	}
	jurors, err := db.Jurors(ctx, c.ID)
	if err != nil {
		return err
	}
	if *format == "json" {
		type jj struct {
			Name         string `json:"name"`
			College      string `json:"college"`
			CollegeLabel string `json:"college_label"`
			Email        string `json:"email"`
		}
		out := make([]jj, 0, len(jurors))
		for _, j := range jurors {
			out = append(out, jj{j.Name, string(j.College), j.College.Label(), j.Email})
		}
		return writeJSON(a, out)
	}
	w := tabwriter.NewWriter(a.out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "Nom\tCollège\tCourriel")
	for _, j := range jurors {
		fmt.Fprintf(w, "%s\t%s\t%s\n", j.Name, j.College.Label(), j.Email)
	}
	return w.Flush()
}

func writeJSON(a *cli, v any) error {
	enc := json.NewEncoder(a.out)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func (a *cli) cmdConflicts(ctx context.Context, args []string) error {
	if len(args) > 0 && args[0] != "add" {
		return usageError{"argument inattendu « " + args[0] + " »"}
	}
	db, c, err := a.current(ctx)
	if err != nil {
		return err
	}
	if len(args) > 0 {
		fs := flag.NewFlagSet("conflicts add", flag.ContinueOnError)
		juror := fs.String("juror", "", "")
		number := fs.String("application", "", "")
		reason := fs.String("reason", "", "")
		if pos, err := parse(fs, args[1:]); err != nil {
			return err
		} else if len(pos) > 0 || *juror == "" || *number == "" {
			return usageError{"indiquez --juror et --application"}
		}
		j, err := db.JurorByName(ctx, c.ID, *juror)
		if err != nil {
			return err
		}
		ap, err := db.ApplicationByNumber(ctx, c.ID, *number)
		if err != nil {
			return err
		}
		excluded, err := db.AddConflict(ctx, j.ID, ap.ID, *reason)
		if err != nil {
			return err
		}
		fmt.Fprintf(a.out, "Déport déclaré : %s pour %s.\n", j.Name, ap.Number)
		if excluded {
			fmt.Fprintln(a.out, "Ses notes déjà saisies pour ce dossier sont conservées et ne comptent plus.")
		}
		return nil
	}
	ks, err := db.Conflicts(ctx, c.ID)
	if err != nil {
		return err
	}
	w := tabwriter.NewWriter(a.out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "Dossier\tJuré\tMotif\tDéclaré le")
	for _, k := range ks {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", k.Number, k.JurorName, k.Reason, data.FormatDateTime(k.DeclaredAt))
	}
	return w.Flush()
}

// cmdImportScores is `import scores FILE… [--dry-run] [--create-jurors]`:
// every file is checked, then all are written in one transaction, or none.
func (a *cli) cmdImportScores(ctx context.Context, files []string, dry, createJurors bool) error {
	db, c, err := a.current(ctx)
	if err != nil {
		return err
	}
	snap, err := db.Snapshot(ctx, c.ID, data.SnapshotOptions{})
	if err != nil {
		return err
	}
	w := data.ScoreWrite{DryRun: dry}
	sheets := 0
	for _, file := range files {
		res, err := a.readScores(c, snap, file, createJurors)
		if err != nil {
			return err
		}
		for _, n := range res.NewJurors {
			w.NewJurors = append(w.NewJurors, &data.Juror{Name: n, College: data.CollegeQualifiee})
		}
		w.Changes = append(w.Changes, res.Changes()...)
		sheets += len(res.Sheets)
	}
	if err := db.WriteScores(ctx, c, w); err != nil {
		return err
	}
	if dry {
		fmt.Fprintf(a.out, "Vérification réussie : %s dans %s (aucune écriture).\n", count(sheets, "grille serait importée", "grilles seraient importées"), c.Code)
		return nil
	}
	fmt.Fprintf(a.out, "%s dans %s", count(sheets, "grille importée", "grilles importées"), c.Code)
	if len(w.NewJurors) > 0 {
		fmt.Fprintf(a.out, ", %s", count(len(w.NewJurors), "juré créé", "jurés créés"))
	}
	fmt.Fprintln(a.out, ".")
	return nil
}

// readScores reads and checks one score file against the snapshot.
func (a *cli) readScores(c *data.Campaign, snap *data.Snapshot, file string, createJurors bool) (*importer.ScoresResult, error) {
	t, err := sheet.ReadFileWith(file, importer.ScoreSheets) // a juror's workbook: its « Notes » sheet
	if err != nil {
		return nil, err
	}
	lk := importer.LookupOf(snap)
	lk.CreateJurors = createJurors
	res := importer.Scores(c, t, lk)
	if !res.OK() {
		fmt.Fprint(a.errw, res.Report())
		return nil, data.Errorf(data.EINVALID, "%s : %s ; rien n'a été importé.", filepath.Base(file), count(len(res.Errors), "erreur", "erreurs"))
	}
	for _, w := range res.Warnings {
		fmt.Fprintln(a.errw, "Attention : "+w)
	}
	return res, nil
}

// rankingJSON is the documented JSON shape of `ranking --format json`.
type rankingJSON struct {
	Rank       int      `json:"rank"`
	Number     string   `json:"number"`
	Structure  string   `json:"structure"`
	Title      string   `json:"title"`
	Theme      string   `json:"theme"`
	Score      *float64 `json:"score"`
	ScoreExact string   `json:"score_exact,omitempty"`
	Sheets     int      `json:"sheets"`
	Harmonised *float64 `json:"harmonised"`
	Flags      []string `json:"flags"`
	TieBreak   string   `json:"tie_break,omitempty"`
	Decision   string   `json:"decision,omitempty"`
	Proposed   string   `json:"proposed,omitempty"`
}

func (a *cli) cmdRanking(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("ranking", flag.ContinueOnError)
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
	v, err := campaign.Load(ctx, db, c.ID, data.SnapshotOptions{History: true}) // the alert of loi 2000-321 art. 10
	if err != nil {
		return err
	}
	rows := v.Ranked
	if *format == "table" {
		defer writePending(a.out, v)
	} else {
		writePending(a.errw, v) // the JSON and CSV hold the ranking only
	}
	switch *format {
	case "json":
		out := []rankingJSON{}
		for _, r := range rows {
			if r.Rank == 0 {
				continue // the JSON lists the ranking itself, in rank order
			}
			out = append(out, rankingLine(r))
		}
		return writeJSON(a, out)
	case "csv":
		w := csv.NewWriter(a.out)
		w.Comma = ';'
		w.Write([]string{"Rang", "Numéro", "Structure", "Intitulé du projet", "Thématique", "Note /20", "Grilles comptées", "Note harmonisée", "Alertes", "Décision"})
		for _, r := range rows {
			w.Write([]string{rankCell(r), r.Number, r.Row.Structure, r.Row.Title, r.Row.Theme, scoreCell(r.F), strconv.Itoa(r.Counted),
				harmonisedCell(r), strings.Join(r.Flags, " ; "), decisionCell(r)})
		}
		w.Flush()
		return w.Error()
	}
	w := tabwriter.NewWriter(a.out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "Rang\tNuméro\tStructure\tProjet\tNote /20\tGrilles\tHarmonisée\tAlertes\tDécision")
	for _, r := range rows {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%d\t%s\t%s\t%s\n", rankCell(r), r.Number, cut(r.Row.Structure, 28), cut(r.Row.Title, 34),
			jury.FormatScore(r.F), r.Counted, harmonisedCell(r), strings.Join(r.Flags, " ; "), decisionCell(r))
	}
	return w.Flush()
}

func rankingLine(r campaign.RankingRow) rankingJSON {
	l := rankingJSON{Rank: r.Rank, Number: r.Number, Structure: r.Row.Structure, Title: r.Row.Title, Theme: r.Row.Theme,
		Sheets: r.Counted, Flags: append([]string{}, r.Flags...), TieBreak: r.TieBreak, Proposed: string(r.Proposed)}
	if r.F != nil {
		v := float64(r.FHundredths()) / 100
		l.Score = &v
		l.ScoreExact = r.F.RatString()
	}
	if r.HasHarmonised {
		h := float64(int64(r.Harmonised*100+0.5)) / 100
		l.Harmonised = &h
	}
	if r.Decision != nil {
		l.Decision = string(r.Decision.Decision)
	}
	return l
}

func rankCell(r campaign.RankingRow) string {
	if r.Rank == 0 {
		return "—"
	}
	return strconv.Itoa(r.Rank)
}

// scoreCell is F with two decimals and a French comma, blank without sheets.
func scoreCell(f *big.Rat) string {
	if f == nil {
		return ""
	}
	return jury.FormatScore(f)
}

func harmonisedCell(r campaign.RankingRow) string { return r.HarmonisedText() }

func decisionCell(r campaign.RankingRow) string { return r.DecisionText() }

func (a *cli) cmdDecide(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("decide", flag.ContinueOnError)
	motivation := fs.String("motivation", "", "")
	date := fs.String("date", "", "")
	force := fs.Bool("force", false, "")
	reason := fs.String("reason", "", "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		return usageError{"indiquez le numéro du dossier et la décision"}
	}
	if *reason != "" && !*force {
		return usageError{"--reason, le motif d'une dérogation, va avec --force"}
	}
	dec, err := data.ParseDecision(pos[1])
	if err != nil {
		return usageError{data.ErrorMessage(err)}
	}
	db, c, err := a.current(ctx)
	if err != nil {
		return err
	}
	ap, err := db.ApplicationByNumber(ctx, c.ID, pos[0])
	if err != nil {
		return err
	}
	d := &data.JuryDecision{ApplicationID: ap.ID, Decision: dec, Motivation: *motivation, JuryDate: c.Jury.From, Force: *force, CRFExemption: *reason}
	if *date != "" {
		if d.JuryDate, err = data.ParseDate(*date); err != nil {
			return err
		}
	}
	if err := db.Decide(ctx, d); err != nil {
		return err
	}
	fmt.Fprintf(a.out, "%s : %s.\n", ap.Number, strings.ToLower(dec.Label()))
	return nil
}
