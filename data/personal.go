package data

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
	Actions    int               `json:"modifications_faites"` // audit entries made under that user name
}

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
