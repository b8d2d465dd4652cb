package ui

import (
	"context"
	"fmt"
	"net/url"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/files"
	"github.com/call-agglo/cohesion/reports"
	"github.com/call-agglo/cohesion/reports/gather"
)

// documentsScreen produces the PDFs: pick a document, its options, produce it
// in the background with a progress bar, then open it in the system's viewer.
type documentsScreen struct {
	env screenEnv

	kinds      []reports.Kind
	draft      *widget.Label // « Aucune délibération enregistrée… », hidden once there is one
	list       *widget.List
	chosen     int
	about      *widget.Label
	scenario   *widget.Select
	anonymise  *widget.Check
	perFile    *widget.Check
	status     *widget.Label
	progress   *widget.ProgressBarInfinite
	open       *widget.Button
	produceBtn *widget.Button
	// outcomes is, per kind of document, what its last production said and
	// the file it wrote: the status and « Ouvrir » follow the document
	// selected, never the one produced before.
	outcomes    map[string]docOutcome
	scenarioRow fyne.CanvasObject // « Scénario » and its selector
	attrib      *widget.Entry
	refusal     *widget.Entry
	irrec       *widget.Entry   // the irrecevability letter
	report      *widget.Entry   // the rapport de présentation
	delib       *widget.Entry   // the projet de délibération
	panel       *fyne.Container // the chosen document's options
	root        fyne.CanvasObject
	// skipIncomplete: the user chose to write the letters but those whose
	// address lacks its postal code or town (withPostableAddresses).
	skipIncomplete bool
}

func newDocumentsScreen(env screenEnv) *documentsScreen {
	return &documentsScreen{env: env, outcomes: map[string]docOutcome{}}
}

// docOutcome is what producing a kind of document last said, and the file
// « Ouvrir » opens ("" for a folder of files, or none yet).
type docOutcome struct {
	text       string
	importance widget.Importance
	path       string
}

// usesScenario: the documents that print amounts take them from a scenario.
func usesScenario(key string) bool {
	switch key {
	case "jury", "annex", "letters", reports.KindReport, reports.KindDeliberation:
		return true
	}
	return false
}

// showOptions shows only the options that apply to the kind chosen.
func (s *documentsScreen) showOptions(k reports.Kind) {
	for _, o := range []struct {
		w  fyne.CanvasObject
		on bool
	}{{s.scenarioRow, usesScenario(k.Key)}, {s.anonymise, k.Key == "jury"}, {s.perFile, k.Key == "letters"}} {
		if o.on {
			o.w.Show()
		} else {
			o.w.Hide()
		}
	}
}

// say records what producing the kind of that key said, and shows it if
// that kind is still the one selected.
func (s *documentsScreen) say(key string, o docOutcome) {
	s.outcomes[key] = o
	if s.kinds[s.chosen].Key == key {
		s.showOutcome(key)
	}
}

// showOutcome puts the kind's last outcome in the status and « Ouvrir ».
func (s *documentsScreen) showOutcome(key string) {
	o := s.outcomes[key]
	s.status.Importance = o.importance
	s.status.SetText(o.text)
	enable(s.open, o.path != "")
}

// jurorBooks is the one document that is no PDF: a workbook per juror, to
// fill at home and import back (Fichier › Importer des grilles de notation, ou Notation › Importer des grilles).
var jurorBooks = reports.Kind{Key: "juror-sheets", Title: "Grilles à envoyer aux jurés",
	Description: "Un classeur Excel par juré, dans un dossier à choisir : les dossiers qu'il note (ses déports à part) et une colonne par critère, seules les notes modifiables. Remplis, ils se réimportent tels quels."}

// DraftWarning is what the Documents screen says while the campaign has no
// deliberation: the annex and the letters that cite it come out as drafts.
const DraftWarning = "Aucune délibération enregistrée : l'annexe, le rapport de présentation, le projet de délibération et les lettres d'attribution et de refus portent la mention PROJET. Enregistrez la délibération (écran Répartition) pour les éditer définitives."

// draftWarning is the warning of a campaign without a deliberation, hidden
// when it has one.
func draftWarning(c *data.Campaign) *widget.Label {
	l := widget.NewLabelWithStyle(DraftWarning, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.Wrapping = fyne.TextWrapWord
	l.Importance = widget.WarningImportance
	if gather.Deliberation(c).Recorded() {
		l.Hide()
	}
	return l
}

// catalog is every document the screen produces, sorted by title.
func catalog() []reports.Kind {
	k := append(reports.Catalog(), jurorBooks)
	sort.SliceStable(k, func(i, j int) bool { return data.CompareFold(k[i].Title, k[j].Title) < 0 })
	return k
}

func (s *documentsScreen) view() fyne.CanvasObject {
	s.kinds = catalog()
	s.outcomes = map[string]docOutcome{} // a new visit starts with nothing said, as it starts on the first kind
	s.about = widget.NewLabel("")
	s.about.Wrapping = fyne.TextWrapWord
	s.list = widget.NewList(func() int { return len(s.kinds) },
		func() fyne.CanvasObject { return widget.NewLabel("Annexe à la délibération") },
		func(id widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(s.kinds[id].Title) })
	s.list.OnSelected = func(id widget.ListItemID) {
		s.chosen = id
		s.about.SetText(s.kinds[id].Description)
		s.showOptions(s.kinds[id])
		s.showOutcome(s.kinds[id].Key)
		if s.produceBtn != nil {
			s.produceBtn.SetText(produceLabel(s.kinds[id]))
		}
		if s.panel != nil {
			s.panel.Refresh() // a longer description or label: lay the panel out again
		}
	}
	s.scenario = newSelect(nil, "Choisir un scénario", nil)
	s.scenarioRow = container.NewBorder(nil, nil, widget.NewLabel("Scénario"), nil, s.scenario)
	s.anonymise = widget.NewCheck("Anonymiser les jurés dans le dossier (« Juré 1, 2… »)", nil)
	s.perFile = widget.NewCheck("Lettres : un fichier par structure (dans un dossier à choisir)", nil)
	s.status = widget.NewLabel("")
	s.status.Wrapping = fyne.TextWrapWord
	s.progress = widget.NewProgressBarInfinite()
	s.progress.Hide()
	s.progress.Stop()
	produce := widget.NewButtonWithIcon("Produire le PDF…", theme.DocumentPrintIcon(), s.onProduce)
	produce.Importance = widget.HighImportance
	s.produceBtn = produce
	s.open = widget.NewButtonWithIcon("Ouvrir", theme.FileIcon(), s.onOpen)
	s.open.Disable()

	s.attrib, s.refusal, s.irrec = widget.NewMultiLineEntry(), widget.NewMultiLineEntry(), widget.NewMultiLineEntry()
	saveTpl := widget.NewButtonWithIcon("Enregistrer les modèles", theme.DocumentSaveIcon(), s.onSaveTemplates)
	resetTpl := widget.NewButtonWithIcon("Revenir aux modèles par défaut", theme.ContentUndoIcon(), s.onResetTemplates)
	templates := container.NewBorder(nil, container.NewHBox(resetTpl, saveTpl), nil, nil, s.templateTabs())
	if s.env.campaign().Locked() {
		disableInputs(templates) // the base keeps a deliberated campaign's templates as they are
	}

	s.draft = draftWarning(s.env.campaign())
	s.panel = container.NewVBox(s.draft, bold("Document"), s.about,
		s.scenarioRow, s.anonymise, s.perFile,
		container.NewHBox(produce, s.open), s.progress, s.status)
	split := container.NewHSplit(s.list, s.panel)
	split.Offset = 0.3
	tabs := container.NewAppTabs(container.NewTabItem("Produire", split), container.NewTabItem("Modèles", templates))
	heading := widget.NewLabelWithStyle("Documents", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.root = container.NewBorder(heading, nil, nil, nil, tabs)
	s.reload(context.Background())
	s.list.Select(0)
	return s.root
}

// templateTabs are the letters' templates, then the council's, each under
// the fields it may use.
func (s *documentsScreen) templateTabs() *container.AppTabs {
	s.report, s.delib = widget.NewMultiLineEntry(), widget.NewMultiLineEntry()
	for _, e := range []*widget.Entry{s.attrib, s.refusal, s.irrec, s.report, s.delib} {
		e.Wrapping = fyne.TextWrapWord
		e.SetMinRowsVisible(10)
	}
	under := func(help string, e *widget.Entry) fyne.CanvasObject {
		l := widget.NewLabel(help)
		l.Wrapping = fyne.TextWrapWord
		return container.NewBorder(l, nil, nil, nil, e)
	}
	letters := "Champs : {{" + strings.Join(reports.TemplateFields, "}}, {{") + "}}"
	council := "« # Titre » : une section ; « Article : … » : l'article suivant, numéroté ; un champ {{tableau_…}} seul dans son paragraphe : un tableau. Champs : {{" +
		strings.Join(reports.CouncilFields, "}}, {{") + "}} ; tableaux et blocs : {{" + strings.Join(reports.CouncilTables, "}}, {{") + "}}"
	return container.NewAppTabs(container.NewTabItem(reports.LetterAttribution.Label(), under(letters, s.attrib)),
		container.NewTabItem(reports.LetterRefusal.Label(), under(letters, s.refusal)),
		container.NewTabItem(reports.LetterIrrecevability.Label(), under(letters, s.irrec)),
		container.NewTabItem(reports.ReportTitle, under(council, s.report)),
		container.NewTabItem(reports.DeliberationDraftName, under(council, s.delib)))
}

func (s *documentsScreen) reload(ctx context.Context) {
	c := s.env.campaign()
	list, err := s.env.splits().Scenarios(ctx, c.ID)
	if err != nil {
		s.env.showError(err)
		return
	}
	opts := []string{"(scénario adopté)"}
	for _, sc := range list {
		opts = append(opts, scenarioLabel(sc))
	}
	s.scenario.Options = opts
	s.scenario.SetSelected(opts[0])
	stored, err := s.env.campaigns().LetterTemplates(ctx, c.ID)
	if err != nil {
		s.env.showError(err)
		return
	}
	t := gather.Templates(stored)
	s.attrib.SetText(t.Attribution)
	s.refusal.SetText(t.Refusal)
	s.irrec.SetText(t.Irrecevability)
	ct := gather.CouncilTemplates(stored)
	s.report.SetText(ct.Report)
	s.delib.SetText(ct.Deliberation)
}

func (s *documentsScreen) options() gather.Options {
	o := gather.Options{Anonymise: s.anonymise.Checked, Now: time.Now()}
	if s.scenario.SelectedIndex() > 0 {
		o.Scenario = scenarioName(s.scenario.Selected)
	}
	return o
}

// build gathers and builds the chosen document; it runs off the UI thread,
// so it is handed the base and the campaign rather than reading the window's.
func (s *documentsScreen) build(ctx context.Context, db data.Snapshots, c *data.Campaign, kind string, o gather.Options, skipIncomplete bool) (*reports.Document, *reports.Input, error) {
	in, _, err := gather.Load(ctx, db, c, o)
	if err != nil {
		return nil, nil, err
	}
	in.SkipIncompleteAddresses = skipIncomplete
	doc, err := reports.Build(kind, *in)
	return doc, in, err
}

func produceLabel(k reports.Kind) string {
	switch {
	case k.Key == jurorBooks.Key:
		return "Produire les grilles…"
	case councilKind(k.Key):
		return "Produire le PDF ou le Word…"
	}
	return "Produire le PDF…"
}

// councilKind: the rapport and the projet de délibération are also written
// as an editable Word file, chosen by its extension in the save dialog.
func councilKind(key string) bool {
	return key == reports.KindReport || key == reports.KindDeliberation
}

// saveFilter is what the save dialog offers for a kind of document.
func saveFilter(k reports.Kind) fileFilter {
	if councilKind(k.Key) {
		return fileFilter{"Document PDF ou Word modifiable (.docx)", []string{".pdf", ".docx"}}
	}
	return fileFilter{"Document PDF", []string{".pdf"}}
}

// outputKind is the file a path asks for: a Word file for a council
// document named .docx, else a PDF.
func outputKind(k reports.Kind, path string) files.Kind {
	if councilKind(k.Key) && strings.EqualFold(filepath.Ext(path), ".docx") {
		return files.Word
	}
	return files.PDF
}

func (s *documentsScreen) onProduce() {
	ctx := context.Background()
	kind := s.kinds[s.chosen]
	if kind.Key == jurorBooks.Key {
		s.env.folder("Dossier des grilles des jurés", func(dir string) { s.produceJurorBooks(ctx, dir) })
		return
	}
	if kind.Key == "letters" {
		s.withPostableAddresses(ctx, func() { s.chooseOutput(ctx, kind) })
		return
	}
	s.chooseOutput(ctx, kind)
}

// chooseOutput asks where to write the document, then writes it.
func (s *documentsScreen) chooseOutput(ctx context.Context, kind reports.Kind) {
	if kind.Key == "letters" && s.perFile.Checked {
		s.env.folder("Dossier des lettres", func(dir string) { s.produceLetters(ctx, dir) })
		return
	}
	name := files.SafeName(kind.Title+" "+s.env.campaign().Code) + ".pdf"
	s.env.saveFile("Enregistrer le document", name, saveFilter(kind), func(path string) {
		if err := s.env.checkOutput(path, outputKind(kind, path)); err != nil {
			s.env.showError(err)
			return
		}
		s.produce(ctx, kind, path)
	})
}

// produce draws the document in the background; the window stays usable.
func (s *documentsScreen) produce(ctx context.Context, kind reports.Kind, path string) {
	s.say(kind.Key, docOutcome{text: "Production de « " + kind.Title + " »…", importance: widget.MediumImportance})
	s.progress.Show()
	s.progress.Start()
	o, skip := s.options(), s.skipIncomplete
	finish := func(err error, stale string) {
		s.progress.Stop()
		s.progress.Hide()
		if err != nil {
			s.say(kind.Key, docOutcome{text: data.ErrorMessage(err), importance: widget.DangerImportance})
			return
		}
		said := widget.NewLabel("") // sayOutcome's colour rule, kept for when this kind is selected
		sayOutcome(said, "Document écrit : "+displayPath(path), stale)
		s.say(kind.Key, docOutcome{text: said.Text, importance: said.Importance, path: path})
	}
	db, c := s.env.snapshots(), s.env.campaign() // read here: a restore or a campaign switch may change them meanwhile
	work := func() (error, string) {
		doc, in, err := s.build(ctx, db, c, kind.Key, o, skip)
		if err != nil {
			return err, ""
		}
		write := reports.WriteFile
		if outputKind(kind, path).What == files.Word.What {
			write = reports.WriteDocxFile
		}
		if err := write(doc, path); err != nil {
			return err, ""
		}
		stale := ""
		if in.ScenarioStale {
			stale = "\nAttention : le scénario ne correspond plus aux notes ou aux décisions actuelles."
		}
		return nil, stale
	}
	background(s.env.run, work, finish)
}

// onOpen shows the selected kind's last document in the system's viewer.
func (s *documentsScreen) onOpen() {
	path := s.outcomes[s.kinds[s.chosen].Key].path
	if path == "" {
		return
	}
	u, err := url.Parse(storage.NewFileURI(path).String())
	if err == nil {
		err = s.env.openURL(u)
	}
	if err != nil {
		s.env.showError(err)
	}
}

func (s *documentsScreen) onSaveTemplates() {
	t := reports.Templates{Attribution: s.attrib.Text, Refusal: s.refusal.Text, Irrecevability: s.irrec.Text}
	if err := t.Validate(); err != nil {
		s.env.showError(err)
		return
	}
	ct := reports.CouncilTemplates{Report: s.report.Text, Deliberation: s.delib.Text}
	if err := ct.Validate(); err != nil {
		s.env.showError(err)
		return
	}
	// A default text is stored as "": it follows the defaults of later versions.
	def, cdef := reports.DefaultTemplates(), reports.DefaultCouncilTemplates()
	stored := data.LetterTemplates{Attribution: t.Attribution, Refusal: t.Refusal, Irrecevability: t.Irrecevability, Report: ct.Report, Deliberation: ct.Deliberation}
	for _, p := range []struct {
		text *string
		def  string
	}{{&stored.Attribution, def.Attribution}, {&stored.Refusal, def.Refusal}, {&stored.Irrecevability, def.Irrecevability},
		{&stored.Report, cdef.Report}, {&stored.Deliberation, cdef.Deliberation}} {
		if *p.text == p.def {
			*p.text = ""
		}
	}
	if err := s.env.campaigns().SaveLetterTemplates(context.Background(), s.env.campaign().ID, stored); err != nil {
		s.env.showError(err)
		return
	}
	dialog.ShowInformation("Modèles", "Modèles enregistrés pour la campagne "+s.env.campaign().Code+".", s.env.win())
}

func (s *documentsScreen) onResetTemplates() {
	def, cdef := reports.DefaultTemplates(), reports.DefaultCouncilTemplates()
	s.attrib.SetText(def.Attribution)
	s.refusal.SetText(def.Refusal)
	s.irrec.SetText(def.Irrecevability)
	s.report.SetText(cdef.Report)
	s.delib.SetText(cdef.Deliberation)
}

// produceJurorBooks writes every juror's workbook into dir, in the background.
func (s *documentsScreen) produceJurorBooks(ctx context.Context, dir string) {
	if err := s.env.checkOutput(dir, files.Folder); err != nil {
		s.env.showError(err)
		return
	}
	key := jurorBooks.Key
	s.say(key, docOutcome{text: "Production des grilles des jurés…", importance: widget.MediumImportance})
	s.progress.Show()
	s.progress.Start()
	db, c := s.env.snapshots(), s.env.campaign()
	work := func() ([]string, error) { return gather.WriteJurorBooks(ctx, db, c, dir) }
	finish := func(written []string, err error) {
		s.progress.Stop()
		s.progress.Hide()
		if err != nil {
			s.say(key, docOutcome{text: data.ErrorMessage(err), importance: widget.DangerImportance})
			return
		}
		s.say(key, docOutcome{importance: widget.SuccessImportance, text: fmt.Sprintf("%s dans %s : envoyez à chaque juré la sienne, puis importez-les remplies (Fichier › Importer des grilles de notation, ou Notation › Importer des grilles).",
			data.Count(len(written), "grille écrite", "grilles écrites"), dir)})
	}
	background(s.env.run, work, finish)
}

// produceLetters writes one letter per file into dir: every decided dossier
// and every irrecevable one.
func (s *documentsScreen) produceLetters(ctx context.Context, dir string) {
	if err := s.env.checkOutput(dir, files.Folder); err != nil {
		s.env.showError(err)
		return
	}
	key := "letters"
	s.say(key, docOutcome{text: "Production des lettres…", importance: widget.MediumImportance})
	s.progress.Show()
	s.progress.Start()
	o, skip := s.options(), s.skipIncomplete
	db, c := s.env.snapshots(), s.env.campaign()
	work := func() (int, error) {
		in, _, err := gather.Load(ctx, db, c, o)
		if err != nil {
			return 0, err
		}
		in.SkipIncompleteAddresses = skip
		return reports.WriteLetters(*in, dir)
	}
	finish := func(n int, err error) {
		s.progress.Stop()
		s.progress.Hide()
		if err != nil {
			s.say(key, docOutcome{text: data.ErrorMessage(err), importance: widget.DangerImportance})
			return
		}
		s.say(key, docOutcome{text: fmt.Sprintf("%s dans %s.", data.Count(n, "lettre écrite", "lettres écrites"), dir), importance: widget.SuccessImportance})
	}
	background(s.env.run, work, finish)
}

// withPostableAddresses runs next once the letters' addresses are checked:
// at once when every dossier that gets a letter has its postal code and
// town; otherwise the dialog names those that lack them (no letter is ever
// written to such an address) and next runs only if the user chooses to
// write the other letters.
func (s *documentsScreen) withPostableAddresses(ctx context.Context, next func()) {
	s.skipIncomplete = false
	in, _, err := gather.Load(ctx, s.env.snapshots(), s.env.campaign(), s.options())
	if err != nil {
		s.env.showError(err)
		return
	}
	bad, err := reports.IncompleteAddresses(*in)
	if err != nil {
		s.env.showError(err)
		return
	}
	if len(bad) == 0 {
		next()
		return
	}
	lines := make([]string, 0, 11)
	for i, b := range bad {
		if i == 10 {
			lines = append(lines, fmt.Sprintf("… et %d autres", len(bad)-10))
			break
		}
		lines = append(lines, "• "+b.String())
	}
	msg := widget.NewLabel(data.Plural(len(bad), "Ce dossier n'a", "Ces "+data.Count(len(bad), "dossier", "dossiers")+" n'ont") +
		" pas de code postal ou de localité :\naucune lettre ne peut leur être envoyée.\n" + strings.Join(lines, "\n") +
		"\n\nComplétez leur adresse (écran Dossiers, section Structure),\nou écrivez dès maintenant les autres lettres.")
	s.env.confirm("Adresses incomplètes", "Écrire les autres lettres", "Annuler", msg, func(ok bool) {
		if ok {
			s.skipIncomplete = true
			next()
		}
	})
}
