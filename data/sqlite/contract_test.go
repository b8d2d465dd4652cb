package sqlite_test

import (
	"testing"

	"github.com/call-agglo/cohesion/data/storetest"
)

// TestContract runs the store's contract on real SQLite files.
func TestContract(t *testing.T) { storetest.Run(t, harness) }

// BenchmarkStore measures the register and the import on a SQLite file.
func BenchmarkStore(b *testing.B) { storetest.Bench(b, harness) }

// BenchmarkFollowUp5000 measures the follow-up's list of 5 000 grants.
func BenchmarkFollowUp5000(b *testing.B) { storetest.BenchFollowUp(b, harness) }

// The grid of a thousand sheets the server late-locks: the same result here,
// where a write transaction holds the file's lock from its start.
func TestLongGridIsWhole(t *testing.T) { storetest.LongGridIsWhole(t, harness) }
