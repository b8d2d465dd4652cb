package export_test

import (
	"bytes"
	"encoding/csv"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/export"
	"github.com/call-agglo/cohesion/data/sheet"
	"github.com/xuri/excelize/v2"
)

func TestCSVBytes(t *testing.T) {
	tb := export.Table{
		Sheet: "Essai",
		Columns: []export.Column{
			{Title: "Numéro"}, {Title: "Montant", Kind: export.Amount}, {Title: "Date", Kind: export.Date},
			{Title: "Reçu le", Kind: export.DateTime}, {Title: "Rang", Kind: export.Int}, {Title: "Note", Kind: export.Score},
		},
		Rows: [][]any{
			{"A-1", int64(123456), data.NewDate(2021, 4, 30), time.Date(2021, 4, 30, 15, 5, 59, 0, time.UTC), 1, big.NewRat(12345, 1000)},
			{"Asso « Les ; amis »", int64(1), data.Date{}, time.Time{}, nil, nil},
			{`Dit "oui"`, int64(123456789), nil, nil, int64(-3), big.NewRat(0, 1)},
			{"Deux\nlignes", 100, nil, nil, nil, nil},
			{" espace ", int64(-150)},
		},
		Footer: [][]any{{"Total", int64(123580346)}},
	}
	var buf bytes.Buffer
	if err := export.WriteCSV(&buf, tb); err != nil {
		t.Fatal(err)
	}
	want := "\uFEFF" + "Numéro;Montant;Date;Reçu le;Rang;Note\r\n" +
		"A-1;1234,56;30/04/2021;30/04/2021 17:05;1;12,35\r\n" +
		"\"Asso « Les ; amis »\";0,01;;;;\r\n" +
		"\"Dit \"\"oui\"\"\";1234567,89;;;-3;0,00\r\n" +
		"\"Deux\nlignes\";1,00;;;;\r\n" +
		"\" espace \";-1,50;;;;\r\n" +
		"Total;1235803,46;;;;\r\n"
	if got := buf.String(); got != want {
		t.Errorf("csv\n got %q\nwant %q", got, want)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte{0xEF, 0xBB, 0xBF}) {
		t.Error("no BOM")
	}

	// The project's reader sees UTF-8, « ; » and the amounts.
	st, err := sheet.Read("essai.csv", bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if st.Sep != ';' || st.Encoding != "UTF-8" || st.Header[0] != "Numéro" {
		t.Errorf("read as %q %s %q", st.Sep, st.Encoding, st.Header)
	}
	for i, want := range []int64{123456, 1, 123456789, 100} {
		if a, err := data.ParseAmount(st.Rows[i][1]); err != nil || a != want {
			t.Errorf("row %d amount %q → %d, %v", i, st.Rows[i][1], a, err)
		}
	}
}

var injections = []string{"=1+1", "+33 3 21 00 00 00", "-2+3", "@SUM(A1:A2)", "\tcmd", "\r=cmd", "=HYPERLINK(\"http://x\";\"clic\")", "  =1+1", "\uff1d1+1"}

func injectionTable() export.Table {
	tb := export.Table{Sheet: "Inj", Columns: []export.Column{
		{Title: "Texte"}, {Title: "Montant", Kind: export.Amount}, {Title: "Entier", Kind: export.Int},
	}}
	for _, s := range injections {
		tb.Rows = append(tb.Rows, []any{s, int64(-100), -5})
	}
	tb.Rows = append(tb.Rows, []any{"Association", int64(100), 5}, []any{"a=b", nil, nil}, []any{"", nil, nil})
	return tb
}

func TestInjectionXLSX(t *testing.T) {
	tb := injectionTable()
	_, f := writeXLSX(t, tb)
	for i, s := range injections {
		at := cellName(1, i+2)
		// A text cell is never evaluated: it holds the text exactly, no « ' ».
		v := raw(t, f, "Inj", at)
		if v != strings.ReplaceAll(s, "\r", "") && v != s {
			t.Errorf("%s = %q, want %q", at, v, s)
		}
		if fm, _ := f.GetCellFormula("Inj", at); fm != "" {
			t.Errorf("%s has a formula %q", at, fm)
		}
		if typ, _ := f.GetCellType("Inj", at); typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
			t.Errorf("%s type %v, want text", at, typ)
		}
		// A negative number is a number, not text: no quote.
		if v := raw(t, f, "Inj", cellName(2, i+2)); v != "-1" {
			t.Errorf("amount %q", v)
		}
		if v := raw(t, f, "Inj", cellName(3, i+2)); v != "-5" {
			t.Errorf("int %q", v)
		}
	}
	n := len(injections)
	for i, want := range []string{"Association", "a=b", ""} {
		if v := raw(t, f, "Inj", cellName(1, n+2+i)); v != want {
			t.Errorf("plain text %q, want %q", v, want)
		}
	}
}

func TestInjectionCSV(t *testing.T) {
	tb := injectionTable()
	var buf bytes.Buffer
	if err := export.WriteCSV(&buf, tb); err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(strings.NewReader(strings.TrimPrefix(buf.String(), "\uFEFF")))
	r.Comma = ';'
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for i, s := range injections {
		rec := recs[i+1]
		want := "'" + s
		if rec[0] != want {
			t.Errorf("line %d: %q, want %q", i+2, rec[0], want)
		}
		if rec[1] != "-1,00" || rec[2] != "-5" {
			t.Errorf("line %d: numbers %q", i+2, rec[1:])
		}
	}
	n := len(injections)
	if recs[n+1][0] != "Association" || recs[n+2][0] != "a=b" {
		t.Errorf("plain text %q", recs[n+1:])
	}
	// No raw field of the file starts with a formula character.
	for _, line := range strings.Split(buf.String(), "\r\n") {
		for _, f := range strings.Split(line, ";") {
			if f != "" && strings.ContainsRune("=+@", rune(f[0])) {
				t.Errorf("field %q", f)
			}
		}
	}
}

func TestNeutralize(t *testing.T) {
	for in, want := range map[string]string{
		"=A1": "'=A1", "+1": "'+1", "-1": "'-1", "@x": "'@x", "\tx": "'\tx", "\rx": "'\rx",
		" =A1": "' =A1", "\u00a0-x": "'\u00a0-x", "＝A1": "'＝A1", "−1": "'−1",
		"": "", "A=1": "A=1", "Asso": "Asso", "   ": "   ", "'=A1": "'=A1", "1-2": "1-2",
	} {
		if got := export.Neutralize(in); got != want {
			t.Errorf("Neutralize(%q) = %q, want %q", in, got, want)
		}
	}
}
