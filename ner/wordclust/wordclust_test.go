package wordclust

import (
	"bytes"
	"context"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func TestBuildOrdersByFrequency(t *testing.T) {
	b := NewBuilder()
	b.Add(strings.Fields("ب أ ب ج ب أ"))
	b.Add(strings.Fields("د"))
	c := b.Build(2)
	if want := []string{"ب", "أ"}; !reflect.DeepEqual(c.Vocab, want) {
		t.Errorf("vocab %q, want %q", c.Vocab, want)
	}
	if want := []int{3, 2}; !reflect.DeepEqual(c.Counts, want) {
		t.Errorf("counts %v, want %v", c.Counts, want)
	}
	if c.Tokens != 7 || len(c.Sents) != 1 {
		t.Errorf("tokens %d sentences %d", c.Tokens, len(c.Sents))
	}
}

// corpus builds a toy corpus where two groups of words share contexts:
// cities after "في", names after "قال".
func corpus() *Corpus {
	b := NewBuilder()
	cities := []string{"بغداد", "دمشق", "القاهرة", "الرياض"}
	names := []string{"محمد", "احمد", "علي", "خالد"}
	for i := 0; i < 400; i++ {
		c, n := cities[i%4], names[(i/4)%4]
		b.Add([]string{"وصل", "الوفد", "الى", c, "امس"})
		b.Add([]string{"قال", n, "ان", "الوضع", "هادئ"})
		b.Add([]string{"في", c, "قال", n, "كلاما"})
	}
	return b.Build(1)
}

func TestLearnIsDeterministicAndSeparatesGroups(t *testing.T) {
	o := DefaultOptions()
	o.Dim, o.Epochs, o.Ks, o.KMeansIt, o.Sample = 20, 20, []int{4, 8}, 10, 0
	var outs [2]bytes.Buffer
	var r *Result
	for i := range outs {
		var err error
		r, err = Learn(context.Background(), corpus(), o)
		if err != nil {
			t.Fatal(err)
		}
		if err := r.Write(&outs[i], "test"); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(outs[0].Bytes(), outs[1].Bytes()) {
		t.Fatal("same corpus and seed, different clusters")
	}
	cl := map[string]int32{}
	for i, w := range r.Words {
		cl[w] = r.Clusters[0][i]
	}
	if cl["بغداد"] != cl["دمشق"] || cl["محمد"] != cl["علي"] || cl["بغداد"] == cl["محمد"] {
		t.Errorf("k=2 clusters: %v", cl)
	}
	back, err := Read(&outs[0])
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, r) {
		t.Error("Read(Write(r)) != r")
	}
}

func TestReadErrors(t *testing.T) {
	for _, in := range []string{"", "not gzip"} {
		if _, err := Read(strings.NewReader(in)); err == nil {
			t.Errorf("Read(%q): no error", in)
		}
	}
}

func TestExchangeGroupsWordsByWhatFollows(t *testing.T) {
	// cities are followed by names of regions, verbs by objects; the
	// exchange algorithm should find the two groups
	b := NewBuilder()
	cities := []string{"بغداد", "دمشق", "صنعاء", "عمان", "بيروت", "القاهرة"}
	verbs := []string{"قصف", "هاجم", "استهدف", "دمر", "اقتحم", "حاصر"}
	for rep := 0; rep < 20; rep++ {
		for i, c := range cities {
			b.Add([]string{c, []string{"شمالا", "جنوبا"}[(i+rep)%2]})
		}
		for i, v := range verbs {
			b.Add([]string{v, []string{"المدينة", "القرية"}[(i+rep)%2]})
		}
	}
	c := b.Build(1)
	cls, err := Exchange(context.Background(), c, 2, 10, nil)
	if err != nil {
		t.Fatal(err)
	}
	id := map[string]int32{}
	for i, w := range c.Vocab {
		id[w] = cls[i]
	}
	for _, group := range [][]string{cities, verbs} {
		for _, w := range group[1:] {
			if id[w] != id[group[0]] {
				t.Errorf("%s in class %d, %s in %d: want one class", w, id[w], group[0], id[group[0]])
			}
		}
	}
	if id[cities[0]] == id[verbs[0]] {
		t.Error("cities and verbs in the same class")
	}
	again, _ := Exchange(context.Background(), c, 2, 10, nil)
	if !slices.Equal(again, cls) {
		t.Error("two runs gave different classes")
	}
}
