package cli

import (
	"context"
	"flag"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/seed"
)

func init() {
	commands["campaign"] = command{"campaign show [--format table|json] | campaign set CLÉ=VALEUR… | campaign new CODE [--from CAMPAGNE [--year AAAA] [--jury]] [--title TEXTE]",
		"affiche ou modifie les paramètres de la campagne (mêmes règles, même verrou et même journal que l'écran Campagne), ou en crée une nouvelle, " +
			"vierge ou à partir d'une autre (ses paramètres, ses modèles de lettres et, avec --jury, son jury sans les déports ; son calendrier décalé à l'année --year, l'année suivante par défaut ; jamais ses dossiers) ; clés : " + data.SettingKeys(),
		(*cli).cmdCampaign}
}

func (a *cli) cmdCampaign(ctx context.Context, args []string) error {
	if len(args) == 0 || (args[0] != "show" && args[0] != "set" && args[0] != "new") {
		return usageError{"indiquez « show », « set CLÉ=VALEUR… » ou « new CODE »"}
	}
	switch args[0] {
	case "show":
		return a.cmdCampaignShow(ctx, args[1:])
	case "new":
		return a.cmdCampaignNew(ctx, args[1:])
	}
	db, c, err := a.current(ctx)
	if err != nil {
		return err
	}
	if len(args) == 1 {
		return usageError{"indiquez au moins un paramètre CLÉ=VALEUR (clés : " + data.SettingKeys() + ")"}
	}
	changed, err := applySettings(c, args[1:])
	if err != nil {
		return err
	}
	if err := db.UpdateCampaign(ctx, c, false); err != nil {
		return err
	}
	fmt.Fprintf(a.out, "Campagne %s enregistrée : %s.\n", c.Code, strings.Join(changed, ", "))
	return nil
}

// applySettings sets each KEY=VALUE on the campaign; it returns the labels changed.
func applySettings(c *data.Campaign, pairs []string) ([]string, error) {
	var changed []string
	for _, kv := range pairs {
		key, value, ok := strings.Cut(kv, "=")
		if !ok {
			return nil, usageError{"« " + kv + " » : écrivez CLÉ=VALEUR, par exemple envelope=\"150 000\""}
		}
		s, ok := data.SettingByKey(key)
		if !ok {
			return nil, usageError{"paramètre inconnu « " + key + " » (clés : " + data.SettingKeys() + ")"}
		}
		if err := s.Set(c, value); err != nil {
			return nil, data.Errorf(data.EINVALID, "%s : %s", s.Label, data.ErrorMessage(err))
		}
		changed = append(changed, s.Label)
	}
	return changed, nil
}

func (a *cli) cmdCampaignShow(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("campaign show", flag.ContinueOnError)
	format := fs.String("format", "table", "")
	if err := noArgs(fs, args); err != nil {
		return err
	}
	if err := checkFormat(*format, "table", "json"); err != nil {
		return err
	}
	_, c, err := a.current(ctx)
	if err != nil {
		return err
	}
	if *format == "json" {
		return writeJSON(a, settingsJSON(c))
	}
	return a.showCampaign(c)
}

// settingsJSON is `campaign show --format json`: one key per key `campaign
// set` takes, its value as the table prints it, so a value read can be set
// back as it is.
func settingsJSON(c *data.Campaign) map[string]string {
	out := make(map[string]string, len(data.Settings))
	for _, s := range data.Settings {
		out[s.Key] = s.Get(c)
	}
	return out
}

func (a *cli) showCampaign(c *data.Campaign) error {
	w := tabwriter.NewWriter(a.out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "Clé\tParamètre\tValeur")
	for _, s := range data.Settings {
		fmt.Fprintf(w, "%s\t%s\t%s\n", s.Key, s.Label, s.Get(c))
	}
	if c.SourceCode != "" {
		fmt.Fprintf(w, "\tFaite à partir de\t%s\n", c.SourceCode)
	}
	if c.Locked() {
		fmt.Fprintf(w, "\tVerrouillée\tdélibération n° %s du %s\n", c.DeliberationNumber, c.DeliberationDate.Format())
	}
	return w.Flush()
}

// cmdCampaignNew creates a campaign: from another with --from (its
// settings, letters and, with --jury, its jury, the calendar moved to
// --year), else from the default settings, as the window's « Nouvelle
// campagne » does. The new campaign becomes the default one.
func (a *cli) cmdCampaignNew(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("campaign new", flag.ContinueOnError)
	from := fs.String("from", "", "")
	year := fs.Int("year", 0, "")
	title := fs.String("title", "", "")
	jury := fs.Bool("jury", false, "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageError{"indiquez le code de la nouvelle campagne, par exemple « campaign new AMI2022 --from AMI2021 »"}
	}
	if *from == "" && (*year != 0 || *jury) {
		return usageError{"--year et --jury ne s'appliquent qu'avec --from CAMPAGNE"}
	}
	if *year != 0 && (*year < 2000 || *year > 2200) {
		return usageError{"--year attend une année, par exemple 2022"}
	}
	db, err := a.open(ctx)
	if err != nil {
		return err
	}
	if *from == "" {
		return a.newDefaultCampaign(ctx, db, pos[0], *title)
	}
	src, err := db.CampaignByCode(ctx, *from)
	if err != nil {
		return err
	}
	c := data.CampaignFrom(src, pos[0], *year, *title)
	if err := db.CreateCampaignFrom(ctx, c, *jury); err != nil {
		return err
	}
	fmt.Fprintf(a.out, "Campagne %s créée à partir de %s (calendrier %s).\n", c.Code, src.Code, calendarOf(c))
	return nil
}

// newDefaultCampaign creates a campaign from the default settings.
func (a *cli) newDefaultCampaign(ctx context.Context, db data.Campaigns, code, title string) error {
	c, err := seed.DefaultCampaign()
	if err != nil {
		return err
	}
	c.Code = strings.TrimSpace(code)
	if !data.Blank(title) {
		c.Title = data.Clean(title)
	}
	if err := db.CreateCampaign(ctx, c); err != nil {
		return err
	}
	fmt.Fprintf(a.out, "Campagne %s créée avec les paramètres par défaut.\n", c.Code)
	return nil
}

// calendarOf says where the calendar starts and ends, for the message.
func calendarOf(c *data.Campaign) string {
	if c.Launch.IsZero() || c.Deadline.IsZero() {
		return "sans dates"
	}
	return "du " + c.Launch.Format() + ", date limite le " + c.Deadline.Format()
}
