package sheet_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/call-agglo/cohesion/data/sheet"
)

// A CSV error names the line and the column, with its header, as a user
// finds them; never a byte offset.
func TestCSVErrorsNameTheCell(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"bare quote", "Numéro;Structure\n1;Les \"Amis\"\n",
			"ligne 2, colonne 2 (Structure), un guillemet « \" » est mal placé"},
		{"bare quote far in a long line", "Numéro;Structure;Intitulé du projet\n1;Les Amis du quartier de la gare et des environs;Le \"projet\"\n",
			"ligne 2, colonne 3 (Intitulé du projet)"},
		{"bare quote after a quoted newline", "Numéro;Structure;Projet\n\"1\n2\";Les \"Amis\";x\n",
			"ligne 3, colonne 2 (Structure)"},
		{"quote never closed", "Numéro;Structure;Projet\n1;\"Les Amis;x\n2;y;z\n",
			"le guillemet ouvert ligne 2, colonne 2 (Structure) n'est jamais fermé"},
		{"text after a closing quote", "Numéro;Structure\n1;\"Les Amis\" du quartier\n",
			"ligne 2, colonne 2 (Structure), un guillemet fermant est suivi d'autre chose que le séparateur « ; »"},
		{"in the header", "Numéro;Str\"ucture\n", "ligne 1, colonne 2, un guillemet"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tb, err := sheet.Read("f.csv", strings.NewReader(tt.in))
			if tb != nil {
				t.Errorf("a table of %d rows", len(tb.Rows))
			}
			wantErr(t, err, tt.want)
			if strings.Contains(err.Error(), "champ n°") {
				t.Errorf("a byte offset: %v", err)
			}
		})
	}
}

// A UTF-8 file spoilt by a few bytes is refused naming the cell, not read as
// Windows-1252 into headers no column matches; a Windows-1252 file is still
// read as such.
func TestCSVInvalidUTF8(t *testing.T) {
	const head = "Numéro;Structure;Intitulé du projet;Montant demandé\n"
	tests := []struct{ name, in, want string }{
		{"one Windows-1252 accent in a UTF-8 file", head + "1;Asso;Fête;100\n2;Caf\xE9 des sports;Été;200\n",
			"ligne 3, colonne 2 (Structure), le texte contient des caractères invalides en UTF-8 (« Caf\uFFFD des sports »)"},
		{"with a BOM", "\xEF\xBB\xBF" + head + "1;Asso;Projet\xFF;100\n", "ligne 2, colonne 3 (Intitulé du projet)"},
		{"a cut sequence in the header", "Numéro;Structure;Intitulé\xC3;Montant demandé\n1;é;x;1\n", "ligne 1, colonne 3, le texte"},
		{"in a quoted field on two lines", head + "1;\"Asso\nCaf\xE9\";x;1\n", "ligne 2, colonne 2 (Structure)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tb, err := sheet.Read("f.csv", strings.NewReader(tt.in))
			if tb != nil {
				t.Errorf("read as %s: %q", tb.Encoding, tb.Header)
			}
			wantErr(t, err, tt.want)
		})
	}
	// Windows-1252, even with a byte pair that UTF-8 would accept (« É… »).
	for _, in := range []string{
		"Num\xE9ro;Structure\n1;Caf\xE9 des sports\n",
		"Num\xE9ro;Structure\n1;\xC9T\xC9\x85 \xE0 l'\xE9cole\n",
	} {
		tb := mustRead(t, "f.csv", []byte(in))
		if tb.Encoding != "Windows-1252" || tb.Header[0] != "Numéro" {
			t.Errorf("%q read as %s: %q", in, tb.Encoding, tb.Header)
		}
	}
}

// A CSV cell is at most 32 767 characters long, as in a workbook.
func TestCSVOverlongCell(t *testing.T) {
	max := strings.Repeat("é", sheet.MaxCellChars)
	if tb := mustRead(t, "f.csv", []byte("Numéro;Structure\n1;"+max+"\n")); tb.Rows[0][1] != max {
		t.Errorf("a cell of %d characters read as %d", sheet.MaxCellChars, len([]rune(tb.Rows[0][1])))
	}
	in := "Numéro;Structure\n1;" + max + "\n2;" + max + "e\n"
	_, err := sheet.Read("f.csv", strings.NewReader(in))
	wantErr(t, err, "ligne 3, colonne 2 (Structure), la cellule dépasse 32 767 caractères")
}

// A CSV file beyond the cell limit is refused.
func TestCSVTooManyCells(t *testing.T) {
	var b bytes.Buffer
	b.WriteString("A" + strings.Repeat(";", 39) + "\n")
	line := "x" + strings.Repeat(";x", 39) + "\n"
	for range sheet.MaxCells / 40 {
		b.WriteString(line)
	}
	_, err := sheet.Read("f.csv", bytes.NewReader(b.Bytes()))
	wantErr(t, err, "plus de 4 000 000 cellules")
}
