package relevance

import (
	"strings"
	"testing"

	"github.com/marsad/marsad/analysis"
	"github.com/marsad/marsad/arabic"
)

func TestParse(t *testing.T) {
	seg := arabic.Default()
	s, err := Parse("# a comment\nتفجير انتحاري\t3\tterrorism\n\nمباراة\t-2\t-\n", seg)
	if err != nil {
		t.Fatal(err)
	}
	stems := func(text string) ([]string, int) {
		st, err := analysis.NewState(&analysis.Document{ID: "t", Text: text})
		if err != nil {
			t.Fatal(err)
		}
		words := 0
		for _, tk := range st.Tokens {
			if tk.Kind == arabic.Word {
				words++
			}
		}
		return st.Stems(), words
	}
	st, n := stems("قتل عشرة في تفجير انتحاري استهدف سوقا، في تفجير انتحاري ثان")
	if r := s.Score(st, 0, n); !r.Relevant || len(r.Topics) != 1 || r.Topics[0] != "terrorism" {
		t.Errorf("bombing report scored %+v", r)
	}
	st, n = stems("فاز الفريق في مباراة الأمس")
	if r := s.Score(st, 0, n); r.Relevant || r.Score != 0 {
		t.Errorf("match report scored %+v", r)
	}
	for _, bad := range []struct{ src, want string }{
		{"قصف\t3\n", "lexicon line 1: want 3 tab-separated fields"},
		{"# x\nقصف\tثلاثة\tterrorism\n", "lexicon line 2: weight"},
		{"قصف\t3\twar\n", "lexicon line 1: unknown topic"},
		{"،\t3\tterrorism\n", "lexicon line 1: empty phrase"},
	} {
		if _, err := Parse(bad.src, seg); err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("Parse(%q) = %v, want %q", bad.src, err, bad.want)
		}
	}
}
