package phrase

import (
	"testing"

	"github.com/marsad/marsad/arabic"
)

func TestFind(t *testing.T) {
	seg := arabic.Default()
	var m Matcher[string]
	m.Add(Stems(seg, "غارة جوية"), "airstrike")
	m.Add(Stems(seg, "غارة"), "raid")
	m.Add(Stems(seg, "حزام ناسف"), "belt")
	m.Add(Stems(seg, "،"), "ignored")
	text := "شنت الطائرات غارات جوية على مواقع، ثم غارة أخرى، وفجّر انتحاري حزاماً ناسفاً. غارة، جوية"
	toks := arabic.Tokenize(text)
	stems := make([]string, len(toks))
	for i, tk := range toks {
		if tk.Kind != arabic.Punct {
			stems[i] = seg.Stem(tk.Text)
		}
	}
	var got []string
	for _, mt := range m.Find(stems) {
		got = append(got, mt.Value+":"+toks[mt.First].Text)
	}
	want := []string{"airstrike:غارات", "raid:غارة", "belt:حزاماً", "raid:غارة"}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("match %d = %s, want %s", i, got[i], want[i])
		}
	}
	if m.Len() != 2 {
		t.Errorf("Len = %d", m.Len())
	}
}
