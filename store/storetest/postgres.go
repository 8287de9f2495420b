package storetest

import (
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"strconv"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" database/sql driver
)

// PostgresDSN returns the PostgreSQL server the tests use
// ($MARSAD_TEST_POSTGRES, which .ci/run sets), or skips the test when
// there is none — except in CI ($CI set), where a missing server fails.
func PostgresDSN(t testing.TB) string {
	dsn := os.Getenv("MARSAD_TEST_POSTGRES")
	if dsn == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("MARSAD_TEST_POSTGRES is not set: .ci/run starts PostgreSQL and sets it")
		}
		t.Skip("MARSAD_TEST_POSTGRES is not set (.ci/postgres.sh starts a server and prints one): PostgreSQL half skipped")
	}
	return dsn
}

// salt makes this process's schema names its own.
var salt = strconv.FormatInt(time.Now().UnixNano(), 36) + strconv.Itoa(os.Getpid())

// PostgresSchema returns a DSN on base whose search_path is a schema of
// its own, made for the test and name, and dropped after the test.
func PostgresSchema(t testing.TB, base, name string) string {
	t.Helper()
	h := sha256.Sum256([]byte(salt + t.Name() + "/" + name))
	schema := "marsad_t_" + hex.EncodeToString(h[:6])
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	if _, err := admin.Exec(`CREATE SCHEMA IF NOT EXISTS ` + schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if admin, err := sql.Open("pgx", base); err == nil {
			admin.Exec(`DROP SCHEMA IF EXISTS ` + schema + ` CASCADE`)
			admin.Close()
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}
