// Command annexraw is the yardstick of `report annex` in scripts/bench.sh
// (issue 23): the least a program must do to draw the annex's table with
// gofpdf. It reads a table (the CSV of `cohesion-cli export allocation`:
// one line per dossier, separated by « ; ») and draws it as the annex draws
// its table: A4 landscape, the two Noto fonts embedded as subsets, 8.5 pt
// cells that wrap, the header repeated on each page, « page n / N » at the
// foot, compressed. No base, no model, no layout rules: what `report annex`
// takes beyond this is the price of the rest (process, base, model).
//
//	annexraw TABLE.csv OUT.pdf
package main

import (
	"encoding/csv"
	"fmt"
	"os"
	"strings"

	"github.com/jung-kurt/gofpdf"

	"github.com/call-agglo/cohesion/assets"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage : annexraw TABLE.csv OUT.pdf")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(in, out string) error {
	f, err := os.Open(in)
	if err != nil {
		return err
	}
	r := csv.NewReader(f)
	r.Comma = ';'
	rows, err := r.ReadAll()
	f.Close()
	if err != nil {
		return err
	}
	if len(rows) == 0 {
		return fmt.Errorf("%s : aucune ligne", in)
	}
	rows[0][0] = strings.TrimPrefix(rows[0][0], "\ufeff")
	return draw(rows[0], rows[1:], out)
}

const (
	margin = 15.0
	size   = 8.5
	lh     = size * 25.4 / 72 * 1.3
	pad    = 1.2
)

func draw(header []string, rows [][]string, out string) error {
	pdf := gofpdf.New("L", "mm", "A4", "")
	pdf.AliasNbPages("{nb}")
	pdf.AddUTF8FontFromBytes("noto", "", assets.NotoSansRegular)
	pdf.AddUTF8FontFromBytes("noto", "B", assets.NotoSansBold)
	pdf.SetMargins(margin, margin, margin)
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetCellMargin(0)
	pdf.SetFooterFunc(func() {
		pdf.SetFont("noto", "", 7.5)
		pdf.SetXY(margin, 210-14)
		pdf.CellFormat(297-2*margin, lh, fmt.Sprintf("page %d / {nb}", pdf.PageNo()), "", 0, "R", false, 0, "")
	})
	w := (297 - 2*margin) / float64(len(header))
	y := 0.0
	line := func(cells []string, bold bool) {
		style := ""
		if bold {
			style = "B"
		}
		pdf.SetFont("noto", style, size)
		wrapped := make([][]string, len(cells))
		n := 1
		for i, c := range cells {
			wrapped[i] = pdf.SplitText(c, w-2*pad)
			n = max(n, len(wrapped[i]))
		}
		h := float64(n)*lh + 2*pad
		for i := range cells {
			x := margin + float64(i)*w
			pdf.Rect(x, y, w, h, "D")
			for k, l := range wrapped[i] {
				pdf.SetXY(x+pad, y+pad+float64(k)*lh)
				pdf.CellFormat(w-2*pad, lh, l, "", 0, "L", false, 0, "")
			}
		}
		y += h
	}
	page := func() {
		pdf.AddPage()
		y = margin
		line(header, true)
	}
	page()
	for _, r := range rows {
		if y+lh*2+2*pad > 210-20 {
			page()
		}
		line(r, false)
	}
	return pdf.OutputFileAndClose(out)
}
