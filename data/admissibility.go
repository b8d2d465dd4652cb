package data

import (
	"strings"
)

// Admissibility: the instruction declares a dossier recevable only once the
// pièces the campaign requires are in, or with an exemption whose reason is
// written and journaled; the jury ranks, the split funds and the council
// grants only what was declared recevable. These are the rules the screen,
// the command line and the documents share.

// InstructionStatuses are those of a dossier still in instruction: nobody has
// ruled on its admissibility yet (« à instruire »).
var InstructionStatuses = []Status{StatusRecu, StatusComplet, StatusIncomplet}

// AdmissibleStatuses are those of a dossier declared recevable, decided by the
// jury or not: a jury's decision is only ever recorded on such a dossier.
var AdmissibleStatuses = []Status{StatusRecevable, StatusRetenu, StatusNonRetenu, StatusAjourne}

// InadmissibleStatuses are those of a dossier out of the jury's reach.
var InadmissibleStatuses = []Status{StatusIrrecevable, StatusSansSuite}

// Admissible reports whether a dossier in status s was declared recevable.
func (s Status) Admissible() bool { return hasStatus(AdmissibleStatuses, s) }

// InInstruction reports whether a dossier in status s awaits the instruction's
// ruling on its admissibility.
func (s Status) InInstruction() bool { return hasStatus(InstructionStatuses, s) }

func hasStatus(list []Status, s Status) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Required are the pièces a dossier needs to be declared recevable: the
// campaign's list, or the whole checklist of the Cerfa 12156 when the
// campaign names none.
func (c *Campaign) Required() []Document {
	if len(c.RequiredDocuments) == 0 {
		return Documents
	}
	return c.RequiredDocuments
}

// ParseDocuments reads a list of pièces separated by commas or semicolons,
// each by its code (rib) or its label (RIB), in checklist order; "" is the
// default list (nil).
func ParseDocuments(s string) ([]Document, error) {
	want := map[Document]bool{}
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' }) {
		if Blank(part) {
			continue
		}
		d, ok := DocumentFromLabel(part)
		if !ok {
			return nil, Errorf(EINVALID, "Pièce inconnue : « %s » (pièces : %s).", strings.TrimSpace(part), documentCodes(Documents))
		}
		want[d] = true
	}
	var out []Document
	for _, d := range Documents {
		if want[d] {
			out = append(out, d)
		}
	}
	return out, nil
}

// DocumentFromLabel finds a pièce by code or label, ignoring case and accents.
func DocumentFromLabel(s string) (Document, bool) {
	k := FoldKey(s)
	for _, d := range Documents {
		if FoldKey(string(d)) == k || FoldKey(d.Label()) == k {
			return d, true
		}
	}
	return "", false
}

// documentCodes writes pièces as codes separated by commas, as ParseDocuments reads them.
func documentCodes(ds []Document) string {
	codes := make([]string, len(ds))
	for i, d := range ds {
		codes[i] = string(d)
	}
	return strings.Join(codes, ", ")
}

// DocumentLabels names pièces for people: « RIB, Statuts ».
func DocumentLabels(ds []Document) string {
	labels := make([]string, len(ds))
	for i, d := range ds {
		labels[i] = d.Label()
	}
	return strings.Join(labels, ", ")
}

// MissingRequired lists the required pièces a set of received pièces lacks.
func MissingRequired(c *Campaign, has func(Document) bool) []Document {
	var out []Document
	for _, d := range c.Required() {
		if !has(d) {
			out = append(out, d)
		}
	}
	return out
}

// MissingRequired lists the required pièces the dossier lacks.
func (a *Application) MissingRequired(c *Campaign) []Document {
	return MissingRequired(c, func(d Document) bool { return a.Documents[d] })
}

// Unchecked lists the required pièces the row lacks and no exemption covers:
// a recevabilité granted with an exemption counts as checked.
func (r *Row) Unchecked(c *Campaign) []Document {
	if r.Exemption != "" {
		return nil
	}
	return MissingRequired(c, func(d Document) bool { return !r.Lacks(d) })
}

// Instruction is a change of status the instruction asks for, checked by
// CheckInstruction.
type Instruction struct {
	To     Status
	Reason string
	// Exemption is the reason recorded with a recevabilité granted while
	// required pièces are missing; "" otherwise. CheckInstruction sets it.
	Exemption string
}

// CheckInstruction is the instruction's one rule, for the screen and the
// command line alike: the change of status must be allowed (CheckStatusChange),
// a late dossier needs its written exemption first, and « Recevable » needs
// every required pièce — or a reason, which becomes the exemption.
func CheckInstruction(c *Campaign, a *Application, in *Instruction) error {
	in.Reason = strings.TrimSpace(in.Reason)
	in.Exemption = ""
	if err := CheckStatusChange(a.Status, in.To, in.Reason); err != nil {
		return err
	}
	if a.Late && Blank(a.LateOverride) && in.To != StatusIrrecevable && in.To != StatusSansSuite {
		return Errorf(EINVALID, "Le dossier %s est arrivé hors délai : accordez d'abord une dérogation motivée.", a.Number)
	}
	if in.To != StatusRecevable {
		return nil
	}
	if missing := a.MissingRequired(c); len(missing) > 0 {
		if in.Reason == "" {
			return Errorf(EINVALID, "Le dossier %s ne peut pas être déclaré recevable : %s. Cochez les pièces reçues, ou écrivez le motif de la dérogation.",
				a.Number, missingPhrase(missing))
		}
		in.Exemption = in.Reason
	}
	return nil
}

// missingPhrase says which pièces are missing: « il manque : RIB, Statuts ».
func missingPhrase(ds []Document) string {
	if len(ds) == 1 {
		return "il manque la pièce « " + ds[0].Label() + " »"
	}
	return "il manque " + FormatInt(int64(len(ds))) + " pièces exigées (" + DocumentLabels(ds) + ")"
}

// CheckDecisionAllowed refuses a jury's decision on a dossier not declared
// recevable: the jury rules on dossiers the instruction has checked. force
// passes over it (the journal says so).
func CheckDecisionAllowed(number string, status Status, d Decision, force bool) error {
	if status == StatusIrrecevable || status == StatusSansSuite {
		return Errorf(EINVALID, "Le dossier %s est %s : le jury ne peut pas statuer.", number, strings.ToLower(status.Label()))
	}
	if status.Admissible() || force {
		return nil
	}
	verb := "statuer sur lui"
	if d == DecisionRetenu {
		verb = "le retenir"
	}
	return Errorf(EINVALID, "Le dossier %s n'a pas été déclaré recevable (statut « %s ») : le jury ne peut pas %s. Déclarez-le d'abord recevable (section Instruction du dossier, ou « cohesion-cli status %s recevable »), ou passez outre en ligne de commande (« cohesion-cli decide %s … --force »), ce que le journal inscrit.",
		number, status.Label(), verb, number, number)
}

// ForcedNote is what the journal adds to a decision recorded with force on a
// dossier not declared recevable.
func ForcedNote(status Status) string {
	return "passé outre : dossier non déclaré recevable (statut « " + status.Label() + " »)"
}
