// Package assets embeds what the binaries ship: the icon, the fonts for PDFs, the
// reference data of the default campaign (communes and QPV of the CALL, with
// their provenance) and the seed text of the CALL AMI 2021. Nothing here is read
// from disk at run time.
package assets

import _ "embed"

// Licence is Cohésion's own licence; ThirdPartyLicences are the notices of
// every module compiled in, written from the build by scripts/licences and
// checked against it by that command's test. Both are committed, not made at
// package time, so that every build, a plain go build included, embeds them
// and « À propos » shows them wherever Cohésion runs (the portable zip too);
// the installer and the zip carry the same two files.
var (
	//go:embed licences/LICENCE.txt
	Licence string

	//go:embed licences/LICENCES-TIERS.txt
	ThirdPartyLicences string
)

var (
	//go:embed icon.png
	Icon []byte

	//go:embed fonts/NotoSans-Regular.ttf
	NotoSansRegular []byte

	//go:embed fonts/NotoSans-Bold.ttf
	NotoSansBold []byte

	//go:embed reference/communes.csv
	CommunesCSV []byte

	//go:embed reference/qpv.csv
	QPVCSV []byte

	//go:embed reference/PROVENANCE.md
	ReferenceProvenance string

	//go:embed seed/ami2021.json
	SeedAMI2021 []byte
)

// FyneFrench holds French texts for Fyne's own widgets (dialog buttons, the file
// dialog, the entry menu). The GUI installs them whatever the system language,
// since Cohésion speaks only French.
//
//go:embed fyne-fr.json
var FyneFrench []byte
