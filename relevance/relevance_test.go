package relevance

import (
	"context"
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
	stems := func(text string) ([]string, int) { return stemsOf(t, text) }
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

// Reports of the wars since 2020 (written by the team) are relevant with
// the embedded lexicon, though 2015 news seldom used their words; a
// football report with the same verbs is not.
func TestDefaultLexiconWarsSince2020(t *testing.T) {
	s, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	score := func(text string) analysis.Relevance {
		stems, words := stemsOf(t, text)
		return s.Score(stems, 0, words)
	}
	for _, text := range []string{
		"استهدفت طائرة مسيرة مجهولة حقلا للغاز في شمال العراق، وقالت السلطات إن الهجوم لم يسفر عن إصابات.",
		"اقتحمت قوات الاحتلال مخيم جنين فجر اليوم واعتقلت خمسة شبان بعد مداهمة منازلهم.",
		"شن الجيش عملية عسكرية واسعة في المدينة، وقالت مصادر طبية إن عشرة أشخاص قتلوا.",
		"أعلنت قوات الدعم السريع سيطرتها على المدينة وسط تقارير عن عمليات قتل جماعي للمدنيين في المستشفى.",
		// the verb, not only the noun, of abduction
		"اختطف مسلحون مجهولون عشرين طالبا من مدرسة داخلية في شمال البلاد يوم الخميس.",
		// the verbs of shelling and assassination, feminine and plural
		"قصفت قوات الدعم السريع محطة كهرباء في الولاية الشمالية.",
		"اغتال مسلحون مجهولون صحفيا أمام منزله في العاصمة.",
		// Ukraine's war: a strike named by the country that launched it
		"قتل 12 شخصا في هجوم صاروخي روسي على مبنى سكني في العاصمة ليل الأربعاء.",
		// settlers' raids
		"هاجم مستوطنون قرية فلسطينية وأحرقوا منازل وسيارات، ما أدى إلى إصابة ثمانية من سكانها.",
		// the verb of martyrdom, not only its noun
		"استشهد ثلاثة فلسطينيين بينهم طفل في غارة على منزل في المدينة.",
		// live fire
		"أصيب شابان بالرصاص الحي خلال مواجهات مع قوات الاحتلال في البلدة.",
		// a stabbing attack
		"نفذ شاب عملية طعن في محطة للحافلات أصيب فيها شخصان قبل أن تعتقله الشرطة.",
		// gunmen in the construct state (مسلحو الجماعة)
		"قتل مسلحو الجماعة عشرة جنود في هجوم على قاعدة عسكرية.",
		// a final ة written ه, as Egyptian papers write it
		"انفجرت سياره مفخخه قرب السوق الرئيسى فى المدينه.",
		// the passive of assassination
		"اغتيل محام برصاص مسلحين مجهولين أمام منزله.",
		// an ambush laid by gunmen
		"قتل 14 عنصرا من قوات الأمن في كمين نصبه مسلحون قرب البلدة.",
		// killed by gunmen's bullets, alone
		"قتل 26 سائحا على الأقل برصاص مسلحين في منطقة جبلية.",
		// a country's strikes, as agencies translate them
		"أعلن التلفزيون الرسمي مقتل رئيس الأركان في ضربات إسرائيلية استهدفت العاصمة فجر الجمعة.",
	} {
		if r := score(text); !r.Relevant {
			t.Errorf("%s\n  scored %+v, want relevant", text, r)
		}
	}
	if r := score("شن الفريق هجوما قويا في الشوط الثاني وسجل هدفين في المباراة."); r.Relevant {
		t.Errorf("football report scored %+v", r)
	}
}

// An armed group the knowledge base linked counts where its sentence
// speaks of violence, as the lexicon's own groups do; a rebel group named
// in a sentence of no violence, or a political militia, does not.
func TestStageArmedGroups(t *testing.T) {
	stage, err := NewStage(nil)
	if err != nil {
		t.Fatal(err)
	}
	const adf = "القوات الديمقراطية المتحالفة"
	for _, c := range []struct {
		text, kind string
		want       bool
	}{
		{"قتل أكثر من 40 مدنيا في هجوم شنته القوات الديمقراطية المتحالفة على كنيسة في البلدة.", "rebel_group", true},
		{"قتل أكثر من 40 مدنيا في هجوم شنته القوات الديمقراطية المتحالفة على كنيسة في البلدة.", "political_militia", false},
		{"هجوم شنه مجهولون على البلدة. وأصدرت القوات الديمقراطية المتحالفة بيانا عن مفاوضات السلام.", "rebel_group", false},
	} {
		st, err := analysis.NewState(&analysis.Document{ID: "t", Text: c.text})
		if err != nil {
			t.Fatal(err)
		}
		start := strings.Index(c.text, adf)
		start = len([]rune(c.text[:start]))
		st.Out.Entities = []analysis.Entity{{Type: "ORG", Text: adf, Start: start, End: start + len([]rune(adf)), Norm: adf, Ref: "actor:cd-adf"}}
		st.Out.Actors = []analysis.Actor{{Ref: "actor:cd-adf", Name: adf, Kind: c.kind, Mentions: 1}}
		if err := stage.Run(context.Background(), st); err != nil {
			t.Fatal(err)
		}
		if st.Out.Relevance.Relevant != c.want {
			t.Errorf("%s (%s): %+v, want relevant=%v", c.text, c.kind, *st.Out.Relevance, c.want)
		}
	}
}

// stemsOf returns the search stems of a text and its number of words, as
// the stage reads them.
func stemsOf(t *testing.T, text string) ([]string, int) {
	t.Helper()
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
