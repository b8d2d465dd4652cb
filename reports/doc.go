// Package reports will draw Cohésion's PDF documents (jury dossier, scoring
// sheets, deliberation annex, notification letters) from document models built
// over package data. It knows no UI. Nothing is drawn yet: see the PDF issue.
package reports
