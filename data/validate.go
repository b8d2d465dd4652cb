package data

import (
	"net/mail"
	"slices"
	"strings"
	"unicode/utf8"
)

// Field keys, shared by forms, import reports and validation messages.
const (
	FieldNumber         = "number"
	FieldReceived       = "received"
	FieldStructure      = "structure"
	FieldLegalForm      = "legal_form"
	FieldSIRET          = "siret"
	FieldRNA            = "rna"
	FieldAddress        = "address"
	FieldPostalCode     = "postal_code"
	FieldTown           = "town"
	FieldCommune        = "commune"
	FieldLegalRep       = "legal_rep"
	FieldContact        = "contact"
	FieldEmail          = "email"
	FieldPhone          = "phone"
	FieldTitle          = "title"
	FieldSummary        = "summary"
	FieldTheme          = "theme"
	FieldQPV            = "qpv"
	FieldPublic         = "public"
	FieldBeneficiaries  = "beneficiaries"
	FieldQPVShare       = "qpv_share"
	FieldStart          = "start"
	FieldEnd            = "end"
	FieldTotal          = "total"
	FieldRequested      = "requested"
	FieldCofinancing    = "cofinancing"
	FieldStatus         = "status"
	FieldLateOverride   = "late_override"
	FieldExternalState  = "external_state"
	FieldReference      = "reference"
	FieldJurorName      = "juror_name"
	FieldJurorCollege   = "juror_college"
	FieldDisagreement   = "disagreement"
	FieldRetention      = "retention"
	FieldOrganiserSIRET = "organiser_siret"
	FieldPaymentDates   = "payment_dates"

	FieldCampaignCode  = "campaign_code"
	FieldCampaignTitle = "campaign_title"
	FieldEnvelope      = "envelope"
	FieldDeadline      = "deadline"
	FieldThemes        = "themes"
	FieldCriteria      = "criteria"
	FieldQuorum        = "quorum"
	FieldMinScore      = "min_score"
)

var fieldLabels = map[string]string{
	FieldNumber: "Numéro", FieldReceived: "Date de dépôt", FieldStructure: "Structure",
	FieldLegalForm: "Forme juridique", FieldSIRET: "SIRET", FieldRNA: "RNA",
	FieldAddress: "Adresse", FieldPostalCode: "Code postal", FieldTown: "Localité", FieldCommune: "Commune", FieldLegalRep: "Représentant légal",
	FieldContact: "Contact", FieldEmail: "Courriel", FieldPhone: "Téléphone",
	FieldTitle: "Intitulé du projet", FieldSummary: "Résumé", FieldTheme: "Thématique",
	FieldQPV: "QPV", FieldPublic: "Public visé", FieldBeneficiaries: "Nombre de bénéficiaires",
	FieldQPVShare: "Part des bénéficiaires en QPV", FieldStart: "Date de début",
	FieldEnd: "Date de fin", FieldTotal: "Coût total", FieldRequested: "Montant demandé",
	FieldCofinancing: "Cofinancements", FieldStatus: "Statut", FieldLateOverride: "Motif de dérogation",
	FieldCampaignCode: "Code", FieldCampaignTitle: "Intitulé", FieldEnvelope: "Enveloppe",
	FieldDeadline: "Date limite", FieldThemes: "Thématiques", FieldCriteria: "Grille",
	FieldQuorum: "Quorum", FieldMinScore: "Note minimale",
	FieldExternalState: "État sur la plateforme de dépôt", FieldReference: "Référence du porteur", FieldJurorName: "Nom du juré", FieldJurorCollege: "Collège",
	FieldDisagreement: "Seuil de désaccord", FieldRetention: "Conservation des données personnelles", FieldOrganiserSIRET: "SIRET de l'organisateur",
	FieldPaymentDates: "Dates de versement",
}

// FieldLabel is the French label of a field key.
func FieldLabel(f string) string {
	if l, ok := fieldLabels[f]; ok {
		return l
	}
	return f
}

// MaxTextLen bounds free text (a summary of 10 000 characters is fine; a pasted
// book is not).
const MaxTextLen = 20000

// maxLineLen bounds one-line fields.
const maxLineLen = 500

// ValidSIRET checks 14 digits and the Luhn key. La Poste's establishments (SIREN
// 356000000) are the known exception: their digit sum is divisible by 5.
func ValidSIRET(s string) bool {
	if len(s) != 14 {
		return false
	}
	sum := 0
	for i := 0; i < 14; i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return false
		}
		d := int(c - '0')
		if i%2 == 0 { // from the right, every second digit is doubled: 14 digits → even positions
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	if sum%10 == 0 {
		return true
	}
	if strings.HasPrefix(s, "356000000") {
		plain := 0
		for i := 0; i < 14; i++ {
			plain += int(s[i] - '0')
		}
		return plain%5 == 0
	}
	return false
}

// NormalizeSIRET removes the spaces people type between groups (123 456 789 00012).
func NormalizeSIRET(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '\u00a0' || r == '\u202f' || r == '.' || r == '-' {
			return -1
		}
		return r
	}, s)
}

// ValidRNA checks a Répertoire national des associations number: W + 9 characters
// (digits, or a letter for some old prefectures' numbers).
func ValidRNA(s string) bool {
	if len(s) != 10 || s[0] != 'W' {
		return false
	}
	for i := 1; i < 10; i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return true
}

// ValidEmail checks a plain address (no display name).
func ValidEmail(s string) bool {
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s {
		return false
	}
	// A domain with a dot, not an IP literal (jean@[192.0.2.1]) nor a bare host.
	domain := s[strings.LastIndexByte(s, '@')+1:]
	return strings.Contains(domain, ".") && !strings.HasPrefix(domain, "[")
}

// NormalizePhone returns a French number as 10 digits (0X XX XX XX XX) from
// « 03 21 00 00 00 », « 03.21.00.00.00 » or « +33 3 21 00 00 00 »; ok is false
// when it is no such number.
func NormalizePhone(s string) (string, bool) {
	var b strings.Builder
	for i, r := range strings.TrimSpace(s) {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == '+' && i == 0:
			b.WriteRune(r)
		case r == ' ' || r == '.' || r == '-' || r == '\u00a0' || r == '\u202f' || r == '(' || r == ')':
		default:
			return "", false
		}
	}
	d := b.String()
	if strings.HasPrefix(d, "+33") {
		d = strings.TrimPrefix(d[3:], "0") // +33 (0)3… is common
		if len(d) != 9 {
			return "", false
		}
		d = "0" + d
	}
	if len(d) != 10 || d[0] != '0' || d[1] == '0' {
		return "", false
	}
	return d, true
}

// FormatPhone groups a 10-digit number by pairs: 03 21 00 00 00.
func FormatPhone(d string) string {
	if len(d) != 10 {
		return d
	}
	return d[0:2] + " " + d[2:4] + " " + d[4:6] + " " + d[6:8] + " " + d[8:10]
}

// Normalize tidies an application before validation: trims one-line fields,
// removes spaces from identifiers, upper-cases the RNA, groups the phone number.
func (a *Application) Normalize() {
	s := &a.Structure
	for _, p := range []*string{&s.Name, &s.LegalForm, &s.LegalRep, &s.Contact, &s.Email, &s.Town, &a.Title, &a.TargetPublic, &a.Number, &a.Reference} {
		*p = Clean(*p)
	}
	// The street keeps its lines; a last line « 62300 Lens » becomes the
	// postal code and the town when they are not given apart.
	s.Address, s.PostalCode, s.Town = SplitPostalLine(NormalizeAddress(s.Address), NormalizePostalCode(s.PostalCode), s.Town)
	a.Summary = strings.TrimSpace(a.Summary)
	a.Notes = strings.TrimSpace(a.Notes)
	s.SIRET = NormalizeSIRET(s.SIRET)
	s.RNA = strings.ToUpper(strings.TrimSpace(s.RNA))
	if p, ok := NormalizePhone(s.Phone); ok {
		s.Phone = FormatPhone(p)
	} else {
		s.Phone = strings.TrimSpace(s.Phone)
	}
	for i := range a.Cofinancing {
		a.Cofinancing[i].Funder = Clean(a.Cofinancing[i].Funder)
	}
}

// Validate checks an application against the rules of its campaign. It reports
// every broken rule at once, so a form can mark all the faulty fields together.
func (a *Application) Validate(c *Campaign) error {
	if c == nil {
		c = &Campaign{} // no campaign: every commune, QPV and theme is unknown
	}
	var v ValidationErrors
	if Blank(a.Structure.Name) {
		v.add(FieldStructure, "le nom de la structure est obligatoire")
	}
	if Blank(a.Title) {
		v.add(FieldTitle, "l'intitulé du projet est obligatoire")
	}
	a.validateIdentifiers(&v)
	a.validatePlaces(&v, c)
	a.validateFigures(&v)
	a.validateAmounts(&v)
	a.validateLengths(&v)
	if a.Late && a.Status != StatusIrrecevable && Blank(a.LateOverride) {
		v.add(FieldLateOverride, "dossier hors délai : un motif écrit est obligatoire pour le déclarer recevable")
	}
	return v.Err()
}

// validateIdentifiers checks the structure's SIRET, RNA, e-mail and phone,
// each optional.
func (a *Application) validateIdentifiers(v *ValidationErrors) {
	s := &a.Structure
	if s.SIRET != "" && !ValidSIRET(s.SIRET) {
		if len(s.SIRET) != 14 || strings.Trim(s.SIRET, "0123456789") != "" {
			v.add(FieldSIRET, "le SIRET doit compter 14 chiffres")
		} else {
			v.add(FieldSIRET, "SIRET invalide : la clé de contrôle ne correspond pas")
		}
	}
	if s.RNA != "" && !ValidRNA(s.RNA) {
		v.add(FieldRNA, "le numéro RNA s'écrit W suivi de 9 caractères (ex. W623001234)")
	}
	if s.Email != "" && !ValidEmail(s.Email) {
		v.add(FieldEmail, "adresse électronique invalide")
	}
	if s.Phone != "" {
		if _, ok := NormalizePhone(s.Phone); !ok {
			v.add(FieldPhone, "numéro de téléphone invalide : 10 chiffres ou +33")
		}
	}
	// An empty postal code or town is accepted (flagged on the dossier); a
	// letter refuses it (PostalAddress.Missing).
	if s.PostalCode != "" && !ValidPostalCode(s.PostalCode) {
		v.add(FieldPostalCode, "le code postal s'écrit en 5 chiffres (ex. 62300 ; 02100 pour l'Aisne, dont un tableur efface parfois le 0)")
	}
}

// validatePlaces checks the commune, the theme and the QPVs against the
// campaign's lists; a QPV named twice, by code or by name, is an error.
func (a *Application) validatePlaces(v *ValidationErrors, c *Campaign) {
	if commune := a.Structure.Commune; commune != "" {
		if !slices.ContainsFunc(c.Communes, func(m Commune) bool { return m.INSEE == commune }) {
			v.add(FieldCommune, "commune inconnue dans la liste de la campagne")
		}
	}
	if a.ThemeID != 0 {
		if _, ok := c.ThemeByID(a.ThemeID); !ok {
			v.add(FieldTheme, "thématique inconnue")
		}
	}
	seen := map[string]bool{}
	for _, q := range a.QPVs {
		key := FoldKey(q) // the same quarter by code and by name is still a duplicate
		if qpv, ok := c.QPVByCodeOrName(q); ok {
			key = FoldKey(qpv.Code)
		} else {
			v.add(FieldQPV, "QPV inconnu dans la liste de la campagne : %s", q)
		}
		if seen[key] {
			v.add(FieldQPV, "QPV cité deux fois : %s", q)
		}
		seen[key] = true
	}
}

// validateFigures checks the beneficiaries, the QPV share and the dates.
func (a *Application) validateFigures(v *ValidationErrors) {
	if a.Beneficiaries < 0 {
		v.add(FieldBeneficiaries, "le nombre de bénéficiaires ne peut pas être négatif")
	}
	if a.QPVSharePct < 0 || a.QPVSharePct > 100 {
		v.add(FieldQPVShare, "la part doit être comprise entre 0 et 100 %%")
	}
	if !a.Start.IsZero() && !a.End.IsZero() && a.End.Before(a.Start) {
		v.add(FieldEnd, "la date de fin précède la date de début")
	}
}

// validateAmounts checks the total cost, the amount requested (required, at
// most the total) and each co-financing line, all within MaxCents.
func (a *Application) validateAmounts(v *ValidationErrors) {
	if a.TotalCents < 0 || a.TotalCents > MaxCents {
		v.add(FieldTotal, "coût total hors limites")
	}
	switch {
	case a.RequestedCents == 0:
		v.add(FieldRequested, "le montant demandé est obligatoire")
	case a.RequestedCents < 0:
		v.add(FieldRequested, "le montant demandé ne peut pas être négatif")
	case a.RequestedCents > MaxCents:
		v.add(FieldRequested, "montant demandé trop élevé")
	case a.TotalCents > 0 && a.RequestedCents > a.TotalCents:
		v.add(FieldRequested, "le montant demandé dépasse le coût total du projet")
	}
	for i, cf := range a.Cofinancing {
		if Blank(cf.Funder) {
			v.add(FieldCofinancing, "ligne %d : financeur manquant", i+1)
		}
		if cf.AmountCents < 0 || cf.AmountCents > MaxCents {
			v.add(FieldCofinancing, "ligne %d : montant hors limites", i+1)
		}
	}
}

// validateLengths bounds the texts: one line for the short fields, MaxTextLen
// for the summary.
func (a *Application) validateLengths(v *ValidationErrors) {
	s := &a.Structure
	for _, f := range []struct {
		key, val string
		max      int
	}{
		{FieldStructure, s.Name, maxLineLen}, {FieldLegalForm, s.LegalForm, maxLineLen},
		{FieldAddress, s.Address, maxLineLen}, {FieldTown, s.Town, maxLineLen}, {FieldLegalRep, s.LegalRep, maxLineLen},
		{FieldContact, s.Contact, maxLineLen}, {FieldTitle, a.Title, maxLineLen},
		{FieldPublic, a.TargetPublic, maxLineLen}, {FieldNumber, a.Number, 64}, {FieldReference, a.Reference, 64},
		{FieldSummary, a.Summary, MaxTextLen},
	} {
		if utf8.RuneCountInString(f.val) > f.max {
			v.add(f.key, "texte trop long (%d caractères au plus)", f.max)
		}
	}
}
