package data

import "context"

// Desk is a login role of a shared base's desks: it reads and writes the
// data as Cohésion does, adds to the journal, and nothing else (no change of
// the schema, no rewriting of the journal).
type Desk struct {
	Name     string
	CanLogin bool
}

// Desks manages the desks' roles of a shared base; only its administrator
// (the owner of the schema, allowed to create roles) can.
type Desks interface {
	// AddDesk creates a desk's login role with its password.
	AddDesk(ctx context.Context, name, password string) error
	// RemoveDesk drops a desk's role (never another role).
	RemoveDesk(ctx context.Context, name string) error
	// Desks lists the desks' roles, by name.
	Desks(ctx context.Context) ([]Desk, error)
}

// Warner is a base that has something to say once opened (a connection as
// the owner of a shared base, in clear to a remote server…): the window shows
// it above every screen, the command line on its error output.
type Warner interface {
	Warnings() []Warning
}

// Warning is one thing to tell the user about an open base.
type Warning struct {
	Text string
	// AsOwner says the warning is about connecting as the base's owner: the
	// administrator's own commands (init, desk, migrate, restore) expect it.
	AsOwner bool
}
