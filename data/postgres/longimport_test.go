package postgres_test

import (
	"testing"

	"github.com/call-agglo/cohesion/data/storetest"
)

// A desk's long import holds the writers' lock only to write its journal:
// another desk writes meanwhile (issue 23).
func TestLongImportLetsOthersWrite(t *testing.T) { storetest.LongImportLetsOthersWrite(t, harness) }

// Another desk's write to the dossiers the import depends on starts it
// again, the lock held: it still ends whole, after that write.
func TestLongImportStartsAgain(t *testing.T) { storetest.LongImportStartsAgain(t, harness) }

// A grid of a thousand sheets, late-locked, is written whole and over.
func TestLongGridIsWhole(t *testing.T) { storetest.LongGridIsWhole(t, harness) }
