// Package postgres is the store on a PostgreSQL server, for several desks on
// one campaign: it connects with pgx (the password from libpq's pgpass file, or
// given), brings the schema up to date and gives the shared SQL store
// (package sqlstore) its dialect. Writes queue behind one advisory lock, as
// on SQLite, so the journal's chain stays one line (a long import takes it
// only to check and commit, see sqlstore's late.go); snapshots read in
// REPEATABLE READ; every write tells the other desks (NOTIFY), and Watch
// listens.
package postgres

import (
	"context"
	"crypto/rand"
	"database/sql"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"os/user"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/sqlstore"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// schema is PostgreSQL's migrations, versioned in the cohesion_schema table.
// A new base starts at 010, SQLite's version when the server was added.
var schema = sqlstore.Schema{
	Files: func() fs.FS { f, _ := fs.Sub(migrationFS, "migrations"); return f }(),
	Version: func(ctx context.Context, tx *sql.Tx) (int, error) {
		var exists bool
		if err := tx.QueryRowContext(ctx, `SELECT to_regclass('cohesion_schema') IS NOT NULL`).Scan(&exists); err != nil || !exists {
			return 0, err
		}
		var v int
		err := tx.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM cohesion_schema`).Scan(&v)
		return v, err
	},
	SetVersion: func(ctx context.Context, tx *sql.Tx, v int) error {
		_, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS cohesion_schema (version BIGINT NOT NULL);
			DELETE FROM cohesion_schema; INSERT INTO cohesion_schema (version) VALUES (`+strconv.Itoa(v)+`)`)
		return err
	},
}

// Lock keys: writers queue on the first (held per transaction); every open
// desk holds the second shared, and a restore needs it alone.
const (
	writersKey = 0x636f6865 // "cohe"
	desksKey   = 0x73696f6e // "sion"
	// idsKey is held for an instant by cohesion_reserve_ids (migration 023),
	// whose SQL spells it out: named here so that no other lock takes it.
	idsKey  = 0x636f6769 // "cogi"
	channel = "cohesion"
)

// DB is an open Cohésion base on a PostgreSQL server.
type DB struct {
	*sqlstore.Store
	address string
	config  *pgx.ConnConfig
	token   string // names this process's notifications
	desk    *sql.Conn
}

// Options change how a base is opened.
type Options struct {
	Password string // when no pgpass file gives it
	// Exclusive holds the desks' lock alone (a restore): refused while any
	// other desk has the base open.
	Exclusive bool
}

// Open connects to the base at a postgres:// address and brings its schema up
// to date.
func Open(ctx context.Context, address string, o Options) (*DB, error) {
	config, err := pgx.ParseConfig(address)
	if err != nil {
		return nil, data.Errorf(data.EINVALID, "Adresse de base partagée illisible : %s (attendu : postgres://utilisateur@serveur:5432/base).", Redact(address))
	}
	if o.Password != "" {
		config.Password = o.Password
	}
	config.RuntimeParams["application_name"] = "Cohésion"
	// Unnamed statements, planned with their values (see BeginWrite), in one
	// round trip once pgx knows their parameters' and columns' types.
	config.DefaultQueryExecMode = pgx.QueryExecModeCacheDescribe
	db := &DB{address: address, config: config, token: newToken()}
	pool := stdlib.OpenDB(*config)
	pool.SetMaxOpenConns(8)
	pool.SetConnMaxIdleTime(5 * time.Minute)
	d := dialect{db}
	db.Store = sqlstore.New(pool, pool, d, Redact(address), deskUser(config.User))
	if err := db.connect(ctx, o.Exclusive); err != nil {
		db.Store.Close()
		return nil, err
	}
	if err := db.Migrate(ctx, schema); err != nil {
		db.Store.Close()
		if pgCode(err) == "42501" {
			return nil, data.Failure(data.EINVALID, "La base partagée "+db.Location()+" doit être mise à jour par son administrateur (cohesion-cli --db postgres://administrateur@… init) : un poste n'a pas le droit de changer sa structure.", err)
		}
		return nil, d.Translate(err)
	}
	if err := db.adminSetup(ctx); err != nil {
		db.Store.Close()
		return nil, d.Translate(err)
	}
	return db, nil
}

// connect checks the server answers and takes the desks' lock.
func (db *DB) connect(ctx context.Context, exclusive bool) error {
	c, err := db.DB().Conn(ctx)
	if err != nil {
		return dialect{db}.Translate(err)
	}
	ok := true
	if exclusive {
		err = c.QueryRowContext(ctx, `SELECT pg_try_advisory_lock($1)`, desksKey).Scan(&ok)
	} else {
		_, err = c.ExecContext(ctx, `SELECT pg_advisory_lock_shared($1)`, desksKey)
	}
	if err != nil {
		c.Close()
		return dialect{db}.Translate(err)
	}
	if !ok {
		c.Close()
		return data.Errorf(data.ECONFLICT, "La base partagée %s est ouverte sur d'autres postes : demandez à chacun de fermer Cohésion, puis recommencez la restauration.", db.Location())
	}
	db.desk = c
	if err := db.checkEncryption(c); err != nil {
		c.Close()
		return dialect{db}.Translate(err)
	}
	db.OnClose(func() error {
		// Let go of the lock before the connection: the server releases a
		// closed session's locks only once its process has ended, and a
		// restore started right after this close must not find it held.
		// A short wait: a server gone from the network must not hold up the
		// closing window (its session, and the lock, end with the connection).
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		c.ExecContext(ctx, `SELECT pg_advisory_unlock_all()`)
		return c.Close()
	})
	return nil
}

// Address is the address the base was opened with (password included, if any).
func (db *DB) Address() string { return db.address }

// Redact is an address without its password, for people and logs.
func Redact(address string) string {
	config, err := pgconn.ParseConfig(address)
	if err != nil {
		return "postgres://…"
	}
	user := config.User
	if user != "" {
		user += "@"
	}
	return fmt.Sprintf("postgres://%s%s/%s", user, net.JoinHostPort(config.Host, strconv.Itoa(int(config.Port))), config.Database)
}

// Place names a server base whichever role reaches it: its host, port and
// database.
func Place(address string) string {
	config, err := pgconn.ParseConfig(address)
	if err != nil {
		return "postgres://…"
	}
	return fmt.Sprintf("postgres://%s/%s", net.JoinHostPort(config.Host, strconv.Itoa(int(config.Port))), config.Database)
}

// deskUser is who the journal records: the server's role and the desk's
// operating-system user.
func deskUser(role string) string {
	osUser := os.Getenv("USERNAME")
	if u, err := user.Current(); err == nil && u.Username != "" {
		osUser = u.Username
	}
	if osUser == "" || osUser == role {
		return role
	}
	return role + " (" + osUser + ")"
}

func newToken() string {
	b := make([]byte, 8)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// Watch listens to the other desks' writes on a connection of its own. It
// returns once LISTEN is active (or its first try failed), so a write made as
// soon as it returns is reported. After the server went away and came back,
// it reports the campaigns the journal shows were written meanwhile.
func (db *DB) Watch(ctx context.Context) <-chan int64 {
	out := make(chan int64, 16)
	last := int64(-1) // the journal's head when LISTEN last began; -1: never
	conn, err := db.listen(ctx, &last, out)
	go func() {
		defer close(out)
		for {
			if err == nil {
				err = db.relay(ctx, conn, out)
			}
			if ctx.Err() != nil {
				return
			}
			data.LogDetail("écoute des autres postes", err)
			select { // the server went away: try again shortly
			case <-ctx.Done():
				return
			case <-time.After(2 * time.Second):
			}
			conn, err = db.listen(ctx, &last, out)
		}
	}()
	return out
}

// listen opens the connection notices come on and starts LISTEN, then reads
// the journal on it: the first time, its head; after a reconnection, the
// entries written since the head seen then, whose campaigns it reports (this
// desk's own among them: one reload too many, never one missing).
func (db *DB) listen(ctx context.Context, last *int64, out chan<- int64) (*pgx.Conn, error) {
	config := db.config.Copy()
	config.RuntimeParams["application_name"] = WatchApplication
	conn, err := pgx.ConnectConfig(ctx, config)
	if err != nil {
		return nil, err
	}
	if _, err = conn.Exec(ctx, "LISTEN "+channel); err == nil {
		err = catchUp(ctx, conn, last, func(campaign int64) { db.Notify(out, campaign) })
	}
	if err != nil {
		conn.Close(context.Background())
		return nil, err
	}
	return conn, nil
}

// WatchApplication names Watch's connection on the server (pg_stat_activity),
// for an administrator, and for the test that cuts it.
const WatchApplication = "cohesion-ecoute"

func catchUp(ctx context.Context, conn *pgx.Conn, last *int64, report func(campaign int64)) error {
	if *last < 0 {
		return conn.QueryRow(ctx, `SELECT coalesce(max(id), 0) FROM audit`).Scan(last)
	}
	rows, err := conn.Query(ctx, `SELECT id, campaign_id FROM audit WHERE id > $1 ORDER BY id`, *last)
	if err != nil {
		return err
	}
	defer rows.Close()
	sent := map[int64]bool{}
	for rows.Next() {
		var id, campaign int64
		if err := rows.Scan(&id, &campaign); err != nil {
			return err
		}
		*last = id
		if !sent[campaign] {
			sent[campaign] = true
			report(campaign)
		}
	}
	return rows.Err()
}

// relay passes on the other desks' notices until the connection fails or ctx
// ends, then closes it.
func (db *DB) relay(ctx context.Context, conn *pgx.Conn, out chan<- int64) error {
	defer conn.Close(context.Background())
	for {
		n, err := conn.WaitForNotification(ctx)
		if err != nil {
			return err
		}
		from, campaign, _ := strings.Cut(n.Payload, ":")
		if from == db.token {
			continue
		}
		id, _ := strconv.ParseInt(campaign, 10, 64)
		db.Notify(out, id)
	}
}

// dialect is PostgreSQL's way of saying things.
type dialect struct{ db *DB }

func (dialect) Name() string   { return "postgres" }
func (dialect) Numbered() bool { return true }

// ReadOptions read a snapshot: one consistent state for the whole transaction.
func (dialect) ReadOptions() *sql.TxOptions {
	return &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true}
}

// BeginWrite queues the writers, as SQLite's immediate transactions do: the
// journal's chain is one line, each entry following the last committed one.
//
// It also has the transaction's queries planned for tables that grow. An
// import writes tens of thousands of rows the statistics have never seen, and
// reads them back by ID (priorStates, the journal's digests): a plan kept from
// its first statements, when the tables were small, hashed the whole
// structures table for each batch of 500 dossiers, which made a 100 000-line
// import quadratic (10 s of its 13 s on the server). So each statement is
// planned with its values (PlanEachTime), and a row read again is costed as
// what it is, in memory, having just been written or read: the lookups stay
// lookups by index. (plan_cache_mode would replan the foreign keys' checks
// too, at every row: three times slower.)
//
// Once the lock is held, a wait for a row gives up after half a second
// (lock_timeout): the only rows a writer may wait for are those of a long
// import written before it took the lock (sqlstore's late.go), which waits
// for this very lock to commit them. The writer gives way and runs again
// (Retryable): it never holds up another desk, nor deadlocks with it.
func (dialect) BeginWrite(ctx context.Context, tx *sql.Tx) error {
	if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1)`, writersKey); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `SELECT set_config('random_page_cost', '1.1', true), set_config('lock_timeout', '500ms', true)`)
	return err
}

// BeginUnlocked opens a long import's transaction without the writers' lock
// (sqlstore.LateLocker), planned as BeginWrite plans; BeginWrite takes the
// lock once its rows are written.
func (dialect) BeginUnlocked(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, `SELECT set_config('random_page_cost', '1.1', true)`)
	return err
}

// ReserveIDs takes n values of table's ID sequence, in one call
// (cohesion_reserve_ids, migration 023): a sequence never hands a value out
// twice, whatever the transactions, so an import's rows, written before it
// takes the writers' lock, never share an ID with another desk's
// (sqlstore.LateLocker).
func (dialect) ReserveIDs(ctx context.Context, tx *sql.Tx, table string, n int) ([]int64, error) {
	var first int64
	if err := tx.QueryRowContext(ctx, `SELECT cohesion_reserve_ids(pg_get_serial_sequence($1, 'id')::regclass, $2)`, table, n).Scan(&first); err != nil {
		return nil, err
	}
	ids := make([]int64, n)
	for i := range ids {
		ids[i] = first + int64(i)
	}
	return ids, nil
}

// PlanEachTime: a write transaction prepares nothing (sqlstore.Replanner);
// pgx caches each statement's description and sends it unnamed, which the
// server plans with its values.
func (dialect) PlanEachTime() bool { return true }

// AfterWrite tells the other desks, when the transaction commits.
func (d dialect) AfterWrite(ctx context.Context, tx *sql.Tx, campaigns []int64) error {
	for _, c := range campaigns {
		if _, err := tx.ExecContext(ctx, `SELECT pg_notify($1, $2)`, channel, d.db.token+":"+strconv.FormatInt(c, 10)); err != nil {
			return err
		}
	}
	return nil
}

// SyncIDs moves each table's ID sequence past the IDs written.
func (dialect) SyncIDs(ctx context.Context, tx *sql.Tx, tables []string) error {
	for _, t := range tables {
		var seq sql.NullString
		err := tx.QueryRowContext(ctx, `SELECT pg_get_serial_sequence(table_name, 'id') FROM information_schema.columns
			WHERE table_schema = current_schema() AND table_name = $1 AND column_name = 'id'`, t).Scan(&seq)
		if errors.Is(err, sql.ErrNoRows) || (err == nil && !seq.Valid) {
			continue // no generated id: nothing to move
		} else if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `SELECT setval($1, coalesce((SELECT max(id) FROM `+t+`), 0) + 1, false)`, seq.String); err != nil {
			return err
		}
	}
	return nil
}

// Wipe empties every table, the journal included, for a restore (which
// holds the desks' lock alone, and rewrites the journal as the backup has it).
func (dialect) Wipe(ctx context.Context, tx *sql.Tx, tables []string) error {
	_, err := tx.ExecContext(ctx, `ALTER TABLE audit DISABLE TRIGGER USER; TRUNCATE `+strings.Join(tables, ", ")+`, instances RESTART IDENTITY CASCADE;
		ALTER TABLE audit ENABLE TRIGGER USER`)
	return err
}

func (dialect) IsUnique(err error) bool { return pgCode(err) == "23505" }
func (dialect) IsBusy(err error) bool   { return pgCode(err) == "55P03" }
func (dialect) Retryable(err error) bool {
	c := pgCode(err)
	return c == "40001" || c == "40P01" || c == "55P03" // 55P03: lock_timeout, see BeginWrite
}
