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
func TestEgyptianVariant(t *testing.T) {
	seg := arabic.Default()
	var m Matcher[string]
	for _, p := range []string{"ضربة جوية", "سيارة"} {
		st := Stems(seg, p)
		m.Add(st, p)
		if v := EgyptianVariant(seg, p, st); v != nil {
			if !m.AddNew(v, p) {
				t.Errorf("%s: variant %v not added", p, v)
			}
		}
	}
	if v := EgyptianVariant(seg, "غارة", Stems(seg, "غارة")); v != nil {
		t.Errorf("غارة: variant %v, but غاره stems alike", v) // no variant needed
	}
	if m.AddNew(Stems(seg, "ضربة جوية"), "other") {
		t.Error("AddNew replaced a phrase already there")
	}
	for _, c := range []struct{ text, want string }{
		{"قتل خمسة في ضربه جويه على وكر", "ضربة جوية"},
		{"قتل خمسة في ضربة جوية على وكر", "ضربة جوية"},
		{"وصلت سياره إسعاف", "سيارة"},
	} {
		var stems []string
		for _, tk := range arabic.Tokenize(c.text) {
			stems = append(stems, seg.Stem(tk.Text))
		}
		got := ""
		for _, f := range m.Find(stems) {
			got = f.Value
		}
		if got != c.want {
			t.Errorf("%s: found %q, want %q", c.text, got, c.want)
		}
	}
}
