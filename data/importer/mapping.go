package importer

import (
	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/sheet"
)

// Ignore maps a file column to nothing: the wizard's « ne pas importer ».
const Ignore = "-"

// ignoredPrefix marks a column the user chose not to import: the report
// says so, rather than « intitulé non reconnu ».
const ignoredPrefix = "(ignorée) "

// Mapping says which field each column of a file fills, by the file's header
// (as written). Headers it does not name are matched as usual.
type Mapping map[string]string

// Guess proposes a mapping for a file: each header the importer recognises is
// mapped to its field, the others are ignored. The wizard starts from it.
func Guess(t *sheet.Table) Mapping {
	m := Mapping{}
	for _, h := range t.Header {
		if c := ColumnFor(h); c != nil {
			m[h] = c.Key
		} else {
			m[h] = Ignore
		}
	}
	return m
}

// Apply renames the headers of a table after a mapping, so the importer reads a
// file laid out differently (an export from démarches-simplifiées, say) as if it
// followed the template. Two columns mapped to one field are an error.
func Apply(t *sheet.Table, m Mapping) (*sheet.Table, error) {
	out := *t
	out.Header = make([]string, len(t.Header))
	used := map[string]string{}
	for i, h := range t.Header {
		key, ok := m[h]
		switch {
		case !ok:
			out.Header[i] = h
		case key == Ignore || key == "":
			out.Header[i] = "" // a column with no header is reported, and ignored
			if !columnHasData(t, i) {
				continue
			}
			out.Header[i] = ignoredPrefix + h
		default:
			label := labelOf(key)
			if label == "" {
				return nil, data.Errorf(data.EINVALID, "Champ inconnu « %s » pour la colonne « %s ».", key, h)
			}
			if prev, dup := used[key]; dup {
				return nil, data.Errorf(data.EINVALID, "Les colonnes « %s » et « %s » remplissent toutes deux « %s » : choisissez-en une.", prev, h, label)
			}
			used[key] = h
			out.Header[i] = label
		}
	}
	return &out, nil
}

func labelOf(key string) string {
	for _, c := range Columns {
		if c.Key == key {
			return c.Label
		}
	}
	return ""
}

func columnHasData(t *sheet.Table, i int) bool {
	for _, r := range t.Rows {
		if i < len(r) && r[i] != "" {
			return true
		}
	}
	return false
}
