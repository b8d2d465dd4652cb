package cli

import (
	"context"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/call-agglo/cohesion/data"
)

func init() {
	commands["campaign"] = command{"campaign show | campaign set CLÉ=VALEUR…",
		"affiche ou modifie les paramètres de la campagne (mêmes règles, même verrou et même journal que l'écran Campagne) ; clés : " + data.SettingKeys(),
		(*cli).cmdCampaign}
}

func (a *cli) cmdCampaign(ctx context.Context, args []string) error {
	if len(args) == 0 || (args[0] != "show" && args[0] != "set") {
		return usageError{"indiquez « show » ou « set CLÉ=VALEUR… »"}
	}
	if args[0] == "show" && len(args) > 1 {
		return usageError{"argument inattendu « " + args[1] + " »"}
	}
	db, c, err := a.current(ctx)
	if err != nil {
		return err
	}
	if args[0] == "show" {
		return a.showCampaign(c)
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

func (a *cli) showCampaign(c *data.Campaign) error {
	w := tabwriter.NewWriter(a.out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "Clé\tParamètre\tValeur")
	for _, s := range data.Settings {
		fmt.Fprintf(w, "%s\t%s\t%s\n", s.Key, s.Label, s.Get(c))
	}
	if c.Locked() {
		fmt.Fprintf(w, "\tVerrouillée\tdélibération n° %s du %s\n", c.DeliberationNumber, c.DeliberationDate.Format())
	}
	return w.Flush()
}
