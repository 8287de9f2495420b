package store

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/marsad/marsad/analysis"
)

var ix = NewIndexer(nil)

func TestParseCompiles(t *testing.T) {
	for _, c := range []struct {
		q, expr, fts, tsq string
	}{
		{"الموصل", "الموصل", `"الموصل"`, `'الموصل'`},
		{"بالموصل", "الموصل", `"الموصل"`, `'الموصل'`},
		{"الموصل بغداد", "(الموصل بغداد)", `("الموصل" AND "بغداد")`, `('الموصل' & 'بغداد')`},
		{"الموصل AND بغداد", "(الموصل بغداد)", `("الموصل" AND "بغداد")`, `('الموصل' & 'بغداد')`},
		{`"قوات الأمن"`, `"قوات امن"`, `"قوات امن"`, `('قوات' <-> 'امن')`},
		{`«قوات الأمن»`, `"قوات امن"`, `"قوات امن"`, `('قوات' <-> 'امن')`},
		{"الموصل OR بغداد", "(الموصل OR بغداد)", `("الموصل" OR "بغداد")`, `('الموصل' | 'بغداد')`},
		{"الموصل أو بغداد", "(الموصل OR بغداد)", `("الموصل" OR "بغداد")`, `('الموصل' | 'بغداد')`},
		{"الموصل -بغداد", "(الموصل -بغداد)", `("الموصل") NOT "بغداد"`, `('الموصل' & !'بغداد')`},
		{"الموصل NOT بغداد تكريت", "(الموصل -بغداد تكريت)", `("الموصل" AND "تكريت") NOT "بغداد"`, `('الموصل' & !'بغداد' & 'تكريت')`},
		{"(الموصل OR تكريت) هجوم", "((الموصل OR تكريت) هجوم)", `(("الموصل" OR "تكريت") AND "هجوم")`, `(('الموصل' | 'تكريت') & 'هجوم')`},
		{"هجوم -(الموصل OR تكريت)", "(هجوم -(الموصل OR تكريت))", `("هجوم") NOT ("الموصل" OR "تكريت")`, `('هجوم' & !('الموصل' | 'تكريت'))`},
		{"مسلح*", "مسلح*", `"مسلح"*`, `('مسلح':*)`},
		{"المسلح*", "المسلح*|مسلح*", `("المسلح"* OR "مسلح"*)`, `('المسلح':* | 'مسلح':*)`},
		{"في الموصل", "الموصل", `"الموصل"`, `'الموصل'`},         // a stop word is dropped
		{"40ألفاً", `"40 الف"`, `"40 الف"`, `('40' <-> 'الف')`}, // one word, two terms: a phrase
		{"a@b.com", "0x6140622e636f6d", `"0x6140622e636f6d"`, `'0x6140622e636f6d'`},
		{"(الموصل", "الموصل", `"الموصل"`, `'الموصل'`},
		{"الموصل)", "الموصل", `"الموصل"`, `'الموصل'`},
	} {
		pq, err := ix.Parse(c.q)
		if err != nil {
			t.Errorf("%q: %v", c.q, err)
			continue
		}
		if got := pq.String(); got != c.expr {
			t.Errorf("%q: expr %s, want %s", c.q, got, c.expr)
		}
		if got := pq.FTS5(); got != c.fts {
			t.Errorf("%q: FTS5 %s, want %s", c.q, got, c.fts)
		}
		if got := pq.TSQuery(); got != c.tsq {
			t.Errorf("%q: tsquery %s, want %s", c.q, got, c.tsq)
		}
	}
}

func TestParseErrors(t *testing.T) {
	for q, want := range map[string]string{
		"":                   "nothing to search for",
		"في من":              "nothing to search for",
		"()":                 "nothing to search for",
		"-الموصل":            "only negated words",
		"NOT الموصل NOT حلب": "only negated words",
		"الموصل OR -حلب":     "cannot be an alternative",
		"(-الموصل) حلب":      "", // fine: the group is a negated word beside حلب
		"م*":                 "too short",
	} {
		_, err := ix.Parse(q)
		var qe *QueryError
		switch {
		case want == "" && err != nil:
			t.Errorf("%q: %v", q, err)
		case want != "" && (!errors.As(err, &qe) || !strings.Contains(err.Error(), want)):
			t.Errorf("%q: %v, want %q", q, err, want)
		}
	}
}

func TestMatcher(t *testing.T) {
	pq, _ := ix.Parse(`الموصل "قوات الأمن" مسلح* -بغداد`)
	m := pq.Matcher()
	for tok, want := range map[string]bool{"الموصل": true, "قوات": true, "امن": true, "مسلح": true, "مسلحون": true, "بغداد": false, "حلب": false} {
		if m.Match(tok) != want {
			t.Errorf("match %s = %v", tok, !want)
		}
	}
}

func TestIndexToken(t *testing.T) {
	for stem, want := range map[string]string{
		"الموصل":  "الموصل",
		"مسءول":   "مسءول",
		"reuters": "reuters",
		"2015":    "2015",
		"3.5":     "0x332e35",
		"ünïcode": "0xc3bc6ec3af636f6465",
	} {
		if got := IndexToken(stem); got != want {
			t.Errorf("IndexToken(%q) = %q, want %q", stem, got, want)
		}
	}
	long := IndexToken("http://example.org/" + strings.Repeat("a", 500))
	if len(long) != 34 || !strings.HasPrefix(long, "0x") {
		t.Errorf("long stem: %q", long)
	}
}

func TestTSVector(t *testing.T) {
	if got := TSVector([]string{"a", "b'c", "a", `d\`}); got != `'a':1,3 'b''c':2 'd\\':4` {
		t.Errorf("tsvector %s", got)
	}
	many := make([]string, 20000)
	for i := range many {
		many[i] = "x"
	}
	if got := TSVector(many); strings.Count(got, ",") != 255 {
		t.Errorf("positions per lexeme not capped at 256: %d", strings.Count(got, ",")+1)
	}
}

func TestPrepare(t *testing.T) {
	d := docOf("id1", "عنوان الخبر", strings.Repeat("قال مسؤول أمني إن هجوما استهدف نقطة تفتيش في الموصل. ", 3))
	r, err := ix.Prepare(d, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Hash) != 64 || r.Analysis == nil || r.Analysis.ID != "id1" || r.Tokens[0] != "عنوان" || r.MinHash == nil {
		t.Errorf("record %+v", r)
	}
	// The signature reads the body only: a new headline changes nothing.
	d2 := *d
	d2.Title = "عنوان آخر مختلف تماما"
	r2, _ := ix.Prepare(&d2, nil)
	if Similarity(r.MinHash, r2.MinHash) != 1 || r.Hash == r2.Hash {
		t.Errorf("headline changed the signature")
	}
	short, _ := ix.Prepare(docOf("s", "", "خبر قصير"), nil)
	if short.MinHash != nil {
		t.Errorf("a short text has a signature")
	}
	a := *r.Analysis
	a.ID = "other"
	if _, err := ix.Prepare(d, &a); err == nil {
		t.Errorf("an analysis of another document accepted")
	}
}

func TestMinHash(t *testing.T) {
	words := strings.Fields(strings.Repeat("الف باء تاء ثاء جيم حاء خاء دال ذال راء زاي سين شين صاد ضاد طاء ظاء عين غين فاء ", 3))
	for i := range words {
		words[i] += string(rune('a' + i%26))
	}
	a := MinHash(words)
	b := MinHash(append(append([]string{}, words[:30]...), words[31:]...)) // one word dropped
	c := MinHash(strings.Fields(strings.Repeat("كلمة أخرى لا علاقة لها بشيء مما سبق أبدا ", 4)))
	if s := Similarity(a, a); s != 1 {
		t.Errorf("self %v", s)
	}
	if s := Similarity(a, b); s < 0.8 || s == 1 {
		t.Errorf("one word dropped: %v", s)
	}
	if s := Similarity(a, c); s > 0.2 {
		t.Errorf("unrelated: %v", s)
	}
	shared := 0
	ka, kb := BandKeys(a), BandKeys(b)
	for i := range ka {
		if ka[i] == kb[i] {
			shared++
		}
	}
	if shared == 0 {
		t.Errorf("near-duplicates share no band")
	}
	if got := DecodeMinHash(EncodeMinHash(a)); !reflect.DeepEqual(got, a) {
		t.Errorf("encode/decode")
	}
}

func TestDayRange(t *testing.T) {
	for _, c := range []struct{ from, to, f, t string }{
		{"2015-08-07", "2015-08-07", "2015-08-07", "2015-08-07"},
		{"2015-08", "2015-02", "2015-08-01", "2015-02-28"},
		{"2016", "2016", "2016-01-01", "2016-12-31"},
		{"", "", "", ""},
	} {
		f, to, err := DayRange(c.from, c.to)
		if err != nil || f != c.f || to != c.t {
			t.Errorf("%q %q: %q %q %v", c.from, c.to, f, to, err)
		}
	}
	for _, bad := range []string{"yesterday", "2015-13", "2015-02-30", "15-08-07"} {
		if _, _, err := DayRange(bad, ""); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestCountryCode(t *testing.T) {
	for in, want := range map[string]string{
		"IQ": "IQ", "iq": "IQ", "العراق": "IQ", "بالعراق": "IQ", "Iraq": "IQ", "السعودية": "SA", "المملكة العربية السعودية": "SA",
		"سوريا": "SY", "سورية": "SY", "Syria": "SY", "اليمن": "YE", "مصر": "EG", "الموصل": "", "XX": "", "Atlantis": "",
	} {
		if got := ix.CountryCode(in); got != want {
			t.Errorf("CountryCode(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestBackend(t *testing.T) {
	t.Setenv("MARSAD_DB", "")
	for dsn, want := range map[string][2]string{
		"":                         {"sqlite", "marsad.db"},
		"x.db":                     {"sqlite", "x.db"},
		"sqlite:/tmp/x.db":         {"sqlite", "/tmp/x.db"},
		"postgres://u@h/db":        {"postgres", "postgres://u@h/db"},
		"postgresql://u@h/db":      {"postgres", "postgresql://u@h/db"},
		"host=h dbname=marsad":     {"postgres", "host=h dbname=marsad"},
		"/data/postgres-backup.db": {"sqlite", "/data/postgres-backup.db"},
	} {
		if n, r := Backend(dsn); n != want[0] || r != want[1] {
			t.Errorf("Backend(%q) = %q %q", dsn, n, r)
		}
	}
	t.Setenv("MARSAD_DB", "team.db")
	if _, r := Backend(""); r != "team.db" {
		t.Errorf("$MARSAD_DB ignored: %q", r)
	}
}

func TestSnippetOffsets(t *testing.T) {
	pq, _ := ix.Parse("الموصل")
	text := "عنوان\n\nقتل   ثلاثة\tبالموصل أمس والموصل"
	sn := ix.Snippet(text, pq.Matcher(), 200)
	rs := []rune(sn.Text)
	if sn.Text != "عنوان قتل ثلاثة بالموصل أمس والموصل" || len(sn.Highlights) != 2 ||
		string(rs[sn.Highlights[0][0]:sn.Highlights[0][1]]) != "بالموصل" || string(rs[sn.Highlights[1][0]:sn.Highlights[1][1]]) != "والموصل" {
		t.Errorf("snippet %q %v", sn.Text, sn.Highlights)
	}
	// No match (a filter-only search): the start of the text.
	sn = ix.Snippet(strings.Repeat("نص ", 200), nil, 50)
	if len(sn.Highlights) != 0 || !strings.HasSuffix(sn.Text, " …") || utf8.RuneCountInString(sn.Text) > 75 {
		t.Errorf("no-match snippet %q", sn.Text)
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{`الموصل "قوات الأمن" -بغداد مسلح* (أ OR ب)`, `"`, `(((`, `-(-x)`, `a OR OR b`, `*`, `« »`, `NOT`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		pq, err := ix.Parse(q)
		if err != nil {
			var qe *QueryError
			if !errors.As(err, &qe) {
				t.Fatalf("%q: not a QueryError: %v", q, err)
			}
			return
		}
		fts, tsq := pq.FTS5(), pq.TSQuery()
		if strings.Count(fts, "(") != strings.Count(fts, ")") || strings.Count(fts, `"`)%2 != 0 {
			t.Fatalf("%q: unbalanced FTS5 %s", q, fts)
		}
		if strings.Count(tsq, "(") != strings.Count(tsq, ")") || fts == "" || tsq == "" {
			t.Fatalf("%q: bad tsquery %s", q, tsq)
		}
		pq.Matcher()
		ix.Snippet(q, pq.Matcher(), 40)
	})
}

func docOf(id, title, text string) *analysisDocument {
	return &analysisDocument{ID: id, Title: title, Text: text}
}

type analysisDocument = analysis.Document
