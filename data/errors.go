// Package data holds Cohésion's domain: the types of a call for proposals and the
// rules that apply to them (validation, money, dates, deadlines). It imports no
// GUI, database or PDF package, so every rule is tested on its own.
package data

import (
	"errors"
	"fmt"
	"strings"
	"sync"
)

// Error codes, after Ben Johnson's wtf: a machine-readable code for the caller's
// logic and a human (French) message for the user.
const (
	EINVALID  = "invalid"  // the user's input breaks a rule
	ENOTFOUND = "notfound" // the thing asked for does not exist
	ECONFLICT = "conflict" // the operation clashes with existing data (duplicate number…)
	EINTERNAL = "internal" // a bug or an I/O failure: not the user's fault
	EAUTH     = "auth"     // a server wants credentials the caller did not give
)

// Error is an application error with a code and a French message.
type Error struct {
	Code    string
	Message string
}

func (e *Error) Error() string { return e.Message }

// Errorf builds an *Error with a formatted French message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of err, EINTERNAL for errors that are not ours.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	var v ValidationErrors
	if errors.As(err, &v) {
		return EINVALID
	}
	var c coded
	if errors.As(err, &c) {
		return c.ErrorCode()
	}
	return EINTERNAL
}

// coded is an error type of another package that carries its own code and a
// French message (the store's refusal to change a used grid, for instance).
type coded interface {
	error
	ErrorCode() string
}

// ErrorMessage returns the message to show a user: ours as is, anything else as a
// generic French message (the detail belongs in logs, not in a dialog).
func ErrorMessage(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	var v ValidationErrors
	if errors.As(err, &v) {
		return v.Error()
	}
	var c coded
	if errors.As(err, &c) {
		return c.Error()
	}
	LogDetail("erreur inattendue", err)
	return "Erreur inattendue : l'opération n'a pas abouti et rien n'a été modifié." + logHint()
}

// The technical detail of a failure (an English message of the system or of a
// driver) goes to a log file beside the base; the user reads French, and the
// message names the file for the IT department.
var detailLog struct {
	sync.Mutex
	write func(line string)
	where string
}

// SetDetailLog chooses where technical details go (main sets it once).
func SetDetailLog(write func(line string), where string) {
	detailLog.Lock()
	defer detailLog.Unlock()
	detailLog.write, detailLog.where = write, where
}

// LogDetail writes the technical detail of a failure to the log file.
func LogDetail(what string, err error) {
	detailLog.Lock()
	defer detailLog.Unlock()
	if detailLog.write != nil && err != nil {
		detailLog.write(what + " : " + err.Error())
	}
}

// logHint names the log file in a message, when there is one.
func logHint() string {
	detailLog.Lock()
	defer detailLog.Unlock()
	if detailLog.where == "" {
		return ""
	}
	return " Le détail technique est inscrit dans " + detailLog.where + "."
}

// Failure is a known failure of the system or of the storage, said in French
// with what to do; its detail goes to the log file.
func Failure(code, message string, detail error) *Error {
	LogDetail(message, detail)
	return &Error{Code: code, Message: message + logHint()}
}

// FieldError is one broken rule on one field of a form or of an imported line.
type FieldError struct {
	Field   string // the field's key (see the Field* constants)
	Message string // French, ready to show beside the field
}

// ValidationErrors lists every broken rule of one object; empty means valid.
type ValidationErrors []FieldError

func (v ValidationErrors) Error() string {
	msgs := make([]string, len(v))
	for i, fe := range v {
		msgs[i] = FieldLabel(fe.Field) + " : " + fe.Message
	}
	return strings.Join(msgs, " ; ")
}

// For returns the message for a field, or "" when the field is valid.
func (v ValidationErrors) For(field string) string {
	for _, fe := range v {
		if fe.Field == field {
			return fe.Message
		}
	}
	return ""
}

func (v *ValidationErrors) add(field, format string, args ...any) {
	*v = append(*v, FieldError{Field: field, Message: fmt.Sprintf(format, args...)})
}

// Err returns nil when there is nothing to report, so callers can return it directly.
func (v ValidationErrors) Err() error {
	if len(v) == 0 {
		return nil
	}
	return v
}
