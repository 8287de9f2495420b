package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a buffer a running server and a test share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

var urlRE = regexp.MustCompile(`http://127\.0\.0\.1:\d+`)

// startCmd runs a serving command until the test ends and returns its
// URL once it answers.
func startCmd(t *testing.T, args ...string) (string, *syncBuffer, func() int) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	out, errb := &syncBuffer{}, &syncBuffer{}
	done := make(chan int, 1)
	go func() { done <- runMain(ctx, &env{stdin: strings.NewReader(""), stdout: out, stderr: errb}, args) }()
	stop := func() int {
		cancel()
		select {
		case code := <-done:
			return code
		case <-time.After(20 * time.Second):
			t.Fatal("the server did not stop")
			return -1
		}
	}
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		if u := urlRE.FindString(errb.String()); u != "" {
			if res, err := http.Get(u + "/api/v1/health"); err == nil {
				res.Body.Close()
				return u, errb, stop
			}
		}
		select {
		case code := <-done:
			t.Fatalf("%v exited with %d: %s", args, code, errb.String())
		case <-time.After(50 * time.Millisecond):
		}
	}
	stop()
	t.Fatalf("%v did not answer: %s", args, errb.String())
	return "", nil, nil
}

func TestServe(t *testing.T) {
	db := filepath.Join(t.TempDir(), "m.db")
	if _, stderr, code := run(t, "", "serve", "--db", db, "--addr", "127.0.0.1:0"); code != 1 || !strings.Contains(stderr, "--create") {
		t.Errorf("serve on a missing store: %d %s", code, stderr)
	}
	if _, _, code := run(t, "", "serve", "--bogus"); code != 2 {
		t.Errorf("bad flag: %d", code)
	}
	if _, _, code := run(t, "", "serve", "--db", db, "--create", "--rate", "-1"); code != 2 {
		t.Errorf("--rate -1: %d", code)
	}
	u, errb, stop := startCmd(t, "serve", "--db", db, "--create", "--addr", "127.0.0.1:0", "--token", "t0k")
	res, err := http.Get(u + "/api/v1/search?limit=0")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !strings.Contains(string(body), `"total":0`) {
		t.Errorf("empty store search: %d %s", res.StatusCode, body)
	}
	req, _ := http.NewRequest("POST", u+"/api/v1/ingest", strings.NewReader(`{"id":"a","text":"انفجار في بغداد"}`))
	req.Header.Set("Authorization", "Bearer t0k")
	if res, err := http.DefaultClient.Do(req); err != nil || res.StatusCode != 200 {
		t.Errorf("ingest with --token: %v %v", res, err)
	} else {
		res.Body.Close()
	}
	if code := stop(); code != 0 {
		t.Errorf("graceful stop: %d", code)
	}
	log := errb.String()
	for _, want := range []string{"serving " + u, "path=/api/v1/search", "status=200", "stopping"} {
		if !strings.Contains(log, want) {
			t.Errorf("log lacks %q:\n%s", want, log)
		}
	}
}

func TestDemo(t *testing.T) {
	u, errb, stop := startCmd(t, "demo", "--no-open", "--addr", "127.0.0.1:0", "--quiet")
	res, err := http.Get(u + "/api/v1/health")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if !strings.Contains(string(body), `"documents":50`) {
		t.Errorf("demo health: %s", body)
	}
	if code := stop(); code != 0 {
		t.Errorf("demo stop: %d", code)
	}
	m := regexp.MustCompile(`analysing the sample articles into (\S+)`).FindStringSubmatch(errb.String())
	if m == nil {
		t.Fatalf("no store path: %s", errb.String())
	}
	if _, err := filepath.Glob(m[1]); err != nil {
		t.Fatal(err)
	}
	if matches, _ := filepath.Glob(filepath.Dir(m[1])); len(matches) != 0 {
		t.Errorf("the demo store was kept: %s", m[1])
	}
}
