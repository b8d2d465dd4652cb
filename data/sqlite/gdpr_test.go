package sqlite_test

import (
	"strings"
	"testing"
	"time"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/sqlite"
)

func TestPurgeAndPersonData(t *testing.T) {
	db, c := open(t)
	a := app(t, c)
	a.Structure.LegalRep, a.Structure.Contact = "Gérard Lemaire", "Sabrina Dufour"
	a.Structure.Email = "s.dufour@petitspas.example.org"
	if err := db.CreateApplication(ctx, c, a); err != nil {
		t.Fatal(err)
	}
	j := &data.Juror{CampaignID: c.ID, Name: "Mme Durand", Email: "durand@example.org"}
	db.AddJuror(ctx, j)
	// A change of a personal field is in the trail without its value.
	a.Structure.Phone = "03 21 55 66 77"
	if err := db.UpdateApplication(ctx, c, a); err != nil {
		t.Fatal(err)
	}
	trail, _ := db.Audit(ctx, sqlite.AuditFilter{Entity: sqlite.AuditApplication, EntityID: a.ID, Limit: 1})
	if trail[0].Field != "Téléphone" || strings.Contains(trail[0].New+trail[0].Old, "55 66") {
		t.Fatalf("personal value copied into the trail: %+v", trail[0])
	}
	rec, err := db.PersonData(ctx, "sabrina dufour")
	if err != nil || len(rec.Structures) != 1 || rec.Structures[0].Email != a.Structure.Email || rec.Structures[0].Applications[0] != "AMI2021 AMI2021-001" {
		t.Fatalf("%+v %v", rec, err)
	}
	if rec, _ := db.PersonData(ctx, "durand"); len(rec.Jurors) != 1 || rec.Jurors[0].Email != "durand@example.org" {
		t.Fatalf("juror not found: %+v", rec)
	}
	if _, err := db.PersonData(ctx, "a"); err == nil {
		t.Fatal("a one-letter search accepted")
	}
	// Before the end of the retention period (36 months after September 2021), nothing goes.
	db.Now = func() time.Time { return time.Date(2024, 9, 1, 9, 0, 0, 0, data.Paris) }
	if p, _ := db.PurgeExpired(ctx, false); len(p) != 0 {
		t.Fatalf("purged too early: %+v", p)
	}
	db.Now = func() time.Time { return time.Date(2024, 10, 2, 9, 0, 0, 0, data.Paris) }
	p, err := db.PurgeExpired(ctx, true)
	if err != nil || len(p) != 1 || p[0].Structures != 1 || p[0].Jurors != 1 {
		t.Fatalf("dry run: %+v %v", p, err)
	}
	if got, _ := db.Application(ctx, a.ID); got.Structure.Email == "" {
		t.Fatal("the dry run purged")
	}
	if p, err = db.PurgeExpired(ctx, false); err != nil || len(p) != 1 {
		t.Fatalf("%+v %v", p, err)
	}
	got, _ := db.Application(ctx, a.ID)
	s := got.Structure
	if s.LegalRep != "" || s.Contact != "" || s.Email != "" || s.Phone != "" || s.Name == "" || s.SIRET == "" {
		t.Fatalf("after purge: %+v", s)
	}
	if js, _ := db.Jurors(ctx, c.ID); js[0].Email != "" || js[0].Name == "" {
		t.Fatalf("juror after purge: %+v", js[0])
	}
	if p, _ := db.PurgeExpired(ctx, false); len(p) != 0 {
		t.Fatal("purged twice")
	}
	if _, broken, _ := db.VerifyAudit(ctx); broken != nil {
		t.Fatalf("the purge broke the trail: %+v", broken)
	}
}
