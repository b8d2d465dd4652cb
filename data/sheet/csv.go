package sheet

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
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
	text, enc, checkUTF8, err := decodeText(b)
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
	c := &collector{}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, csvError(err, text, sep, c)
		}
		if checkUTF8 {
			if j := invalidField(rec); j >= 0 {
				line, _ := r.FieldPos(j)
				return nil, invalidUTF8(c.where(line, j+1), rec[j])
			}
		}
		line, _ := r.FieldPos(0)
		if err := c.add(rec, line); err != nil {
			return nil, err
		}
	}
	t, err := c.table()
	if err != nil {
		return nil, err
	}
	t.Sep, t.Encoding = sep, enc
	t.Format = fmt.Sprintf("CSV (séparateur %s, %s)", sepName(sep), enc)
	return t, nil
}

// decodeText returns b as UTF-8 and the name of the encoding it was in. When
// b is UTF-8 with invalid sequences, it comes back as it is with checkUTF8
// set: the caller names the cell that holds them.
func decodeText(b []byte) (text []byte, enc string, checkUTF8 bool, err error) {
	switch {
	case bytes.HasPrefix(b, bomUTF8):
		b = b[len(bomUTF8):]
		return b, "UTF-8", !utf8.Valid(b), checkText(b)
	case bytes.HasPrefix(b, bomUTF16LE), bytes.HasPrefix(b, bomUTF16BE):
		// Excel's « Texte Unicode » export: UTF-16 with a BOM, tab-separated.
		out, err := unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder().Bytes(b)
		if err != nil {
			return nil, "", false, notCSV("le texte UTF-16 est invalide")
		}
		out = bytes.TrimPrefix(out, bomUTF8) // a decoder may leave the BOM as U+FEFF
		return out, "UTF-16", false, checkText(out)
	}
	if err := sniffBinary(b); err != nil {
		return nil, "", false, err
	}
	if utf8.Valid(b) {
		return b, "UTF-8", false, checkText(b)
	}
	if mostlyUTF8(b) {
		return b, "UTF-8", true, checkText(b)
	}
	out, err := charmap.Windows1252.NewDecoder().Bytes(b)
	if err != nil {
		return nil, "", false, notCSV("encodage du texte inconnu")
	}
	return out, "Windows-1252", false, checkText(out)
}

// mostlyUTF8 tells a UTF-8 file spoilt by a few invalid bytes from a
// Windows-1252 file. Windows-1252 writes each accented letter as one byte
// that UTF-8 never accepts alone, so its French text holds no valid
// multi-byte sequence, or one by chance (« É… ») among many invalid bytes;
// a UTF-8 file holds at least as many valid sequences as invalid ones. Read
// as Windows-1252, the UTF-8 file would turn « Intitulé » into
// « IntitulÃ© » and lose its columns: it is refused, naming the bad cell.
func mostlyUTF8(b []byte) bool {
	valid, invalid := 0, 0
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			invalid++
		} else {
			valid++
		}
		i += n
	}
	return valid > 0 && valid >= invalid
}

// invalidField returns the index of the first field of rec that is not valid
// UTF-8, -1 when all are.
func invalidField(rec []string) int {
	for j, f := range rec {
		if !utf8.ValidString(f) {
			return j
		}
	}
	return -1
}

func invalidUTF8(where, field string) error {
	i := 0
	for i < len(field) {
		r, n := utf8.DecodeRuneInString(field[i:])
		if r == utf8.RuneError && n == 1 {
			break
		}
		i += n
	}
	before := []rune(field[:i])
	excerpt := strings.ToValidUTF8(field[i:], "\uFFFD")
	if len(before) > 20 {
		excerpt = "…" + string(before[len(before)-20:]) + excerpt
	} else {
		excerpt = string(before) + excerpt
	}
	return notCSV(fmt.Sprintf("%s, le texte contient des caractères invalides en UTF-8 (« %s »), alors que le reste du fichier est en UTF-8. Corrigez cette cellule, ou enregistrez de nouveau le fichier au format « CSV UTF-8 » depuis votre tableur", where, abbrev(excerpt, 40)))
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
	// Not range string(text): that would copy the whole file.
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRune(text[i:])
		i += n
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

// csvError describes a parse error by the line and column where a user finds
// it; encoding/csv gives a byte offset in the line, which no spreadsheet shows.
func csvError(err error, text []byte, sep rune, c *collector) error {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		return data.Errorf(data.EINVALID, "Le fichier n'est pas un CSV lisible.")
	}
	start := lineOffset(text, pe.StartLine)
	at := min(max(lineOffset(text, pe.Line)+pe.Column-1, start), len(text))
	field, fieldLine, _ := fieldAt(text[start:at], byte(sep))
	_, _, open := fieldAt(text[start:], byte(sep)) // a quote never closed, or closed too early
	where := c.where(pe.Line, field)
	switch {
	case errors.Is(pe.Err, csv.ErrBareQuote):
		return notCSV(fmt.Sprintf("%s, un guillemet « \" » est mal placé. Un champ qui contient des guillemets doit être entouré de guillemets et chaque guillemet intérieur doublé (« \"\" ») ; enregistrez le fichier depuis votre tableur au format CSV", where))
	case errors.Is(pe.Err, csv.ErrQuote) && open:
		return notCSV(fmt.Sprintf("le guillemet ouvert %s n'est jamais fermé : un champ qui commence par un guillemet doit finir par un guillemet, et chaque guillemet intérieur être doublé (« \"\" »)", c.where(pe.StartLine+fieldLine, field)))
	case errors.Is(pe.Err, csv.ErrQuote):
		return notCSV(fmt.Sprintf("%s, un guillemet fermant est suivi d'autre chose que le séparateur %s : chaque guillemet intérieur à un champ doit être doublé (« \"\" »)", where, sepName(sep)))
	}
	return notCSV(fmt.Sprintf("erreur ligne %d", pe.Line))
}

// lineOffset returns the offset in text of the start of line n (1-based).
func lineOffset(text []byte, n int) int {
	off := 0
	for ; n > 1; n-- {
		i := bytes.IndexByte(text[off:], '\n')
		if i < 0 {
			return len(text)
		}
		off += i + 1
	}
	return off
}

// fieldAt follows the CSV quoting rules over rec, a record's text up to an
// error, and returns the 1-based number of the field the error is in, the
// line where that field starts (0 for the record's first), and whether rec
// ends inside a quoted field.
func fieldAt(rec []byte, sep byte) (field, line int, quoted bool) {
	field, lines, atStart := 1, 0, true
	for i := 0; i < len(rec); i++ {
		c := rec[i]
		switch {
		case quoted:
			if c == '"' && i+1 < len(rec) && rec[i+1] == '"' {
				i++
			} else if c == '"' {
				quoted = false
			}
		case c == '"' && atStart:
			quoted = true
		case c == sep:
			field, line, atStart = field+1, lines, true
			continue
		}
		if c == '\n' {
			lines++
		}
		atStart = false
	}
	return field, line, quoted
}
