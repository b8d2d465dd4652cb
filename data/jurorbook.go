package data

import (
	"crypto/sha256"
	"encoding/hex"
)

// A juror's workbook is the grid a juror fills at home before the meeting:
// `export juror-sheets` writes one per juror, `import scores` reads them back.
// Each row of its scores sheet names the juror, the campaign and the dossier,
// and carries a control cell that ties them together, so that the import
// refuses a workbook of another campaign, or a row whose juror or number was
// changed by hand.
const (
	JurorBookHelpSheet    = "Mode d'emploi"
	JurorBookScoresSheet  = "Notes"
	JurorBookDeportsSheet = "Déports"

	JurorBookJurorHeader    = "Juré"
	JurorBookCampaignHeader = "Campagne"
	JurorBookCheckHeader    = "Contrôle"
)

// JurorBookCheck is the control cell of one row of a juror's workbook: a
// digest of the campaign's code, the juror's name and the dossier's number
// (each folded, so that a change of case or spacing is no change). It is no
// secret: it catches a name or a number typed over, not a forger.
func JurorBookCheck(campaignCode, juror, number string) string {
	h := sha256.Sum256([]byte("cohesion/grille-jure\x00" + FoldKey(campaignCode) + "\x00" + FoldKey(juror) + "\x00" + FoldKey(number)))
	return hex.EncodeToString(h[:6])
}
