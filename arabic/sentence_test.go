package arabic

import "testing"

func TestSentenceOf(t *testing.T) {
	toks := Tokenize("قتل ثلاثة. وأصيب خمسة!\nانتهى")
	sents := Sentences(toks)
	if len(sents) != 3 {
		t.Fatalf("%d sentences, want 3", len(sents))
	}
	for i := range toks {
		want := -1
		for k, s := range sents {
			if s.First <= i && i < s.Last {
				want = k
			}
		}
		if got := SentenceOf(sents, i); got != want {
			t.Errorf("token %d (%q): sentence %d, want %d", i, toks[i].Text, got, want)
		}
	}
	if SentenceOf(sents, len(toks)) != -1 || SentenceOf(nil, 0) != -1 {
		t.Error("a token past the sentences has one")
	}
}
