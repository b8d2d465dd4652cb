package reports

import "strings"

// This file holds the layout rules of the documents a secretary signs as
// they come out: a table's end kept with what closes it, a footer's title
// never cut in the middle of a word, a chart split so that no page is left
// mostly blank, and (watermark.go) the « PROJET » watermark. render.go calls them at the few places
// they apply.

// keepRows is how many of a table's last rows stay on the page of its
// Closing: the signature never stands alone under a repeated header.
const keepRows = 2

// maxFooterLines is how many lines the footer's left text may take under
// the rule before it is shortened.
const maxFooterLines = 2

// closingKeep says from which row a table's end must share a page with its
// Closing, and the height of that end: those rows, the total row, the gap
// after the table and the closing blocks. Without a Closing, from is past
// the last row.
func (r *renderer) closingKeep(t Table, height func(cells []string, bold bool) float64) (from int, h float64) {
	if len(t.Closing) == 0 {
		return len(t.Rows), 0
	}
	from = max(len(t.Rows)-keepRows, 0)
	for _, cells := range t.Rows[from:] {
		h += height(cells, false)
	}
	if t.TotalRow != nil {
		h += height(t.TotalRow, true)
	}
	h += blockGap
	for _, b := range t.Closing {
		h += r.blockHeight(b)
	}
	return from, h
}

// blockHeight is the height a paragraph, a spacer or a signature takes, as
// paragraph() and signature() draw them; 0 for the other blocks.
func (r *renderer) blockHeight(b Block) float64 {
	switch x := b.(type) {
	case Paragraph:
		size := x.Size
		if size <= 0 {
			size = bodySize
		}
		r.setFont(x.Bold, size)
		indent := min(max(x.Indent, 0), r.contentWidth()*0.8)
		return float64(len(r.wrap(x.Text, r.contentWidth()-indent)))*lineHeight(size) + blockGap - 1
	case Signature:
		r.setFont(false, bodySize)
		n := 0
		for _, l := range x.Lines {
			n += len(r.wrap(l, r.width*0.45))
		}
		return 2 + float64(n)*lineHeight(bodySize) + 25
	case Spacer:
		return x.Height
	}
	return 0
}

// drawClosing draws a table's Closing, right after the table.
func (r *renderer) drawClosing(t Table) {
	for _, b := range t.Closing {
		r.block(b)
	}
}

// planChart makes room for a chart and plans the groups before which it
// goes on to a new page (chartBreak follows the plan). A chart the rest of
// the page cannot hold but after which nothing flows (a page break, the
// document's end) is spread so that no page of it is left mostly blank (see
// balancedPlan); otherwise it starts here with at least four groups, or on
// the next page, and fills its pages.
func (r *renderer) planChart(titleH, groupH float64, n int) {
	r.chartPlan = nil
	if r.y+titleH+float64(n)*groupH <= r.bottom {
		return
	}
	if plan, ok := r.balancedPlan(titleH, groupH, n); ok {
		if plan[0] == 0 {
			r.breakPage()
			plan = plan[1:]
		}
		r.chartPlan = plan
		return
	}
	r.ensure(titleH + min(float64(n), 4)*groupH)
}

// chartBreak reports whether the chart goes on to a new page before its
// group i: the plan says so, or the page is full.
func (r *renderer) chartBreak(i int, groupH float64) bool {
	if len(r.chartPlan) > 0 && r.chartPlan[0] == i {
		r.chartPlan = r.chartPlan[1:]
		return true
	}
	return r.y+groupH > r.bottom
}

// balancedPlan, before a page break, chooses how many groups stay on this
// page (none, or at least two, as a paragraph keeps two lines) and spreads
// the others evenly over the pages that follow, so that the emptiest page
// of the chart is as full as it can be. It returns the groups that start a
// page; ok is false when more flows after the chart: then it fills its pages.
func (r *renderer) balancedPlan(titleH, groupH float64, n int) (plan []int, ok bool) {
	if _, brk := r.next.(PageBreak); !brk && r.next != nil {
		return nil, false
	}
	full, used := r.capacity(), r.y-r.contentTop
	per := int((full - titleH) / groupH) // the groups a page of the chart holds
	fits := int((r.bottom - r.y - titleH) / groupH)
	if per < 1 {
		return nil, false
	}
	best := -1.0
	for k := 0; k <= min(fits, n-1); k++ {
		if k == 1 {
			continue
		}
		left := n - k
		pages := (left + per - 1) / per
		here := used
		if k > 0 {
			here += titleH + float64(k)*groupH
		}
		if emptiest := min(here, titleH+float64(left/pages)*groupH); emptiest >= best { // ties: more on this page
			plan, best = spread(k, left, pages), emptiest
		}
	}
	return plan, plan != nil
}

// spread lists the first group of each of pages pages sharing left groups
// evenly after the first k.
func spread(k, left, pages int) []int {
	out := make([]int, 0, pages)
	for p, at := 0, k; p < pages; p++ {
		out = append(out, at)
		at += left / pages
		if p < left%pages {
			at++
		}
	}
	return out
}

// footerLeft writes the footer's left text in width w from (x, y): whole,
// on a second line if need be; a longer text ends its second line with
// « … » after a whole word.
func (r *renderer) footerLeft(s string, x, y, w, lh float64) {
	for i, l := range r.footerLines(s, w) {
		r.text(x, y+float64(i)*lh, w, lh, l, AlignLeft)
	}
}

func (r *renderer) footerLines(s string, w float64) []string {
	lines := r.wrap(strings.ReplaceAll(s, "\n", " "), w)
	if len(lines) <= maxFooterLines {
		return lines
	}
	rest := strings.Join(lines[maxFooterLines-1:], " ")
	return append(lines[:maxFooterLines-1], r.shorten(rest, w))
}

// shorten keeps the words of s that fit in w followed by « … »; a single
// word too wide is cut between characters.
func (r *renderer) shorten(s string, w float64) string {
	words := strings.Split(s, " ")
	for n := len(words) - 1; n > 0; n-- {
		t := strings.TrimRight(strings.Join(words[:n], " "), " ,;:—–-\u00a0") + "…"
		if r.strWidth(t) <= w {
			return t
		}
	}
	return r.fit(s, w)
}
