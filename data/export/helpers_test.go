package export_test

import (
	"archive/zip"
	"bytes"
	"io"
	"regexp"
	"strconv"
	"testing"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/export"
	"github.com/xuri/excelize/v2"
)

// siret completes 13 digits with the Luhn key that makes a valid SIRET.
func siret(t testing.TB, prefix string) string {
	t.Helper()
	for k := 0; k <= 9; k++ {
		s := prefix + strconv.Itoa(k)
		if data.ValidSIRET(s) {
			return s
		}
	}
	t.Fatalf("no key for %s", prefix)
	return ""
}

// writeXLSX writes tables and opens the result again.
func writeXLSX(t testing.TB, tables ...export.Table) ([]byte, *excelize.File) {
	t.Helper()
	var buf bytes.Buffer
	if err := export.WriteXLSX(&buf, tables...); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return buf.Bytes(), f
}

// part returns one file of the workbook's zip.
func part(t testing.TB, b []byte, name string) string {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range z.File {
		if f.Name == name {
			r, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			x, err := io.ReadAll(r)
			if err != nil {
				t.Fatal(err)
			}
			return string(x)
		}
	}
	t.Fatalf("no %s in the workbook", name)
	return ""
}

// reAutoFilter finds the autofilter's range; excelize writes it with absolute
// references ($A$1:$F$19), which Excel reads as A1:F19.
var reAutoFilter = regexp.MustCompile(`<autoFilter ref="\$?([A-Z]+)\$?([0-9]+):\$?([A-Z]+)\$?([0-9]+)"`)

// autoFilter returns the autofilter range of a worksheet part, as A1:F19.
func autoFilter(t testing.TB, b []byte, name string) string {
	t.Helper()
	m := reAutoFilter.FindStringSubmatch(part(t, b, name))
	if m == nil {
		return ""
	}
	return m[1] + m[2] + ":" + m[3] + m[4]
}

// raw returns a cell's stored value.
func raw(t testing.TB, f *excelize.File, sheet, cell string) string {
	t.Helper()
	v, err := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// style returns a cell's style.
func style(t testing.TB, f *excelize.File, sheet, cell string) *excelize.Style {
	t.Helper()
	id, err := f.GetCellStyle(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func numFmt(st *excelize.Style) string {
	if st.CustomNumFmt != nil {
		return *st.CustomNumFmt
	}
	return "builtin:" + strconv.Itoa(st.NumFmt)
}

func cellName(col, row int) string {
	s, _ := excelize.CoordinatesToCellName(col, row)
	return s
}
