package main

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/tc-hib/winres"
	"github.com/tc-hib/winres/version"
)

func realIdentity(t *testing.T) *Identity {
	t.Helper()
	id, err := ReadIdentity("../../FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func TestVersionComesFromFyneAppToml(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "FyneApp.toml")
	os.WriteFile(path, []byte("Website = \"https://exemple.fr\"\n[Details]\nIcon = \"icon.png\"\nName = \"Cohésion\"\nVersion = \"2.14.301\"\nBuild = 7\n"+
		"[Windows]\nPublisher = \"Agglo\"\nCopyright = \"© Agglo\"\n"), 0o644)
	id, err := ReadIdentity(path)
	if err != nil {
		t.Fatal(err)
	}
	if id.MSIVersion() != "2.14.301" || id.FileVersion() != "2.14.301.7" {
		t.Fatalf("MSI %s, fichier %s", id.MSIVersion(), id.FileVersion())
	}
	if id.IconPath != filepath.Join(dir, "icon.png") {
		t.Fatalf("icon %s: relative to the toml file", id.IconPath)
	}
}

func TestVersionOutsideWhatAnMSIAcceptsIsRefused(t *testing.T) {
	for _, v := range []string{"1.2", "1.2.3.4", "256.0.0", "1.x.0", "1.2.70000"} {
		path := filepath.Join(t.TempDir(), "FyneApp.toml")
		os.WriteFile(path, []byte("[Details]\nIcon = \"i.png\"\nName = \"C\"\nVersion = \""+v+"\"\n[Windows]\nPublisher = \"A\"\nCopyright = \"B\"\n"), 0o644)
		if _, err := ReadIdentity(path); err == nil {
			t.Errorf("version %s accepted", v)
		}
	}
}

func TestPublisherIsRequired(t *testing.T) {
	path := filepath.Join(t.TempDir(), "FyneApp.toml")
	os.WriteFile(path, []byte("[Details]\nIcon = \"i.png\"\nName = \"C\"\nVersion = \"1.0.0\"\n"), 0o644)
	if _, err := ReadIdentity(path); err == nil || !strings.Contains(err.Error(), "Publisher") {
		t.Fatalf("err %v", err)
	}
}

// icoSizes reads the directory of a .ico file: the width of each image.
func icoSizes(t *testing.T, b []byte) []int {
	t.Helper()
	var head struct{ Reserved, Type, Count uint16 }
	r := bytes.NewReader(b)
	if err := binary.Read(r, binary.LittleEndian, &head); err != nil || head.Type != 1 {
		t.Fatalf("not an icon: %v %+v", err, head)
	}
	var sizes []int
	for i := 0; i < int(head.Count); i++ {
		var e struct {
			W, H, Colors, Reserved uint8
			Planes, Bits           uint16
			Bytes, Offset          uint32
		}
		binary.Read(r, binary.LittleEndian, &e)
		w := int(e.W)
		if w == 0 {
			w = 256 // the format's way of saying 256
		}
		sizes = append(sizes, w)
	}
	sort.Ints(sizes)
	return sizes
}

func TestIconHasEverySizeWindowsAsksFor(t *testing.T) {
	var buf bytes.Buffer
	if err := realIdentity(t).WriteICO(&buf); err != nil {
		t.Fatal(err)
	}
	got := icoSizes(t, buf.Bytes())
	want := []int{16, 24, 32, 48, 64, 256}
	if len(got) != len(want) {
		t.Fatalf("sizes %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("sizes %v, want %v", got, want)
		}
	}
}

func TestResourcesCarryVersionAndDPIAwareManifest(t *testing.T) {
	id := realIdentity(t)
	rs, err := id.Resources("cohesion-cli")
	if err != nil {
		t.Fatal(err)
	}
	vi, err := version.FromBytes(rs.Get(winres.RT_VERSION, winres.ID(1), langFrench))
	if err != nil {
		t.Fatal(err)
	}
	js, _ := vi.MarshalJSON()
	var decoded struct {
		Fixed struct{ File_version string }
		Info  map[string]map[string]string
	}
	if err := json.Unmarshal(js, &decoded); err != nil {
		t.Fatal(err)
	}
	strs := decoded.Info["040C"]
	if decoded.Fixed.File_version != id.FileVersion() {
		t.Fatalf("fixed file version %s", decoded.Fixed.File_version)
	}
	if strs[version.ProductName] != "Cohésion" || strs[version.FileVersion] != id.FileVersion() ||
		strs[version.CompanyName] != id.Publisher || strs[version.LegalCopyright] != id.Copyright ||
		strs[version.OriginalFilename] != "cohesion-cli.exe" || !strings.Contains(strs[version.FileDescription], "ligne de commande") {
		t.Fatalf("version strings %v", strs)
	}
	manifest := string(rs.Get(winres.RT_MANIFEST, winres.ID(1), winres.LCIDDefault))
	if !strings.Contains(manifest, ">permonitorv2,") {
		t.Fatalf("manifest without per-monitor DPI awareness:\n%s", manifest)
	}
	var obj bytes.Buffer
	if err := id.WriteSyso(&obj, "cohesion"); err != nil || obj.Len() < 1000 {
		t.Fatalf("syso %d bytes, %v", obj.Len(), err)
	}
	if _, err := id.Resources("autre"); err == nil {
		t.Fatal("unknown executable accepted")
	}
}

func TestInstallerIncludeCarriesVersionAndPublisher(t *testing.T) {
	id := realIdentity(t)
	var buf bytes.Buffer
	if err := id.WriteWXI(&buf); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`<?define Version = "` + id.MSIVersion() + `" ?>`, `<?define Publisher = "` + id.Publisher + `" ?>`} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("%s lacks %s", buf.String(), want)
		}
	}
	id.Publisher = `Agglo "Lens"`
	if err := id.WriteWXI(&buf); err == nil {
		t.Error("a quote in the publisher would break the include")
	}
}
