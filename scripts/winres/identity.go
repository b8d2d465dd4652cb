package main

import (
	"fmt"
	"image"
	_ "image/png"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/call-agglo/cohesion"
	"github.com/tc-hib/winres"
	"github.com/tc-hib/winres/version"
)

// IconSizes are the images of the Windows icon, in pixels: what Explorer, the
// taskbar and the Start menu ask for at 100 % to 300 % scaling.
var IconSizes = []int{256, 64, 48, 32, 24, 16}

// langFrench is the LCID of French (France), the language of the version strings.
const langFrench = 0x040C

// Identity is what FyneApp.toml says about the application.
type Identity struct {
	Name, ID, Website string
	Version           [3]uint16 // major, minor, patch
	Build             uint16
	Publisher         string
	Copyright         string
	IconPath          string // absolute, or relative to the working directory
}

// ReadIdentity reads FyneApp.toml; the icon path in it is relative to the file.
// The path "" is the FyneApp.toml built into this program (package cohesion),
// the very text the window and the CLI are built with; its icon is then
// relative to the working directory, the top of the repository.
func ReadIdentity(path string) (*Identity, error) {
	text := cohesion.FyneAppToml
	if path != "" {
		b, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("lecture de %s : %w", path, err)
		}
		text = string(b)
	} else {
		path = "FyneApp.toml"
	}
	f, err := cohesion.Parse(text) // the one reading of FyneApp.toml
	if err != nil {
		return nil, fmt.Errorf("lecture de %s : %w", path, err)
	}
	d := f.Details
	id := &Identity{Name: d.Name, ID: d.ID, Website: f.Website, Publisher: f.Windows.Publisher, Copyright: f.Windows.Copyright,
		IconPath: filepath.Join(filepath.Dir(path), filepath.FromSlash(d.Icon))}
	v, err := parseVersion(d.Version)
	if err != nil {
		return nil, fmt.Errorf("%s : %w", path, err)
	}
	id.Version = v
	if d.Build < 0 || d.Build > 65535 {
		return nil, fmt.Errorf("%s : Build %d hors de 0 à 65535", path, d.Build)
	}
	id.Build = uint16(d.Build)
	for k, v := range map[string]string{"Details.Name": id.Name, "Details.Icon": d.Icon, "Windows.Publisher": id.Publisher, "Windows.Copyright": id.Copyright} {
		if strings.TrimSpace(v) == "" {
			return nil, fmt.Errorf("%s : %s manque", path, k)
		}
	}
	return id, nil
}

// parseVersion reads "major.minor.patch" within what an MSI accepts
// (255.255.65535): Windows Installer compares only these three fields.
func parseVersion(s string) ([3]uint16, error) {
	var v [3]uint16
	parts := strings.Split(strings.TrimSpace(s), ".")
	if len(parts) != 3 {
		return v, fmt.Errorf("version %q : la forme attendue est majeure.mineure.correctif", s)
	}
	limits := [3]int{255, 255, 65535}
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 || n > limits[i] {
			return v, fmt.Errorf("version %q : %q n'est pas un nombre de 0 à %d", s, p, limits[i])
		}
		v[i] = uint16(n)
	}
	return v, nil
}

// MSIVersion is the installer's ProductVersion: a newer one upgrades an older one.
func (id *Identity) MSIVersion() string {
	return fmt.Sprintf("%d.%d.%d", id.Version[0], id.Version[1], id.Version[2])
}

// FileVersion is the four-part version of the executables (the build last).
func (id *Identity) FileVersion() string {
	return fmt.Sprintf("%s.%d", id.MSIVersion(), id.Build)
}

// Icon is the application's icon at every size of IconSizes.
func (id *Identity) Icon() (*winres.Icon, error) {
	f, err := os.Open(id.IconPath)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	img, _, err := image.Decode(f)
	if err != nil {
		return nil, fmt.Errorf("icône %s : %w", id.IconPath, err)
	}
	return winres.NewIconFromResizedImage(img, IconSizes)
}

// WriteICO writes the icon as a .ico file (for the installer's shortcut).
func (id *Identity) WriteICO(w io.Writer) error {
	icon, err := id.Icon()
	if err != nil {
		return err
	}
	return icon.SaveICO(w)
}

// descriptions of the two executables, as Explorer and the Task Manager show them.
var descriptions = map[string]string{
	"cohesion":     "Cohésion — appels à manifestation d'intérêt de la politique de la ville",
	"cohesion-cli": "Cohésion — ligne de commande",
}

// Resources are the icon, version information and manifest of one executable.
func (id *Identity) Resources(exe string) (*winres.ResourceSet, error) {
	desc, ok := descriptions[exe]
	if !ok {
		return nil, fmt.Errorf("exécutable inconnu : %s", exe)
	}
	icon, err := id.Icon()
	if err != nil {
		return nil, err
	}
	rs := &winres.ResourceSet{}
	if err := rs.SetIcon(winres.ID(1), icon); err != nil {
		return nil, err
	}
	vi := version.Info{}
	vi.SetFileVersion(id.FileVersion())
	vi.SetProductVersion(id.FileVersion())
	for k, v := range map[string]string{
		version.ProductName:      id.Name,
		version.FileDescription:  desc,
		version.CompanyName:      id.Publisher,
		version.LegalCopyright:   id.Copyright,
		version.InternalName:     exe,
		version.OriginalFilename: exe + ".exe",
		version.Comments:         id.Website,
	} {
		if err := vi.Set(langFrench, k, v); err != nil {
			return nil, err
		}
	}
	rs.SetVersionInfo(vi)
	rs.SetManifest(winres.AppManifest{
		Description:         desc,
		Compatibility:       winres.Win10AndAbove, // Go's own minimum
		ExecutionLevel:      winres.AsInvoker,
		DPIAwareness:        winres.DPIPerMonitorV2,
		LongPathAware:       true,
		UseCommonControlsV6: true, // message boxes and file dialogs in the current Windows style
	})
	return rs, nil
}

// WriteSyso writes the resources of exe as an object file for go build.
func (id *Identity) WriteSyso(w io.Writer, exe string) error {
	rs, err := id.Resources(exe)
	if err != nil {
		return err
	}
	return rs.WriteObject(w, winres.ArchAMD64)
}

// WriteWXI writes the installer's variables as a wixl include file: wixl
// reads it as UTF-8, where its -D option garbles accented values.
func (id *Identity) WriteWXI(w io.Writer) error {
	vars := [][2]string{{"Version", id.MSIVersion()}, {"Publisher", id.Publisher}, {"Website", id.Website}}
	fmt.Fprintln(w, `<?xml version="1.0" encoding="utf-8"?>`)
	fmt.Fprintln(w, "<Include>")
	for _, v := range vars {
		if strings.ContainsAny(v[1], "\"<>&$") {
			return fmt.Errorf("%s %q : caractère non admis par l'installateur", v[0], v[1])
		}
		fmt.Fprintf(w, "  <?define %s = \"%s\" ?>\n", v[0], v[1])
	}
	_, err := fmt.Fprintln(w, "</Include>")
	return err
}
