package analysis

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestNewAnalysisJSON(t *testing.T) {
	a := New(&Document{ID: "d1", Text: "نص", Published: "2015-08-06"})
	b, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	for _, want := range []string{`"schema":"marsad.analysis/v1"`, `"title":null`, `"url":null`, `"published":"2015-08-06"`,
		`"relevance":null`, `"entities":[]`, `"places":[]`, `"actors":[]`, `"times":[]`, `"quantities":[]`, `"events":[]`, `"summary":[]`} {
		if !strings.Contains(s, want) {
			t.Errorf("JSON lacks %s: %s", want, s)
		}
	}
	var back Analysis
	if err := json.Unmarshal(b, &back); err != nil || back.Title != "" || back.Published != "2015-08-06" {
		t.Errorf("round trip: %+v %v", back, err)
	}
}

func TestParseDate(t *testing.T) {
	for in, want := range map[string]string{
		"2015-08-06":                "2015-08-06",
		"2015-08-06T23:30:00+03:00": "2015-08-06",
		"2015-08-06 01:01:33":       "2015-08-06",
		" 2015/08/06 ":              "2015-08-06",
	} {
		got, err := ParseDate(in)
		if err != nil || got.Format("2006-01-02") != want {
			t.Errorf("ParseDate(%q) = %v, %v", in, got, err)
		}
	}
	for _, bad := range []string{"", "yesterday", "2015-13-01", "06/08/2015"} {
		if _, err := ParseDate(bad); err == nil {
			t.Errorf("ParseDate(%q) accepted", bad)
		}
	}
}

func TestState(t *testing.T) {
	d := &Document{ID: "x", Title: "هجوم في الموصل", Text: "قُتل ثلاثة. وأصيب خمسة."}
	st, err := NewState(d)
	if err != nil {
		t.Fatal(err)
	}
	if st.Text != "هجوم في الموصل\n\nقُتل ثلاثة. وأصيب خمسة." {
		t.Fatalf("analysed text %q", st.Text)
	}
	if len(st.Sentences) != 3 {
		t.Fatalf("%d sentences", len(st.Sentences))
	}
	for i, tok := range st.Tokens {
		if st.Slice(tok.Start, tok.End) != tok.Text {
			t.Errorf("Slice(%d,%d) = %q, token %q", tok.Start, tok.End, st.Slice(tok.Start, tok.End), tok.Text)
		}
		if s := st.SentenceOf(i); s < 0 || i < st.Sentences[s].First || i >= st.Sentences[s].Last {
			t.Errorf("SentenceOf(%d) = %d", i, s)
		}
		if st.TokenAt(tok.Start) != i {
			t.Errorf("TokenAt(%d) = %d, want %d", tok.Start, st.TokenAt(tok.Start), i)
		}
	}
	if _, err := NewState(&Document{Text: "\xff"}); err == nil {
		t.Error("invalid UTF-8 accepted")
	}
	if _, err := NewState(&Document{Text: "نص", Published: "soon"}); err == nil {
		t.Error("bad published date accepted")
	}
}
