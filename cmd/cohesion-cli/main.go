// Command cohesion-cli is Cohésion's headless companion, for batch work and
// automation: on Windows the GUI has no console. It imports no Fyne package, so
// it builds fast and runs where there is no display.
package main

import (
	"io"
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run is the whole program, callable from tests: it returns the exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	a := &cli{in: stdin, out: stdout, errw: stderr}
	return a.run(args)
}
