package main

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/marsad/marsad/pipeline"
	"github.com/marsad/marsad/store"
	"github.com/marsad/marsad/store/storetest"
)

// summaryOf finds the summary line of marsad ingest in stderr.
func summaryOf(t *testing.T, errs string) map[string]int {
	t.Helper()
	m := regexp.MustCompile(`read (\d+), new (\d+), duplicate (\d+), near-duplicate (\d+), failed (\d+)`).FindStringSubmatch(errs)
	if m == nil {
		t.Fatalf("no summary line in stderr:\n%s", errs)
	}
	out := map[string]int{}
	for i, k := range []string{"read", "new", "duplicate", "near", "failed"} {
		var v int
		fmt.Sscan(m[i+1], &v)
		out[k] = v
	}
	return out
}

func hitIDs(t *testing.T, out string) []string {
	t.Helper()
	var ids []string
	for _, l := range lines(t, out) {
		if id, ok := l["id"].(string); ok {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	return ids
}

func zipOf(t *testing.T, files map[string]string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		w, err := zw.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(files[n]))
	}
	zw.Close()
	return b.Bytes()
}

// storedZip makes an archive whose entries are stored, not compressed.
func storedZip(t *testing.T, files map[string]string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: n, Method: zip.Store})
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(files[n]))
	}
	zw.Close()
	return b.Bytes()
}

func TestIngestAndSearch(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "m.db")
	in := filepath.Join(dir, "in")
	os.Mkdir(in, 0o755)
	writeFile(t, in, "a.jsonl", []byte(`{"id":"j1","title":"هجوم في الموصل","text":"قتل ثلاثة من عناصر الشرطة في هجوم مسلح استهدف نقطة تفتيش بالموصل مساء الخميس.","date":"2015-07-21","source":"alriyadh"}
{"id":"j2","text":"وصلت تعزيزات عسكرية إلى الموصل صباح اليوم، والموصل تشهد توترا منذ أسابيع.","published":"2015-07-25","source":"okaz"}
{"id":"broken","text":
{"id":"j3","text":"انفجرت سيارة مفخخة في بغداد وأسفر الانفجار عن سقوط قتلى وجرحى.","published":"2015-08-05","source":"alriyadh"}
`))
	writeFile(t, in, "b.csv", []byte("id,content,date_extracted\nc1,\"أعلنت الحكومة خطة لإعادة إعمار المدارس للموصل وتكريت.\",2015-08-02 10:00:00\nc2,\"row with a \"bad\" quote\n"))
	writeFile(t, in, "c.zip", zipOf(t, map[string]string{
		"day.json": `[{"content":"قالت وزارة الداخلية إن قوات الأمن ألقت القبض على خلية في الرياض."}, 7]`,
		"note.txt": "فاز الفريق الأول بالمباراة النهائية.",
	}))
	writeFile(t, in, "d.txt", []byte("نص ثم \xff\xfe\xfd\xfc بايتات خاطئة \x80\x81")) // damaged UTF-8
	// An archive with a damaged entry (its bytes no longer match its
	// checksum) between two good ones.
	z := storedZip(t, map[string]string{"1.txt": "خبر أول سليم عن حلب", "2.txt": "خبر ثان تلف على القرص", "3.txt": "خبر ثالث سليم عن حمص"})
	z = bytes.Replace(z, []byte("تلف"), []byte("XYZ!!!"[:len("تلف")]), 1)
	writeFile(t, in, "f.zip", z)
	cp1256 := []byte{0xC7, 0xE1, 0xE3, 0xE6, 0xD5, 0xE1, ' ', 0xDA, 0xD1, 0xC7, 0xDE, 0xED, 0xC9} // الموصل عراقية
	writeFile(t, in, "e.txt", cp1256)

	_, errs, code := run(t, "", "ingest", "--db", db, in)
	if code != 1 {
		t.Errorf("exit status %d, want 1 (some inputs are bad)\n%s", code, errs)
	}
	s := summaryOf(t, errs)
	if s["read"] != 14 || s["new"] != 9 || s["failed"] != 5 || s["duplicate"] != 0 {
		t.Errorf("summary %v\n%s", s, errs)
	}
	for _, want := range []string{
		"a.jsonl:3: bad JSON line",
		"b.csv:3: bad CSV row",
		"c.zip!day.json[1]: array element is a 7, want an object",
		"d.txt: not valid UTF-8",
		"e.txt: warning: decoded from windows-1256",
		"f.zip!2.txt: bad zip entry: zip: checksum error",
		"(array element is a 7, want an object: 1; bad CSV row: 1; bad JSON line: 1; bad zip entry: 1; not valid UTF-8: 1)",
	} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}

	// Again: nothing new.
	_, errs, _ = run(t, "", "ingest", "--db", db, in)
	if s := summaryOf(t, errs); s["new"] != 0 || s["duplicate"] != 9 || s["failed"] != 5 {
		t.Errorf("second run %v", s)
	}

	out, errs, code := run(t, "", "search", "--db", db, "--json", "الموصل")
	if code != 0 {
		t.Fatalf("search: %d %s", code, errs)
	}
	if got := hitIDs(t, out); strings.Join(got, ",") != "c1,e.txt,j1,j2" {
		t.Errorf("الموصل found %v", got)
	}
	hits := lines(t, out)
	for _, h := range hits {
		for _, k := range []string{"id", "title", "published", "source", "url", "score", "snippet", "highlights"} {
			if _, ok := h[k]; !ok {
				t.Errorf("hit lacks %q: %v", k, h)
			}
		}
		sn := []rune(h["snippet"].(string))
		for _, hl := range h["highlights"].([]any) {
			r := hl.([]any)
			w := string(sn[int(r[0].(float64)):int(r[1].(float64))])
			if !strings.HasSuffix(w, "الموصل") && !strings.HasSuffix(w, "للموصل") {
				t.Errorf("%s: highlight %q", h["id"], w)
			}
		}
	}
	out, _, _ = run(t, "", "search", "--db", db, "--json", "--source", "alriyadh", "--from", "2015-08", "قتلى OR الموصل")
	if got := hitIDs(t, out); strings.Join(got, ",") != "j3" {
		t.Errorf("filtered search found %v", got)
	}
	out, _, _ = run(t, "", "search", "--db", db, "الموصل", "-بغداد", "--limit", "1")
	if !strings.Contains(out, "**بالموصل**") && !strings.Contains(out, "**الموصل**") {
		t.Errorf("text output has no marked match:\n%s", out)
	}
	if !strings.Contains(out, "4 hits, 1 shown") {
		t.Errorf("text output has no count:\n%s", out)
	}
	out, _, _ = run(t, "", "search", "--db", db, "--limit", "0", "--json", "--sort", "date", "--from", "2015")
	if got := lines(t, out); len(got) != 4 || got[0]["id"] != "j3" {
		t.Errorf("filter-only listing: %v", got)
	}
	out, _, _ = run(t, "", "search", "--db", db, "--facets", "الموصل OR بغداد")
	if !strings.Contains(out, "sources: alriyadh 2, okaz 1") || !strings.Contains(out, "months: 2015-07 2, 2015-08 2") {
		t.Errorf("facets:\n%s", out)
	}
	out, _, _ = run(t, "", "stats", "--db", db, "--json")
	var st store.Stats
	if err := json.Unmarshal([]byte(out), &st); err != nil || st.Documents != 9 || st.Backend != "sqlite" {
		t.Errorf("stats %s %v", out, err)
	}
}

func TestStoreCommandErrors(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "m.db")
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"ingest", "--db", db}, 2, "name at least one PATH"},
		{[]string{"ingest", "--db", dir, writeFile(t, dir, "x.txt", []byte("نص"))}, 1, "is a folder, not a database file"},
		{[]string{"ingest", "--db", db, filepath.Join(dir, "missing.json")}, 1, "missing.json: stat"},
		{[]string{"ingest", "--db", db, "--published", "soon", "x"}, 2, "--published"},
		{[]string{"ingest", "--db", "postgres://nobody@127.0.0.1:1/x?connect_timeout=2", filepath.Join(dir, "x.txt")}, 1, "cannot connect to 127.0.0.1:1/x"},
		{[]string{"search", "--db", db}, 2, "give a QUERY"},
		{[]string{"search", "--db", db, "في"}, 2, "nothing to search for"},
		{[]string{"search", "--db", db, "-الموصل"}, 2, "only negated words"},
		{[]string{"search", "--db", db, "--from", "July", "الموصل"}, 2, `date "July" is not YYYY-MM-DD`},
		{[]string{"search", "--db", db, "--sort", "random", "الموصل"}, 2, "--sort"},
		{[]string{"search", "--db", db, "--country", "Atlantis", "الموصل"}, 1, `country "Atlantis"`},
		{[]string{"stats", "--db", db, "extra"}, 2, "takes no arguments"},
		{[]string{"search", "--db", filepath.Join(dir, "typo.db"), "الموصل"}, 1, "no marsad store here yet"},
		{[]string{"stats", "--db", filepath.Join(dir, "typo.db")}, 1, "no marsad store here yet"},
		{[]string{"stats", "--db", writeFile(t, dir, "empty.db", nil)}, 1, "no marsad store here yet"},
	} {
		_, errs, code := run(t, "", c.args...)
		if code != c.code || !strings.Contains(errs, c.want) {
			t.Errorf("%v: status %d, stderr %q; want %d and %q", c.args, code, errs, c.code, c.want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "typo.db")); err == nil {
		t.Errorf("search created the store it did not find")
	}
}

// synthetic writes n articles of random words as JSON Lines.
func synthetic(n int, seed int64) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	for _, d := range storetest.Synthetic(n, seed) {
		enc.Encode(d.Doc)
	}
	return b.Bytes()
}

// TestKillDuringIngest kills marsad ingest (SIGKILL) while it writes, runs
// it again, and checks that every document is stored exactly once.
func TestKillDuringIngest(t *testing.T) {
	if testing.Short() {
		t.Skip("builds marsad and runs it as a process")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "marsad")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	const n = 3000
	input := writeFile(t, dir, "docs.jsonl", synthetic(n, 1))
	dsns := []string{filepath.Join(dir, "kill.db")}
	if pg := os.Getenv("MARSAD_TEST_POSTGRES"); pg != "" {
		dsns = append(dsns, storetest.PostgresSchema(t, pg, "kill"))
	} else if os.Getenv("CI") == "" {
		t.Log("MARSAD_TEST_POSTGRES not set: SQLite only")
	}
	t.Run("interrupt", func(t *testing.T) {
		// Ctrl-C: what was analysed is stored, the summary says so, and
		// the message says how to finish.
		dsn := filepath.Join(dir, "int.db")
		cmd := exec.Command(bin, "ingest", "--db", dsn, "--batch", "25", "--jobs", "2", input)
		var errb bytes.Buffer
		cmd.Stderr = &errb
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		for deadline := time.Now().Add(2 * time.Minute); time.Now().Before(deadline) && count(t, dsn) < 50; {
			time.Sleep(20 * time.Millisecond)
		}
		cmd.Process.Signal(os.Interrupt)
		err := cmd.Wait()
		s := summaryOf(t, errb.String())
		if err == nil || !strings.Contains(errb.String(), "interrupted: what was stored stays; run the same command again") {
			t.Errorf("after Ctrl-C: %v\n%s", err, errb.String())
		}
		if got := count(t, dsn); got != s["new"]+s["near"] || got == n {
			t.Errorf("%d documents stored, the summary says %v", got, s)
		}
	})
	for _, dsn := range dsns {
		name, _ := store.Backend(dsn)
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			cmd := exec.Command(bin, "ingest", "--db", dsn, "--batch", "25", "--jobs", "2", input)
			var errb bytes.Buffer
			cmd.Stderr = &errb
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			// Kill it once some batches are in, well before the end.
			deadline := time.Now().Add(2 * time.Minute)
			stored := 0
			for time.Now().Before(deadline) {
				time.Sleep(20 * time.Millisecond)
				if stored = count(t, dsn); stored >= 100 {
					break
				}
			}
			cmd.Process.Kill()
			cmd.Wait()
			if stored < 100 || stored >= n {
				t.Fatalf("killed after %d documents: cannot test the resumption\n%s", stored, errb.String())
			}
			after := count(t, dsn)
			t.Logf("killed with %d documents stored", after)

			_, errs, code := run(t, "", "ingest", "--db", dsn, input)
			if code != 0 {
				t.Fatalf("re-run: %d\n%s", code, errs)
			}
			s := summaryOf(t, errs)
			if s["read"] != n || s["duplicate"] != after || s["new"]+s["near"] != n-after || s["failed"] != 0 {
				t.Errorf("re-run summary %v (had %d)", s, after)
			}
			st, err := store.Open(ctx, dsn, store.Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			res, err := st.Search(ctx, store.Query{Text: "خبر", Limit: 0, NoSnippets: true, Filter: store.Filter{IncludeDuplicates: true}})
			if err != nil {
				t.Fatal(err)
			}
			seen := map[string]int{}
			for _, h := range res.Hits {
				seen[h.ID]++
			}
			if res.Total != n || len(seen) != n {
				t.Errorf("after the re-run: %d hits, %d distinct documents; want %d", res.Total, len(seen), n)
			}
			for id, k := range seen {
				if k != 1 {
					t.Errorf("%s found %d times", id, k)
				}
			}
			if stats, _ := st.Stats(ctx); stats.Documents != n {
				t.Errorf("%d documents stored, want %d", stats.Documents, n)
			}
		})
	}
}

func count(t *testing.T, dsn string) int {
	st, err := store.Open(context.Background(), dsn, store.Options{})
	if err != nil {
		return 0 // not created yet
	}
	defer st.Close()
	s, err := st.Stats(context.Background())
	if err != nil {
		return 0
	}
	return s.Documents
}

func TestProgressBar(t *testing.T) {
	var b bytes.Buffer
	p := newProgress(&b, true, 4, func() string { return "12 read" })
	p.Update(1)
	p.Printf("marsad ingest: %s\n", "a message")
	p.Done()
	want := "\r\033[K[######..................] 1/4 files  12 read\r\033[Kmarsad ingest: a message\n"
	if b.String() != want {
		t.Errorf("progress output %q, want %q", b.String(), want)
	}
	b.Reset()
	p = newProgress(&b, false, 4, func() string { return "x" })
	p.Update(2)
	p.Done()
	if b.Len() != 0 {
		t.Errorf("no terminal, yet %q", b.String())
	}
}

func TestReindex(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "r.db")
	ctx := context.Background()
	st, err := store.Open(ctx, db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	// Documents indexed by an older analyser: here, not at all.
	recs := storetest.Prepare(t, storetest.Corpus())
	for _, r := range recs {
		r.Tokens = nil
	}
	if _, err := st.Put(ctx, recs, store.PutOptions{}); err != nil {
		t.Fatal(err)
	}
	st.Close()
	if out, _, _ := run(t, "", "search", "--db", db, "--json", "الموصل"); out != "" {
		t.Fatalf("found %q before reindexing", out)
	}
	_, errs, code := run(t, "", "reindex", "--db", db, "--batch", "3")
	if code != 0 || !strings.Contains(errs, "reindexed 7 documents, failed 0") {
		t.Fatalf("reindex: %d %s", code, errs)
	}
	out, _, _ := run(t, "", "search", "--db", db, "--json", "الموصل")
	if got := hitIDs(t, out); strings.Join(got, ",") != "t1,t2,t3" {
		t.Errorf("after reindexing: %v", got)
	}
	// Re-analysing replaces the hand-made analyses with the pipeline's.
	_, errs, code = run(t, "", "reindex", "--db", db, "--reanalyze")
	if code != 0 || !strings.Contains(errs, "re-analysed and reindexed 7 documents") {
		t.Fatalf("reindex --reanalyze: %d %s", code, errs)
	}
	p, _ := pipeline.New()
	st, err = store.Open(ctx, db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, d := range storetest.Corpus() {
		want, err := p.Analyze(ctx, &d.Doc)
		if err != nil {
			t.Fatal(err)
		}
		got, err := st.Get(ctx, d.Doc.ID)
		if err != nil || !reflect.DeepEqual(got.Analysis, want) {
			t.Errorf("%s after --reanalyze: %+v, want the pipeline's %+v (%v)", d.Doc.ID, got.Analysis, want, err)
		}
	}
	if _, errs, code := run(t, "", "reindex", "--db", filepath.Join(dir, "none.db")); code != 1 || !strings.Contains(errs, "no marsad store") {
		t.Errorf("reindex of nothing: %d %s", code, errs)
	}
}
