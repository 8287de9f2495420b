package sqlite

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/marsad/marsad/store"
	"github.com/marsad/marsad/store/storetest"
)

func opener(t *testing.T, name string) store.Store {
	dir := filepath.Join(os.TempDir(), "marsad-sqlite-test", strings.NewReplacer("/", "_", " ", "_").Replace(t.Name()))
	return openAt(t, dir, name)
}

// openAt opens dir/name.db; the folder is removed after the test.
func openAt(t *testing.T, dir, name string) store.Store {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	s, err := Open(context.Background(), filepath.Join(dir, name+".db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestBehaviour(t *testing.T) {
	storetest.Run(t, opener)
}

func TestOpenErrors(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	notDB := filepath.Join(dir, "notes.txt")
	os.WriteFile(notDB, []byte(strings.Repeat("this is not a database\n", 100)), 0o644)
	for path, want := range map[string]string{
		notDB:                                 "not an SQLite database",
		dir:                                   "is a folder",
		filepath.Join(dir, "missing", "x.db"): "the folder does not exist",
		"a?b.db":                              "may not contain",
	} {
		_, err := Open(ctx, path, store.Options{})
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want %q", path, err, want)
		}
	}
	// store.Open picks this backend for paths and sqlite: DSNs.
	for _, dsn := range []string{filepath.Join(dir, "a.db"), "sqlite:" + filepath.Join(dir, "b.db")} {
		s, err := store.Open(ctx, dsn, store.Options{})
		if err != nil {
			t.Fatalf("%s: %v", dsn, err)
		}
		if st, _ := s.Stats(ctx); st.Backend != "sqlite" {
			t.Errorf("%s: backend %q", dsn, st.Backend)
		}
		s.Close()
	}
}
