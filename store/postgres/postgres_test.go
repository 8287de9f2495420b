package postgres

import (
	"context"
	"strings"
	"testing"

	"github.com/marsad/marsad/store"
	"github.com/marsad/marsad/store/storetest"
)

func opener(t *testing.T, name string) store.Store {
	t.Helper()
	s, err := Open(context.Background(), storetest.PostgresSchema(t, storetest.PostgresDSN(t), name), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestBehaviour(t *testing.T) {
	storetest.PostgresDSN(t)
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
