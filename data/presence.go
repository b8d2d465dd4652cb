package data

import (
	"fmt"
	"time"
)

// Instance is a running window of Cohésion on a base.
type Instance struct {
	ID        int64
	User      string
	Host      string
	PID       int
	StartedAt time.Time
}

// InstanceTimeout is how long an instance stays « running » without a
// heartbeat: a window that crashed stops counting after it.
const InstanceTimeout = 90 * time.Second

// HeartbeatEvery is how often a running window says it is still there.
const HeartbeatEvery = 30 * time.Second

// InUseError refuses to replace a base another window or command is working
// on: what it saved afterwards would be lost.
func InUseError(others []Instance) error {
	if len(others) == 0 {
		return Errorf(ECONFLICT, "La base est ouverte par une autre fenêtre ou commande Cohésion : fermez-la avant de restaurer une sauvegarde.")
	}
	o := others[0]
	return Errorf(ECONFLICT, "Cohésion est ouvert sur cette base par %s (%s, depuis le %s) : fermez cette fenêtre avant de restaurer une sauvegarde.",
		o.User, o.Host, FormatDateTime(o.StartedAt))
}

// CorruptError reports a damaged base; the caller offers to restore the latest
// backup rather than crash or start afresh.
type CorruptError struct {
	Path         string
	Detail       string
	LatestBackup string // "" when there is none
}

// ErrorCode makes it an invalid-input error for ErrorCode.
func (e *CorruptError) ErrorCode() string { return EINVALID }

func (e *CorruptError) Error() string {
	msg := fmt.Sprintf("La base %s est endommagée (%s).", e.Path, e.Detail)
	if e.LatestBackup != "" {
		msg += " Dernière sauvegarde : " + e.LatestBackup + "."
	} else {
		msg += " Aucune sauvegarde automatique n'a été trouvée."
	}
	return msg
}

// GridChangeError refuses a change of an evaluation grid that has already been
// used, until staff confirm it knowing which sheets it affects.
type GridChangeError struct{ Sheets, Jurors, Applications int }

// ErrorCode makes it a conflict for ErrorCode.
func (e *GridChangeError) ErrorCode() string { return ECONFLICT }

func (e *GridChangeError) Error() string {
	return fmt.Sprintf("La grille d'évaluation a déjà servi : %d grille(s) de %d juré(s) sur %d dossier(s) seront recalculées avec la nouvelle grille (les notes d'un critère supprimé sont effacées, une note devenue hors barème rend la grille incomplète). Confirmez la modification.",
		e.Sheets, e.Jurors, e.Applications)
}
