package sqlstore

import (
	"context"

	"github.com/call-agglo/cohesion/data"
)

// anchorage is where this desk keeps the journal heads it saw (see
// data.Anchor), and the name of this base there.
type anchorage struct {
	book data.Anchors
	key  string
}

// Anchor attaches the desk's book of journal heads to the base, under key,
// and records the head the desk sees now if the journal still extends the one
// it saw before. From then on VerifyAudit compares the journal with it, and
// Close records the last head seen.
func (s *Store) Anchor(ctx context.Context, book data.Anchors, key string) {
	s.anchors = &anchorage{book, key}
	s.advanceAnchor(ctx)
}

// ResetAnchor records the journal's current head as seen, whatever the desk saw
// before: after this desk itself replaced the base (a restore, a new file).
func (s *Store) ResetAnchor(ctx context.Context) {
	if s.anchors == nil {
		return
	}
	h, err := s.Head(ctx)
	if err != nil {
		data.LogDetail("lecture de l'empreinte du journal", err)
		return
	}
	s.saveAnchor(h)
}

// departure compares the journal, read by q, with the head the desk saw.
func (s *Store) departure(ctx context.Context, q queryer, now data.Head) string {
	if s.anchors == nil {
		return ""
	}
	a, ok := s.loadAnchor()
	if !ok {
		return ""
	}
	e, err := entryAt(ctx, q, a.Head.ID)
	if err != nil {
		e = nil // no line there: Departure says the journal was cut or rewritten
	}
	return a.Departure(now, e)
}

// advanceAnchor records the current head when the journal still holds the
// head seen before: a journal rewritten behind this desk's back never moves
// the anchor, so the next check still reports it.
func (s *Store) advanceAnchor(ctx context.Context) {
	if s.anchors == nil {
		return
	}
	var now data.Head
	var gone string
	err := s.readTx(ctx, func(q queryer) error {
		var err error
		if now, err = head(ctx, q); err != nil {
			return err
		}
		gone = s.departure(ctx, q, now)
		return nil
	})
	if err != nil {
		data.LogDetail("lecture de l'empreinte du journal", err)
		return
	}
	if gone == "" && !s.seenThisMinute(now) {
		s.saveAnchor(now)
	}
}

// seenThisMinute says whether the book already holds head h, seen in the
// current minute: writing it again would change nothing the desk ever shows
// (Departure gives the minute), and every command that only reads would
// otherwise write the file twice (at its opening and at its closing), each
// time synced to the disk.
func (s *Store) seenThisMinute(h data.Head) bool {
	a, ok := s.loadAnchor()
	const minute = "2006-01-02 15:04"
	return ok && a.Head == h && a.Seen.In(data.Paris).Format(minute) == s.Now().In(data.Paris).Format(minute)
}

func (s *Store) loadAnchor() (data.Anchor, bool) {
	a, ok, err := s.anchors.book.Anchor(s.anchors.key)
	if err != nil {
		data.LogDetail("lecture des empreintes vues par ce poste", err)
	}
	return a, ok && err == nil
}

func (s *Store) saveAnchor(h data.Head) {
	if h.ID == 0 {
		return
	}
	if err := s.anchors.book.SetAnchor(s.anchors.key, data.Anchor{Head: h, Seen: s.Now()}); err != nil {
		data.LogDetail("écriture des empreintes vues par ce poste", err)
	}
}
