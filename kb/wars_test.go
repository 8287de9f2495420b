package kb

import (
	"bufio"
	"os"
	"strings"
	"testing"
)

// TestWarsSince2020 reads testdata/wars-since-2020.tsv: sentences about
// the wars Arabic news has followed since 2020 (Ukraine, Sudan, Gaza and
// the West Bank, southern Lebanon, the Sahel, Ethiopia, eastern DR Congo,
// northern Mozambique, Myanmar), each with the places it names, and
// sentences whose common words (الزيتون "olives", حواره "his dialogue",
// المزة "mezze") are no places. Each sentence is a document of its own.
func TestWarsSince2020(t *testing.T) {
	f, err := os.Open("testdata/wars-since-2020.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	k := Default()
	sc := bufio.NewScanner(f)
	line, sentences, places := 0, 0, 0
	for sc.Scan() {
		line++
		s := sc.Text()
		if s == "" || strings.HasPrefix(s, "#") {
			continue
		}
		cols := strings.Split(s, "\t")
		var wants []want
		for _, c := range cols[1:] {
			text, id, ok := strings.Cut(c, "=")
			if !ok {
				t.Fatalf("line %d: %q is not text=id", line, c)
			}
			wants = append(wants, want{text, "place:" + id})
		}
		var got []want
		for _, m := range findPlaces(k, cols[0]) {
			got = append(got, want{m.Text, m.Place.Ref})
		}
		if !equalWants(got, wants) {
			t.Errorf("line %d: FindPlaces(%q)\n got %v\nwant %v", line, cols[0], got, wants)
		}
		sentences++
		places += len(wants)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if sentences < 40 || places < 100 {
		t.Fatalf("only %d sentences with %d places read", sentences, places)
	}
}
