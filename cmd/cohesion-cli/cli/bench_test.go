package cli

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/demo"
	"github.com/call-agglo/cohesion/data/seed"
)

// BenchmarkImport10000 is the user's path end to end: read a CSV file of 10 000
// lines, check every line, write them in one transaction. Target: under 3 s.
func BenchmarkImport10000(b *testing.B) { benchImport(b, 10_000) }

// BenchmarkImport100000 is issue 14's line: 100 000 lines in at most 5 s and
// 150 MB for the whole process (scripts/bench.sh measures the process).
func BenchmarkImport100000(b *testing.B) { benchImport(b, 100_000) }

func benchImport(b *testing.B, n int) {
	c, err := seed.DefaultCampaign()
	if err != nil {
		b.Fatal(err)
	}
	file := filepath.Join(b.TempDir(), "dossiers.csv")
	f, _ := os.Create(file)
	writeApplicationsCSV(f, c, demo.Generate(c, n, 1))
	f.Close()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		db := filepath.Join(b.TempDir(), "c.db")
		if code := run([]string{"--db", db, "import", "applications", file}, strings.NewReader(""), io.Discard, io.Discard); code != 0 {
			b.Fatalf("exit %d", code)
		}
	}
}

func writeApplicationsCSV(w io.Writer, c *data.Campaign, apps []data.Application) {
	cw := csv.NewWriter(w)
	cw.Comma = ';'
	cw.Write([]string{"Date de dépôt", "Structure", "SIRET", "RNA", "Commune", "Courriel", "Téléphone", "Intitulé du projet",
		"Résumé", "Thématique", "QPV", "Nombre de bénéficiaires", "Coût total", "Montant demandé"})
	for _, a := range apps {
		theme := ""
		if len(c.Themes) > 0 {
			theme = c.Themes[int(a.Received.Unix())%len(c.Themes)].Label
		}
		cw.Write([]string{data.FormatDateTime(a.Received), a.Structure.Name, a.Structure.SIRET, a.Structure.RNA, a.Structure.Commune,
			a.Structure.Email, a.Structure.Phone, a.Title, a.Summary, theme, strings.Join(a.QPVs, ","),
			itoa(a.Beneficiaries), data.FormatAmount(a.TotalCents), data.FormatAmount(a.RequestedCents)})
	}
	cw.Flush()
}

func itoa(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

// campaign500 is the data set of the documents' lines of the performance table
// (and of scripts/bench.sh): 500 synthetic dossiers, one juror scoring every
// admissible one 3 to 5 out of 5 on each criterion, so that every ranked dossier
// reaches 10/20, and a uniform split of the envelope, adopted.
func campaign500(b *testing.B) string {
	b.Helper()
	db := filepath.Join(b.TempDir(), "c.db")
	cliOK(b, db, "gen", "--applications", "500", "--seed", "1")
	cliOK(b, db, "--campaign", "SYNTH", "jurors", "add", "Juré unique")
	var apps []struct {
		Number string `json:"number"`
		Status string `json:"status"`
	}
	if err := json.Unmarshal([]byte(cliOK(b, db, "--campaign", "SYNTH", "applications", "--format", "json")), &apps); err != nil {
		b.Fatal(err)
	}
	var sheet strings.Builder
	sheet.WriteString("Numéro;Juré;C1;C2;C3;C4;C5\n")
	n := 0
	for _, a := range apps {
		if a.Status == string(data.StatusIrrecevable) {
			continue
		}
		n++
		fmt.Fprintf(&sheet, "%s;Juré unique;%d;%d;%d;%d;5\n", a.Number, 3+n%3, 3+(n+1)%3, 4+n%2, 3+(n*7)%3)
	}
	scores := filepath.Join(b.TempDir(), "notes.csv")
	if err := os.WriteFile(scores, []byte(sheet.String()), 0o644); err != nil {
		b.Fatal(err)
	}
	cliOK(b, db, "--campaign", "SYNTH", "import", "scores", scores)
	cliOK(b, db, "--campaign", "SYNTH", "allocate", "--method", "uniform", "--save", "Uniforme")
	cliOK(b, db, "--campaign", "SYNTH", "adopt", "Uniforme")
	return db
}

// cliOK runs cohesion-cli in-process on db and returns its output; any failure
// stops the benchmark.
func cliOK(b *testing.B, db string, args ...string) string {
	b.Helper()
	var out, errw bytes.Buffer
	if code := run(append([]string{"--db", db}, args...), strings.NewReader(""), &out, &errw); code != 0 {
		b.Fatalf("%v : code %d : %s", args, code, errw.String())
	}
	return out.String()
}

// BenchmarkReportAnnex500 is `report annex` on campaign500 (about 490 grants),
// reading the base included. Whole process, target ≤ 0,12 s (scripts/bench.sh).
func BenchmarkReportAnnex500(b *testing.B) { benchReport(b, "annex") }

// BenchmarkReportJury500 is `report jury` on campaign500 (about 1 300 pages).
// Whole process, target ≤ 0,7 s and ≤ 80 MiB (scripts/bench.sh).
func BenchmarkReportJury500(b *testing.B) { benchReport(b, "jury") }

func benchReport(b *testing.B, kind string) {
	db := campaign500(b)
	out := filepath.Join(b.TempDir(), kind+".pdf")
	b.ReportAllocs()
	for b.Loop() {
		cliOK(b, db, "--campaign", "SYNTH", "report", kind, "-o", out)
	}
}

// BenchmarkConventions500 is `convention --all` on campaign500 after its
// deliberation, every grant's convention signed (numbered on request below
// 23 000 €): about 490 conventions of two pages, the base read included.
// Whole process, target ≤ 2 s (scripts/bench.sh).
func BenchmarkConventions500(b *testing.B) {
	db := conventions500(b)
	out := filepath.Join(b.TempDir(), "conventions.pdf")
	b.ReportAllocs()
	for b.Loop() {
		cliOK(b, db, "--campaign", "SYNTH", "convention", "--all", "-o", out)
	}
}

// conventions500 is campaign500 deliberated, every grant's convention signed.
func conventions500(b *testing.B) string {
	db := campaign500(b)
	cliOK(b, db, "--campaign", "SYNTH", "deliberation", "record", "--number", "2021-500", "--date", "27/09/2021")
	var grants []struct {
		Number string `json:"number"`
	}
	if err := json.Unmarshal([]byte(cliOK(b, db, "--campaign", "SYNTH", "followup", "--format", "json")), &grants); err != nil {
		b.Fatal(err)
	}
	for _, g := range grants {
		cliOK(b, db, "--campaign", "SYNTH", "convention", "sign", g.Number, "--date", "04/10/2021")
	}
	return db
}
