package export

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"

	"github.com/marsad/marsad/analysis"
)

func readAll(t testing.TB, src Source) ([]*analysis.Analysis, error) {
	t.Helper()
	var out []*analysis.Analysis
	for {
		a, err := src.Next(context.Background())
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		out = append(out, a)
	}
}

// TestJSONLRoundTrip: the jsonl export reads back as the same analyses.
func TestJSONLRoundTrip(t *testing.T) {
	data, st := export(t, "jsonl", Options{})
	if st.Exported != 4 || bytes.Count(data, []byte("\n")) != 4 {
		t.Fatalf("stats %+v, %d lines; want all 4 analyses", st, bytes.Count(data, []byte("\n")))
	}
	got, err := readAll(t, NewJSONL(bytes.NewReader(data), "export.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	want := fixtures()
	for i := range want {
		want[i] = withLists(want[i])
		if !reflect.DeepEqual(got[i], want[i]) {
			g, _ := json.Marshal(got[i])
			w, _ := json.Marshal(want[i])
			t.Errorf("analysis %d read back differs:\n got %s\nwant %s", i, g, w)
		}
	}
	if !bytes.Contains(data, []byte(`"evidence":{"start":64,"end":140,"text":"قال \"المرصد السوري\"، إن`)) {
		t.Error("Arabic written escaped, or evidence missing")
	}
	// with a filter, whole analyses that have a matching event
	f, _ := ParseFilter("", "", "", "arrests", 0)
	data, _ = export(t, "jsonl", Options{Filter: f})
	got, _ = readAll(t, NewJSONL(bytes.NewReader(data), "x"))
	if len(got) != 1 || got[0].ID != "test:aden-1" || len(got[0].Events) != 2 {
		t.Errorf("filtered jsonl: %d analyses", len(got))
	}
}

func TestJSONLReader(t *testing.T) {
	good := `{"schema":"marsad.analysis/v1","id":"a","title":"عنوان","events":[]}`
	in := "\ufeff" + good + "\n\n   \n" +
		`{"id":"snn:x:1","error":"no text"}` + "\r\n" +
		strings.Replace(good, `"a"`, `"b"`, 1) // no final newline
	src := NewJSONL(strings.NewReader(in), "in.jsonl")
	var skipped []string
	src.OnSkip = func(line int, id, msg string) { skipped = append(skipped, id+"@"+string(rune('0'+line))+":"+msg) }
	got, err := readAll(t, src)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].ID != "a" || got[1].ID != "b" || got[0].Title != "عنوان" {
		t.Errorf("read %v", got)
	}
	if src.Skipped != 1 || len(skipped) != 1 || skipped[0] != "snn:x:1@4:no text" {
		t.Errorf("skipped %d: %v", src.Skipped, skipped)
	}
	// after the end, the end again
	if _, err := src.Next(context.Background()); err != io.EOF {
		t.Errorf("after the end: %v", err)
	}

	for name, c := range map[string]struct {
		in   string
		line int
		msg  string
	}{
		"bad json":       {good + "\n" + `{"schema":"marsad.analysis/v1","id":` + "\n", 2, "invalid analysis"},
		"not an object":  {"\n\n[1,2]\n", 3, "not a JSON object"},
		"no schema":      {`{"id":"x","title":"t"}`, 1, `no "schema"`},
		"other schema":   {`{"schema":"other/v1","id":"x"}`, 1, "other/v1"},
		"no id":          {`{"schema":"marsad.analysis/v1"}`, 1, `without an "id"`},
		"wrong type":     {`{"schema":"marsad.analysis/v1","id":"x","events":[{"fatalities":"many"}]}`, 1, "invalid analysis"},
		"trailing bytes": {`{"schema":"marsad.analysis/v1","id":"x"} {}`, 1, "invalid analysis"},
	} {
		got, err := readAll(t, NewJSONL(strings.NewReader(c.in), "in.jsonl"))
		var le *LineError
		if !errors.As(err, &le) || le.Line != c.line || le.Name != "in.jsonl" || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("%s: got %d analyses, error %v; want line %d, %q", name, len(got), err, c.line, c.msg)
		}
		if !strings.HasPrefix(err.Error(), "in.jsonl:") {
			t.Errorf("%s: message %q does not name the input and line", name, err)
		}
	}
}

func TestJSONLLongLine(t *testing.T) {
	// a line longer than the reader's buffer (64 KiB) reads whole
	long := strings.Repeat("ب", 100000)
	in := `{"schema":"marsad.analysis/v1","id":"long","text":"` + long + `"}` + "\n" + `{"schema":"marsad.analysis/v1","id":"next"}`
	got, err := readAll(t, NewJSONL(strings.NewReader(in), "x"))
	if err != nil || len(got) != 2 || got[0].Text != long || got[1].ID != "next" {
		t.Fatalf("long line: %d analyses, %v", len(got), err)
	}
}

type failingReader struct{ n int }

func (r *failingReader) Read(p []byte) (int, error) {
	if r.n == 0 {
		return 0, errors.New("disk on fire")
	}
	r.n = 0
	return copy(p, `{"schema":"marsad.analysis/v1","id":"a"}`+"\n"), nil
}

func TestJSONLReadError(t *testing.T) {
	got, err := readAll(t, NewJSONL(&failingReader{1}, "x"))
	if len(got) != 1 || err == nil || !strings.Contains(err.Error(), "disk on fire") {
		t.Errorf("%d analyses, %v", len(got), err)
	}
}

// FuzzJSONL feeds the reader arbitrary input: it must never panic, every
// error must name a line, and what it reads must export.
func FuzzJSONL(f *testing.F) {
	// one analysis a seed: minimising a large input takes the fuzzer
	// most of its time (make fuzz also bounds -fuzzminimizetime)
	for _, a := range fixtures() {
		data, _ := export(f, "jsonl", Options{}, a)
		f.Add(data)
	}
	f.Add([]byte(`{"id":"x","error":"no text"}` + "\n"))
	f.Add([]byte("\ufeff{\"schema\":\"marsad.analysis/v1\",\"id\":\"a\",\"events\":[{\"date\":\"2015-W53\",\"location\":{\"lat\":91,\"lon\":0}}]}"))
	f.Add([]byte("{\"schema\":\"marsad.analysis/v1\",\"id\":\"a\",\"events\":[{\"date\":\"--02-29\"}],\"published\":\"2015-03-01\"}\n\n{"))
	f.Fuzz(func(t *testing.T, in []byte) {
		src := NewJSONL(bytes.NewReader(in), "fuzz")
		as, err := readAll(t, src)
		if err != nil {
			var le *LineError
			if !errors.As(err, &le) || le.Line < 1 {
				t.Fatalf("error without a line: %v", err)
			}
		}
		for _, format := range []string{"acled-csv", "geojson", "stix", "jsonl"} {
			var buf bytes.Buffer
			if _, err := Write(context.Background(), format, Slice(as), &buf, Options{Places: true, Unlocated: true}); err != nil {
				t.Fatalf("%s: %v", format, err)
			}
			if format == "geojson" {
				if errs := checkGeoJSON(buf.Bytes()); len(errs) > 0 {
					t.Fatalf("invalid GeoJSON from %q: %v", in, errs)
				}
			}
			switch format {
			case "geojson", "stix":
				if !json.Valid(buf.Bytes()) {
					t.Fatalf("%s: invalid JSON", format)
				}
			case "jsonl":
				for _, l := range bytes.Split(bytes.TrimSuffix(buf.Bytes(), []byte("\n")), []byte("\n")) {
					if len(l) > 0 && !json.Valid(l) {
						t.Fatalf("jsonl: invalid line %q", l)
					}
				}
			}
		}
	})
}
