package reports

import (
	"strings"

	"github.com/call-agglo/cohesion/data"
)

// council is a council document being built: the indexed input and the
// adopted scenario's grants, checked as the annex checks them.
type council struct {
	*ctx
	grants []annexGrant
	sum    int64
	tpl    CouncilTemplates
}

// councilDoc names the council's documents in their refusals. They refuse
// what the annex refuses, and a grant the jury did not decide to retain.
func councilDoc(kind string) printed {
	if kind == KindReport {
		return printed{name: "le rapport de présentation", nothing: "il n'y a rien à présenter au conseil", decided: true}
	}
	return printed{name: "le projet de délibération", nothing: "il n'y a rien à soumettre au vote du conseil", decided: true}
}

func newCouncil(in *Input, kind string) (*council, error) {
	x, err := newCtx(in)
	if err != nil {
		return nil, err
	}
	grants, err := x.adoptedGrants(councilDoc(kind))
	if err != nil {
		return nil, err
	}
	tpl := in.Council.withDefaults()
	if err := tpl.Validate(); err != nil {
		return nil, err
	}
	return &council{ctx: x, grants: grants, sum: in.Allocation.TotalCents, tpl: tpl}, nil
}

// CouncilReport builds the rapport de présentation: how the call ran (its
// objectives, calendar, dossiers, jury, split) and the grants proposed.
// Until the deliberation is recorded it is marked DraftMark.
func CouncilReport(in Input) (*Document, error) {
	k, err := newCouncil(&in, KindReport)
	if err != nil {
		return nil, err
	}
	d := in.Deliberation
	title := ReportTitle + " du projet de délibération du " + d.body()
	if d.Recorded() {
		title = ReportTitle + " de la délibération n° " + d.number() + " du " + d.body() + " du " + d.Date.FormatLong()
	}
	doc := k.councilDoc(KindReport, title)
	doc.Blocks = append(doc.Blocks, k.expand(k.tpl.Report)...)
	doc.Blocks = append(doc.Blocks, journalAnchor(in.JournalHead)...)
	return doc, nil
}

// CouncilDeliberation builds the projet de délibération: visas,
// considérants, the elected jurors who do not take part in the vote (CGCT
// L. 2131-11), the articles, the signature, then the annex's table of grants.
// Once the deliberation is recorded it bears its number and its date, and no
// DraftMark.
func CouncilDeliberation(in Input) (*Document, error) {
	k, err := newCouncil(&in, KindDeliberation)
	if err != nil {
		return nil, err
	}
	doc := k.councilDoc(KindDeliberation, DeliberationTitle(in.Deliberation))
	body := k.expand(k.tpl.Deliberation)
	if !strings.Contains(k.tpl.Deliberation, "{{signature}}") { // a template without one is signed at its end
		body = append(body, k.signature())
	}
	doc.Blocks = append(doc.Blocks, body...)
	doc.Blocks = append(doc.Blocks, journalAnchor(in.JournalHead)...)
	return doc, nil
}

// DeliberationTitle is « Projet de délibération du Conseil communautaire »
// until the deliberation is recorded, then « Délibération n° 2021-0457 du
// Conseil communautaire du 27 septembre 2021 ».
func DeliberationTitle(d Deliberation) string {
	if !d.Recorded() {
		return DeliberationDraftName + " du " + d.body()
	}
	return "Délibération n° " + d.number() + " du " + d.body() + " du " + d.Date.FormatLong()
}

// councilDoc opens a council document: the draft mark, the organiser, the
// title and, for a draft, when the council is to sit.
func (k *council) councilDoc(kind, title string) *Document {
	d := k.in.Deliberation
	doc := &Document{Kind: kind, Title: title, Orientation: Portrait, GeneratedAt: k.gen,
		Footer: Footer{Left: k.footerLeft(), PageNumbers: true, Date: true}}
	if !d.Recorded() {
		doc.Blocks = append(doc.Blocks, d.draftMark())
	}
	doc.Blocks = append(doc.Blocks, Paragraph{Text: k.c.Organiser, Bold: true, Size: 11}, Heading{Level: 1, Text: title})
	if !d.Recorded() {
		when := "à venir"
		if !k.c.Deliberation.IsZero() {
			when = "prévue " + periodWords(k.c.Deliberation, "")
		}
		doc.Blocks = append(doc.Blocks, Paragraph{Bold: true, Text: "Séance du " + d.body() + " " + when +
			" : ce document sera édité de nouveau, avec le numéro et la date de la délibération, une fois celle-ci enregistrée."})
	}
	return doc
}

// signature closes the deliberation: « Fait et délibéré à Liévin, le 27
// septembre 2021 » once recorded; a draft only names the signatory.
func (k *council) signature() Block {
	d := k.in.Deliberation
	if !d.Recorded() {
		return Signature{Lines: []string{d.signatory()}}
	}
	return Signature{Lines: []string{"Fait et délibéré à " + d.place() + ", le " + d.Date.FormatLong(), d.signatory()}}
}

// expand turns a template into blocks: « # » headings, numbered articles,
// table fields, and paragraphs with their fields filled. The table of grants
// is landscape, on pages of its own, its heading moved with it.
func (k *council) expand(tpl string) []Block {
	fields := k.fields()
	var out []Block
	article, landscape := 0, false
	for _, p := range splitParagraphs(tpl) {
		var bl []Block
		switch m := fieldRe.FindStringSubmatch(p); {
		case m != nil && m[0] == p && (m[1] == "signature" || strings.HasPrefix(m[1], "tableau_")):
			if m[1] == "tableau_subventions" {
				var head []Block
				if n := len(out); n > 0 {
					if h, ok := out[n-1].(Heading); ok {
						out, head = out[:n-1], []Block{h}
					}
				}
				if landscape { // two tables of grants: each on its own pages
					out = append(out, PageBreak{Orientation: Portrait})
				}
				out = append(out, PageBreak{Orientation: Landscape})
				out = append(append(out, head...), k.grantsTable())
				landscape = true
				continue
			}
			bl = k.table(m[1])
		case strings.HasPrefix(p, "# "):
			bl = []Block{Heading{Level: 2, Text: fill(strings.TrimSpace(p[2:]), fields)}}
		case strings.HasPrefix(p, articlePrefix):
			article++
			bl = []Block{Heading{Level: 3, Text: articleLabel(article)}, Paragraph{Text: fill(strings.TrimSpace(p[len(articlePrefix):]), fields)}}
		default:
			text := fill(p, fields)
			bl = []Block{Paragraph{Text: text, Bold: strings.HasPrefix(p, "Objet") || text == "DÉCIDE :"}}
		}
		if len(bl) == 0 {
			continue
		}
		if landscape {
			out, landscape = append(out, PageBreak{Orientation: Portrait}), false
		}
		out = append(out, bl...)
	}
	return out
}

// articleLabel numbers an article the French way: « Article 1er », « Article 2 ».
func articleLabel(n int) string {
	if n == 1 {
		return "Article 1er"
	}
	return "Article " + data.FormatInt(int64(n))
}

// grantsTable is the annex's table of grants, with its total, the envelope
// and the reliquat under it.
func (k *council) grantsTable() Table {
	t, _, locked := k.grantTable(k.grants)
	env := k.c.EnvelopeCents
	if locked > 0 {
		t.Closing = append(t.Closing, Paragraph{Size: 8.5, Text: lockedLegend(locked, len(k.grants), k.in.Allocation.Method.Label())})
	}
	t.Closing = append(t.Closing, Paragraph{Bold: true, Text: "Total : " + data.Count(len(k.grants), "subvention", "subventions") + " pour " +
		data.FormatEuros(k.sum) + " (" + data.AmountInWords(k.sum) + "), sur une enveloppe de " + data.FormatEuros(env) +
		" ; reliquat : " + data.FormatEuros(env-k.sum) + "."})
	return t
}
