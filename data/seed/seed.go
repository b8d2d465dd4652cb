// Package seed builds the default campaign (the CALL AMI 2021) from the embedded
// seed text and reference lists, so a new user sees a working campaign at once.
package seed

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/call-agglo/cohesion/assets"
	"github.com/call-agglo/cohesion/data"
)

type seedFile struct {
	Code          string    `json:"code"`
	Title         string    `json:"title"`
	Organiser     string    `json:"organiser"`
	LetterPlace   string    `json:"letter_place"`
	CaseOfficer   string    `json:"case_officer"`
	EnvelopeCents int64     `json:"envelope_cents"`
	Launch        string    `json:"launch"`
	Deadline      string    `json:"deadline"`
	Instruction   [2]string `json:"instruction"`
	Jury          [2]string `json:"jury"`
	Deliberation  [2]string `json:"deliberation"`
	Objectives    []string  `json:"objectives"`
	Themes        []struct{ Label, Examples string }
	Criteria      []struct {
		Label, Description string
		Weight, Max        int
	}
	MinScoreHundredths     int64 `json:"min_score_hundredths"`
	Quorum                 int   `json:"quorum"`
	DisagreementHundredths int64 `json:"disagreement_hundredths"`
}

// DefaultCampaign returns the CALL AMI 2021 campaign with its themes, grid and
// territory, ready to be stored.
func DefaultCampaign() (*data.Campaign, error) {
	var s seedFile
	if err := json.Unmarshal(assets.SeedAMI2021, &s); err != nil {
		return nil, fmt.Errorf("seed: %w", err)
	}
	c := &data.Campaign{
		Code: s.Code, Title: s.Title, Organiser: s.Organiser, EnvelopeCents: s.EnvelopeCents,
		Objectives: s.Objectives, MinScoreHundredths: s.MinScoreHundredths, Quorum: s.Quorum,
		DisagreementHundredths: s.DisagreementHundredths, LetterPlace: s.LetterPlace, CaseOfficer: s.CaseOfficer,
	}
	var err error
	date := func(v string) data.Date {
		d, e := data.ParseDate(v)
		if e != nil && err == nil {
			err = e
		}
		return d
	}
	c.Launch, c.Deadline = date(s.Launch), date(s.Deadline)
	c.Instruction = data.Period{From: date(s.Instruction[0]), To: date(s.Instruction[1])}
	c.Jury = data.Period{From: date(s.Jury[0]), To: date(s.Jury[1])}
	c.Deliberation = data.Period{From: date(s.Deliberation[0]), To: date(s.Deliberation[1])}
	if err != nil {
		return nil, fmt.Errorf("seed: %w", err)
	}
	for i, t := range s.Themes {
		c.Themes = append(c.Themes, data.Theme{Position: i + 1, Label: t.Label, Examples: t.Examples})
	}
	for i, k := range s.Criteria {
		c.Criteria = append(c.Criteria, data.Criterion{Position: i + 1, Label: k.Label, Description: k.Description, Weight: k.Weight, Max: k.Max})
	}
	if c.Communes, err = Communes(); err != nil {
		return nil, err
	}
	if c.QPVs, err = QPVs(); err != nil {
		return nil, err
	}
	return c, data.ValidateCampaign(c)
}

// Communes reads the embedded list of the CALL's 36 communes.
func Communes() ([]data.Commune, error) {
	rows, err := readCSV(assets.CommunesCSV, "insee_code", "name", "siren", "population_municipale", "in_politique_de_la_ville")
	if err != nil {
		return nil, fmt.Errorf("communes: %w", err)
	}
	out := make([]data.Commune, 0, len(rows))
	for _, r := range rows {
		pop, _ := strconv.Atoi(r["population_municipale"])
		out = append(out, data.Commune{INSEE: r["insee_code"], Name: r["name"], SIREN: r["siren"], Population: pop, HasQPV: r["in_politique_de_la_ville"] == "yes"})
	}
	return out, nil
}

// QPVs reads the embedded list of the 21 quartiers prioritaires. Their
// population is unknown in the reference data, and left at 0.
func QPVs() ([]data.QPV, error) {
	rows, err := readCSV(assets.QPVCSV, "code", "name", "commune_insee_codes", "population")
	if err != nil {
		return nil, fmt.Errorf("qpv: %w", err)
	}
	out := make([]data.QPV, 0, len(rows))
	for _, r := range rows {
		pop, _ := strconv.Atoi(r["population"]) // "unknown" → 0
		out = append(out, data.QPV{Code: r["code"], Name: r["name"], Communes: strings.Split(r["commune_insee_codes"], ";"), Population: pop})
	}
	return out, nil
}

func readCSV(b []byte, need ...string) ([]map[string]string, error) {
	recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		return nil, err
	}
	if len(recs) == 0 {
		return nil, fmt.Errorf("fichier vide")
	}
	idx := map[string]int{}
	for i, h := range recs[0] {
		idx[h] = i
	}
	for _, n := range need {
		if _, ok := idx[n]; !ok {
			return nil, fmt.Errorf("colonne %q absente", n)
		}
	}
	var out []map[string]string
	for _, r := range recs[1:] {
		m := map[string]string{}
		for h, i := range idx {
			m[h] = r[i]
		}
		out = append(out, m)
	}
	return out, nil
}

// EnsureDefault gives a base with no campaign the CALL AMI 2021 campaign, and
// reports whether it did. A base that holds any campaign is left alone; of two
// processes starting on a new base at once, one seeds it.
func EnsureDefault(ctx context.Context, st data.Campaigns) (bool, error) {
	list, err := st.Campaigns(ctx)
	if err != nil || len(list) > 0 {
		return false, err
	}
	c, err := DefaultCampaign()
	if err != nil {
		return false, err
	}
	err = st.CreateCampaign(ctx, c)
	if data.ErrorCode(err) == data.ECONFLICT {
		return false, nil // the other process seeded it
	}
	return err == nil, err
}
