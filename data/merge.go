package data

// MergeFrom copies onto a the fields src provides, by key (Field*): a file
// re-imported to update the register changes only what its columns hold, never
// the instruction's own work (notes, pieces, opinion, status) nor a field the
// file does not have.
func (a *Application) MergeFrom(src *Application, fields []string) {
	s, t := &a.Structure, src.Structure
	for _, f := range fields {
		switch f {
		case FieldReceived:
			a.Received = src.Received
		case FieldStructure:
			s.Name = t.Name
		case FieldLegalForm:
			s.LegalForm = t.LegalForm
		case FieldSIRET:
			s.SIRET = t.SIRET
		case FieldRNA:
			s.RNA = t.RNA
		case FieldAddress:
			s.Address = t.Address
			// An address whose last line was « 62300 Lens » brought its
			// postal code and town (Normalize): they come with it.
			if t.PostalCode != "" {
				s.PostalCode = t.PostalCode
			}
			if t.Town != "" {
				s.Town = t.Town
			}
		case FieldPostalCode:
			s.PostalCode = t.PostalCode
		case FieldTown:
			s.Town = t.Town
		case FieldCommune:
			s.Commune = t.Commune
		case FieldLegalRep:
			s.LegalRep = t.LegalRep
		case FieldContact:
			s.Contact = t.Contact
		case FieldEmail:
			s.Email = t.Email
		case FieldPhone:
			s.Phone = t.Phone
		case FieldTitle:
			a.Title = src.Title
		case FieldSummary:
			a.Summary = src.Summary
		case FieldTheme:
			a.ThemeID = src.ThemeID
		case FieldQPV:
			a.QPVs = append([]string(nil), src.QPVs...)
		case FieldPublic:
			a.TargetPublic = src.TargetPublic
		case FieldBeneficiaries:
			a.Beneficiaries = src.Beneficiaries
		case FieldQPVShare:
			a.QPVSharePct = src.QPVSharePct
		case FieldStart:
			a.Start = src.Start
		case FieldEnd:
			a.End = src.End
		case FieldTotal:
			a.TotalCents = src.TotalCents
		case FieldRequested:
			a.RequestedCents = src.RequestedCents
		case FieldCofinancing:
			a.Cofinancing = append([]Cofinancing(nil), src.Cofinancing...)
		case FieldExternalState:
			a.ExternalState = src.ExternalState
		}
	}
}

// IdentityFields are the applicant's identity, which a dossier keeps as
// declared for it, and which a user may choose to share with the other
// dossiers of the same SIRET.
var IdentityFields = []string{FieldStructure, FieldLegalForm, FieldSIRET, FieldRNA, FieldAddress, FieldPostalCode, FieldTown,
	FieldCommune, FieldLegalRep, FieldContact, FieldEmail, FieldPhone}
