package importer

import (
	"regexp"
	"strings"

	"github.com/call-agglo/cohesion/data"
)

// Column is one column of an import file: the field it fills and its French
// label, as the template writes it.
type Column struct {
	Key      string // a data.Field* key
	Label    string // French header, e.g. « Montant demandé »
	Required bool   // the file must have this column
	// Help describes the expected content, for the GUI's help and the README.
	Help string
}

// Columns lists the columns the importer understands, in the template's order.
var Columns = []Column{
	{Key: data.FieldNumber, Label: "Numéro", Help: "Numéro du dossier (ex. AMI2021-001). Facultatif : attribué à l'enregistrement s'il est vide."},
	{Key: data.FieldReceived, Label: "Date de dépôt", Help: "jj/mm/aaaa hh:mm (heure de Paris). Vide : non renseignée (le dossier n'est pas déclaré hors délai)."},
	{Key: data.FieldStructure, Label: "Structure", Required: true, Help: "Nom de la structure porteuse."},
	{Key: data.FieldLegalForm, Label: "Forme juridique", Help: "Ex. Association loi 1901."},
	{Key: data.FieldSIRET, Label: "SIRET", Help: "14 chiffres, espaces admis."},
	{Key: data.FieldRNA, Label: "RNA", Help: "W suivi de 9 caractères."},
	{Key: data.FieldAddress, Label: "Adresse", Help: "Adresse du siège : numéro et voie, complément (une ligne chacun). Une dernière ligne « 62300 Lens » donne le code postal et la localité."},
	{Key: data.FieldPostalCode, Label: "Code postal", Help: "Code postal du siège, 5 chiffres. Vide : à compléter avant les lettres."},
	{Key: data.FieldTown, Label: "Localité", Help: "Commune du siège, telle que l'écrit La Poste (peut être hors de l'agglomération). Vide : à compléter avant les lettres."},
	{Key: data.FieldCommune, Label: "Commune", Help: "Nom ou code INSEE d'une commune de la campagne."},
	{Key: data.FieldLegalRep, Label: "Représentant légal"},
	{Key: data.FieldContact, Label: "Contact", Help: "Personne chargée du dossier."},
	{Key: data.FieldEmail, Label: "Courriel"},
	{Key: data.FieldPhone, Label: "Téléphone"},
	{Key: data.FieldTitle, Label: "Intitulé du projet", Required: true},
	{Key: data.FieldSummary, Label: "Résumé"},
	{Key: data.FieldTheme, Label: "Thématique", Help: "Intitulé d'une thématique de la campagne."},
	{Key: data.FieldQPV, Label: "QPV", Help: "Codes (QP062…) ou noms des quartiers, séparés par des virgules."},
	{Key: data.FieldPublic, Label: "Public visé"},
	{Key: data.FieldBeneficiaries, Label: "Nombre de bénéficiaires", Help: "Nombre entier."},
	{Key: data.FieldQPVShare, Label: "Part des bénéficiaires en QPV", Help: "Pourcentage entier de 0 à 100 (ex. 80 ou 80 %)."},
	{Key: data.FieldStart, Label: "Date de début", Help: "jj/mm/aaaa."},
	{Key: data.FieldEnd, Label: "Date de fin", Help: "jj/mm/aaaa."},
	{Key: data.FieldTotal, Label: "Coût total", Help: "En euros, ex. 12 500,50."},
	{Key: data.FieldRequested, Label: "Montant demandé", Required: true, Help: "En euros, ex. 8 000."},
	{Key: data.FieldCofinancing, Label: "Cofinancements", Help: "« Financeur : montant (acquis ou sollicité) », séparés par « ; » ou des retours à la ligne."},
}

// synonyms are the other headers people write, beside each column's label.
var synonyms = map[string][]string{
	data.FieldNumber:     {"N°", "No", "Num", "Numéro de dossier", "N° de dossier", "Numéro dossier", "N° dossier", "Référence", "Réf", "Référence du dossier"},
	data.FieldReceived:   {"Date de réception", "Reçu le", "Déposé le", "Date dépôt", "Date et heure de dépôt", "Dépôt", "Date de dépôt du dossier"},
	data.FieldStructure:  {"Porteur", "Porteur de projet", "Porteur du projet", "Association", "Nom de la structure", "Structure porteuse", "Nom de l'association", "Organisme", "Raison sociale"},
	data.FieldLegalForm:  {"Statut juridique", "Forme"},
	data.FieldSIRET:      {"N° SIRET", "Numéro SIRET", "SIRET de la structure"},
	data.FieldRNA:        {"N° RNA", "Numéro RNA", "RNA de l'association"},
	data.FieldAddress:    {"Adresse postale", "Adresse du siège", "Siège"},
	data.FieldPostalCode: {"CP", "Code postal du siège", "Code postal siège"},
	data.FieldTown:       {"Ville du siège", "Localité du siège", "Ville (adresse)"},
	data.FieldCommune:    {"Ville", "Code INSEE", "Commune du siège"},
	data.FieldLegalRep:   {"Représentant", "Représentant légal de la structure", "Président", "Président(e)", "Présidente"},
	data.FieldContact:    {"Personne à contacter", "Référent", "Référent du projet", "Contact du projet", "Interlocuteur"},
	data.FieldEmail:      {"E-mail", "Email", "Mail", "Mél", "Adresse électronique", "Adresse mail", "Adresse e-mail", "Courriel du contact"},
	data.FieldPhone:      {"Tél", "Tel", "Tél.", "Numéro de téléphone", "Téléphone du contact"},
	data.FieldTitle:      {"Projet", "Intitulé", "Titre", "Titre du projet", "Nom du projet", "Intitulé de l'action", "Action"},
	data.FieldSummary:    {"Résumé du projet", "Description", "Description du projet", "Présentation", "Présentation du projet"},
	data.FieldTheme:      {"Thème", "Thématique du projet", "Axe", "Thématiques"},
	data.FieldQPV: {"Quartiers", "Quartier", "Quartiers prioritaires", "Quartier prioritaire", "Quartier(s) prioritaire(s)", "QPV concernés", "QPV concerné(s)", "Quartiers concernés",
		"Quartier(s) prioritaire(s) concerné(s)", "Quartiers prioritaires concernés", "Quartier(s) concerné(s)"},
	data.FieldPublic:        {"Public", "Publics", "Public cible", "Publics visés", "Public concerné"},
	data.FieldBeneficiaries: {"Bénéficiaires", "Nb bénéficiaires", "Nombre bénéficiaires", "Nombre de participants", "Nb de bénéficiaires"},
	data.FieldQPVShare:      {"Part QPV", "Part en QPV", "Pourcentage QPV", "Part des bénéficiaires QPV", "Part des bénéficiaires habitant en QPV", "% en QPV", "% bénéficiaires QPV"},
	data.FieldStart:         {"Début", "Date début", "Début du projet", "Date de début du projet"},
	data.FieldEnd:           {"Fin", "Date fin", "Fin du projet", "Date de fin du projet"},
	data.FieldTotal:         {"Coût", "Coût du projet", "Coût total du projet", "Budget", "Budget total", "Budget du projet", "Montant total"},
	data.FieldRequested: {"Montant sollicité", "Subvention demandée", "Subvention sollicitée", "Montant de la subvention", "Montant demandé à la CALL", "Demande", "Montant",
		"Montant de la subvention sollicitée", "Montant de la subvention demandée", "Montant sollicité auprès de la CALL"},
	data.FieldCofinancing: {"Cofinancement", "Co-financements", "Co-financement", "Autres financements", "Financements", "Cofinanceurs"},
}

// headerIndex maps a folded header to its column.
var headerIndex = func() map[string]*Column {
	m := map[string]*Column{}
	for i := range Columns {
		c := &Columns[i]
		m[data.FoldKey(c.Label)] = c
		m[data.FoldKey(c.Key)] = c
		for _, s := range synonyms[c.Key] {
			m[data.FoldKey(s)] = c
		}
	}
	return m
}()

// unitSuffix is a trailing unit or note in parentheses: « Montant demandé (€) »,
// « Coût total (en euros) », « Part QPV (%) », « Structure (obligatoire) ».
var unitSuffix = regexp.MustCompile(`\s*\([^()]*\)\s*\**\s*$`)

// ColumnFor finds the column a header names, ignoring case, accents, spaces,
// punctuation and a trailing parenthesised unit; nil when it names none.
func ColumnFor(header string) *Column {
	if c, ok := headerIndex[data.FoldKey(header)]; ok {
		return c
	}
	if s := unitSuffix.ReplaceAllString(header, ""); s != header {
		if c, ok := headerIndex[data.FoldKey(s)]; ok {
			return c
		}
	}
	return nil
}

// TemplateCSV is an empty import file: the header line, ';'-separated, in
// UTF-8 with a BOM so that Excel opens it with its accents.
func TemplateCSV() []byte {
	labels := make([]string, len(Columns))
	for i, c := range Columns {
		labels[i] = c.Label
	}
	return []byte("\uFEFF" + strings.Join(labels, ";") + "\r\n")
}
