// Package reports draws Cohésion's PDF documents: the jury's dossier
// (JuryDossier), the scoring sheets (ScoringSheets, AllScoringSheets), the annex
// to the council's deliberation (Annex) and the notification letters (Letters,
// LetterFor). Each builder turns an Input of domain values into a Document, a
// small model of headings, paragraphs, tables, charts and forms that tests read
// directly; Write draws a Document with gofpdf and the embedded Noto Sans fonts,
// always to the same bytes for the same input. The package knows no UI and no
// database.
package reports
