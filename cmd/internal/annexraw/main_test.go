package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// annexraw draws a table of the allocation's CSV, header repeated, over as
// many pages as it takes.
func TestDrawsTheTable(t *testing.T) {
	dir := t.TempDir()
	var csv strings.Builder
	csv.WriteString("\ufeffRang;Numéro;Structure;Intitulé du projet;Montant\n")
	for i := 0; i < 120; i++ {
		csv.WriteString("1;SYNTH-001;Association « Cœur » (fictive);Un projet au titre assez long pour tenir sur deux lignes de sa cellule;1 234,00\n")
	}
	in, out := filepath.Join(dir, "t.csv"), filepath.Join(dir, "t.pdf")
	if err := os.WriteFile(in, []byte(csv.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := run(in, out); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(out)
	if err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) || bytes.Count(b, []byte("/Type /Page\n")) < 3 {
		t.Fatalf("PDF de %d octets, %d pages, %v", len(b), bytes.Count(b, []byte("/Type /Page\n")), err)
	}
	if err := run(filepath.Join(dir, "absent.csv"), out); err == nil {
		t.Error("un fichier absent est accepté")
	}
}
