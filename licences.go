package cohesion

import _ "embed"

// Licence is Cohésion's own licence (LICENCE, at the top of the repository).
//
//go:embed LICENCE
var Licence string

// ThirdPartyLicences are the notices of every module compiled in
// (LICENCES-TIERS.txt, written from the build by scripts/licences and checked
// against it by that command's test). It is committed, not generated at
// package time, so that every build, a plain go build included, embeds it and
// « À propos » can show it wherever Cohésion runs (the portable zip too).
//
//go:embed LICENCES-TIERS.txt
var ThirdPartyLicences string
