// Package assets embeds what the binaries ship: the icon, the fonts for PDFs, the
// reference data of the default campaign (communes and QPV of the CALL, with
// their provenance) and the seed text of the CALL AMI 2021. Nothing here is read
// from disk at run time.
package assets

import _ "embed"

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
