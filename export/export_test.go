package export

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/marsad/marsad/analysis"
)

func TestFormats(t *testing.T) {
	for _, f := range Formats() {
		if ContentType(f.Name) == "" || !strings.HasPrefix(Extension(f.Name), ".") {
			t.Errorf("%s: content type %q, extension %q", f.Name, ContentType(f.Name), Extension(f.Name))
		}
		// every format writes something valid for an empty source
		var buf bytes.Buffer
		if _, err := Write(context.Background(), f.Name, Slice(nil), &buf, Options{}); err != nil {
			t.Errorf("%s, empty source: %v", f.Name, err)
		}
	}
	if ContentType("stix") != "application/stix+json;version=2.1" || Extension("geojson") != ".geojson" {
		t.Error("content types")
	}
	_, err := Write(context.Background(), "xml", Slice(nil), io.Discard, Options{})
	if !errors.Is(err, ErrUnknownFormat) || !strings.Contains(err.Error(), "acled-csv, geojson, jsonl, stix") {
		t.Errorf("unknown format: %v", err)
	}
}

func TestParseFilter(t *testing.T) {
	f, err := ParseFilter("2015-08-01", "2015-08-31", "sy, ye", "Battles,suicide_bomb,Air/drone strike", 0.5)
	if err != nil {
		t.Fatal(err)
	}
	if !f.Active() || f.From.Format("2006-01-02") != "2015-08-01" || strings.Join(f.Countries, ",") != "SY,YE" ||
		strings.Join(f.Types, ",") != "battles,suicide_bomb,air_drone_strike" || f.MinConfidence != 0.5 {
		t.Errorf("%+v", f)
	}
	if f, _ := ParseFilter("", "", "", "", 0); f.Active() {
		t.Error("an empty filter is active")
	}
	for _, bad := range [][5]string{
		{"2015-13-01", "", "", "", "0"}, {"", "yesterday", "", "", "0"}, {"2015-08-02", "2015-08-01", "", "", "0"},
		{"", "", "SYR", "", "0"}, {"", "", "ZZ", "", "0"}, {"", "", "", "picnic", "0"}, {"", "", "", "", "1.5"},
	} {
		c, _ := strconv.ParseFloat(bad[4], 64)
		if _, err := ParseFilter(bad[0], bad[1], bad[2], bad[3], c); err == nil {
			t.Errorf("accepted %q", bad)
		}
	}
}

func TestFilterMatch(t *testing.T) {
	fx := fixtures()
	count := func(from, to, country, typ string, conf float64) []string {
		f, err := ParseFilter(from, to, country, typ, conf)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, a := range fx {
			for _, i := range f.events(a, nil) {
				got = append(got, a.ID+"#"+strconv.Itoa(i))
			}
		}
		return got
	}
	for _, c := range []struct {
		from, to, country, typ string
		conf                   float64
		want                   string
	}{
		{"", "", "", "", 0, "test:aleppo-1#0 test:aleppo-1#1 test:aden-1#0 test:aden-1#1 test:mosul-1#0 test:mosul-1#1"},
		{"", "", "SY", "", 0, "test:aleppo-1#0 test:aleppo-1#1"},
		{"", "", "", "battles", 0, "test:aleppo-1#1"},
		{"", "", "", "Air/drone strike,riots", 0, "test:aden-1#0 test:mosul-1#0"},
		{"", "", "", "", 0.6, "test:aleppo-1#0 test:aden-1#0"},
		// a week (2–8 May 2016) overlaps 8 May; the day 3 May does not
		{"2016-05-08", "", "", "", 0, "test:aleppo-1#1"},
		// August 2015 overlaps 31 July–1 August; the undated arrest falls
		// on its document's day (7 August); the range 28 July–2 August too;
		// the undated event without a published date never matches
		{"2015-07-31", "2015-08-01", "", "", 0, "test:aden-1#0 test:mosul-1#0"},
		{"2015-08-07", "2015-08-07", "", "", 0, "test:aden-1#0 test:aden-1#1"},
	} {
		if got := strings.Join(count(c.from, c.to, c.country, c.typ, c.conf), " "); got != c.want {
			t.Errorf("filter %q %q %q %q %v:\n got %s\nwant %s", c.from, c.to, c.country, c.typ, c.conf, got, c.want)
		}
	}
}

func TestParseValue(t *testing.T) {
	ref := time.Date(2016, 1, 10, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct{ in, from, to string }{
		{"2016-05-03", "2016-05-03", "2016-05-03"},
		{"2016-05-03T22:10:00+03:00", "2016-05-03", "2016-05-03"},
		{"2016-05", "2016-05-01", "2016-05-31"},
		{"2016-02", "2016-02-01", "2016-02-29"},
		{"2016", "2016-01-01", "2016-12-31"},
		{"2016-W18", "2016-05-02", "2016-05-08"},
		{"2015-W01", "2014-12-29", "2015-01-04"},
		{"2015-W53", "2015-12-28", "2016-01-03"},
		{"--01-05", "2016-01-05", "2016-01-05"},
		{"--12-30", "2015-12-30", "2015-12-30"}, // after publication: last year
		{"2015-07-28/2015-08-02", "2015-07-28", "2015-08-02"},
		{"2015-07/2015-08", "2015-07-01", "2015-08-31"},
		{"2016-W53", "", ""}, {"2016-13", "", ""}, {"--02-30", "", ""}, {"2015-08-02/2015-07-28", "", ""},
		{"yesterday", "", ""}, {"", "", ""}, {"2016-W00", "", ""},
	} {
		p := parseValue(c.in, ref)
		got := [2]string{}
		if p.ok {
			got = [2]string{p.from.Format("2006-01-02"), p.to.Format("2006-01-02")}
		}
		if got != [2]string{c.from, c.to} {
			t.Errorf("parseValue(%q) = %v, want %s…%s", c.in, got, c.from, c.to)
		}
	}
	if p := parseValue("--01-05", time.Time{}); p.ok {
		t.Error("a day without a year dated without a published date")
	}
	for in, want := range map[string]int{"2016-05-03": 1, "2016-W18": 2, "2015-07-28/2015-08-02": 2, "2016-05": 3, "2016": 3} {
		if got := timePrecision(parseValue(in, ref)); got != want {
			t.Errorf("time precision of %s = %d, want %d", in, got, want)
		}
	}
}

// TestCountryTable checks the hand-written table against the ISO codes in
// ../shared's world-countries (read, never copied).
func TestCountryTable(t *testing.T) {
	raw, err := os.ReadFile("../../shared/data/countries/world-countries_5.1.0_countries.json")
	if err != nil {
		t.Skipf("../shared not found (%v): country codes not checked", err)
	}
	var wc []struct {
		CCA2, CCA3, CCN3 string
		Name             struct{ Common string }
	}
	if err := json.Unmarshal(raw, &wc); err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, w := range wc {
		c := countries[w.CCA2]
		if c == nil {
			t.Errorf("%s (%s) missing from the table", w.CCA2, w.Name.Common)
			continue
		}
		seen++
		if w.CCA2 == "XK" { // Kosovo: no ISO code; ACLED writes iso 0
			continue
		}
		n, _ := strconv.Atoi(w.CCN3)
		if c.ISO3 != w.CCA3 || c.Numeric != n {
			t.Errorf("%s: table has %s %03d, ISO has %s %s", w.CCA2, c.ISO3, c.Numeric, w.CCA3, w.CCN3)
		}
	}
	if seen != len(countries) {
		t.Errorf("the table has %d countries, world-countries %d of them", len(countries), seen)
	}
	for _, cc := range []string{"SA", "IQ", "SY", "YE", "TR", "IR", "EG", "LY", "SD", "SO", "ML", "NG", "AF", "PK"} {
		want := map[string]string{"EG": "Northern Africa", "LY": "Northern Africa", "SD": "Northern Africa",
			"SO": "Eastern Africa", "ML": "Western Africa", "NG": "Western Africa", "AF": "South Asia", "PK": "South Asia"}[cc]
		if want == "" {
			want = "Middle East"
		}
		if got := countries[cc].Region; got != want {
			t.Errorf("%s region %q, want %q", cc, got, want)
		}
	}
}

// failWriter fails after n bytes.
type failWriter struct{ n int }

func (w *failWriter) Write(p []byte) (int, error) {
	if len(p) > w.n {
		k := w.n
		w.n = 0
		return k, errors.New("no space left on device")
	}
	w.n -= len(p)
	return len(p), nil
}

func TestWriteErrors(t *testing.T) {
	for _, f := range Formats() {
		_, err := Write(context.Background(), f.Name, generated(5000), &failWriter{100000}, Options{})
		var we *WriteError
		if !errors.As(err, &we) || !strings.Contains(err.Error(), "write: no space left on device") {
			t.Errorf("%s: %v", f.Name, err)
		}
	}
	// a source error is returned as it is
	boom := errors.New("the store went away")
	n := 0
	src := SourceFunc(func(ctx context.Context) (*analysis.Analysis, error) {
		if n++; n > 2 {
			return nil, boom
		}
		return fixtures()[0], nil
	})
	if _, err := Write(context.Background(), "stix", src, io.Discard, Options{}); !errors.Is(err, boom) {
		t.Errorf("source error: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Write(ctx, "jsonl", Slice(fixtures()), io.Discard, Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}

func TestLongPeriod(t *testing.T) {
	p := parseValue("0001/9999", time.Time{})
	if !p.ok || p.days() != 3652059 || p.mid().Year() != 5000 || timePrecision(p) != 3 {
		t.Errorf("0001/9999: %d days, middle %v", p.days(), p.mid())
	}
}
