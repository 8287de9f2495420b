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

// A phrase also matches as papers that write a final ة as ه spell it,
// without replacing a phrase spelt so.
func TestAddSpellings(t *testing.T) {
	seg := arabic.Default()
	find := func(m *Matcher[string], text string) string {
		var stems []string
		for _, tk := range arabic.Tokenize(text) {
			stems = append(stems, seg.Stem(tk.Text))
		}
		got := ""
		for _, f := range m.Find(stems) {
			got = f.Value
		}
		return got
	}
	var m Matcher[string]
	for _, p := range []string{"ضربة جوية", "سيارة", "غارة"} {
		m.AddSpellings(seg, p, Stems(seg, p), p)
	}
	for _, c := range []struct{ text, want string }{
		{"قتل خمسة في ضربه جويه على وكر", "ضربة جوية"},
		{"قتل خمسة في ضربة جوية على وكر", "ضربة جوية"},
		{"وصلت سياره إسعاف", "سيارة"},
		{"شنت الطائرات غاره على المدينة", "غارة"}, // غاره stems as غارة does: no variant needed
	} {
		if got := find(&m, c.text); got != c.want {
			t.Errorf("%s: found %q, want %q", c.text, got, c.want)
		}
	}
	// a phrase of its own spelt like the variant is not replaced by it,
	// whether it comes before or after
	var before, after Matcher[string]
	before.Add(Stems(seg, "سياره"), "own")
	before.AddSpellings(seg, "سيارة", Stems(seg, "سيارة"), "سيارة")
	after.AddSpellings(seg, "سيارة", Stems(seg, "سيارة"), "سيارة")
	after.Add(Stems(seg, "سياره"), "own")
	for name, m := range map[string]*Matcher[string]{"before": &before, "after": &after} {
		if got := find(m, "وصلت سياره إسعاف"); got != "own" {
			t.Errorf("own phrase added %s: found %q, want %q", name, got, "own")
		}
	}
}
