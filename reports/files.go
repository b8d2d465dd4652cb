package reports

import (
	"bytes"
	"os"
	"path/filepath"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/files"
)

// WriteFile draws a document into memory, then puts the file in place only
// once whole: a failure never leaves half a PDF.
func WriteFile(doc *Document, path string) error {
	var buf bytes.Buffer
	if err := Write(doc, &buf); err != nil {
		return err
	}
	return files.Write(path, buf.Bytes(), 0o644)
}

// Skipped is a decided dossier left without a letter, and why.
type Skipped struct {
	Number string
	Why    string
}

// WriteLetters writes one letter per decided dossier into dir, each under a
// name of its own: the count it returns is the count of files written.
func WriteLetters(in Input, dir string) (written int, skipped []Skipped, err error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return 0, nil, files.Failure("Impossible de créer le dossier "+dir, err)
	}
	for _, l := range LetterFiles(in) {
		doc, err := LetterFor(in, l.ApplicationID)
		if err != nil {
			skipped = append(skipped, Skipped{l.Number, data.ErrorMessage(err)})
			continue
		}
		if err := WriteFile(doc, filepath.Join(dir, l.File)); err != nil {
			return written, skipped, err
		}
		written++
	}
	return written, skipped, nil
}
