package cli

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// grantsDB is a base whose campaign AMI2021 has three dossiers scored and
// funded in full by the adopted rank scenario: 30 000 € (a convention
// required), 23 000 € exactly (none required) and 6 000 €. With deliberate,
// the deliberation n° 2021-154 of 27/09/2021 is recorded.
func grantsDB(t *testing.T, db string, deliberate bool) string {
	t.Helper()
	runCLI(t, db, "init")
	// The postal addresses, for the follow-up's letters.
	file := writeFile(t, "dossiers.csv", strings.TrimSuffix(header, "\n")+";Adresse;Code postal;Localité\n"+
		";12/04/2021 14:30;Les Petits Pas;73282932000074;Avion;Vélo-école;Mobilité;QP062019;60 000;30 000;;12 rue Jean Jaurès;62210;Avion\n"+
		";13/04/2021 10:00;L'Étoile;44231706000014;Lens;Atelier santé;Santé;QP062024;40 000;23 000;;3 place de la Gare;62300;Lens\n"+
		";14/04/2021 11:00;Avenir;50123456700011;Liévin;Réussite;Éducation;QP062002;9 000;6 000;;8 rue Casimir Beugnet;62800;Liévin\n")
	scores := writeFile(t, "notes.csv", "Numéro;Juré;1;2;3;4;5\nAMI2021-001;Mme Durand;5;5;5;5;5\nAMI2021-002;Mme Durand;4;4;4;4;4\nAMI2021-003;Mme Durand;4;4;3;3;3\n")
	steps := [][]string{{"import", "applications", file}, {"campaign", "set", "siret=24620036400015", "payment-dates=01/11/2021"},
		{"status", "--all-received", "recevable", "--reason", "Pièces vérifiées sur la plateforme"},
		{"jurors", "add", "Mme Durand", "--college", "élu"}, {"import", "scores", scores},
		{"allocate", "--method", "rank", "--save", "Rang"}, {"adopt", "Rang"}}
	if deliberate {
		steps = append(steps, []string{"deliberation", "record", "--number", "2021-154", "--date", "27/09/2021"})
	}
	for _, args := range steps {
		if code, _, errs := runCLI(t, db, args...); code != 0 {
			t.Fatalf("%v: %s", args, errs)
		}
	}
	return db
}

type grantOut struct {
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

func followUpOf(t *testing.T, db string, args ...string) []grantOut {
	t.Helper()
	code, out, errs := runCLI(t, db, append([]string{"followup", "--format", "json"}, args...)...)
	if code != 0 {
		t.Fatalf("followup: %d %s", code, errs)
	}
	var gs []grantOut
	if err := json.Unmarshal([]byte(out), &gs); err != nil {
		t.Fatalf("JSON: %v\n%s", err, out)
	}
	return gs
}

// mustRun runs a command that must succeed and returns its output.
func mustRun(t *testing.T, db string, args ...string) string {
	t.Helper()
	code, out, errs := runCLI(t, db, args...)
	if code != 0 {
		t.Fatalf("%v: %d %s", args, code, errs)
	}
	return out
}

// refusedCLI runs a command that must fail with status 1 and a message.
func refusedCLI(t *testing.T, db, want string, args ...string) {
	t.Helper()
	code, _, errs := runCLI(t, db, args...)
	if code != 1 || !strings.Contains(errs, want) {
		t.Errorf("%v: %d %q, want status 1 naming « %s »", args, code, errs, want)
	}
}

// Before the deliberation, nothing to follow: the list is empty and every
// write is refused, naming the deliberation.
func TestFollowUpBeforeDeliberation(t *testing.T) {
	db := grantsDB(t, filepath.Join(t.TempDir(), "c.db"), false)
	if gs := followUpOf(t, db); len(gs) != 0 {
		t.Fatalf("grants before the deliberation: %+v", gs)
	}
	if out := mustRun(t, db, "followup"); !strings.Contains(out, "pas de délibération") {
		t.Errorf("table before the deliberation: %q", out)
	}
	refusedCLI(t, db, "pas de délibération", "payments", "record", "AMI2021-002", "--amount", "100", "--date", "01/10/2021")
	refusedCLI(t, db, "pas de délibération", "convention", "sign", "AMI2021-001", "--date", "01/10/2021")
	refusedCLI(t, db, "pas de délibération", "export", "payments", "-o", filepath.Join(t.TempDir(), "v.csv"))
}

// The whole follow-up on both engines: the grants and their thresholds, a
// convention signed, payments within the rules, a CRF, a reversal, the
// journal intact.
func TestFollowUpCommands(t *testing.T) {
	eachBase(t, func(t *testing.T, db string) {
		grantsDB(t, db, true)
		gs := followUpOf(t, db, "--at", "01/10/2021")
		if len(gs) != 3 || gs[0].Number != "AMI2021-001" || gs[0].GrantedCents != 3_000_000 || !gs[0].ConventionRequired ||
			gs[1].GrantedCents != 2_300_000 || gs[1].ConventionRequired || gs[1].SIRET != "44231706000014" || gs[1].Structure != "L'Étoile" {
			t.Fatalf("grants: %+v", gs)
		}
		if g := gs[0]; g.NextStep != "Signer la convention" || g.CRFDue != "2022-06-30" || g.CRFStatus != "attendu" || g.UsedCents != nil ||
			g.ConventionSigned != nil || g.BalanceCents != 3_000_000 || g.Overdue {
			t.Errorf("the large grant: %+v", g)
		}
		if g := gs[1]; g.NextStep != "Verser 23 000,00 €" {
			t.Errorf("the grant of 23 000 €: next step %q", g.NextStep)
		}
		refusedCLI(t, db, "convention n'est pas signée", "payments", "record", "AMI2021-001", "--amount", "15 000", "--date", "01/10/2021")
		refusedCLI(t, db, "précède la délibération", "convention", "sign", "AMI2021-001", "--date", "26/09/2021")
		if out := mustRun(t, db, "convention", "sign", "AMI2021-001", "--date", "04/10/2021"); !strings.Contains(out, "2021-CONV-001") {
			t.Errorf("sign: %q", out)
		}
		out := mustRun(t, db, "payments", "record", "AMI2021-001", "--amount", "15 000", "--date", "05/10/2021", "--mandate", "M-2021-88", "--ej", "EJ-7")
		if !strings.Contains(out, "solde à verser : 15 000,00 €") {
			t.Errorf("payment: %q", out)
		}
		refusedCLI(t, db, "dépasse le solde", "payments", "record", "AMI2021-002", "--amount", "23 000,01", "--date", "05/10/2021")
		refusedCLI(t, db, "précède la délibération", "payments", "record", "AMI2021-002", "--amount", "100", "--date", "01/09/2021")
		if code, _, errs := runCLI(t, db, "payments", "record", "AMI2021-002", "--amount", "-100", "--date", "05/10/2021"); code != 2 || !strings.Contains(errs, "ne peut pas être négatif") {
			t.Errorf("negative payment: %d %q", code, errs)
		}
		mustRun(t, db, "payments", "record", "AMI2021-002", "--amount", "23 000", "--date", "05/10/2021")
		refusedCLI(t, db, "précède la délibération", "crf", "record", "AMI2021-002", "--received", "01/01/2021", "--cost", "40 000", "--used", "20 000")
		out = mustRun(t, db, "crf", "record", "AMI2021-002", "--received", "15/06/2022", "--cost", "38 000", "--used", "20 000", "--beneficiaries", "45", "--status", "accepte", "--note", "Bilan satisfaisant")
		if !strings.Contains(out, "reversement proposé 3 000,00 €") {
			t.Errorf("crf: %q", out)
		}
		refusedCLI(t, db, "dépasse ce qui a été versé", "reversal", "AMI2021-002", "--reason", "Action réduite", "--amount", "23 000,01")
		if out := mustRun(t, db, "reversal", "AMI2021-002", "--reason", "Action réduite"); !strings.Contains(out, "3 000,00 €") {
			t.Errorf("reversal: %q", out)
		}
		checkFollowUpAfter(t, db)
		if out := mustRun(t, db, "verify"); !strings.Contains(out, "intact") {
			t.Errorf("verify: %q", out)
		}
		// A copy to another base carries the follow-up, its journal intact.
		copied := filepath.Join(t.TempDir(), "copie.db")
		mustRun(t, db, "migrate", "--to", copied)
		before, after := followUpOf(t, db, "--at", "01/07/2022"), followUpOf(t, copied, "--at", "01/07/2022")
		if b, a := asJSON(before), asJSON(after); len(before) != 3 || b != a {
			t.Errorf("follow-up of the copy:\n%s\nwant\n%s", a, b)
		}
		if out := mustRun(t, copied, "verify"); !strings.Contains(out, "intact") {
			t.Errorf("verify the copy: %q", out)
		}
	})
}

// checkFollowUpAfter reads back what TestFollowUpCommands wrote.
func checkFollowUpAfter(t *testing.T, db string) {
	t.Helper()
	gs := followUpOf(t, db, "--at", "01/07/2022")
	big, exact, small := gs[0], gs[1], gs[2]
	if big.PaidCents != 1_500_000 || big.BalanceCents != 1_500_000 || big.ConventionNumber != "2021-CONV-001" || big.ConventionSigned == nil ||
		*big.ConventionSigned != "2021-10-04" || !big.Overdue || !strings.Contains(big.NextStep, "Recevoir le compte rendu financier") {
		t.Errorf("the large grant: %+v", big)
	}
	if exact.UsedCents == nil || *exact.UsedCents != 2_000_000 || exact.ReversalCents != 300_000 || exact.BalanceCents != 0 ||
		exact.CRFStatus != "accepte" || exact.Overdue || !strings.Contains(exact.NextStep, "Reversement de 3 000,00 € demandé") {
		t.Errorf("the grant of 23 000 €: %+v", exact)
	}
	if overdue := followUpOf(t, db, "--at", "01/07/2022", "--overdue"); len(overdue) != 2 || overdue[0].Number != big.Number || overdue[1].Number != small.Number {
		t.Errorf("--overdue: %+v", overdue)
	}
	out := mustRun(t, db, "payments", "AMI2021-001")
	for _, want := range []string{"05/10/2021", "15 000,00 €", "M-2021-88", "EJ-7", "à verser après acceptation du compte rendu financier", "solde à verser : 15 000,00 €"} {
		if !strings.Contains(out, want) {
			t.Errorf("payments lacks %q:\n%s", want, out)
		}
	}
	out = mustRun(t, db, "followup", "--at", "01/07/2022")
	for _, want := range []string{"2021-CONV-001 signée le 04/10/2021", "EN RETARD", "Situation au 01/07/2022 : 0 convention à signer, 1 subvention à verser, 2 comptes rendus financiers en retard", "Total (3 subventions)"} {
		if !strings.Contains(out, want) {
			t.Errorf("followup table lacks %q:\n%s", want, out)
		}
	}
	if _, out, _ := runCLI(t, db, "history", "--limit", "3"); !strings.Contains(out, "reversement") || !strings.Contains(out, "compte rendu financier") {
		t.Errorf("history:\n%s", out)
	}
	out = mustRun(t, db, "history", "--application", "AMI2021-002")
	if !strings.Contains(out, "suivi AMI2021-002") || !strings.Contains(out, "versement") || !strings.Contains(out, "dossier AMI2021-002") ||
		strings.Index(out, "reversement") > strings.Index(out, "création") {
		t.Errorf("a dossier's history with its grant's, newest first:\n%s", out)
	}
}

// The finance service's file: one line per payment made and to make, with
// the budget line, the deliberation and the convention.
func TestExportPayments(t *testing.T) {
	db := grantsDB(t, filepath.Join(t.TempDir(), "c.db"), true)
	mustRun(t, db, "convention", "sign", "AMI2021-001", "--date", "04/10/2021")
	mustRun(t, db, "payments", "record", "AMI2021-001", "--amount", "15 000", "--date", "05/10/2021", "--mandate", "M-88", "--ej", "EJ-7")
	csv := filepath.Join(t.TempDir(), "versements.csv")
	if out := mustRun(t, db, "export", "payments", "-o", csv); !strings.Contains(out, "4 lignes exportées") {
		t.Fatalf("export: %q", out)
	}
	b, err := os.ReadFile(csv)
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	for _, want := range []string{"Bénéficiaire", "Nature", "AMI2021-001;Les Petits Pas;73282932000074;15000,00;versé;05/10/2021;;M-88;EJ-7;6574;;2021-154;27/09/2021;2021-CONV-001",
		"AMI2021-002;L'Étoile;44231706000014;23000,00;à verser;27/09/2021;à la notification de la décision"} {
		if !strings.Contains(text, want) {
			t.Errorf("CSV lacks %q:\n%s", want, text)
		}
	}
	xlsx := filepath.Join(t.TempDir(), "versements.xlsx")
	mustRun(t, db, "export", "payments", "-o", xlsx)
	if st, err := os.Stat(xlsx); err != nil || st.Size() == 0 {
		t.Errorf("xlsx: %v", err)
	}
}

// Usage mistakes are named, with the usage (status 2).
func TestFollowUpUsage(t *testing.T) {
	db := grantsDB(t, filepath.Join(t.TempDir(), "c.db"), true)
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"payments", "record", "AMI2021-002", "--date", "05/10/2021"}, "--amount"},
		{[]string{"payments", "record", "AMI2021-002", "--amount", "100"}, "--date"},
		{[]string{"convention", "sign", "AMI2021-001", "--date", "31/02/2021"}, "date impossible"},
		{[]string{"crf", "record", "AMI2021-002", "--received", "01/06/2022", "--cost", "1", "--used", "1", "--status", "perdu"}, "inconnu"},
		{[]string{"crf", "AMI2021-002"}, "record"},
		{[]string{"followup", "--format", "csv"}, "format inconnu"},
		{[]string{"followup", "--at", "hier"}, "--at"},
	} {
		if code, _, errs := runCLI(t, db, tt.args...); code != 2 || !strings.Contains(errs, tt.want) {
			t.Errorf("%v: %d %q, want status 2 naming %q", tt.args, code, errs, tt.want)
		}
	}
	refusedCLI(t, db, "Aucune subvention à suivre", "payments", "AMI2021-999")
	refusedCLI(t, db, "ce qui manque", "crf", "record", "AMI2021-002", "--received", "01/06/2022", "--cost", "1", "--used", "1", "--status", "incomplet")
	refusedCLI(t, db, "Aucun reversement n'est proposé", "reversal", "AMI2021-002", "--reason", "x")
}

// The open-data file publishes a grant's signed convention and the payments
// made; the other grants keep the deliberation's date and the campaign's
// payment dates.
func TestSCDLFromFollowUp(t *testing.T) {
	db := grantsDB(t, filepath.Join(t.TempDir(), "c.db"), true)
	mustRun(t, db, "convention", "sign", "AMI2021-001", "--date", "04/10/2021")
	mustRun(t, db, "payments", "record", "AMI2021-001", "--amount", "15 000", "--date", "05/10/2021")
	mustRun(t, db, "payments", "record", "AMI2021-002", "--amount", "10 000", "--date", "06/10/2021")
	mustRun(t, db, "payments", "record", "AMI2021-002", "--amount", "13 000", "--date", "02/12/2021")
	out := filepath.Join(t.TempDir(), "scdl.csv")
	mustRun(t, db, "export", "scdl", "-o", out)
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	lines := map[string]string{}
	for _, l := range strings.Split(string(b), "\r\n") {
		for _, id := range []string{"73282932000074", "44231706000014", "50123456700011"} {
			if strings.Contains(l, ","+id+",") {
				lines[id] = l
			}
		}
	}
	for id, want := range map[string][2]string{
		"73282932000074": {",2021-10-04,", ",échelonné,2021-10-05,"},
		"44231706000014": {",2021-09-27,", ",échelonné,2021-10-06/2021-12-02,"},
		"50123456700011": {",2021-09-27,", ",unique,2021-11-01,"},
	} {
		if l := lines[id]; !strings.Contains(l, want[0]) || !strings.Contains(l, want[1]) {
			t.Errorf("%s: %q, want %s and %s", id, l, want[0], want[1])
		}
	}
}

// The campaign's rule and a convention's own terms change the due dates and
// the schedule; « defaut » restores the default.
func TestFollowUpSettingsAndTerms(t *testing.T) {
	db := grantsDB(t, filepath.Join(t.TempDir(), "c.db"), true)
	if out := mustRun(t, db, "followup", "set", "--crf-due", "31/03/2022", "--advance-percent", "30"); !strings.Contains(out, "dû le 31/03/2022") || !strings.Contains(out, "30 %") {
		t.Errorf("followup set: %q", out)
	}
	if gs := followUpOf(t, db); gs[1].CRFDue != "2022-03-31" {
		t.Errorf("campaign's CRF due: %+v", gs[1])
	}
	mustRun(t, db, "convention", "sign", "AMI2021-001", "--date", "04/10/2021")
	if g := followUpOf(t, db, "--at", "05/10/2021")[0]; g.NextStep != "Verser 9 000,00 €" {
		t.Errorf("advance of 30 %%: %q", g.NextStep)
	}
	out := mustRun(t, db, "convention", "terms", "AMI2021-001", "--advance", "20 000", "--crf-due", "30/09/2022")
	if !strings.Contains(out, "dû le 30/09/2022") || !strings.Contains(out, "20 000,00 €") {
		t.Errorf("convention terms: %q", out)
	}
	if g := followUpOf(t, db, "--at", "05/10/2021")[0]; g.NextStep != "Verser 20 000,00 €" || g.CRFDue != "2022-09-30" {
		t.Errorf("the convention's own terms: %+v", g)
	}
	mustRun(t, db, "convention", "terms", "AMI2021-001", "--advance", "defaut", "--crf-due", "defaut")
	mustRun(t, db, "followup", "set", "--crf-due", "defaut", "--advance-percent", "0")
	if g := followUpOf(t, db, "--at", "05/10/2021")[0]; g.NextStep != "Verser 15 000,00 €" || g.CRFDue != "2022-06-30" {
		t.Errorf("back to the defaults: %+v", g)
	}
	refusedCLI(t, db, "pourcentage", "followup", "set", "--advance-percent", "101")
	refusedCLI(t, db, "comprise entre 0", "convention", "terms", "AMI2021-001", "--advance", "30 000,01")
	if out := mustRun(t, db, "verify"); !strings.Contains(out, "intact") {
		t.Errorf("verify: %q", out)
	}
}

func asJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// A payment recorded in error is cancelled by its number, with a reason.
func TestPaymentsCancel(t *testing.T) {
	db := grantsDB(t, filepath.Join(t.TempDir(), "c.db"), true)
	mustRun(t, db, "payments", "record", "AMI2021-002", "--amount", "2 300", "--date", "05/10/2021")
	out := mustRun(t, db, "payments", "AMI2021-002")
	var id string
	for _, l := range strings.Split(out, "\n") {
		if strings.Contains(l, "2 300,00 €") && strings.Contains(l, "versé") {
			id = strings.Fields(l)[0]
		}
	}
	if id == "" {
		t.Fatalf("no payment number in:\n%s", out)
	}
	if code, _, errs := runCLI(t, db, "payments", "cancel", "AMI2021-002", "--reason", "x"); code != 2 || !strings.Contains(errs, "--id") {
		t.Errorf("without --id: %d %q", code, errs)
	}
	refusedCLI(t, db, "motif écrit", "payments", "cancel", "AMI2021-002", "--id", id)
	if out := mustRun(t, db, "payments", "cancel", "AMI2021-002", "--id", id, "--reason", "Virement rejeté"); !strings.Contains(out, "annulé") {
		t.Errorf("cancel: %q", out)
	}
	if gs := followUpOf(t, db); gs[1].PaidCents != 0 || gs[1].BalanceCents != 2_300_000 {
		t.Errorf("after the cancel: %+v", gs[1])
	}
	if out := mustRun(t, db, "history", "--application", "AMI2021-002", "--limit", "1"); !strings.Contains(out, "versement annulé") || !strings.Contains(out, "Virement rejeté") {
		t.Errorf("history: %q", out)
	}
}

// The follow-up's documents from the command line: the conventions (one
// file, or one per structure), the reminders of the CRFs overdue at --at,
// the reversal demands; each refused in French when there is none.
func TestFollowUpDocuments(t *testing.T) {
	eachBase(t, func(t *testing.T, db string) { checkFollowUpDocuments(t, grantsDB(t, db, true)) })
}

func checkFollowUpDocuments(t *testing.T, db string) {
	t.Helper()
	dir := t.TempDir()
	mustRun(t, db, "convention", "AMI2021-001", "-o", filepath.Join(dir, "conv.pdf"))
	if text := pdfTextOf(t, filepath.Join(dir, "conv.pdf")); !strings.Contains(text, "2021-CONV-001") || !strings.Contains(text, "trente mille euros") {
		t.Errorf("convention:\n%s", text)
	}
	out := mustRun(t, db, "convention", "--all", "-o", filepath.Join(dir, "conventions"))
	if entries, _ := os.ReadDir(filepath.Join(dir, "conventions")); len(entries) != 1 || !strings.Contains(out, "1 document écrit") {
		t.Errorf("conventions per structure: %d files, %s", len(entries), out)
	}
	mustRun(t, db, "report", "reminders", "-o", filepath.Join(dir, "relances.pdf"), "--at", "01/09/2022")
	if text := pdfTextOf(t, filepath.Join(dir, "relances.pdf")); strings.Count(text, "Objet : relance") != 3 || !strings.Contains(text, "1er septembre 2022") {
		t.Errorf("reminders:\n%s", text)
	}
	refusedCLI(t, db, "Aucune relance à produire au 01/06/2022", "report", "reminders", "-o", filepath.Join(dir, "r.pdf"), "--at", "01/06/2022")
	mustRun(t, db, "export", "reminders-merge", "-o", filepath.Join(dir, "relances.csv"), "--at", "01/09/2022")
	if b, _ := os.ReadFile(filepath.Join(dir, "relances.csv")); strings.Count(string(b), "Relance du compte rendu financier") != 3 ||
		!strings.Contains(string(b), "date_crf") || !strings.Contains(string(b), "30/06/2022") || !strings.Contains(string(b), "62210") {
		t.Errorf("reminders' mail merge:\n%s", b)
	}
	refusedCLI(t, db, "aucun reversement n'a été décidé", "report", "reversals", "-o", filepath.Join(dir, "rev.pdf"))
	mustRun(t, db, "payments", "record", "AMI2021-003", "--amount", "6000", "--date", "15/10/2021")
	mustRun(t, db, "crf", "record", "AMI2021-003", "--received", "01/05/2022", "--cost", "9000", "--used", "5000", "--status", "accepte")
	mustRun(t, db, "reversal", "AMI2021-003", "--reason", "Un atelier n'a pas eu lieu")
	mustRun(t, db, "report", "reversals", "-o", filepath.Join(dir, "rev"), "--per-applicant")
	if entries, _ := os.ReadDir(filepath.Join(dir, "rev")); len(entries) != 1 {
		t.Fatalf("reversals: %d files", len(entries))
	} else if text := pdfTextOf(t, filepath.Join(dir, "rev", entries[0].Name())); !strings.Contains(text, "mille euros") || !strings.Contains(text, "Un atelier n'a pas eu lieu.") {
		t.Errorf("reversal:\n%s", text)
	}
	code, _, errs := runCLI(t, db, "report", "annex", "-o", filepath.Join(dir, "a.pdf"), "--at", "01/09/2022")
	if code != 2 || !strings.Contains(errs, "--at ne s'applique qu'aux documents du suivi") {
		t.Errorf("--at on the annex: %d %s", code, errs)
	}
}

// pdfTextOf is a PDF's text, spaces squashed to one.
func pdfTextOf(t *testing.T, path string) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext absent")
	}
	out, err := exec.Command("pdftotext", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return strings.Join(strings.Fields(strings.ReplaceAll(string(out), "\u00a0", " ")), " ")
}
