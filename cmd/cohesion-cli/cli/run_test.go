package cli

import (
	"io"

	"github.com/call-agglo/cohesion/cmd/backend"
)

// run is the whole program with the real adapters, as the main wires it.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return Run(backend.Bases{}, args, stdin, stdout, stderr)
}
