package reports

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/call-agglo/cohesion/data/chart"
)

// Orientation is the orientation of a page: portrait or landscape A4.
type Orientation string

// The orientations. A PageBreak with no orientation keeps the document's.
const (
	Portrait  Orientation = "P"
	Landscape Orientation = "L"
)

// Align is the horizontal alignment of a table column or a paragraph.
type Align int

// The alignments.
const (
	AlignLeft Align = iota
	AlignCenter
	AlignRight
)

// ConfidentialMention is the centre of the footer of working documents.
const ConfidentialMention = "Document de travail — confidentiel"

// Document is a document model: what to print, independent of the PDF library.
// Builders (JuryDossier, Annex…) return one; Write draws it.
type Document struct {
	Kind        string // "jury", "sheets", "annex", "letters"
	Title       string // the PDF's title (metadata)
	Orientation Orientation
	Footer      Footer
	GeneratedAt time.Time // the generation date in the footer and the PDF's dates
	Blocks      []Block
}

// Footer is what every page shows at its foot.
type Footer struct {
	Left        string // campaign code and title, organiser…
	Centre      string // ConfidentialMention or ""
	PageNumbers bool   // « page n / N »
	Date        bool   // the generation date dd/mm/yyyy
}

// Block is one element of a document, drawn in order.
type Block interface{ block() }

// Heading is a title: level 1 (document or section), 2 or 3. A heading is never
// left alone at the foot of a page: it moves to the next page with what follows.
type Heading struct {
	Level int
	Text  string
}

// Paragraph is text that wraps within the page; "\n" starts a new line.
type Paragraph struct {
	Text   string
	Bold   bool
	Size   float64 // font size in points; 0: the body size
	Align  Align
	Indent float64 // left indent in mm
}

// KeyValues is a list of labelled values (« SIRET : 123… »).
type KeyValues struct {
	Pairs [][2]string
}

// Col is one column of a table: Width is a weight, shared out over the page width.
type Col struct {
	Title string
	Width float64
	Align Align
}

// Table is a table whose cells wrap; a long table continues on the next pages,
// its header repeated when RepeatHeader is set.
type Table struct {
	Columns      []Col
	Rows         [][]string
	TotalRow     []string // nil: none
	RepeatHeader bool
	FontSize     float64 // 0: the table size
	// Closing is what closes the table (a legend, « Arrêté le présent
	// état… », a signature): paragraphs, spacers and signatures drawn after
	// its total row, always on the same page as the total and the last rows.
	Closing []Block
}

// BarChart is a horizontal bar chart drawn in vector graphics, from the chart
// model the dashboard draws too (one group of bars per Bar, one bar per
// series, values in cents).
type BarChart struct {
	chart.Chart
}

// PageBreak starts a new page, in Orientation when set.
type PageBreak struct {
	Orientation Orientation
}

// Notice is a framed warning.
type Notice struct {
	Text string
}

// Signature is a signature block on the right: its lines, then room to sign.
// Beside, when set, is a second party's block on the left, at the same
// height (a convention is signed by both parties).
type Signature struct {
	Lines  []string
	Beside []string
}

// Boxes is a list of items, each with an empty box to tick.
type Boxes struct {
	Items []string
}

// GridRow is one criterion of a score grid.
type GridRow struct {
	Label       string
	Description string
	Weight      int
	Max         int
}

// ScoreGrid is an evaluation grid to fill in by hand: one box per possible score
// 0..Max for every criterion.
type ScoreGrid struct {
	Rows []GridRow
}

// FreeArea is an empty framed area to write in, under its label.
type FreeArea struct {
	Label  string
	Height float64 // mm
}

// Spacer is vertical space, in mm.
type Spacer struct {
	Height float64
}

// Watermark is a word (« PROJET ») drawn across every page from the one it
// is on until another Watermark, light enough for the text to stay
// readable; an empty Text ends it.
type Watermark struct {
	Text string
}

// Anchor names the page it is drawn on: a later block's text refers to that
// page with PageRef(Name). It draws nothing.
type Anchor struct {
	Name string
}

// Marks of a PageRef in a text: private-use characters, never in a dossier's
// text (clean keeps them, but Write replaces them before drawing).
const (
	refStart = "\ue000"
	refEnd   = "\ue001"
)

// PageRef is « page N » in a Paragraph's or a KeyValues' text, N the page of
// the Anchor named name, drawn before it; « page ? » when there is none.
func PageRef(name string) string { return refStart + name + refEnd }

// resolveRefs replaces the PageRefs of s with « page N », N given by page
// ("?" when it returns 0).
func resolveRefs(s string, page func(name string) int) string {
	if !strings.Contains(s, refStart) {
		return s
	}
	var b strings.Builder
	for {
		i := strings.Index(s, refStart)
		j := strings.Index(s, refEnd)
		if i < 0 || j < i {
			b.WriteString(s)
			return b.String()
		}
		n, p := s[i+len(refStart):j], "?"
		if k := page(n); k > 0 {
			p = strconv.Itoa(k)
		}
		b.WriteString(s[:i] + "page " + p)
		s = s[j+len(refEnd):]
	}
}

func (Heading) block()   {}
func (Paragraph) block() {}
func (KeyValues) block() {}
func (Table) block()     {}
func (BarChart) block()  {}
func (PageBreak) block() {}
func (Notice) block()    {}
func (Signature) block() {}
func (Boxes) block()     {}
func (ScoreGrid) block() {}
func (FreeArea) block()  {}
func (Spacer) block()    {}
func (Watermark) block() {}
func (Anchor) block()    {}

// Text returns every text of the document, one block a line (table cells
// separated by « | »), for tests and searches.
func (d *Document) Text() string {
	var b strings.Builder
	for _, bl := range d.Blocks {
		switch x := bl.(type) {
		case Heading:
			b.WriteString(x.Text)
		case Paragraph:
			b.WriteString(resolveRefs(x.Text, noPage))
		case KeyValues:
			for _, p := range x.Pairs {
				b.WriteString(p[0] + " : " + resolveRefs(p[1], noPage) + "\n")
			}
		case Table:
			for _, c := range x.Columns {
				b.WriteString(c.Title + " | ")
			}
			b.WriteString("\n")
			for _, r := range x.Rows {
				b.WriteString(strings.Join(r, " | ") + "\n")
			}
			if x.TotalRow != nil {
				b.WriteString(strings.Join(x.TotalRow, " | "))
			}
			if len(x.Closing) > 0 {
				b.WriteString("\n" + strings.TrimSuffix((&Document{Blocks: x.Closing}).Text(), "\n"))
			}
		case BarChart:
			b.WriteString(x.Title + " " + strings.Join(x.Legend, " ") + "\n")
			for _, bar := range x.Bars {
				b.WriteString(bar.Label + "\n")
			}
		case Notice:
			b.WriteString(x.Text)
		case Signature:
			b.WriteString(strings.Join(append(slices.Clone(x.Beside), x.Lines...), "\n"))
		case Boxes:
			b.WriteString(strings.Join(x.Items, "\n"))
		case ScoreGrid:
			for _, r := range x.Rows {
				b.WriteString(r.Label + " " + r.Description + "\n")
			}
		case FreeArea:
			b.WriteString(x.Label)
		case Watermark:
			b.WriteString(x.Text)
		}
		b.WriteString("\n")
	}
	return b.String()
}

// noPage: the page of an anchor, unknown before the document is drawn.
func noPage(string) int { return 0 }

// Tables returns the document's tables, in order.
func (d *Document) Tables() []Table {
	var out []Table
	for _, bl := range d.Blocks {
		if t, ok := bl.(Table); ok {
			out = append(out, t)
		}
	}
	return out
}

// Pages counts the explicit page breaks plus one: the least number of pages.
func (d *Document) Pages() int {
	n := 1
	for _, bl := range d.Blocks {
		if _, ok := bl.(PageBreak); ok {
			n++
		}
	}
	return n
}
