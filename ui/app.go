// Package ui is Cohésion's Fyne interface: one struct per screen, with onXxx
// handlers, over the store's interfaces (data.Store: a SQLite file or a shared
// PostgreSQL base, the main chooses). It holds no rule of its own: validation,
// money and dates come from package data, the ranking and the split from
// package campaign.
package ui

import (
	"context"
	"fmt"
	"sort"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/call-agglo/cohesion/assets"
	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/demo"
	"github.com/call-agglo/cohesion/data/seed"
)

func init() {
	// Cohésion speaks French whatever the system's language: Fyne's own words
	// (dialog buttons, file dialog) are installed as both French and fallback.
	_ = lang.AddTranslationsForLocale(assets.FyneFrench, "fr")
	_ = lang.AddTranslationsForLocale(assets.FyneFrench, "en")
}

// App is the main window: the navigation, the menus, the campaign selector and
// the lock bar. The rest lives in small types built from what each needs (the
// dialogs, the file choosers, the base, the backups, « Annuler »), and the
// screens are built from screenEnv.
type App struct {
	fyne     fyne.App
	win      fyne.Window
	base     *baseLink // the base and the window's presence on it
	campaign *data.Campaign

	campaigns   []data.Campaign
	campaignSel *widget.Select
	nav         *widget.List
	body        *fyne.Container
	screens     []screen
	current     int

	dashboard *dashboardScreen
	register  *registerScreen
	jury      *juryScreen
	scoring   *scoringScreen
	ranking   *rankingScreen
	split     *splitScreen
	history   *historyScreen
	docs      *documentsScreen
	settings  *settingsScreen
	followUp  *followUpScreen
	imports   *imports // of dossiers and score sheets
	lockBar   *fyne.Container

	// env is what the screens are built from (see screenEnv).
	env screenEnv
	// dialogs stacks the window's dialogs, which Échap and Entrée act on;
	// files asks for the files to read and write.
	dialogs *dialogs
	files   *fileChooser
	// The menus' pieces that are not screens: the backups, the switch to
	// another base, « Annuler ».
	safety *safety
	shared *sharedBases
	undo   *undo
}

// screen is one entry of the navigation.
type screen struct {
	title string
	icon  fyne.Resource
	view  func() fyne.CanvasObject
}

// New builds the main window over an open base, found at address through bases.
func New(fa fyne.App, bases data.Bases, address string, db data.Store) (*App, error) {
	return newApp(fa, bases, address, db, backgroundRunner{})
}

// newApp is New with the runner of the screens' work: tests pass
// inlineRunner, from the first screen on.
func newApp(fa fyne.App, bases data.Bases, address string, db data.Store, run runner) (*App, error) {
	a := &App{fyne: fa, base: &baseLink{bases: bases, address: address, db: db, stopWatch: func() {}}}
	ctx := context.Background()
	if _, err := seed.EnsureDefault(ctx, db); err != nil {
		return nil, err
	}
	c, err := campaignToOpen(ctx, fa.Preferences(), db, address)
	if err != nil {
		return nil, err
	}
	a.campaign = c
	a.win = fa.NewWindow("Cohésion — " + c.Code)
	a.win.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	a.dialogs = newDialogs(a.win)
	a.files = &fileChooser{win: a.win, dialogs: a.dialogs}
	a.base.win, a.base.changed = a.win, a.onOtherDesk
	a.undo = &undo{base: func() undoBase { return a.base.db }, campaign: a.Campaign, win: a.win, dialogs: a.dialogs,
		undone: func() { a.show(a.current) }}
	a.safety = &safety{base: a.base, dialogs: a.dialogs, files: a.files, campaign: a.Campaign, setCampaign: a.setCampaign}
	a.shared = &sharedBases{base: a.base, prefs: fa.Preferences, dialogs: a.dialogs, setCampaign: a.setCampaign,
		guard: func(do, cancel func()) { a.register.guard(do, cancel) }}
	a.env = newScreenEnv(a, run)
	a.dashboard = newDashboardScreen(a.env, dashboardLinksOf(a))
	a.imports = &imports{env: a.env, openFile: a.files.chooseOpenFile,
		registerChanged: func(ctx context.Context) { a.register.reload(ctx) }, scoresChanged: func() { a.show(a.current) }}
	a.register = newRegisterScreen(a.env, a.imports.onImport)
	a.jury = newJuryScreen(a.env)
	a.scoring = newScoringScreen(a.env, a.imports.onImportScores)
	a.ranking = newRankingScreen(a.env)
	a.split = newSplitScreen(a.env, func() { askDeliberation(a.env, a.reloadCampaign) })
	a.history = newHistoryScreen(a.env)
	a.docs = newDocumentsScreen(a.env)
	a.settings = newSettingsScreen(a.env, func() { showNewCampaign(a.env, a.campaigns) })
	a.followUp = newFollowUpScreen(followUpEnv{screenEnv: a.env})
	a.screens = []screen{
		{"Tableau de bord", theme.HomeIcon(), a.dashboard.view},
		{"Dossiers", theme.DocumentIcon(), a.register.view},
		{"Jury", theme.AccountIcon(), a.jury.view},
		{"Notation", theme.DocumentCreateIcon(), a.scoring.view},
		{"Classement", theme.ListIcon(), a.ranking.view},
		{"Répartition", theme.StorageIcon(), a.split.view},
		{"Suivi", theme.ConfirmIcon(), a.followUp.view},
		{"Documents", theme.DocumentPrintIcon(), a.docs.view},
		{"Historique", theme.HistoryIcon(), a.history.view},
		{"Campagne", theme.SettingsIcon(), a.settings.view},
	}
	a.build(ctx)
	a.win.SetMainMenu(a.menu())
	a.shortcuts()
	a.win.Resize(initialWindowSize) // ShowPlaced fits it to the screen
	// The first screen last: it may load in the background.
	a.nav.Select(0)
	a.base.watch()
	return a, nil
}

// Close closes the base the window works on (after a restore, a new one).
func (a *App) Close() error {
	delete(dialogsOfCanvas, a.win.Canvas())
	_, err := a.base.release()
	return err
}

// AutoBackup makes the day's backup in the background, once the window is up.
func (a *App) AutoBackup() { a.safety.autoBackup() }

// Announce records this window on the base, warns when another one is already
// open on it, and keeps saying it is there until the window closes.
func (a *App) Announce() { a.base.announce() }

// onOtherDesk reloads what shows the campaign another desk changed.
func (a *App) onOtherDesk(campaignID int64) {
	if campaignID != 0 && campaignID != a.campaign.ID {
		return
	}
	ctx := context.Background() // the reload another desk's write starts
	switch a.screens[a.current].title {
	case "Tableau de bord":
		a.dashboard.reload(ctx)
	case "Dossiers":
		a.register.reloadKeepingForm(ctx)
	case "Notation":
		a.scoring.reloadKeepingEntry(ctx)
	case "Suivi":
		a.followUp.reload(ctx)
	}
}

// Window is the main window.
func (a *App) Window() fyne.Window { return a.win }

// Campaign is the campaign on screen.
func (a *App) Campaign() *data.Campaign { return a.campaign }

func (a *App) build(ctx context.Context) {
	a.campaignSel = newSelect(nil, "Campagne", a.onCampaignSelected) // no wider than Fyne's « (Select one) » was: the side panel keeps its width
	a.reloadCampaigns(ctx)
	a.nav = widget.NewList(
		func() int { return len(a.screens) },
		func() fyne.CanvasObject {
			// Sized on the longest title: the side panel is as narrow as it can be
			// and shows every title whole.
			return container.NewHBox(widget.NewIcon(theme.DocumentIcon()), widget.NewLabel(a.longestTitle()))
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			box := o.(*fyne.Container)
			box.Objects[0].(*widget.Icon).SetResource(a.screens[id].icon)
			box.Objects[1].(*widget.Label).SetText(a.screens[id].title)
		})
	a.nav.OnSelected = func(id widget.ListItemID) { a.show(id) }
	a.body = container.NewStack()
	a.lockBar = container.NewVBox()
	a.refreshLock()
	side := container.NewBorder(
		container.NewVBox(widget.NewLabelWithStyle("Campagne", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), a.campaignSel),
		nil, nil, nil, a.nav)
	split := container.NewHSplit(side, container.NewBorder(a.lockBar, nil, nil, nil, a.body))
	split.Offset = 0.13
	a.win.SetContent(withTips(a.win, split))
}

// longestTitle is the navigation's widest title.
func (a *App) longestTitle() string {
	longest := ""
	for _, sc := range a.screens {
		if fyne.MeasureText(sc.title, theme.TextSize(), fyne.TextStyle{}).Width > fyne.MeasureText(longest, theme.TextSize(), fyne.TextStyle{}).Width {
			longest = sc.title
		}
	}
	return longest
}

// show puts screen i in the body.
func (a *App) show(i int) {
	a.current = i
	a.body.Objects = []fyne.CanvasObject{a.screens[i].view()}
	a.body.Refresh()
}

// selectScreen shows the navigation entry with that title.
func (a *App) selectScreen(title string) {
	for i, sc := range a.screens {
		if sc.title == title {
			a.nav.Select(i)
		}
	}
}

func (a *App) reloadCampaigns(ctx context.Context) {
	cs, err := a.base.db.Campaigns(ctx)
	if err != nil {
		a.dialogs.showError(err)
		return
	}
	a.campaigns = cs
	opts := make([]string, len(cs))
	for i, c := range cs {
		opts[i] = campaignOption(c)
	}
	a.campaignSel.OnChanged = nil
	a.campaignSel.Options = opts
	a.campaignSel.SetSelected(campaignOption(*a.campaign))
	a.campaignSel.OnChanged = a.onCampaignSelected
}

func campaignOption(c data.Campaign) string { return c.Code }

func (a *App) onCampaignSelected(opt string) {
	for _, c := range a.campaigns {
		if campaignOption(c) == opt && c.ID != a.campaign.ID {
			id, ctx := c.ID, context.Background()
			a.register.guard(func() {
				full, err := a.base.db.Campaign(ctx, id)
				if err != nil {
					a.dialogs.showError(err)
					return
				}
				a.setCampaign(full)
			}, func() { a.reloadCampaigns(ctx) }) // cancelled: the selector shows the current campaign again
		}
	}
}

// setCampaign switches every screen to another campaign.
func (a *App) setCampaign(c *data.Campaign) {
	a.campaign = c
	rememberCampaign(a.fyne.Preferences(), a.base.address, c)
	a.undo.refresh() // an undo belongs to its campaign
	a.win.SetTitle("Cohésion — " + c.Code)
	ctx := context.Background()
	a.register.reset(ctx)
	a.reloadCampaigns(ctx)
	a.refreshLock()
	a.show(a.current)
}

func (a *App) menu() *fyne.MainMenu {
	newItem := fyne.NewMenuItem("Nouveau dossier", a.onNewApplication)
	newItem.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault}
	importItem := item("Importer des dossiers…", fyne.KeyI, a.imports.onImport)
	importScores := fyne.NewMenuItem("Importer des grilles de notation…", a.imports.onImportScores)
	demoItem := fyne.NewMenuItem("Charger le jeu de démonstration fictif", func() { askDemo(a.env) })
	backup := fyne.NewMenuItem("Sauvegarder la base…", a.safety.onBackup)
	restore := fyne.NewMenuItem("Restaurer une sauvegarde…", a.safety.onRestore)
	exports := fyne.NewMenuItem("Exporter", nil)
	exports.ChildMenu = fyne.NewMenu("",
		fyne.NewMenuItem("Le registre des dossiers…", func() { exportTable(context.Background(), a.env, "applications") }),
		fyne.NewMenuItem("Le classement…", func() { exportTable(context.Background(), a.env, "ranking") }),
		fyne.NewMenuItem("La répartition adoptée…", func() { exportTable(context.Background(), a.env, "allocation") }),
		fyne.NewMenuItem("Les subventions au format SCDL (données ouvertes)…", func() { exportTable(context.Background(), a.env, "scdl") }),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem("Les versements, pour le service financier…", func() { followUpExports{a.followUp.env}.payments() }),
		fyne.NewMenuItem("Les relances des comptes rendus financiers (publipostage)…", func() { followUpExports{a.followUp.env}.reminders() }))
	gdpr := fyne.NewMenuItem("Données personnelles…", func() {
		showPersonalData(a.env, func() []string { return a.base.bases.RemoveLeftovers(a.base.db) }, func() { a.show(a.current) })
	})
	shared := fyne.NewMenuItem("Ouvrir une base partagée…", a.shared.onOpenShared)
	local := fyne.NewMenuItem("Ouvrir la base de ce poste", a.shared.onOpenLocal)
	file := fyne.NewMenu("Fichier", newItem, importItem, importScores, exports, fyne.NewMenuItemSeparator(), backup, restore, gdpr,
		fyne.NewMenuItemSeparator(), shared, local, fyne.NewMenuItemSeparator(), demoItem,
		fyne.NewMenuItemSeparator(), quitItem(a.fyne))
	verify := fyne.NewMenuItem("Vérifier le journal des modifications", func() { verifyJournal(context.Background(), a.env) })
	help := fyne.NewMenu("Aide", verify, fyne.NewMenuItemSeparator(), fyne.NewMenuItem("À propos de Cohésion", func() { showAbout(a.dialogs, a.fyne, a.base.db.Location()) }))
	return fyne.NewMainMenu(file, a.editMenu(), a.viewMenu(), help)
}

func (a *App) shortcuts() {
	// The shortcuts are the menus' (see keys.go); the keys without a
	// modifier go to the open dialog.
	a.win.Canvas().SetOnTypedKey(a.dialogs.onKey)
}

func (a *App) onNewApplication() {
	a.register.guard(func() {
		a.selectScreen("Dossiers")
		a.register.openForm(nil)
	}, nil)
}

func (a *App) onFind() {
	a.register.guard(func() {
		a.selectScreen("Dossiers")
		a.register.closeForm()
		a.win.Canvas().Focus(a.register.search)
	}, nil)
}

// Inform shows a message in the main window (the main's « Base déplacée »);
// nil when no window opened, and then it shows nothing.
func (a *App) Inform(title, message string) {
	if a != nil {
		a.dialogs.inform(title, message)
	}
}

// ShowError shows an error in the main window (the main's fallback from a
// shared base to this desk's); nil when no window opened.
func (a *App) ShowError(err error) {
	if a != nil {
		a.dialogs.showError(err)
	}
}

// demoBase is what demo.Load writes through: the campaign, its dossiers,
// their instruction and the jury.
type demoBase struct {
	campaignsOf
	data.Register
	data.Snapshots
	data.Jury
}

// campaignsOf is data.Campaigns under a name of its own: embedded as
// data.Campaigns, the field would hide the method of that name.
type campaignsOf interface{ data.Campaigns }

// askDemo loads, once confirmed, the fictitious demonstration set in a
// campaign of its own, and switches the window to it.
func askDemo(env screenEnv) {
	env.confirm("Jeu de démonstration", "Charger", "Annuler",
		widget.NewLabel("Le jeu de démonstration fictif (30 dossiers) est chargé dans une campagne à part,\n"+
			data.DemoCode+", qui ne se mélange jamais aux données réelles."),
		func(ok bool) {
			if !ok {
				return
			}
			c, n, err := demo.Load(context.Background(), demoBase{env.campaigns(), env.register(), env.snapshots(), env.jury()})
			if err != nil {
				env.showError(err)
				return
			}
			env.setCampaign(c)
			env.inform("Jeu de démonstration", fmt.Sprintf("%d dossiers fictifs chargés dans la campagne %s.", n, c.Code))
		})
}

// sortedQPVs returns the campaign's QPV sorted by name, for menus.
func sortedQPVs(c *data.Campaign) []data.QPV {
	q := append([]data.QPV(nil), c.QPVs...)
	sort.Slice(q, func(i, j int) bool { return data.FoldKey(q[i].Name) < data.FoldKey(q[j].Name) })
	return q
}
