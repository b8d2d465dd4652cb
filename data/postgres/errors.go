package postgres

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"database/sql/driver"
	"errors"
	"io"
	"net"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/sqlstore"
)

func pgCode(err error) string {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code
	}
	return ""
}

// Translate says the server's failures in French, with what to do; the
// detail goes to the log file. Every failure of every operation comes here
// (sqlstore's fail, and Open), so each kind is told apart once, by what pgx
// returned: a code of the server, a type of pgconn, or pgconn's own text when
// it has no type.
func (d dialect) Translate(err error) error {
	if err == nil || data.ErrorCode(err) != data.EINTERNAL {
		return err
	}
	where := d.db.Location()
	switch code := pgCode(err); {
	case code == "28P01" || code == "28000":
		return data.Failure(data.EINVALID, "Connexion refusée à la base partagée "+where+" : identifiant ou mot de passe incorrect (vérifiez votre fichier pgpass ou demandez vos accès au service informatique).", err)
	case code == "3D000":
		return data.Failure(data.EINVALID, "La base partagée "+where+" n'existe pas sur ce serveur : demandez au service informatique de la créer (voir « Plusieurs postes » dans le README).", err)
	case code == "42501":
		return data.Failure(data.EINVALID, "Votre rôle n'a pas les droits nécessaires sur la base partagée "+where+" : la structure de la base, le journal, la restauration et les postes reviennent à son administrateur ; pour un droit qui manque à un poste, voyez le service informatique.", err)
	case code == "53100":
		return data.Failure(data.EINTERNAL, "Le disque du serveur de la base partagée est plein : la modification n'a pas été enregistrée. Prévenez le service informatique.", err)
	case code == "25006":
		return data.Failure(data.EINVALID, "La base partagée "+where+" est en lecture seule : rien n'a été modifié.", err)
	case isTLSRefused(err):
		return data.Failure(data.EINVALID, "Le serveur de la base partagée "+where+" n'accepte pas les connexions chiffrées, que l'adresse exige (sslmode) : demandez au service informatique d'y activer le chiffrement (TLS). Rien n'a été enregistré.", err)
	case isUntrusted(err):
		return data.Failure(data.EINVALID, "L'identité du serveur de la base partagée "+where+" n'a pas pu être vérifiée (certificat inconnu, expiré ou établi pour un autre nom) : la connexion est refusée. Prévenez le service informatique. Rien n'a été enregistré.", err)
	case isNoPassword(err):
		return &PasswordError{Where: where}
	case errors.Is(err, context.Canceled):
		return err // stopped on purpose (Ctrl+C): not the server's doing
	case isUnreachable(err):
		return data.Failure(data.EINTERNAL, "Le serveur de la base partagée "+where+" ne répond pas : rien n'a été enregistré. Vérifiez le réseau, puis recommencez.", err)
	case isLost(err, code):
		return lostConnection(where, err)
	}
	return err
}

// lostConnection says a connection that dropped during an operation. Before
// the COMMIT, or when the COMMIT never left this desk, the server rolled the
// transaction back; once sent, only the journal can tell whether it arrived.
func lostConnection(where string, err error) error {
	var ce *sqlstore.CommitError
	if errors.As(err, &ce) && !pgconn.SafeToRetry(err) {
		return data.Failure(data.EINTERNAL, "La connexion au serveur de la base partagée "+where+" a été perdue pendant l'enregistrement : la modification a pu être enregistrée ou non. Vérifiez le réseau, puis consultez l'Historique avant de recommencer.", err)
	}
	return data.Failure(data.EINTERNAL, "La connexion au serveur de la base partagée "+where+" a été perdue : rien n'a été enregistré. Vérifiez le réseau, puis recommencez.", err)
}

// isTLSRefused is an address that asks for encryption (sslmode=require and
// stricter) and a server without it: pgconn says so only in words.
func isTLSRefused(err error) bool {
	return err != nil && strings.Contains(err.Error(), "server refused TLS connection")
}

// isUntrusted is a server whose certificate does not hold (sslmode=verify-ca
// or verify-full).
func isUntrusted(err error) bool {
	var (
		ve *tls.CertificateVerificationError
		ua x509.UnknownAuthorityError
		he x509.HostnameError
		ci x509.CertificateInvalidError
	)
	return errors.As(err, &ve) || errors.As(err, &ua) || errors.As(err, &he) || errors.As(err, &ci)
}

// isUnreachable is a connection that could not be made (nothing reached the
// server), or a server that did not answer in time.
func isUnreachable(err error) bool {
	var ce *pgconn.ConnectError
	return errors.As(err, &ce) || pgconn.Timeout(err) || errors.Is(err, context.DeadlineExceeded)
}

// isLost is a connection that was made and dropped: the server stopped or
// restarted (57P01-57P03), ended the session (pg_terminate_backend), or the
// network cut it (08…, end of stream, a socket error, a connection pgx
// already closed).
func isLost(err error, code string) bool {
	var ne net.Error
	return strings.HasPrefix(code, "08") || strings.HasPrefix(code, "57P") ||
		errors.As(err, &ne) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, pgconn.ErrConnClosed) || errors.Is(err, driver.ErrBadConn)
}

func isNoPassword(err error) bool {
	return err != nil && (strings.Contains(err.Error(), "no password") || strings.Contains(err.Error(), "password authentication failed") && pgCode(err) == "")
}

// PasswordError asks for the password the server wants and no pgpass file gave.
type PasswordError struct{ Where string }

// ErrorCode asks the caller for credentials.
func (e *PasswordError) ErrorCode() string { return data.EAUTH }

func (e *PasswordError) Error() string {
	return "La base partagée " + e.Where + " demande un mot de passe : saisissez-le, ou enregistrez-le dans votre fichier pgpass."
}
