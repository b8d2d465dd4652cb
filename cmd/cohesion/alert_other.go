//go:build !windows

package main

import (
	"fmt"
	"os"
)

// alert writes to the standard error: outside Windows, Cohésion is started
// from a terminal or a desktop file that logs it.
func alert(title, text string) {
	fmt.Fprintf(os.Stderr, "%s\n\n%s\n", title, text)
}
