package sheet

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"

	"github.com/call-agglo/cohesion/data"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// readCSV decodes b (UTF-8 with or without BOM, UTF-16 with BOM, or else
// Windows-1252), detects the separator from the header line and parses it.
func readCSV(b []byte) (*Table, error) {
	text, enc, err := decodeText(b)
	if err != nil {
		return nil, err
	}
	if len(bytes.TrimSpace(text)) == 0 {
		return nil, data.Errorf(data.EINVALID, "Le fichier est vide.")
	}
	// A file saved by a very old Mac spreadsheet ends its lines with a lone CR.
	if bytes.IndexByte(text, '\n') < 0 && bytes.IndexByte(text, '\r') >= 0 {
		text = bytes.ReplaceAll(text, []byte{'\r'}, []byte{'\n'})
	}
	sep := detectSeparator(text)
	if err := checkWidth(text, sep); err != nil {
		return nil, err
	}

	r := csv.NewReader(bytes.NewReader(text))
	r.Comma = sep
	r.FieldsPerRecord = -1
	r.LazyQuotes = false
	r.ReuseRecord = false
	var recs [][]string
	var lines []int
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, csvError(err)
		}
		if blankRecord(rec) {
			continue
		}
		if len(recs) > MaxRows { // the header and MaxRows rows are allowed
			return nil, tooManyRows()
		}
		line, _ := r.FieldPos(0)
		recs = append(recs, rec)
		lines = append(lines, line)
	}
	t, err := build(recs, lines)
	if err != nil {
		return nil, err
	}
	t.Sep, t.Encoding = sep, enc
	t.Format = fmt.Sprintf("CSV (séparateur %s, %s)", sepName(sep), enc)
	return t, nil
}

// decodeText returns b as UTF-8 and the name of the encoding it was in.
func decodeText(b []byte) ([]byte, string, error) {
	switch {
	case bytes.HasPrefix(b, bomUTF8):
		b = b[len(bomUTF8):]
		if !utf8.Valid(b) {
			return nil, "", notCSV("le texte est déclaré en UTF-8 mais contient des caractères invalides")
		}
		return b, "UTF-8", checkText(b)
	case bytes.HasPrefix(b, bomUTF16LE), bytes.HasPrefix(b, bomUTF16BE):
		// Excel's « Texte Unicode » export: UTF-16 with a BOM, tab-separated.
		out, err := unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder().Bytes(b)
		if err != nil {
			return nil, "", notCSV("le texte UTF-16 est invalide")
		}
		out = bytes.TrimPrefix(out, bomUTF8) // a decoder may leave the BOM as U+FEFF
		return out, "UTF-16", checkText(out)
	}
	if err := sniffBinary(b); err != nil {
		return nil, "", err
	}
	if utf8.Valid(b) {
		return b, "UTF-8", checkText(b)
	}
	out, err := charmap.Windows1252.NewDecoder().Bytes(b)
	if err != nil {
		return nil, "", notCSV("encodage du texte inconnu")
	}
	return out, "Windows-1252", checkText(out)
}

// sniffBinary recognises the files people pick by mistake: workbooks saved
// under a .csv name, images, PDF, archives.
func sniffBinary(b []byte) error {
	switch {
	case bytes.HasPrefix(b, []byte("PK\x03\x04")):
		return notCSV("c'est un fichier compressé, sans doute un classeur Excel (.xlsx) renommé : choisissez-le avec l'extension .xlsx, ou exportez-le en CSV depuis votre tableur")
	case bytes.HasPrefix(b, []byte{0xD0, 0xCF, 0x11, 0xE0}):
		return notCSV("c'est un ancien classeur Excel (.xls) : enregistrez-le au format .xlsx ou en CSV depuis votre tableur")
	case bytes.HasPrefix(b, []byte("%PDF")):
		return notCSV("c'est un document PDF")
	case bytes.HasPrefix(b, []byte("\x89PNG")), bytes.HasPrefix(b, []byte{0xFF, 0xD8, 0xFF}), bytes.HasPrefix(b, []byte("GIF8")):
		return notCSV("c'est une image")
	}
	return nil
}

// checkText refuses decoded text that holds control characters a spreadsheet
// never writes: the file is binary, whatever its name.
func checkText(b []byte) error {
	if err := sniffBinary(b); err != nil {
		return err
	}
	sample := b
	if len(sample) > 64<<10 {
		sample = sample[:64<<10]
	}
	controls := 0
	for _, c := range sample {
		if c == 0 {
			return notCSV("il contient des données binaires")
		}
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' && c != 0x1A {
			controls++
		}
	}
	if controls > 0 && controls*100 >= len(sample) {
		return notCSV("il contient des données binaires")
	}
	if bytes.ContainsRune(b, utf8.RuneError) && bytes.Count(b, []byte(string(utf8.RuneError)))*50 > utf8.RuneCount(b) {
		return notCSV("il contient trop de caractères illisibles")
	}
	return nil
}

func notCSV(why string) error {
	return data.Errorf(data.EINVALID, "Le fichier n'est pas un CSV lisible : %s.", why)
}

// detectSeparator counts the candidate separators outside quotes on the header
// line and returns the most frequent; ';' wins ties (French spreadsheets write
// ';' because ',' is the decimal mark), ';' also when there is none.
func detectSeparator(text []byte) rune {
	counts := map[rune]int{}
	inQuotes := false
	started := false // skip blank lines before the header
	for _, r := range string(text) {
		switch {
		case r == '"':
			inQuotes = !inQuotes
		case inQuotes:
		case r == '\n' || r == '\r':
			if started {
				goto done
			}
		case r == ';' || r == ',' || r == '\t':
			counts[r]++
			started = true
		case r != ' ':
			started = true
		}
	}
done:
	best, n := ';', counts[';']
	for _, r := range []rune{'\t', ','} {
		if counts[r] > n {
			best, n = r, counts[r]
		}
	}
	return best
}

// maxColumns is Excel's limit: a wider line is no register.
const maxColumns = 16384

// checkWidth refuses, before parsing, a line with more separators than a
// worksheet has columns (parsing it would take memory out of all proportion).
func checkWidth(text []byte, sep rune) error {
	if sep >= utf8.RuneSelf {
		return nil
	}
	n := 0
	for _, c := range text {
		switch c {
		case '\n':
			n = 0
		case byte(sep):
			n++
			if n >= maxColumns {
				return notCSV(fmt.Sprintf("une ligne compte plus de %d colonnes", maxColumns))
			}
		}
	}
	return nil
}

func sepName(r rune) string {
	switch r {
	case ';':
		return "« ; »"
	case ',':
		return "« , »"
	case '\t':
		return "tabulation"
	}
	return string(r)
}

func csvError(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		switch {
		case errors.Is(pe.Err, csv.ErrBareQuote):
			return data.Errorf(data.EINVALID, "Le fichier n'est pas un CSV lisible : ligne %d, champ n° %d, un guillemet « \" » est mal placé. Un champ qui contient des guillemets doit être entouré de guillemets et chaque guillemet intérieur doublé (« \"\" ») ; enregistrez le fichier depuis votre tableur au format CSV.", pe.Line, pe.Column)
		case errors.Is(pe.Err, csv.ErrQuote):
			return data.Errorf(data.EINVALID, "Le fichier n'est pas un CSV lisible : un guillemet ouvert ligne %d n'est jamais fermé, ou est suivi d'un autre caractère que le séparateur (ligne %d, champ n° %d).", pe.StartLine, pe.Line, pe.Column)
		}
		return data.Errorf(data.EINVALID, "Le fichier n'est pas un CSV lisible : erreur ligne %d.", pe.Line)
	}
	return data.Errorf(data.EINVALID, "Le fichier n'est pas un CSV lisible.")
}
