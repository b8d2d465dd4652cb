package reports

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/files"
	"github.com/call-agglo/cohesion/data/followup"
)

// GrantDoc is one follow-up document to write: the grant, its dossier, and
// every template field filled for it.
type GrantDoc struct {
	Grant       *data.Grant
	Application *data.Application
	Fields      map[string]string
}

// followUpTitle is the title of a kind's documents.
func followUpTitle(kind string) string {
	switch kind {
	case KindConventions:
		return "Conventions"
	case KindReminders:
		return "Relances du compte rendu financier"
	}
	return "Demandes de reversement"
}

// PlanFollowUp lists a kind's documents, in dossier number order: a
// convention for every grant that needs one (above 23 000 €) or was given a
// number on request; a reminder for every compte rendu financier overdue at
// in.At (not received, or incomplete, after its due date); a reversal demand
// for every reversal decided. A letter whose address lacks its postal code
// or town stops them all, as the decisions' letters do.
func PlanFollowUp(in Input, kind string) ([]GrantDoc, error) {
	x, err := followUpCtx(&in, kind)
	if err != nil {
		return nil, err
	}
	return x.planFollowUp(kind)
}

// followUpCtx checks that the follow-up was read and the kind is known.
func followUpCtx(in *Input, kind string) (*ctx, error) {
	if !isFollowUpKind(kind) {
		return nil, data.Errorf(data.EINVALID, "Document de suivi inconnu « %s » : %s.", kind, strings.Join(FollowUpKinds, ", "))
	}
	x, err := newCtx(in)
	if err != nil {
		return nil, err
	}
	f := in.FollowUp
	if f == nil || !in.Deliberation.Recorded() || len(f.Grants) == 0 {
		return nil, data.Errorf(data.EINVALID, "Aucune subvention à suivre dans la campagne « %s » : les conventions, les relances et les demandes de reversement suivent la délibération attribuant les subventions, qui n'est pas enregistrée (écran Répartition, bouton « Délibération… », ou commande deliberation record).", campaignName(x.c))
	}
	tpl, of := followUpTemplate(f.Templates, kind)
	if err := checkTemplate(of, tpl, FollowUpFields); err != nil {
		return nil, err
	}
	return x, nil
}

func isFollowUpKind(kind string) bool {
	for _, k := range FollowUpKinds {
		if k == kind {
			return true
		}
	}
	return false
}

// at is the day the reminders look at: in.At, else the generation's day.
func (x *ctx) at() data.Date {
	if !x.in.At.IsZero() {
		return x.in.At
	}
	return data.DateOf(x.gen)
}

func (x *ctx) planFollowUp(kind string) ([]GrantDoc, error) {
	var out []GrantDoc
	for i := range x.in.FollowUp.Grants {
		g := &x.in.FollowUp.Grants[i]
		if a := x.byID[g.ApplicationID]; a != nil && x.wants(kind, g) {
			out = append(out, GrantDoc{Grant: g, Application: a, Fields: x.grantFields(a, g)})
		}
	}
	if len(out) == 0 {
		return nil, x.nothingToWrite(kind)
	}
	if kind == KindConventions {
		return out, nil // not posted: the address is the parties' clause
	}
	return postableGrants(out)
}

// wants reports whether a grant gets a kind's document.
func (x *ctx) wants(kind string, g *data.Grant) bool {
	f := x.in.FollowUp
	switch kind {
	case KindConventions:
		return followup.ConventionRequired(g.GrantedCents) || g.ConventionNumber != ""
	case KindReminders:
		return followup.Overdue(f.Campaign, f.Settings, g, x.at())
	}
	return g.Reversal != nil && g.Reversal.AmountCents > 0
}

// nothingToWrite says why a kind has no document.
func (x *ctx) nothingToWrite(kind string) error {
	switch kind {
	case KindConventions:
		return data.Errorf(data.EINVALID, "Aucune convention à produire : aucune subvention n'excède 23 000 € (loi n° 2000-321, art. 10) et aucune convention n'a été demandée.")
	case KindReminders:
		return data.Errorf(data.EINVALID, "Aucune relance à produire au %s : aucun compte rendu financier n'est en retard.", x.at().Format())
	}
	return data.Errorf(data.EINVALID, "Aucune demande de reversement à produire : aucun reversement n'a été décidé.")
}

// notCalledFor says why a dossier gets no reminder or no reversal demand.
func (x *ctx) notCalledFor(kind string, a *data.Application) error {
	if kind == KindReminders {
		return data.Errorf(data.EINVALID, "Pas de relance pour le dossier %s : son compte rendu financier n'est pas en retard au %s.", a.Number, x.at().Format())
	}
	return data.Errorf(data.EINVALID, "Pas de demande de reversement pour le dossier %s : aucun reversement n'a été décidé.", a.Number)
}

// postableGrants refuses letters to an address the post cannot deliver.
func postableGrants(docs []GrantDoc) ([]GrantDoc, error) {
	var bad []Incomplete
	for _, d := range docs {
		s := d.Application.Structure
		if missing := s.PostalAddress().Missing(); len(missing) > 0 {
			bad = append(bad, Incomplete{d.Application.Number, s.Name, missing})
		}
	}
	if len(bad) > 0 {
		return nil, incompleteError(bad)
	}
	return docs, nil
}

// FollowUpDocument builds a kind's documents in one file, one after the
// other, each starting on a new page.
func FollowUpDocument(in Input, kind string) (*Document, error) {
	x, err := followUpCtx(&in, kind)
	if err != nil {
		return nil, err
	}
	docs, err := x.planFollowUp(kind)
	if err != nil {
		return nil, err
	}
	doc := x.followUpDoc(kind, followUpTitle(kind)+" — "+campaignName(x.c))
	doc.Footer.PageNumbers = false // the pages of several documents: numbered each in its own file
	for i, d := range docs {
		if i > 0 {
			doc.Blocks = append(doc.Blocks, PageBreak{})
		}
		doc.Blocks = append(doc.Blocks, x.grantBlocks(kind, d)...)
	}
	return doc, nil
}

// FollowUpFor builds a kind's document for one dossier, by its number; a
// convention may be printed for any grant (on request below 23 000 €).
func FollowUpFor(in Input, kind, number string) (*Document, error) {
	x, err := followUpCtx(&in, kind)
	if err != nil {
		return nil, err
	}
	g, ok := in.FollowUp.Grant(number)
	if !ok {
		return nil, data.Errorf(data.ENOTFOUND, "Aucune subvention à suivre pour le dossier « %s » : la %s ne lui attribue aucun montant.", number, deliberationFields(in.Deliberation)["deliberation"])
	}
	a := x.byID[g.ApplicationID]
	if a == nil {
		return nil, data.Errorf(data.ENOTFOUND, "Dossier introuvable (identifiant %d).", g.ApplicationID)
	}
	if kind != KindConventions && !x.wants(kind, g) {
		return nil, x.notCalledFor(kind, a)
	}
	d := GrantDoc{Grant: g, Application: a, Fields: x.grantFields(a, g)}
	doc := x.followUpDoc(kind, followUpTitle(kind)+" — "+a.Number)
	doc.Blocks = x.grantBlocks(kind, d)
	return doc, nil
}

// WriteFollowUp writes a kind's documents one per file into dir, each named
// after its dossier and structure; nothing is written when they cannot all
// be produced. It returns the count of files written.
func WriteFollowUp(in Input, kind, dir string) (int, error) {
	x, err := followUpCtx(&in, kind)
	if err != nil {
		return 0, err
	}
	docs, err := x.planFollowUp(kind)
	if err != nil {
		return 0, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return 0, files.Failure("Impossible de créer le dossier "+dir, err)
	}
	names := make([]string, len(docs))
	for i, d := range docs {
		names[i] = d.Application.Number + " " + d.Application.Structure.Name
	}
	for i, name := range files.UniqueNames(names, ".pdf") {
		doc := x.followUpDoc(kind, followUpTitle(kind)+" — "+docs[i].Application.Number)
		doc.Blocks = x.grantBlocks(kind, docs[i])
		if err := WriteFile(doc, filepath.Join(dir, name)); err != nil {
			return i, err
		}
	}
	return len(docs), nil
}

func (x *ctx) followUpDoc(kind, title string) *Document {
	d := &Document{Kind: kind, Title: title, Orientation: Portrait, GeneratedAt: x.gen, Footer: Footer{Left: x.c.Organiser}}
	if kind == KindConventions {
		d.Footer.PageNumbers = true // each party initials the pages
	}
	return d
}

// grantBlocks are one grant's document.
func (x *ctx) grantBlocks(kind string, d GrantDoc) []Block {
	tpl, _ := followUpTemplate(x.in.FollowUp.Templates, kind)
	text := fill(tpl, d.Fields)
	if kind == KindConventions {
		return x.conventionBlocks(d, text)
	}
	return x.letterPage(d.Application, d.Fields, text, Watermark{})
}
