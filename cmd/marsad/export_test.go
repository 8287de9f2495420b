package main

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// analysesJSONL are two analyses as marsad analyze writes them, and the
// error line it writes for a document it cannot analyse.
const analysesJSONL = `{"schema":"marsad.analysis/v1","id":"t:1","title":"انفجار سيارة مفخخة في بغداد","published":"2016-07-03","source":"test","url":null,"lang":"ar","relevance":{"relevant":true,"score":0.99,"topics":["terrorism"]},"entities":[],"places":[{"ref":"place:98182","name":"بغداد","name_en":"Baghdad","kind":"city","country":"IQ","admin1":"Baghdad","lat":33.34058,"lon":44.40088,"mentions":1}],"actors":[{"ref":"actor:islamic-state","name":"تنظيم الدولة الإسلامية","name_en":"Islamic State","kind":"rebel_group","mentions":1}],"times":[],"quantities":[],"events":[{"type":"explosions_remote_violence","sub_type":"remote_explosive_landmine_ied","cameo":"183","date":"2016-07-03","date_precision":"day","location":{"ref":"place:98182","name":"بغداد","name_en":"Baghdad","country":"IQ","lat":33.34058,"lon":44.40088},"actors":[{"ref":"actor:islamic-state","name_en":"Islamic State"}],"targets":[{"ref":null,"name_en":"civilians"}],"fatalities":12,"injuries":30,"evidence":{"start":30,"end":90,"text":"انفجرت سيارة مفخخة في حي الكرادة، ما أسفر عن مقتل 12 شخصاً"},"confidence":0.9}],"summary":[]}
{"id":"t:bad","error":"no text"}
{"schema":"marsad.analysis/v1","id":"t:2","title":"اجتماع وزاري","published":"2016-07-04","source":"test","url":null,"lang":"ar","relevance":{"relevant":false,"score":0.1,"topics":[]},"entities":[],"places":[],"actors":[],"times":[],"quantities":[],"events":[],"summary":[]}
`

func TestExportCommand(t *testing.T) {
	dir := t.TempDir()
	in := writeFile(t, dir, "analyses.jsonl", []byte(analysesJSONL))

	// CSV on stdout, from stdin
	out, errs, code := run(t, analysesJSONL, "export", "--format", "acled-csv", "--bom")
	if code != 0 || !strings.HasPrefix(out, "\ufeffevent_id_cnty,") {
		t.Fatalf("acled-csv: code %d, stderr %q, out %.80q", code, errs, out)
	}
	if !strings.Contains(errs, "stdin:2: skipped t:bad") || !strings.Contains(errs, "1 line(s)") {
		t.Errorf("the error line is not reported: %q", errs)
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(out, "\ufeff"))).ReadAll()
	if err != nil || len(recs) != 2 {
		t.Fatalf("csv: %d records, %v", len(recs), err)
	}
	row := map[string]string{}
	for i, h := range recs[0] {
		row[h] = recs[1][i]
	}
	if row["country"] != "Iraq" || row["sub_event_type"] != "Remote explosive/landmine/IED" || row["interaction"] != "27" ||
		row["actor1"] != "Islamic State" || row["actor2"] != "Civilians (Iraq)" || row["fatalities"] != "12" {
		t.Errorf("csv row: %v", row)
	}

	// each format to a file
	for _, f := range []string{"acled-csv", "geojson", "jsonl", "stix"} {
		dst := filepath.Join(dir, "out-"+f)
		_, errs, code := run(t, "", "export", "--format", f, "-i", in, "-o", dst)
		if code != 0 {
			t.Fatalf("%s: code %d, %q", f, code, errs)
		}
		if !strings.Contains(errs, "2 analyses read, 1 exported, 1 events written to") && f != "jsonl" {
			t.Errorf("%s: summary %q", f, errs)
		}
		data, err := os.ReadFile(dst)
		if err != nil || len(data) == 0 {
			t.Fatalf("%s: %v", f, err)
		}
		if f == "geojson" || f == "stix" {
			var v map[string]any
			if err := json.Unmarshal(data, &v); err != nil {
				t.Errorf("%s: not JSON: %v", f, err)
			}
		}
		if st, _ := os.Stat(dst); st.Mode().Perm() != 0o644 {
			t.Errorf("%s: mode %v", f, st.Mode())
		}
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".*.tmp")); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}

	// filters
	out, _, code = run(t, analysesJSONL, "export", "--format", "jsonl", "--country", "IQ", "--from", "2016-07-01", "--type", "Remote explosive/landmine/IED")
	if code != 0 || strings.Count(out, "\n") != 1 || !strings.Contains(out, `"id":"t:1"`) {
		t.Errorf("filtered jsonl: code %d, %q", code, out)
	}
	out, _, _ = run(t, analysesJSONL, "export", "--format", "jsonl", "--country", "SY")
	if out != "" {
		t.Errorf("nothing in Syria, got %q", out)
	}
}

func TestExportInHelp(t *testing.T) {
	if out, _, code := run(t, "", "help"); code != 0 || !strings.Contains(out, "export ") {
		t.Errorf("help does not list export: %q", out)
	}
}

func TestExportErrors(t *testing.T) {
	dir := t.TempDir()
	bad := writeFile(t, dir, "bad.jsonl", []byte(strings.SplitN(analysesJSONL, "\n", 2)[0]+"\n{\"schema\":\"marsad.analysis/v1\",\"id\":\n"))
	dst := filepath.Join(dir, "out.json")
	if err := os.WriteFile(dst, []byte("earlier export"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, errs, code := run(t, "", "export", "--format", "stix", "-i", bad, "-o", dst)
	if code != 1 || !strings.Contains(errs, "bad.jsonl:2: invalid analysis") {
		t.Errorf("bad line: code %d, %q", code, errs)
	}
	if data, _ := os.ReadFile(dst); string(data) != "earlier export" {
		t.Errorf("a failed export replaced the output file: %.60q", data)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".*.tmp")); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
	for _, c := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"export"}, 2, "--format is required"},
		{[]string{"export", "--format", "kml"}, 2, `unknown format "kml" (formats: acled-csv, geojson, jsonl, stix)`},
		{[]string{"export", "--format", "stix", "--from", "July"}, 2, `--from: "July" is not a date`},
		{[]string{"export", "--format", "stix", "--country", "Iraq"}, 2, "--country"},
		{[]string{"export", "--format", "stix", "--min-confidence", "2"}, 2, "--min-confidence"},
		{[]string{"export", "--format", "stix", "extra.jsonl"}, 2, "unexpected argument"},
		{[]string{"export", "--format", "stix", "-i", filepath.Join(dir, "missing.jsonl")}, 1, "no such file"},
		{[]string{"export", "--format", "stix", "-o", filepath.Join(dir, "no", "such", "dir.json")}, 1, "no such file"},
		{[]string{"export", "-h"}, 0, "Formats:"},
	} {
		_, errs, code := run(t, "", c.args...)
		if code != c.code || !strings.Contains(errs, c.msg) {
			t.Errorf("%v: code %d, %q; want %d, %q", c.args, code, errs, c.code, c.msg)
		}
	}
}

func TestExportFromStore(t *testing.T) {
	db := filepath.Join(t.TempDir(), "m.db")
	if _, stderr, code := run(t, "", "ingest", "--quiet", "--db", db, "../../sample/articles.jsonl"); code != 0 {
		t.Fatalf("ingest: %d %s", code, stderr)
	}
	out1, stderr, code := run(t, "", "export", "--format", "jsonl", "--db", db)
	if code != 0 || strings.Count(out1, "\n") != 49 {
		t.Fatalf("export --db: %d, %d lines, %s", code, strings.Count(out1, "\n"), stderr)
	}
	out2, _, _ := run(t, "", "export", "--format", "jsonl", "--db", db)
	if out1 != out2 {
		t.Error("two exports of one store differ")
	}
	csvOut, stderr, code := run(t, "", "export", "--format", "acled-csv", "--db", db, "--place", "place:99072", "--from", "2016-01-01")
	rows, err := csv.NewReader(strings.NewReader(csvOut)).ReadAll()
	if code != 0 || err != nil || len(rows) < 2 {
		t.Fatalf("export --place: %d %v %d rows %s", code, err, len(rows), stderr)
	}
	loc, date := -1, -1
	for i, c := range rows[0] {
		switch c {
		case "location":
			loc = i
		case "event_date":
			date = i
		}
	}
	for _, r := range rows[1:] {
		if r[loc] != "Mosul" || r[date] < "2016-01-01" {
			t.Errorf("row outside the filter: %s %s", r[loc], r[date])
		}
	}
	if _, _, code := run(t, "", "export", "--format", "jsonl", "--db", db, "-i", "x.jsonl"); code != 2 {
		t.Errorf("--db with -i: status %d", code)
	}
	if _, _, code := run(t, "", "export", "--format", "jsonl", "--place", "Mosul"); code != 2 {
		t.Errorf("--place without --db: status %d", code)
	}
	if _, stderr, code := run(t, "", "export", "--format", "jsonl", "--db", filepath.Join(t.TempDir(), "none.db")); code != 1 || !strings.Contains(stderr, "no marsad store") {
		t.Errorf("missing store: %d %s", code, stderr)
	}
}
