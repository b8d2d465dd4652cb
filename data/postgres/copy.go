package postgres

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// CopyRows writes a long import's rows with COPY (sqlstore.Copier): the
// server reads them as a stream, where a multi-row INSERT of the same rows
// is parsed, planned and bound statement by statement, and its parameters
// travel as text. It runs on the transaction's own connection, inside the
// transaction sqlstore opened there: all or nothing, and the triggers and
// constraints apply as they do to an INSERT.
func (dialect) CopyRows(ctx context.Context, conn *sql.Conn, table string, cols []string, width int, args []any) error {
	return conn.Raw(func(dc any) error {
		sc, ok := dc.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("connexion inattendue pour COPY : %T", dc)
		}
		rows := len(args) / width
		_, err := sc.Conn().CopyFrom(ctx, pgx.Identifier{table}, cols, pgx.CopyFromSlice(rows, func(i int) ([]any, error) {
			return args[i*width : (i+1)*width], nil
		}))
		return err
	})
}
