package storetest

import (
	"fmt"
	"testing"

	"github.com/call-agglo/cohesion/data"
)

// Every kind of letter template is kept, read back in the snapshot the
// documents start from, journaled, and restored to the default by an empty
// text; the table refuses a kind it does not know.
var _ = register("LetterTemplatesOfEveryKind", func(t *testing.T, h Harness) {
	st, c := seeded(t, h)
	want := data.LetterTemplates{Attribution: "Objet : attribution {{numero}}", Refusal: "Objet : refus {{numero}}",
		Irrecevability: "Objet : irrecevabilité {{numero}}\n\nMotif : {{motif}}",
		Report:         "## Rapport {{campagne}}", Deliberation: "Article : attribue {{total}}"}
	if err := st.SaveLetterTemplates(ctx, c.ID, want); err != nil {
		t.Fatal(err)
	}
	if got, err := st.LetterTemplates(ctx, c.ID); err != nil || got != want {
		t.Fatalf("templates %+v %v", got, err)
	}
	snap, err := st.Snapshot(ctx, c.ID, data.SnapshotOptions{})
	if err != nil || snap.Templates != want {
		t.Fatalf("snapshot templates %+v %v", snap.Templates, err)
	}
	intact(t, st)
	want.Irrecevability = ""
	if err := st.SaveLetterTemplates(ctx, c.ID, want); err != nil {
		t.Fatal(err)
	}
	if got, _ := st.LetterTemplates(ctx, c.ID); got != want {
		t.Fatalf("after restoring the default: %+v", got)
	}
	intact(t, st)
	if _, err := Raw(st).Exec(fmt.Sprintf(`INSERT INTO letter_templates (campaign_id, kind, body, updated_at) VALUES (%d, 'inconnu', 'x', '')`, c.ID)); err == nil {
		t.Fatal("a template of an unknown kind was stored")
	}
})
