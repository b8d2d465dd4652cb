package backend

import (
	"golang.org/x/sys/windows"
	"golang.org/x/sys/windows/registry"
)

const goosName = "windows"

// policyValue is a value set by group policy (the ADMX template in
// scripts/windows/admx): HKLM\Software\Policies\Cohesion.
func policyValue(name string) string { return machineValue(`Software\Policies\Cohesion`, name) }

// installValue is a value the MSI wrote for every user of the machine
// (msiexec /i cohesion.msi COHESION_DB=…): HKLM\Software\Cohesion.
func installValue(name string) string { return machineValue(`Software\Cohesion`, name) }

// machineValue reads a string of HKLM in the 64-bit view the MSI writes to;
// a missing key or value is "".
func machineValue(path, name string) string {
	k, err := registry.OpenKey(registry.LOCAL_MACHINE, path, registry.QUERY_VALUE|registry.WOW64_64KEY)
	if err != nil {
		return ""
	}
	defer k.Close()
	v, typ, err := k.GetStringValue(name)
	if err != nil {
		return ""
	}
	if typ == registry.EXPAND_SZ { // the policy's folder may say %USERNAME%
		if x, err := registry.ExpandString(v); err == nil {
			return x
		}
	}
	return v
}

// documentsFolder is the user's Documents as Windows knows it, redirected to
// a share by IT or not; "" when the system cannot say.
func documentsFolder() string {
	p, err := windows.KnownFolderPath(windows.FOLDERID_Documents, 0)
	if err != nil {
		return ""
	}
	return p
}
