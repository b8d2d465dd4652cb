package ui

// bulkAction is the last bulk action of the session, which « Édition ›
// Annuler » undoes.
type bulkAction struct {
	label string
	undo  func() error
}

func (a *App) refreshUndo() {}

func (a *App) onUndo() {}
