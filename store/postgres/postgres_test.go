package postgres

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/marsad/marsad/store"
	"github.com/marsad/marsad/store/storetest"
)

// testDSN returns the PostgreSQL the tests use ($MARSAD_TEST_POSTGRES,
// which .ci/run sets), or skips the test when there is none — except in
// CI ($CI set), where a missing server is a failure.
func testDSN(t testing.TB) string {
	dsn := os.Getenv("MARSAD_TEST_POSTGRES")
	if dsn == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("MARSAD_TEST_POSTGRES is not set: .ci/run starts PostgreSQL and sets it")
		}
		t.Skip("MARSAD_TEST_POSTGRES is not set (e.g. postgres://postgres@127.0.0.1:55432/marsad_test from .ci/postgres.sh): PostgreSQL half skipped")
	}
	return dsn
}

// schemaDSN returns a DSN whose search_path is a schema of its own, made
// for the test and dropped after it.
func schemaDSN(t testing.TB, name string) string {
	t.Helper()
	base := testDSN(t)
	h := sha256.Sum256([]byte(t.Name() + "/" + name))
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
		admin, err := sql.Open("pgx", base)
		if err == nil {
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

func opener(t *testing.T, name string) store.Store {
	t.Helper()
	dsn := schemaDSN(t, name)
	s, err := Open(context.Background(), dsn, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestBehaviour(t *testing.T) {
	testDSN(t)
	storetest.Run(t, opener)
}

func TestOpenErrors(t *testing.T) {
	ctx := context.Background()
	_, err := Open(ctx, "postgres://nobody@127.0.0.1:1/none?connect_timeout=2", store.Options{})
	if err == nil || !strings.Contains(err.Error(), "cannot connect to 127.0.0.1:1/none") {
		t.Errorf("unreachable server: %v", err)
	}
	if _, err := Open(ctx, "postgres://a:b@c:notaport/x", store.Options{}); err == nil || !strings.Contains(err.Error(), "bad DSN") {
		t.Errorf("bad DSN: %v", err)
	}
}
