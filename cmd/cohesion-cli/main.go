// Command cohesion-cli is Cohésion's headless companion, for batch work and
// automation: on Windows the GUI has no console. It imports no Fyne package, so
// it builds fast and runs where there is no display. Its main only chooses the
// adapters; the commands (package cli) know the store's interfaces alone.
package main

import (
	"os"

	"github.com/call-agglo/cohesion/cmd/backend"
	"github.com/call-agglo/cohesion/cmd/cohesion-cli/cli"
)

func main() {
	os.Exit(cli.Run(backend.Bases{}, os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
