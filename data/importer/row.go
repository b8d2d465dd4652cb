package importer

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/call-agglo/cohesion/data"
)

// lookup indexes a campaign's lists by folded key once per import: the
// campaign's own finders fold every label on every call.
type lookup struct {
	themes    map[string]data.Theme
	qpvs      map[string]data.QPV
	communes  map[string]data.Commune
	themeList string
}

func newLookup(c *data.Campaign) *lookup {
	lk := &lookup{themes: map[string]data.Theme{}, qpvs: map[string]data.QPV{}, communes: map[string]data.Commune{}}
	labels := make([]string, 0, len(c.Themes))
	for _, t := range c.Themes {
		if _, ok := lk.themes[data.FoldKey(t.Label)]; !ok {
			lk.themes[data.FoldKey(t.Label)] = t
		}
		labels = append(labels, "« "+t.Label+" »")
	}
	lk.themeList = strings.Join(labels, ", ")
	// Same precedence as Campaign.QPVByCodeOrName: the first QPV whose code or
	// name matches.
	for _, q := range c.QPVs {
		for _, k := range []string{data.FoldKey(q.Code), data.FoldKey(q.Name)} {
			if _, ok := lk.qpvs[k]; !ok {
				lk.qpvs[k] = q
			}
		}
	}
	for _, m := range c.Communes {
		if _, ok := lk.communes["="+m.INSEE]; !ok {
			lk.communes["="+m.INSEE] = m
		}
		if k := data.FoldKey(m.Name); k != "" {
			if _, ok := lk.communes[k]; !ok {
				lk.communes[k] = m
			}
		}
	}
	return lk
}

func (lk *lookup) commune(s string) (data.Commune, bool) {
	if m, ok := lk.communes["="+s]; ok {
		return m, true
	}
	k := data.FoldKey(s)
	if k == "" {
		return data.Commune{}, false
	}
	m, ok := lk.communes[k]
	return m, ok
}

func (lk *lookup) qpv(s string) (data.QPV, bool) {
	k := data.FoldKey(s)
	if k == "" {
		return data.QPV{}, false
	}
	q, ok := lk.qpvs[k]
	return q, ok
}

// rowParser maps one row and collects its errors.
type rowParser struct {
	m    *mapping
	lk   *lookup
	line int
	bad  map[string]bool // fields with a parse error: Validate's word on them is moot
	errs []LineError
	pos  []int // column index in the file of each error, to sort them left to right
}

func (p *rowParser) add(key, msg string) {
	p.bad[key] = true
	pos, ok := p.m.idx[key]
	if !ok {
		pos = 1 << 30
	}
	p.addAt(pos, LineError{Line: p.line, Column: p.m.label(key), Message: msg})
}

func (p *rowParser) addAt(pos int, e LineError) {
	p.errs = append(p.errs, e)
	p.pos = append(p.pos, pos)
}

// sorted returns the row's errors in the order of the file's columns.
func (p *rowParser) sorted() []LineError {
	idx := make([]int, len(p.errs))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return p.pos[idx[a]] < p.pos[idx[b]] })
	out := make([]LineError, len(idx))
	for i, j := range idx {
		out[i] = p.errs[j]
	}
	return out
}

// get returns the cell for a field, and whether it holds anything.
func (p *rowParser) get(row []string, key string) (string, bool) {
	v, ok := p.m.cell(row, key)
	return v, ok && strings.TrimSpace(v) != ""
}

func (p *rowParser) parse(row []string, c *data.Campaign) data.Application {
	a := data.Application{CampaignID: c.ID, Status: data.StatusRecu}
	s := &a.Structure
	text := func(key string, dst *string) {
		if v, ok := p.m.cell(row, key); ok {
			*dst = v
		}
	}
	text(data.FieldNumber, &a.Number)
	text(data.FieldStructure, &s.Name)
	text(data.FieldLegalForm, &s.LegalForm)
	text(data.FieldSIRET, &s.SIRET)
	text(data.FieldRNA, &s.RNA)
	text(data.FieldAddress, &s.Address)
	text(data.FieldPostalCode, &s.PostalCode)
	text(data.FieldTown, &s.Town)
	text(data.FieldLegalRep, &s.LegalRep)
	text(data.FieldContact, &s.Contact)
	text(data.FieldEmail, &s.Email)
	text(data.FieldPhone, &s.Phone)
	text(data.FieldTitle, &a.Title)
	text(data.FieldSummary, &a.Summary)
	text(data.FieldPublic, &a.TargetPublic)
	text(data.FieldExternalState, &a.ExternalState)
	a.ExternalState = data.Clean(a.ExternalState)
	s.Email = strings.TrimSpace(s.Email)
	s.SIRET = strings.TrimSpace(s.SIRET)

	if v, ok := p.get(row, data.FieldReceived); ok {
		t, err := data.ParseDateTime(v)
		if err != nil {
			p.add(data.FieldReceived, data.ErrorMessage(err))
		}
		a.Received = t
	}

	if v, ok := p.get(row, data.FieldCommune); ok {
		if m, ok := p.lk.commune(data.Clean(v)); ok {
			s.Commune = m.INSEE
		} else {
			p.add(data.FieldCommune, fmt.Sprintf("commune inconnue « %s » : indiquez le nom ou le code INSEE d'une commune de la campagne", abbrev(v)))
		}
	}

	if v, ok := p.get(row, data.FieldTheme); ok {
		if th, ok := p.lk.themes[data.FoldKey(v)]; ok {
			a.ThemeID = th.ID
		} else {
			p.add(data.FieldTheme, fmt.Sprintf("thématique inconnue « %s » : choisissez parmi %s", abbrev(v), p.lk.themeList))
		}
	}

	if v, ok := p.get(row, data.FieldQPV); ok {
		codes, unknown := p.parseQPVs(v)
		a.QPVs = codes
		for _, u := range unknown {
			p.add(data.FieldQPV, fmt.Sprintf("quartier inconnu « %s » : indiquez le code (ex. QP062024) ou le nom d'un QPV de la campagne", abbrev(u)))
		}
	}

	if v, ok := p.get(row, data.FieldBeneficiaries); ok {
		n, msg := parseCount(v)
		if msg != "" {
			p.add(data.FieldBeneficiaries, msg)
		}
		a.Beneficiaries = n
	}
	if v, ok := p.get(row, data.FieldQPVShare); ok {
		n, msg := parsePercent(v)
		if msg != "" {
			p.add(data.FieldQPVShare, msg)
		}
		a.QPVSharePct = n
	}

	a.Start = p.date(row, data.FieldStart)
	a.End = p.date(row, data.FieldEnd)
	a.TotalCents = p.amount(row, data.FieldTotal)
	a.RequestedCents = p.amount(row, data.FieldRequested)

	if v, ok := p.get(row, data.FieldCofinancing); ok {
		lines, msgs := parseCofinancing(v)
		a.Cofinancing = lines
		for _, msg := range msgs {
			p.add(data.FieldCofinancing, msg)
		}
	}
	return a
}

func (p *rowParser) date(row []string, key string) data.Date {
	v, ok := p.get(row, key)
	if !ok {
		return data.Date{}
	}
	d, err := data.ParseDate(v)
	if err == nil {
		return d
	}
	// A spreadsheet's date-time cell, or « 01/09/2021 00:00 »: keep the day.
	if t, err2 := data.ParseDateTime(v); err2 == nil {
		return data.DateOf(t)
	}
	p.add(key, data.ErrorMessage(err))
	return data.Date{}
}

func (p *rowParser) amount(row []string, key string) int64 {
	v, ok := p.get(row, key)
	if !ok {
		return 0
	}
	c, err := data.ParseAmount(v)
	if err != nil {
		p.add(key, data.ErrorMessage(err))
		return 0
	}
	return c
}

// parseQPVs reads « QP062024, Cité 2 / Grande Résidence »: codes or names
// separated by ',', ';', '/' or line breaks. A name holding '/' (« Quartier du
// 3/15 ») is tried whole before being split.
func (p *rowParser) parseQPVs(v string) (codes, unknown []string) {
	if q, ok := p.lk.qpv(v); ok {
		return []string{q.Code}, nil
	}
	for _, part := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ';' || r == '\n' || r == '\r' }) {
		part = data.Clean(part)
		if part == "" {
			continue
		}
		if q, ok := p.lk.qpv(part); ok {
			codes = append(codes, q.Code)
			continue
		}
		if !strings.Contains(part, "/") {
			unknown = append(unknown, part)
			continue
		}
		for _, sub := range strings.Split(part, "/") {
			sub = data.Clean(sub)
			if sub == "" {
				continue
			}
			if q, ok := p.lk.qpv(sub); ok {
				codes = append(codes, q.Code)
			} else {
				unknown = append(unknown, sub)
			}
		}
	}
	return codes, unknown
}

// maxBeneficiaries bounds the count: the agglomeration has 250 000 inhabitants,
// so a larger number is a typo (an amount in the wrong column…).
const maxBeneficiaries = 10_000_000

// digitsOnly removes the spaces people put between thousands.
func digitsOnly(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\u00a0', '\u202f', '\t':
			return -1
		}
		return r
	}, strings.TrimSpace(s))
}

// parseCount reads a whole number: « 120 », « 1 200 »; « 120.0 » from a
// spreadsheet too.
func parseCount(v string) (int, string) {
	s := digitsOnly(v)
	s = trimZeroDecimals(s)
	if strings.HasPrefix(s, "-") {
		return 0, fmt.Sprintf("le nombre de bénéficiaires « %s » ne peut pas être négatif", abbrev(v))
	}
	if s == "" || strings.Trim(s, "0123456789") != "" {
		return 0, fmt.Sprintf("nombre de bénéficiaires illisible « %s » : écrivez un nombre entier, par exemple 120", abbrev(v))
	}
	if len(strings.TrimLeft(s, "0")) > 9 {
		return 0, fmt.Sprintf("nombre de bénéficiaires trop élevé « %s »", abbrev(v))
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, fmt.Sprintf("nombre de bénéficiaires illisible « %s » : écrivez un nombre entier, par exemple 120", abbrev(v))
	}
	if n > maxBeneficiaries {
		return 0, fmt.Sprintf("nombre de bénéficiaires trop élevé « %s »", abbrev(v))
	}
	return n, ""
}

// trimZeroDecimals turns « 80,0 » or « 80.00 » into « 80 »; other decimals stay.
func trimZeroDecimals(s string) string {
	if i := strings.IndexAny(s, ",."); i >= 0 && i < len(s)-1 && strings.Trim(s[i+1:], "0") == "" {
		return s[:i]
	}
	return s
}

// parsePercent reads a whole percentage from 0 to 100: « 80 », « 80 % ».
// Decimals other than zeros are refused rather than rounded: the register
// shows whole percentages, and 80,5 % becoming 80 % would alter the figure.
func parsePercent(v string) (int, string) {
	s := digitsOnly(v)
	s = strings.TrimSuffix(s, "%")
	s = trimZeroDecimals(s)
	bad := fmt.Sprintf("part des bénéficiaires en QPV illisible « %s » : écrivez un pourcentage entier de 0 à 100, par exemple 80 ou 80 %%", abbrev(v))
	if s == "" || len(s) > 4 || strings.Trim(s, "0123456789") != "" {
		if strings.ContainsAny(s, ",.") && strings.Trim(strings.NewReplacer(",", "", ".", "").Replace(s), "0123456789") == "" && s != "" {
			return 0, fmt.Sprintf("part des bénéficiaires en QPV « %s » : écrivez un pourcentage entier de 0 à 100, sans décimales (ex. 80 %%)", abbrev(v))
		}
		return 0, bad
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, bad
	}
	if n > 100 {
		return 0, fmt.Sprintf("part des bénéficiaires en QPV « %s » : elle doit être comprise entre 0 et 100 %%", abbrev(v))
	}
	return n, ""
}

// parseCofinancing reads « Région Hauts-de-France : 5 000 € (acquis) ; État
// (FDVA) : 3 000 € (sollicité) »: one line per funder, separated by ';' or line
// breaks, each « financeur : montant », with an optional status in parentheses
// or as a last word; without one, the line is sollicité.
func parseCofinancing(v string) ([]data.Cofinancing, []string) {
	var out []data.Cofinancing
	var msgs []string
	n := 0
	for _, item := range strings.FieldsFunc(v, func(r rune) bool { return r == ';' || r == '\n' || r == '\r' }) {
		item = data.Clean(item)
		if item == "" {
			continue
		}
		n++
		i := strings.LastIndex(item, ":")
		if i < 0 {
			msgs = append(msgs, fmt.Sprintf("cofinancement n° %d illisible « %s » : écrivez « Financeur : montant (acquis) » ou « Financeur : montant (sollicité) »", n, abbrev(item)))
			continue
		}
		funder, rest := strings.TrimSpace(item[:i]), strings.TrimSpace(item[i+1:])
		acquired, rest, ok := cofinancingStatus(rest)
		if !ok {
			msgs = append(msgs, fmt.Sprintf("cofinancement n° %d « %s » : état inconnu, écrivez (acquis) ou (sollicité)", n, abbrev(item)))
			continue
		}
		cents, err := data.ParseAmount(rest)
		if err != nil {
			msgs = append(msgs, fmt.Sprintf("cofinancement n° %d « %s » : %s", n, abbrev(item), data.ErrorMessage(err)))
			continue
		}
		if funder == "" {
			msgs = append(msgs, fmt.Sprintf("cofinancement n° %d « %s » : financeur manquant avant « : »", n, abbrev(item)))
			continue
		}
		out = append(out, data.Cofinancing{Funder: funder, AmountCents: cents, Acquired: acquired})
	}
	return out, msgs
}

var (
	acquiredWords  = map[string]bool{"acquis": true, "acquise": true, "obtenu": true, "obtenue": true, "accorde": true, "accordee": true, "notifie": true, "notifiee": true}
	requestedWords = map[string]bool{"sollicite": true, "sollicitee": true, "demande": true, "demandee": true, "encours": true, "enattente": true, "aconfirmer": true}
)

// cofinancingStatus takes the status off the end of « 5 000 € (acquis) » or
// « 5 000 € acquis »; ok is false for a parenthesis that is no status.
func cofinancingStatus(s string) (acquired bool, rest string, ok bool) {
	if strings.HasSuffix(s, ")") {
		if i := strings.LastIndex(s, "("); i >= 0 {
			k := data.FoldKey(s[i+1 : len(s)-1])
			switch {
			case acquiredWords[k]:
				return true, strings.TrimSpace(s[:i]), true
			case requestedWords[k]:
				return false, strings.TrimSpace(s[:i]), true
			}
			return false, s, false
		}
	}
	// A last word without parentheses: « 5 000 € acquis », « 3 000 en cours ».
	fields := strings.Fields(s)
	for n := 2; n >= 1; n-- {
		if len(fields) > n {
			k := data.FoldKey(strings.Join(fields[len(fields)-n:], ""))
			if acquiredWords[k] || requestedWords[k] {
				return acquiredWords[k], strings.Join(fields[:len(fields)-n], " "), true
			}
		}
	}
	return false, s, true
}
