package reports

import (
	"io"
	"os"
	"path/filepath"

	"github.com/call-agglo/cohesion/data/files"
)

// WriteFile draws a document into a temporary file as it goes (a dossier of
// thousands of pages is never whole in memory), then puts the file in place
// only once whole: a failure never leaves half a PDF.
func WriteFile(doc *Document, path string) error {
	return files.WriteFrom(path, 0o644, func(w io.Writer) error { return Write(doc, w) })
}

// WriteLetters writes one letter per file into dir, for every dossier that
// gets one (see PlanLetters), each under a name of its own; nothing is
// written when the letters cannot all be produced. The count it returns is
// the count of files written.
func WriteLetters(in Input, dir string) (written int, err error) {
	x, letters, tpl, err := prepareLetters(&in)
	if err != nil {
		return 0, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return 0, files.Failure("Impossible de créer le dossier "+dir, err)
	}
	for _, l := range LetterFiles(letters) {
		if err := WriteFile(x.oneLetterDoc(l.Letter, tpl), filepath.Join(dir, l.File)); err != nil {
			return written, err
		}
		written++
	}
	return written, nil
}
