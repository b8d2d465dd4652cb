package data

import "time"

// Purge is what a purge of personal data did (or would do) for one campaign.
type Purge struct {
	CampaignID   int64
	Code         string
	RetentionEnd Date
	Structures   int // dossiers whose contacts were erased
	Jurors       int // jurors whose e-mail was erased
	// RemovedBackups are the backups removed because they still held purged values.
	RemovedBackups []string
}

// PersonRecord is everything the base holds about one person, for a subject
// access request (RGPD, art. 15).
type PersonRecord struct {
	Query      string            `json:"recherche"`
	Structures []PersonStructure `json:"structures"`
	Jurors     []PersonJuror     `json:"jury"`
	// Actions are the journal entries made under a user name that matches.
	Actions int `json:"modifications_faites"`
	// Journal lists every journal entry that concerns the person (see
	// PersonEntry); Entries is their number.
	Entries int           `json:"entrees_du_journal"`
	Journal []PersonEntry `json:"journal"`
}

// PersonEntry is a journal entry that concerns the person: made under their
// user name, or about what is theirs (their jury seat, their sheets and
// déports, a dossier where they are a contact). The journal never holds the
// values of personal fields, only that they changed.
type PersonEntry struct {
	At       time.Time `json:"date"`
	User     string    `json:"auteur"`
	Campaign string    `json:"campagne"`
	Entity   string    `json:"objet"`
	Label    string    `json:"libelle"`
	Action   string    `json:"action"`
	Field    string    `json:"champ,omitempty"`
	Old      string    `json:"avant,omitempty"`
	New      string    `json:"apres,omitempty"`
	Why      string    `json:"lien"` // why it concerns the person
}

// Why an entry of the journal concerns a person (PersonEntry.Why).
const (
	WhyAuthor  = "modification faite sous son nom d'utilisateur"
	WhySeat    = "son siège de juré"
	WhySheet   = "sa grille de notation"
	WhyDeport  = "son déport"
	WhyDossier = "un dossier où la personne figure (représentant légal, contact, courriel ou téléphone)"
	WhyMention = "une entrée qui la nomme"
)

// PersonStructure is a structure where the person appears, with its applications.
type PersonStructure struct {
	Name         string   `json:"structure"`
	LegalRep     string   `json:"representant_legal"`
	Contact      string   `json:"contact"`
	Email        string   `json:"courriel"`
	Phone        string   `json:"telephone"`
	Address      string   `json:"adresse"`
	PostalCode   string   `json:"code_postal"`
	Town         string   `json:"localite"`
	Applications []string `json:"dossiers"`
}

// PersonJuror is a jury seat held by the person.
type PersonJuror struct {
	Campaign string `json:"campagne"`
	Name     string `json:"nom"`
	College  string `json:"college"`
	Email    string `json:"courriel"`
	Sheets   int    `json:"grilles"`
	Conflict int    `json:"deports"`
}
