//go:build !windows

package backend

import "runtime"

const goosName = runtime.GOOS

// Outside Windows there is no registry: no policy, no machine-wide value.
func policyValue(string) string  { return "" }
func installValue(string) string { return "" }

// documentsFolder is unused outside Windows, where backups stay beside the base.
func documentsFolder() string { return "" }
