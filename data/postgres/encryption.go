package postgres

import (
	"crypto/tls"
	"database/sql"
	"net"
	"strconv"

	"github.com/jackc/pgx/v5/stdlib"

	"github.com/call-agglo/cohesion/data"
)

// isLoopback reports a connection that never leaves this machine (a Unix
// socket, 127.0.0.0/8, ::1): nothing to encrypt there. A variable, so a test
// on the loopback server can pretend it is remote; the encryption itself is
// always read from the real connection.
var isLoopback = func(a net.Addr) bool {
	switch a := a.(type) {
	case *net.UnixAddr:
		return true
	case *net.TCPAddr:
		return a.IP.IsLoopback()
	}
	return false
}

// checkEncryption warns when the desk's connection to a remote server is not
// encrypted. The address alone cannot tell: without sslmode, pgx tries TLS
// and silently falls back to clear text when the server has none; so the
// connection made is asked, its socket being a *tls.Conn or not.
func (db *DB) checkEncryption(c *sql.Conn) error {
	return c.Raw(func(driverConn any) error {
		nc := driverConn.(*stdlib.Conn).Conn().PgConn().Conn()
		if _, encrypted := nc.(*tls.Conn); encrypted || isLoopback(nc.RemoteAddr()) {
			return nil
		}
		server := net.JoinHostPort(db.config.Host, strconv.Itoa(int(db.config.Port)))
		db.Warn(data.Warning{Text: "La connexion à " + server + " n'est pas chiffrée : " +
			"les données de la campagne et votre mot de passe circulent en clair sur le réseau. " +
			"Demandez au service informatique d'activer le chiffrement (TLS) sur le serveur, puis ajoutez ?sslmode=verify-full à l'adresse."})
		return nil
	})
}
