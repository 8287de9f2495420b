package ner

import (
	"bytes"
	"os"
	"reflect"
	"strings"
	"testing"
)

func TestReadCoNLLQuirks(t *testing.T) {
	f, err := os.Open("testdata/quirks.conll")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sents, st, err := ReadCoNLL(f)
	if err != nil {
		t.Fatal(err)
	}
	want := []Sentence{
		{
			Tokens: strings.Fields("بغداد ( رويترز ) قال الرئيس جلال طالباني إن . الجيش العراقي ."),
			Tags:   strings.Fields("B-LOC O B-ORG O O O B-PER I-PER O O O O O"),
		},
		{Tokens: strings.Fields("حزب الدعوة"), Tags: strings.Fields("B-ORG I-ORG")},
		{Tokens: strings.Fields("وزار الموصل"), Tags: strings.Fields("O B-LOC")},
	}
	if !reflect.DeepEqual(sents, want) {
		t.Errorf("got\n%v\nwant\n%v", sents, want)
	}
	if st.Dropped != 2 || st.Split != 1 || st.Relabeled["B-PERS"] != 1 || st.Tokens != 17 || st.Sentences != 3 {
		t.Errorf("stats = %+v", st)
	}
}

func TestReadCoNLLAQMARTags(t *testing.T) {
	sents, _, err := ReadCoNLLPath("testdata/aqmar-tags.txt")
	if err != nil {
		t.Fatal(err)
	}
	if len(sents) != 1 {
		t.Fatalf("%d sentences", len(sents))
	}
	want := strings.Fields("B-LOC O O O O B-MISC I-MISC B-MISC B-MISC I-MISC B-ORG I-ORG")
	if !reflect.DeepEqual(sents[0].Tags, want) {
		t.Errorf("tags = %v\nwant   %v", sents[0].Tags, want)
	}
}

func TestReadCoNLLNoBlankLines(t *testing.T) {
	in := "أ O\nب B-LOC\n. O\n. O\nج B-PERS\n. O\nد O\n"
	sents, _, err := ReadCoNLL(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range sents {
		got = append(got, strings.Join(s.Tokens, " "))
	}
	want := []string{"أ ب . .", "ج .", "د"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("sentences = %q, want %q", got, want)
	}
}

func TestReadCoNLLErrors(t *testing.T) {
	for _, in := range []string{
		"كلمة B-FOO\n",
		"كلمة\n",
		"كلمة X-PER\n",
	} {
		if _, _, err := ReadCoNLL(strings.NewReader(in)); err == nil {
			t.Errorf("ReadCoNLL(%q): no error", in)
		} else if !strings.Contains(err.Error(), "line 1") {
			t.Errorf("ReadCoNLL(%q): error %q does not name the line", in, err)
		}
	}
}

func TestWriteReadRoundTrip(t *testing.T) {
	in := []Sentence{
		{Tokens: []string{"قال", "أوباما"}, Tags: []string{"O", "B-PER"}},
		{Tokens: []string{"في", "واشنطن", "."}, Tags: []string{"O", "B-LOC", "O"}},
	}
	var buf bytes.Buffer
	if err := WriteCoNLL(&buf, in); err != nil {
		t.Fatal(err)
	}
	out, _, err := ReadCoNLL(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(in, out) {
		t.Errorf("round trip: %v", out)
	}
}

func FuzzReadCoNLL(f *testing.F) {
	for _, s := range []string{
		"بغداد B-LOC\n\nقال O\n",
		". Oالإصابة O\n",
		" O\n‏ O\nالأمن‏1706 ‏ I-ORG\n",
		"a B-MIS1`\nb I--ORG\nc IO\n",
		"x\ty\tB-PERS\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		sents, st, err := ReadCoNLL(strings.NewReader(in))
		if err != nil {
			return
		}
		n := 0
		for _, s := range sents {
			if len(s.Tokens) == 0 || len(s.Tokens) != len(s.Tags) {
				t.Fatalf("bad sentence %q", s)
			}
			for i, tag := range s.Tags {
				if _, ok := labelIndex[tag]; !ok {
					t.Fatalf("non-canonical tag %q", tag)
				}
				if s.Tokens[i] == "" {
					t.Fatalf("empty token")
				}
			}
			n += len(s.Tokens)
		}
		if n != st.Tokens {
			t.Fatalf("stats say %d tokens, got %d", st.Tokens, n)
		}
		// what was read writes out and reads back the same
		var buf bytes.Buffer
		if err := WriteCoNLL(&buf, sents); err != nil {
			t.Fatal(err)
		}
		again, _, err := ReadCoNLL(&buf)
		if err != nil {
			t.Fatalf("re-reading written output: %v", err)
		}
		if len(again) != len(sents) {
			t.Fatalf("re-read %d sentences, wrote %d", len(again), len(sents))
		}
	})
}
