package postgres

import (
	"context"
	"crypto/hmac"
	"crypto/pbkdf2"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"errors"
	"regexp"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/call-agglo/cohesion/data"
)

// Least privilege on a shared base: an administrator role owns the schema
// and runs init, the migrations, copies and restores; each desk connects
// with a login role of its own, member of the base's desks' group, which may
// read and write the data as Cohésion does and add to the journal — no DDL,
// no trigger, no UPDATE, DELETE or TRUNCATE of the journal, not the owner. A
// desk can then no longer rewrite the journal and recompute its digests
// unseen: what it changes behind Cohésion's back no entry vouches for, and
// `verify` names it.

var _ data.Desks = (*DB)(nil)

// group is the role every desk of this base belongs to: one per database,
// since roles are the whole server's.
func (db *DB) group() string {
	name := db.config.Database
	if len(name) > 56 {
		name = name[:56]
	}
	return name + "_postes"
}

// grantDesks gives the desks' group what Cohésion's own work needs on every
// table, and takes back what would let a desk rewrite the record. Only the
// owner can; it runs after the migrations, which may have added tables.
func (db *DB) grantDesks(ctx context.Context, c *sql.Conn) error {
	g := pgx.Identifier{db.group()}.Sanitize()
	for _, s := range []string{
		`GRANT CONNECT, TEMPORARY ON DATABASE ` + pgx.Identifier{db.config.Database}.Sanitize() + ` TO ` + g,
		`GRANT USAGE ON SCHEMA public TO ` + g,
		`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ` + g,
		`REVOKE INSERT, UPDATE, DELETE ON cohesion_schema FROM ` + g,
		// The journal: read and add, never change (its triggers, which only
		// the owner may disable, refuse it too).
		`REVOKE UPDATE, DELETE, TRUNCATE ON audit FROM ` + g,
		`GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ` + g,
	} {
		if _, err := c.ExecContext(ctx, s); err != nil {
			return err
		}
	}
	return nil
}

// ensureGroup creates the desks' group if it is missing (the administrator
// needs CREATEROLE), and grants it its rights.
func (db *DB) ensureGroup(ctx context.Context, c *sql.Conn) error {
	var exists bool
	if err := c.QueryRowContext(ctx, `SELECT EXISTS (SELECT FROM pg_roles WHERE rolname = $1)`, db.group()).Scan(&exists); err != nil {
		return err
	}
	if !exists {
		if _, err := c.ExecContext(ctx, `CREATE ROLE `+pgx.Identifier{db.group()}.Sanitize()+` NOLOGIN`); err != nil {
			return err
		}
	} else if granted, err := db.groupGranted(ctx, c); err != nil || granted {
		return err // the usual case: nothing to write in the catalog
	}
	return db.grantDesks(ctx, c)
}

// groupGranted says whether the desks' group already reads every table, and
// may not change the journal: the grants are then as grantDesks makes them.
func (db *DB) groupGranted(ctx context.Context, c *sql.Conn) (bool, error) {
	var missing int
	var journalWritable bool
	err := c.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM pg_tables WHERE schemaname = 'public'
			AND NOT has_table_privilege($1, format('%I.%I', schemaname, tablename), 'SELECT')),
		coalesce(has_table_privilege($1, to_regclass('audit'), 'UPDATE'), false)`, db.group()).Scan(&missing, &journalWritable)
	return err == nil && missing == 0 && !journalWritable, err
}

// privilege says whether this connection may do more than a desk should:
// "superutilisateur", "propriétaire" (of the journal, or of the database
// before init), or "" for a desk's role.
func privilege(ctx context.Context, c *sql.Conn) (string, error) {
	var super, owner bool
	err := c.QueryRowContext(ctx, `SELECT r.rolsuper,
		pg_has_role(current_user, coalesce((SELECT relowner FROM pg_class WHERE oid = to_regclass('audit')),
			(SELECT datdba FROM pg_database WHERE datname = current_database())), 'MEMBER')
		FROM pg_roles r WHERE r.rolname = current_user`).Scan(&super, &owner)
	switch {
	case err != nil:
		return "", err
	case super:
		return "superutilisateur", nil
	case owner:
		return "propriétaire", nil
	}
	return "", nil
}

// ownerWarning is what a desk connected as the owner or a superuser is told.
func (db *DB) ownerWarning(kind string) string {
	return "Ce poste se connecte à la base partagée " + db.Location() + " avec le rôle « " + db.config.User + " », " + kind +
		" de la base : ce rôle peut modifier le journal sans que Cohésion le voie. Réservez-le à l'administrateur et donnez à chaque poste un rôle à lui (cohesion-cli --db postgres://administrateur@… desk add NOM)."
}

// adminSetup runs at each opening: the owner keeps the desks' group's rights
// in step with the schema; anyone more than a desk is warned.
func (db *DB) adminSetup(ctx context.Context) error {
	c, err := db.DB().Conn(ctx)
	if err != nil {
		return err
	}
	defer c.Close()
	kind, err := privilege(ctx, c)
	if err != nil || kind == "" {
		return err
	}
	db.Warn(data.Warning{Text: db.ownerWarning(kind), AsOwner: true})
	if err := db.ensureGroup(ctx, c); err != nil {
		// An owner without CREATEROLE: its administrator creates the group
		// (README, « Plusieurs postes »); the base works meanwhile.
		data.LogDetail("droits du groupe des postes "+db.group(), err)
	}
	return nil
}

var deskName = regexp.MustCompile(`^[A-Za-z0-9_.-]{1,63}$`)

// AddDesk creates a desk's login role, member of the desks' group. The
// password travels as a SCRAM-SHA-256 verifier, never in clear: the server
// may log the statement.
func (db *DB) AddDesk(ctx context.Context, name, password string) error {
	if !deskName.MatchString(name) || strings.HasPrefix(strings.ToLower(name), "pg_") || name == db.group() {
		return data.Errorf(data.EINVALID, "Nom de poste « %s » refusé : lettres sans accent, chiffres, « _ », « . » ou « - », 63 caractères au plus, sans commencer par « pg_ ».", name)
	}
	if len(password) < 8 {
		return data.Errorf(data.EINVALID, "Mot de passe trop court pour le poste %s : 8 caractères au moins.", name)
	}
	return db.asAdmin(ctx, func(c *sql.Conn) error {
		verifier, err := scramVerifier(password)
		if err != nil {
			return err
		}
		_, err = c.ExecContext(ctx, `CREATE ROLE `+pgx.Identifier{name}.Sanitize()+` LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE INHERIT PASSWORD '`+
			verifier+`' IN ROLE `+pgx.Identifier{db.group()}.Sanitize())
		if pgCode(err) == "42710" {
			return data.Errorf(data.ECONFLICT, "Le rôle %s existe déjà sur ce serveur : choisissez un autre nom.", name)
		}
		return err
	})
}

// RemoveDesk drops a desk's role; a role that is not one of this base's
// desks is refused, whatever the administrator may drop otherwise.
func (db *DB) RemoveDesk(ctx context.Context, name string) error {
	desks, err := db.Desks(ctx)
	if err != nil {
		return err
	}
	found := false
	for _, d := range desks {
		found = found || d.Name == name
	}
	if !found {
		return data.Errorf(data.ENOTFOUND, "« %s » n'est pas un poste de cette base (cohesion-cli desk list les nomme).", name)
	}
	return db.asAdmin(ctx, func(c *sql.Conn) error {
		_, err := c.ExecContext(ctx, `DROP ROLE `+pgx.Identifier{name}.Sanitize())
		return err
	})
}

// Desks lists the members of the desks' group.
func (db *DB) Desks(ctx context.Context) ([]data.Desk, error) {
	rows, err := db.DB().QueryContext(ctx, `SELECT r.rolname, r.rolcanlogin FROM pg_auth_members m
		JOIN pg_roles r ON r.oid = m.member JOIN pg_roles g ON g.oid = m.roleid
		WHERE g.rolname = $1 ORDER BY r.rolname`, db.group())
	if err != nil {
		return nil, dialect{db}.Translate(err)
	}
	defer rows.Close()
	var out []data.Desk
	for rows.Next() {
		var d data.Desk
		if err := rows.Scan(&d.Name, &d.CanLogin); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// asAdmin runs fn on a connection of the base's administrator, after making
// sure the desks' group exists with its rights.
func (db *DB) asAdmin(ctx context.Context, fn func(c *sql.Conn) error) error {
	c, err := db.DB().Conn(ctx)
	if err != nil {
		return dialect{db}.Translate(err)
	}
	defer c.Close()
	kind, err := privilege(ctx, c)
	if err != nil {
		return dialect{db}.Translate(err)
	}
	if kind == "" {
		return data.Errorf(data.EINVALID, "Seul l'administrateur de la base partagée (le rôle propriétaire) gère les postes : connectez-vous avec son rôle (--db postgres://administrateur@…).")
	}
	err = db.ensureGroup(ctx, c)
	if err == nil {
		err = fn(c)
	}
	if pgCode(err) == "42501" {
		return data.Failure(data.EINVALID, "Le rôle "+db.config.User+" ne peut pas créer ni retirer de rôles sur ce serveur : l'administrateur de la base a besoin de l'attribut CREATEROLE (demandez-le au service informatique).", err)
	}
	return dialect{db}.Translate(err)
}

// scramVerifier is what PostgreSQL keeps of a password (RFC 5802, 7677), made
// here as psql's \password does.
func scramVerifier(password string) (string, error) {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	return scramVerifierWith(password, salt)
}

func scramVerifierWith(password string, salt []byte) (string, error) {
	const iterations = 4096
	salted, err := pbkdf2.Key(sha256.New, password, salt, iterations, 32)
	if err != nil {
		return "", errors.Join(errors.New("dérivation du mot de passe"), err)
	}
	clientKey := hmacOf(salted, "Client Key")
	stored := sha256.Sum256(clientKey)
	server := hmacOf(salted, "Server Key")
	b64 := base64.StdEncoding.EncodeToString
	return "SCRAM-SHA-256$4096:" + b64(salt) + "$" + b64(stored[:]) + ":" + b64(server), nil
}

func hmacOf(key []byte, msg string) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(msg))
	return m.Sum(nil)
}
