package kb

import (
	"context"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/marsad/marsad/analysis"
	"github.com/marsad/marsad/arabic"
)

func TestStage(t *testing.T) {
	d := &analysis.Document{ID: "t", Title: "تفجير في الموصل", Text: "أعلن تنظيم داعش مسؤوليته عن تفجير بالموصل شمال العراق."}
	st, err := analysis.NewState(d)
	if err != nil {
		t.Fatal(err)
	}
	// an entity an earlier stage found, without a ref
	at := len([]rune(st.Text[:strings.Index(st.Text, "العراق")]))
	st.Out.Entities = append(st.Out.Entities, analysis.Entity{Type: "LOC", Text: "العراق", Start: at, End: at + 6, Norm: "العراق"})
	if err := NewStage(nil).Run(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	out := st.Out
	if len(out.Places) != 2 || out.Places[0].Ref != "place:99072" || out.Places[0].Mentions != 2 ||
		out.Places[0].Admin1 != "Nineveh Governorate" || out.Places[1].Ref != "place:iq" {
		t.Errorf("places: %+v", out.Places)
	}
	if len(out.Actors) != 1 || out.Actors[0].Ref != "actor:islamic-state" || out.Actors[0].Kind != "rebel_group" {
		t.Errorf("actors: %+v", out.Actors)
	}
	text := []rune(st.Text)
	refs := 0
	for i, e := range out.Entities {
		if string(text[e.Start:e.End]) != e.Text {
			t.Errorf("entity %q: span %d–%d reads %q", e.Text, e.Start, e.End, string(text[e.Start:e.End]))
		}
		if i > 0 && e.Start < out.Entities[i-1].Start {
			t.Error("entities not in text order")
		}
		if e.Ref != "" {
			refs++
		}
	}
	if refs != 4 || len(out.Entities) != 4 {
		t.Errorf("entities: %+v", out.Entities)
	}
}

// runTagged runs the stage over text with one entity an earlier stage
// found: type typ over the first occurrence of tagged, with the given norm
// (tagged when empty). It returns the state and the entity's start.
func runTagged(t *testing.T, text, typ, tagged, norm string) (*analysis.State, int) {
	t.Helper()
	st, err := analysis.NewState(&analysis.Document{ID: "t", Text: text})
	if err != nil {
		t.Fatal(err)
	}
	if norm == "" {
		norm = tagged
	}
	at := len([]rune(text[:strings.Index(text, tagged)]))
	st.Out.Entities = append(st.Out.Entities, analysis.Entity{Type: typ, Text: tagged, Start: at, End: at + len([]rune(tagged)), Norm: norm})
	if err := NewStage(nil).Run(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	return st, at
}

// How the tagger's entities meet a longer knowledge-base mention.
func TestLinkPieces(t *testing.T) {
	ent := func(typ string, s, e int) analysis.Entity { return analysis.Entity{Type: typ, Start: s, End: e} }
	tests := []struct {
		name string
		typ  string // the mention's type (LOC when empty)
		full bool   // the mention is the actor's full name
		in   []analysis.Entity
		want []analysis.Entity // spans and refs after linking a mention 10–20
	}{
		{"two pieces of the name become the mention", "", false, []analysis.Entity{ent("LOC", 10, 14), ent("LOC", 15, 20)},
			[]analysis.Entity{{Type: "LOC", Start: 10, End: 20, Ref: "place:x"}}},
		{"one shorter entity of the type keeps its span", "PER", false, []analysis.Entity{ent("PER", 15, 20)},
			[]analysis.Entity{{Type: "PER", Start: 15, End: 20, Ref: "place:x"}}},
		{"a person cut at the end takes the rest of the mention", "PER", false, []analysis.Entity{ent("PER", 10, 15)},
			[]analysis.Entity{{Type: "PER", Start: 10, End: 20, Ref: "place:x"}}},
		{"a place cut short gives way to the place's name", "", true, []analysis.Entity{ent("LOC", 15, 20)},
			[]analysis.Entity{{Type: "LOC", Start: 10, End: 20, Ref: "place:x"}}},
		{"a MISC on the place's very name is the place", "", true, []analysis.Entity{ent("MISC", 10, 20)},
			[]analysis.Entity{{Type: "LOC", Start: 10, End: 20, Ref: "place:x"}}},
		{"a longer MISC that holds the place stays", "", true, []analysis.Entity{ent("MISC", 5, 20)},
			[]analysis.Entity{{Type: "MISC", Start: 5, End: 20}}},
		{"another type inside gives way", "", false, []analysis.Entity{ent("PER", 10, 14)},
			[]analysis.Entity{{Type: "LOC", Start: 10, End: 20, Ref: "place:x"}}},
		{"an entity elsewhere stays", "", false, []analysis.Entity{ent("ORG", 0, 5), ent("LOC", 10, 14), ent("LOC", 15, 20)},
			[]analysis.Entity{{Type: "ORG", Start: 0, End: 5}, {Type: "LOC", Start: 10, End: 20, Ref: "place:x"}}},
		{"an organisation cut short gives way to the actor's full name", "ORG", true, []analysis.Entity{ent("ORG", 10, 15)},
			[]analysis.Entity{{Type: "ORG", Start: 10, End: 20, Ref: "place:x"}}},
		{"an organisation inside a longer alias keeps its span", "ORG", false, []analysis.Entity{ent("ORG", 13, 20)},
			[]analysis.Entity{{Type: "ORG", Start: 13, End: 20, Ref: "place:x"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := &analysis.Analysis{Entities: append([]analysis.Entity(nil), tt.in...)}
			typ := tt.typ
			if typ == "" {
				typ = "LOC"
			}
			link(out, mention{typ: typ, start: 10, end: 20, ref: "place:x", full: tt.full}, nil)
			if len(out.Entities) != len(tt.want) {
				t.Fatalf("entities %+v, want %+v", out.Entities, tt.want)
			}
			for i, w := range tt.want {
				g := out.Entities[i]
				if g.Type != w.Type || g.Start != w.Start || g.End != w.End || g.Ref != w.Ref {
					t.Errorf("entity %d: %+v, want %+v", i, g, w)
				}
			}
		})
	}
}

// A place or an organisation the tagger cut short takes the span of the
// knowledge base's name; an organisation inside a descriptive alias
// (عناصر حزب الله, "members of Hezbollah") keeps its own, but a word of an
// alias that is none of the actor's names (الله of جماعة أنصار الله) gives
// way to it.
func TestStageCutNames(t *testing.T) {
	tests := []struct{ typ, text, tagged, want, ref string }{
		{"ORG", "خطفت جماعة بوكو حرام طالبات من مدرسة", "جماعة بوكو", "جماعة بوكو حرام", "actor:boko-haram"},
		{"ORG", "اشتبك الجيش مع عناصر حزب الله قرب الحدود", "حزب الله", "حزب الله", "actor:hezbollah"},
		{"PER", "قتل أبو مهدي المهندس في غارة قرب المطار", "أبو مهدي", "أبو مهدي المهندس", "actor:iq-muhandis"},
		{"PER", "استقبل الرئيس المصري عبد الفتاح السيسي الوزير", "عبد الفتاح السيسي", "عبد الفتاح السيسي", "actor:eg-sisi"},
		{"ORG", "قال المتحدث باسم جماعة أنصار الله إن الهجوم نجح", "الله", "جماعة أنصار الله", "actor:ye-houthis"},
		{"ORG", "تقدم المقاتلون الأكراد نحو البلدة", "الأكراد", "الأكراد", "actor:sy-ypg"},
		{"LOC", "عاد الوفد من جنوب أفريقيا أمس", "أفريقيا", "جنوب أفريقيا", "place:za"},
		// a person's name_ar takes in what the tagger cut off its front,
		// unless it begins with a title (a name without it is the name)
		{"PER", "قال المتحدث باسم الجيش الإسرائيلي أفيخاي أدرعي إن القوات انسحبت", "أدرعي", "أفيخاي أدرعي", "actor:il-adraee"},
		{"PER", "وحذر المرشد الأعلى آية الله علي خامنئي من الحرب", "خامنئي", "علي خامنئي", "actor:ir-khamenei"},
		{"PER", "استقبل خادم الحرمين الشريفين الملك سلمان بن عبدالعزيز الوفد", "سلمان بن عبدالعزيز", "سلمان بن عبدالعزيز", "actor:sa-king-salman"},
	}
	for _, tt := range tests {
		st, _ := runTagged(t, tt.text, tt.typ, tt.tagged, "")
		var got []string
		for _, e := range st.Out.Entities {
			if e.Type == tt.typ {
				got = append(got, e.Text+" "+string(e.Ref))
			}
		}
		if len(got) != 1 || got[0] != tt.want+" "+tt.ref {
			t.Errorf("%s: %s entities %q, want [%s %s]", tt.text, tt.typ, got, tt.want, tt.ref)
		}
	}
}

// A person's whole name does not swallow a piece of it when another of
// the tagger's persons runs across its edge: both keep the actor's ref.
func TestStageNameAcrossEdge(t *testing.T) {
	text := "قال إن القيادي الحمساوي صالح العاروري ينشط في تركيا"
	st, err := analysis.NewState(&analysis.Document{ID: "t", Text: text})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"الحمساوي صالح", "العاروري"} {
		at := len([]rune(text[:strings.Index(text, w)]))
		st.Out.Entities = append(st.Out.Entities, analysis.Entity{Type: "PER", Text: w, Start: at, End: at + len([]rune(w)), Norm: w})
	}
	if err := NewStage(nil).Run(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range st.Out.Entities {
		if e.Type == "PER" {
			got = append(got, e.Text+" "+string(e.Ref))
		}
	}
	if len(got) != 2 || got[1] != "العاروري actor:ps-arouri" {
		t.Errorf("persons %q, want the two pieces linked to actor:ps-arouri", got)
	}
}

// A tagger's LOC that is a country's name standing as a definite nisba
// adjective is dropped; the country itself, and an indefinite name after a
// noun (its complement as often as an adjective), are kept.
func TestStageAdjectives(t *testing.T) {
	tests := []struct {
		text, tagged string
		keep         bool
	}{
		{"تستعد الجامعات السعودية لبدء العام الدراسي", "السعودية", false},
		{"وصل الوزير إلى السعودية أمس", "السعودية", true},
		{"تظاهر آلاف ضد رئيس بوروندي في العاصمة", "بوروندي", true},
		// after a place's name, which has no article
		{"قتل 26 سائحا في هجوم على منتجع في كشمير الهندية", "الهندية", false},
	}
	for _, tt := range tests {
		st, at := runTagged(t, tt.text, "LOC", tt.tagged, "")
		kept := false
		for _, e := range st.Out.Entities {
			kept = kept || e.Type == "LOC" && e.Start == at
		}
		if kept != tt.keep {
			t.Errorf("%s: %s kept %v, want %v (entities %+v)", tt.text, tt.tagged, kept, tt.keep, st.Out.Entities)
		}
	}
}

// A mention of an actor without a name (المدنيين, "civilians") is no
// entity; it is kept in State.Parties, with its ref, for the event stage,
// and the actor is still listed.
func TestStageUnnamedParties(t *testing.T) {
	st, _ := runTagged(t, "اقتحم المستوطنين المسجد في الضفة الغربية", "LOC", "الضفة الغربية", "")
	if len(st.Parties) != 1 || st.Parties[0].Ref != "actor:il-settlers" {
		t.Errorf("parties %+v, want the settlers (named=no in actors.tsv)", st.Parties)
	}
	st, err := analysis.NewState(&analysis.Document{ID: "t", Text: "قتل تنظيم داعش عشرة من المدنيين في قرية قرب الموصل"})
	if err != nil {
		t.Fatal(err)
	}
	if err := NewStage(nil).Run(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	for _, e := range st.Out.Entities {
		if e.Ref == "actor:civilians" || strings.Contains(e.Text, "المدنيين") {
			t.Errorf("entity %+v: civilians are no named entity", e)
		}
	}
	if len(st.Parties) != 1 || st.Parties[0].Ref != "actor:civilians" || st.Parties[0].Text != "المدنيين" {
		t.Errorf("parties %+v, want المدنيين as actor:civilians", st.Parties)
	}
	listed := false
	for _, a := range st.Out.Actors {
		listed = listed || a.Ref == "actor:civilians"
	}
	if !listed {
		t.Errorf("actors %+v: civilians not listed", st.Out.Actors)
	}
}

// A person's name the tagger ran on into a place after the preposition ب
// ends there, and the place becomes its own entity; an organisation's
// name may hold such a place (القيادة الأمريكية لأفريقيا) and keeps it.
func TestStagePersonIntoPlace(t *testing.T) {
	tests := []struct{ text, typ, tagged, norm, want string }{
		{"نقل المصابون إلى مستشفى ناصر بخان يونس أمس", "PER", "ناصر بخان يونس", "ناصر بخان يونس", "PER ناصر ناصر|LOC بخان يونس خان يونس place:281124"},
		{"وصل الوفد إلى مطار الملك خالد بالرياض مساء", "PER", "خالد بالرياض", "خالد الرياض", "PER خالد خالد|LOC بالرياض الرياض place:108410"},
		{"قالت القيادة الأمريكية لأفريقيا إن الغارة نجحت", "ORG", "القيادة الأمريكية لأفريقيا", "القيادة الامريكية افريقيا", "ORG القيادة الأمريكية لأفريقيا القيادة الامريكية افريقيا"},
	}
	for _, tt := range tests {
		st, _ := runTagged(t, tt.text, tt.typ, tt.tagged, tt.norm)
		var got []string
		text := []rune(tt.text)
		for _, e := range st.Out.Entities {
			if string(text[e.Start:e.End]) != e.Text {
				t.Errorf("%s: entity %q spans %q", tt.text, e.Text, string(text[e.Start:e.End]))
			}
			got = append(got, strings.TrimSpace(e.Type+" "+e.Text+" "+e.Norm+" "+string(e.Ref)))
		}
		if g := strings.Join(got, "|"); !strings.HasPrefix(g, tt.want) {
			t.Errorf("%s: entities %s, want %s", tt.text, g, tt.want)
		}
	}
}

// An organisation named after a person does not take the person's ref.
func TestStageNamedAfterPerson(t *testing.T) {
	st, at := runTagged(t, "اتهم نائب عن حزب بارزاني إيران بالتدخل", "ORG", "حزب بارزاني", "")
	for _, e := range st.Out.Entities {
		if e.Start == at && e.Ref != "" {
			t.Errorf("%s: ref %q, want none", e.Text, e.Ref)
		}
	}
}

// The ref a person's name the tagger found takes, and the actor listed
// with it. One whose surname is a catalogue person's but whose given name
// is another's is someone else: no ref; nor is a person whose name holds a
// group's (عبد الخالق الحوثي is not the Houthi movement). A name with the
// father's in it is the catalogue's name without it, unless it is a
// prince's, which is all lineage.
func TestStagePersonRefs(t *testing.T) {
	tests := []struct{ text, tagged, ref string }{
		{"وقال يوسف أوباما الأخ غير الشقيق للرئيس إن العائلة فخورة", "يوسف أوباما", ""},
		{"وقال باراك أوباما إن الاتفاق جيد", "باراك أوباما", "actor:us-obama"},
		{"حكم حافظ الأسد سوريا ثلاثين عاما قبل ابنه بشار الأسد", "حافظ الأسد", ""},
		{"وقتل عبد الخالق الحوثي شقيق زعيم الجماعة في غارة", "عبد الخالق الحوثي", ""},
		// a catalogue surname that the name goes on after is a given name
		{"وفاز السباح كاميرون فان دير بيرغ بالسباق", "كاميرون فان دير بيرغ", ""},
		// a given name that none of the actor's names holds before the
		// surname the catalogue knows him by, listed as a given name or not
		{"وقال ألكسندر مدفيديف نائب رئيس غازبروم إن الإمدادات مستمرة", "ألكسندر مدفيديف", ""},
		{"وفاز المخرج ناداف لابيد بجائزة لجنة التحكيم", "ناداف لابيد", ""},
		{"وقال دميتري مدفيديف إن روسيا سترد", "دميتري مدفيديف", "actor:ru-medvedev"},
		// another spelling of the actor's given name is his; a second name
		// the tagger ran into the first is the actor's
		{"وقال الرئيس الفرنسي فرنسوا هولاند إن فرنسا ستشارك", "فرنسوا هولاند", "actor:fr-hollande"},
		// lineage
		{"وعبر وزير الخارجية عادل بن أحمد الجبير عن استنكار المملكة", "عادل بن أحمد الجبير", "actor:sa-jubeir"},
		{"وحضر الحفل الأمير سعود بن خالد الفيصل", "سعود بن خالد الفيصل", ""},
		{"وحضر الحفل سعود بن محمد العبدالله الفيصل", "سعود بن محمد العبدالله الفيصل", ""},
		{"وقال المدير محمد بن علي الحوثي إن المشروع اكتمل", "محمد بن علي الحوثي", ""},
		// an institution named after a person is not the person
		{"زار الوفد مستشفى الملك سلمان في الرياض", "الملك سلمان", ""},
		{"تخرج المستفيدون من مركز محمد بن نايف للمناصحة", "محمد بن نايف", ""},
		{"استقبل الأمير محمد بن نايف الوفد في جدة", "محمد بن نايف", "actor:sa-mohammed-bin-nayef"},
		// the tagger leaves the ruler's title out of the name: the
		// institution's word stands before the title
		{"هبطت الطائرة في مطار الملك عبدالله بن عبدالعزيز بجازان", "عبدالله بن عبدالعزيز", ""},
		{"وأقيمت المباراة على استاد الأمير سلمان بن عبدالعزيز", "سلمان بن عبدالعزيز", ""},
		{"وكان الملك عبدالله بن عبدالعزيز قد أسس المركز", "عبدالله بن عبدالعزيز", "actor:sa-king-abdullah"},
		{"وقال الأمين العام للجامعة نبيل العربي إن الحل سياسي", "نبيل العربي", "actor:arab-league-elaraby"},
		// a son's name ends with his father's full name; a title before
		// the name is no given name
		{"وجمدت تركيا أموال أحمد علي عبدالله صالح نجل الرئيس السابق", "أحمد علي عبدالله صالح", ""},
		{"وحذر المرشد آية الله علي خامنئي من الاتفاق", "آية الله علي خامنئي", "actor:ir-khamenei"},
		// a lineage name that goes on with another grandfather or a family
		// name is someone else's; with a grandfather the catalogue does not
		// give, it is still the man
		{"وحضر الأمير فيصل بن خالد بن سلطان الحفل", "فيصل بن خالد بن سلطان", ""},
		{"وقال عبدالله بن زايد الحربي إن المشروع اكتمل", "عبدالله بن زايد الحربي", ""},
		{"وأدى الصلاة مع الأمير فيصل بن خالد أمس", "فيصل بن خالد", "actor:sa-faisal-bin-khalid"},
		{"استقبل الأمير محمد بن سلمان بن عبدالعزيز الوفد", "محمد بن سلمان بن عبدالعزيز", "actor:sa-mohammed-bin-salman"},
		// a name that goes on before the person's with بن is a child's,
		// even with a given name the father's names hold
		{"وحضر الأمير عبدالعزيز بن سلمان بن عبدالعزيز الحفل", "عبدالعزيز بن سلمان بن عبدالعزيز", ""},
		{"وأشاد خادم الحرمين الشريفين سلمان بن عبدالعزيز بالجنود", "سلمان بن عبدالعزيز", "actor:sa-king-salman"},
		{"وبرز اسم مجتبى ابن خامنئي خليفة محتملا", "مجتبى ابن خامنئي", ""},
		// a father's name between given name and surname; the father himself
		{"واستقبل ولي العهد الرئيس رمضان أحمد قاديروف رئيس الشيشان", "رمضان أحمد قاديروف", "actor:ru-kadyrov"},
		{"ورث رمضان قاديروف الحكم عن أبيه أحمد قاديروف", "أحمد قاديروف", ""},
	}
	for _, tt := range tests {
		st, at := runTagged(t, tt.text, "PER", tt.tagged, "")
		if ref := refAt(t, st, at); ref != tt.ref {
			t.Errorf("%s: %s has ref %q, want %q", tt.text, tt.tagged, ref, tt.ref)
		}
		listed := false
		for _, a := range st.Out.Actors {
			listed = listed || a.Ref == tt.ref
		}
		if tt.ref != "" && !listed {
			t.Errorf("%s: %s not in actors[]", tt.text, tt.ref)
		}
	}
}

// A surname alone takes the ref of the person the document names in full
// with it; not when two persons end with it, nor for a lineage's last name.
func TestStageSurnames(t *testing.T) {
	tests := []struct {
		name   string
		text   string
		tagged []string // PER entities, in order, each at its first occurrence after the previous one
		want   string   // ref of the last one
	}{
		{"surname after the full name",
			"وقال علي عبد الله صالح إن الحرب ستطول. ويقاتل أنصار صالح في عدن",
			[]string{"علي عبد الله صالح", "صالح"}, "actor:ye-saleh"},
		{"with a proclitic",
			"استقبل علي عبد الله صالح الوفد. وقالت مصادر إن قوات الحوثي ولصالح تقدمت",
			[]string{"علي عبد الله صالح", "ولصالح"}, "actor:ye-saleh"},
		{"the same person named shorter without a ref",
			"وقال علي عبد الله صالح إن الحرب ستطول، وأضاف عبد الله صالح أنه باق. ويقاتل أنصار صالح في عدن",
			[]string{"علي عبد الله صالح", "عبد الله صالح", "صالح"}, "actor:ye-saleh"},
		{"another person with the same last name",
			"وقال علي عبد الله صالح إن الحرب ستطول، ورد أحمد علي صالح على ذلك. وقال صالح إن",
			[]string{"علي عبد الله صالح", "أحمد علي صالح", "صالح"}, ""},
		{"another person with it as given name",
			"وقال علي عبد الله صالح إن الحرب ستطول، ورد صالح الصماد على ذلك. وقال صالح إن",
			[]string{"علي عبد الله صالح", "صالح الصماد", "صالح"}, ""},
		{"the surname linked through an alias elsewhere",
			"اتهمت الحكومة المخلوع صالح بالانقلاب. وتقاتل ميليشيات الحوثي وصالح في عدن",
			[]string{"صالح", "وصالح"}, "actor:ye-saleh"},
		{"no full name in the document",
			"ويقاتل أنصار صالح في عدن",
			[]string{"صالح"}, ""},
		{"a lineage: the last name is the father's",
			"وقال ولي العهد محمد بن نايف إن الأمن مستتب. وكان نايف وزيرا للداخلية",
			[]string{"محمد بن نايف", "نايف"}, ""},
		{"a family name after the lineage is the person's",
			"وقال وزير الخارجية عادل بن أحمد الجبير إن الحل سياسي. وأضاف الجبير أن",
			[]string{"عادل بن أحمد الجبير", "الجبير"}, "actor:sa-jubeir"},
		{"the second word of a two-word given name is no family name",
			"وأشاد خادم الحرمين الشريفين سلمان بن عبد العزيز بالجنود. وحفظ الله الوطن العزيز",
			[]string{"سلمان بن عبد العزيز", "العزيز"}, ""},
		{"a word the tagger took into the name is not the person's",
			"قال خادم الحرمين الشريفين سلمان أناب ولي العهد. أناب",
			[]string{"سلمان أناب", "أناب"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, starts := runTaggedAll(t, tt.text, "PER", tt.tagged...)
			last := starts[len(starts)-1]
			if ref := refAt(t, st, last); ref != tt.want {
				t.Errorf("%s has ref %q, want %q", tt.tagged[len(tt.tagged)-1], ref, tt.want)
			}
		})
	}
}

// runTaggedAll runs the stage on text with the tagger's entities of one
// type, each found after the one before it; it returns their starts.
func runTaggedAll(t *testing.T, text, typ string, tagged ...string) (*analysis.State, []int) {
	t.Helper()
	st, err := analysis.NewState(&analysis.Document{ID: "t", Text: text})
	if err != nil {
		t.Fatal(err)
	}
	from := 0
	var starts []int
	for _, w := range tagged {
		i := from + strings.Index(text[from:], w)
		at := len([]rune(text[:i]))
		norm := w
		if !strings.Contains(w, " ") {
			seg := arabic.Segment(w)
			norm = seg.Stem
			if seg.HasArticle() {
				norm = "ال" + norm
			}
		}
		st.Out.Entities = append(st.Out.Entities, analysis.Entity{Type: typ, Text: w, Start: at, End: at + len([]rune(w)), Norm: norm})
		from = i + len(w)
		starts = append(starts, at)
	}
	if err := NewStage(nil).Run(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	return st, starts
}

// The word for a kind of state that the tagger left as a place of its own
// joins the country's name after it.
func TestStageCountryWord(t *testing.T) {
	tests := []struct {
		text   string
		tagged []string
		want   []string // entities as text=ref
	}{
		{"وصل الوزير إلى سلطنة عُمان أمس", []string{"سلطنة", "عُمان"}, []string{"سلطنة عُمان=place:om"}},
		{"زار الملك المملكة المغربية", []string{"المملكة", "المغربية"}, []string{"المملكة المغربية=place:ma"}},
		// a province's word is no part of the name
		{"وصل الوزير إلى محافظة أبين أمس", []string{"محافظة", "أبين"}, []string{"أبين=place:ye-abyan"}},
	}
	for _, tt := range tests {
		st, _ := runTaggedAll(t, tt.text, "LOC", tt.tagged...)
		var got []string
		for _, e := range st.Out.Entities {
			got = append(got, e.Text+"="+string(e.Ref))
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: %q, want %q", tt.text, got, tt.want)
		}
	}
}

// An organisation named with a word of its own (a club, a university)
// around an actor's alias is another organisation, and the actor it does
// not name is not listed; a MISC on exactly an actor's name is the actor.
func TestStageOwnHeadAndMisc(t *testing.T) {
	tests := []struct {
		text, typ, tagged string
		ref               string // of the entity
		listed            bool   // the actor in actors[]
		actor             string
	}{
		{"وأعلن نادي الطيران السعودي عن بطولة جديدة", "ORG", "نادي الطيران السعودي", "", false, "actor:sa-air-force"},
		{"وشن الطيران السعودي غارات على مواقع الحوثيين", "ORG", "الطيران السعودي", "actor:sa-air-force", true, "actor:sa-air-force"},
		{"وأعلن البيت الأبيض أن الرئيس سيزور المنطقة", "MISC", "البيت الأبيض", "actor:us-government", true, "actor:us-government"},
	}
	for _, tt := range tests {
		st, at := runTagged(t, tt.text, tt.typ, tt.tagged, "")
		found := false
		for _, e := range st.Out.Entities {
			if e.Start == at {
				found = true
				if string(e.Ref) != tt.ref || e.Type != tt.typ {
					t.Errorf("%s: %s %s has ref %q, want %s %q", tt.text, e.Type, e.Text, e.Ref, tt.typ, tt.ref)
				}
			}
		}
		if !found {
			t.Errorf("%s: the tagger's %s is gone", tt.text, tt.tagged)
		}
		listed := false
		for _, a := range st.Out.Actors {
			listed = listed || a.Ref == tt.actor
		}
		if listed != tt.listed {
			t.Errorf("%s: %s listed in actors[] = %v, want %v", tt.text, tt.actor, listed, tt.listed)
		}
	}
}

// A king's title before another king's name is his, not King Salman's.
func TestStageTitleOfAnother(t *testing.T) {
	tests := []struct {
		text   string
		tagged []string
		want   string // ref of the title
	}{
		{"أمر خادم الحرمين الشريفين الملك عبدالله بن عبدالعزيز بالتوسعة", []string{"خادم الحرمين الشريفين", "عبدالله بن عبدالعزيز"}, ""},
		{"أمر خادم الحرمين الشريفين الملك سلمان بن عبدالعزيز بالتوسعة", []string{"خادم الحرمين الشريفين", "سلمان بن عبدالعزيز"}, "actor:sa-king-salman"},
		// the person after another title is not the king: he is received
		{"هنأ خادم الحرمين الشريفين الرئيس سيرجيو ماتاريلا بانتخابه", []string{"خادم الحرمين الشريفين", "سيرجيو ماتاريلا"}, "actor:sa-king-salman"},
		// any title that shares no word with the person's name
		{"نزل فيه العاهل الأردني الملك حسين عام 1960", []string{"العاهل الأردني", "حسين"}, ""},
		// the king's deputy: the title is still the king's
		{"استقبل نائب خادم الحرمين الشريفين الأمير محمد بن نايف الوفد", []string{"خادم الحرمين الشريفين", "محمد بن نايف"}, "actor:sa-king-salman"},
	}
	for _, tt := range tests {
		st, starts := runTaggedAll(t, tt.text, "PER", tt.tagged...)
		if ref := refAt(t, st, starts[0]); ref != tt.want {
			t.Errorf("%s: %s has ref %q, want %q", tt.text, tt.tagged[0], ref, tt.want)
		}
	}
}

// A place the tagger kept whole takes the place's reading of the word as
// its norm: وجدة (Oujda's name) is و + جدة, Jeddah.
func TestStagePlaceNorm(t *testing.T) {
	st, at := runTagged(t, "تسير الشركة رحلات بين الرياض وجدة كل يوم", "LOC", "وجدة", "وجدة")
	if e := entityAt(t, st, at); e.Norm != "جدة" || e.Ref != "place:105343" {
		t.Errorf("%s: norm %q ref %q, want جدة and place:105343", e.Text, e.Norm, e.Ref)
	}
}

// A LOC on exactly an actor's name that no place took is that
// organisation or person; a LOC that is a place stays one; a PER or an ORG on
// exactly a catalogue name of the other kind takes the catalogue's type.
func TestStageLOCActor(t *testing.T) {
	tests := []struct{ text, tagged, tagType, typ, ref string }{
		{"وأعلنت اليونسكو تسجيل الموقع على قائمة التراث", "اليونسكو", "LOC", "ORG", "actor:unesco"},
		{"وصل الوفد إلى بغداد أمس", "بغداد", "LOC", "LOC", "place:98182"},
		{"وقال أوباما إن الاتفاق يمنع إيران من القنبلة", "أوباما", "LOC", "PER", "actor:us-obama"},
		{"قتل عبد الغني الككلي المعروف بغنيوة في طرابلس", "بغنيوة", "LOC", "PER", "actor:ly-kikli"},
		// exactly a catalogue name of the other kind takes its type
		{"وقال الشاباك إن الخلية اعتقلت", "الشاباك", "PER", "ORG", "actor:il-shin-bet"},
		{"وصل المبعوث برناردينو ليون إلى تونس", "برناردينو ليون", "ORG", "PER", "actor:ly-leon"},
		// a person across an organisation's name is neither
		{"وزع مركز الملك سلمان بن عبدالعزيز للإغاثة المساعدات", "سلمان بن عبدالعزيز", "PER", "PER", ""},
		// إدارة before a place is administering it, or an office of it:
		// the place is named, not an organisation's name hidden, as after
		// شرطة or نادي
		{"قالت السلطة إنها مستعدة لإدارة غزة بعد الحرب", "غزة", "LOC", "LOC", "place:281133"},
		{"وقال مدير إدارة سجن بريدة إن النزلاء زاروا ذويهم", "بريدة", "LOC", "LOC", "place:107304"},
		{"أعلن نادي الرياض تعاقده مع مدرب جديد", "الرياض", "LOC", "LOC", ""},
	}
	for _, tt := range tests {
		st, at := runTagged(t, tt.text, tt.tagType, tt.tagged, "")
		if e := entityAt(t, st, at); e.Type != tt.typ || string(e.Ref) != tt.ref {
			t.Errorf("%s: %s %s ref %q, want %s %q", tt.text, e.Type, e.Text, e.Ref, tt.typ, tt.ref)
		}
	}
}

// refAt returns the ref of the entity that starts at code point at; it
// fails the test when the stage left none there.
func refAt(t *testing.T, st *analysis.State, at int) string {
	t.Helper()
	return string(entityAt(t, st, at).Ref)
}

// entityAt returns the entity that starts at code point at, failing the
// test (and returning a zero entity) when there is none.
func entityAt(t *testing.T, st *analysis.State, at int) analysis.Entity {
	t.Helper()
	for _, e := range st.Out.Entities {
		if e.Start == at {
			return e
		}
	}
	t.Errorf("no entity at %d in %q", at, st.Text)
	return analysis.Entity{}
}

// A site's name the tagger called an organisation is the site after the
// site's word (قاعدة «إنجرليك»), and stays an organisation elsewhere.
func TestStageSiteTaggedORG(t *testing.T) {
	tests := []struct{ text, typ, ref string }{
		{"وسمحت تركيا باستخدام قاعدة «إنجرليك» الجوية", "LOC", "place:tr-incirlik"},
		{"وسمحت تركيا باستخدام قاعدة « إنجرليك » الجوية", "LOC", "place:tr-incirlik"},
		{"وقالت إنجرليك للطيران إن الرحلات متوقفة", "ORG", ""},
		// a bare site's name alone is the site
		{"وهبطت الطائرات في إنجرليك بعد منتصف الليل", "LOC", "place:tr-incirlik"},
	}
	for _, tt := range tests {
		st, at := runTagged(t, tt.text, "ORG", "إنجرليك", "")
		if e := entityAt(t, st, at); e.Type != tt.typ || string(e.Ref) != tt.ref {
			t.Errorf("%s: %s %q, want %s %q", tt.text, e.Type, e.Ref, tt.typ, tt.ref)
		}
	}
	// a proclitic on the name: لبنينا is "for our sons", not Benina
	st, at := runTagged(t, "نريد لبنينا مستقبلا أفضل", "ORG", "لبنينا", "")
	if e := entityAt(t, st, at); e.Type != "ORG" {
		t.Errorf("لبنينا: %s %q, want ORG", e.Type, e.Ref)
	}
}

// A one-word person's name joined by و to an armed group's is the one
// catalogue person of the group's country whose name ends with it.
func TestStageListedLeaders(t *testing.T) {
	tests := []struct {
		name   string
		text   string
		tagged string // the person's name the tagger found
		want   string
	}{
		{"after the group", "قصفت الطائرات مواقع ميليشيات الحوثي وصالح في تعز", "وصالح", "actor:ye-saleh"},
		{"before the group", "جمدت تركيا أموال صالح والحوثي", "صالح", "actor:ye-saleh"},
		{"not listed", "وقال صالح إن الفريق جاهز للمباراة", "صالح", ""},
		{"listed with a place", "وصل الوفد إلى تعز وصالح في المطار", "وصالح", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, at := runTagged(t, tt.text, "PER", tt.tagged, "صالح")
			if ref := refAt(t, st, at); ref != tt.want {
				t.Errorf("%s has ref %q, want %q", tt.tagged, ref, tt.want)
			}
		})
	}
}

// A person the tagger found on exactly a place's name of two words or
// more that begins with no given name is the place.
func TestStagePlaceTaggedPER(t *testing.T) {
	tests := []struct{ text, tagged, typ, ref string }{
		{"وقع تفجير في خان بني سعد شمال بغداد", "خان بني سعد", "LOC", "place:iq-khan-bani-saad"},
		{"وقال صلاح الدين إن الفريق جاهز", "صلاح الدين", "PER", ""},
		// the direction after the place taken in (أبو سليم جنوب)
		{"اندلعت اشتباكات في منطقة أبو سليم جنوب العاصمة الليبية طرابلس", "أبو سليم جنوب", "LOC", "place:ly-abu-salim"},
		// places joined by و, taken for one person
		{"أسقطت الدفاعات الجوية مسيرات فوق مقاطعات بريانسك وكورسك وبيلغورود خلال الليل", "بريانسك وكورسك وبيلغورود", "LOC", "place:571476"},
	}
	for _, tt := range tests {
		st, at := runTagged(t, tt.text, "PER", tt.tagged, "")
		if e := entityAt(t, st, at); e.Type != tt.typ || string(e.Ref) != tt.ref {
			t.Errorf("%s: %s %q, want %s %q", tt.text, e.Type, e.Ref, tt.typ, tt.ref)
		}
	}
}

// A place named inside its own institution's name (شرطة جدة) is no place
// mention: the tagger's LOC keeps no ref and places[] does not list it,
// but the stage hands it to the event stage (State.Institutions). A
// newspaper named after a city (صحيفة الرياض) is neither.
func TestStageInstitutionPlaces(t *testing.T) {
	st, at := runTagged(t, "قالت شرطة جدة إن صحيفة الرياض نشرت الخبر", "LOC", "جدة", "")
	if ref := refAt(t, st, at); ref != "" {
		t.Errorf("جدة of شرطة جدة has ref %q", ref)
	}
	if len(st.Out.Places) != 0 {
		t.Errorf("places %+v, want none", st.Out.Places)
	}
	if len(st.Institutions) != 1 || st.Institutions[0].Place.Ref != "place:105343" || st.Institutions[0].Start != at {
		t.Errorf("institutions %+v, want Jeddah's police alone", st.Institutions)
	}
}

// The country's adjective (إسرائيلية, الروسي) is handed to the event
// stage with the actor of that country's forces; an adjective of no
// country with forces (العربية) is not.
func TestStageNationals(t *testing.T) {
	text := "قتل ثلاثة في غارة إسرائيلية على بلدة لبنانية، وتواصل القصف الروسي، وقالت الجامعة العربية إن"
	st, _ := runTagged(t, text, "LOC", "بلدة", "")
	want := map[string]string{"إسرائيلية": "actor:il-idf", "لبنانية": "actor:lb-army", "الروسي": "actor:ru-armed-forces"}
	got := map[string]string{}
	for _, n := range st.Nationals {
		got[st.Slice(n.Start, n.End)] = n.Actor.Ref
	}
	if !maps.Equal(got, want) {
		t.Errorf("nationals %v, want %v", got, want)
	}
	// and the countries it names, marked as names
	st, _ = runTagged(t, "وقصفت تركيا مواقع في شمال العراق", "LOC", "تركيا", "")
	names := map[string]string{}
	for _, n := range st.Nationals {
		if n.Name {
			names[st.Slice(n.Start, n.End)] = n.Actor.Ref
		}
	}
	if names["تركيا"] != "actor:tr-army" || names["العراق"] != "actor:iq-army" {
		t.Errorf("countries named %v, want Turkey's and Iraq's forces", names)
	}
	// and in the plural, dual or accusative, marked as such (the event
	// stage reads those after a soldier only)
	st, _ = runTagged(t, "قتل 34 جنديا نيجيريا وجنديان باكستانيان وثلاثة جنود أمريكيين في هجوم", "LOC", "نيجيريا", "")
	inflected := map[string]string{}
	for _, n := range st.Nationals {
		if n.Inflected {
			inflected[st.Slice(n.Start, n.End)] = n.Actor.Ref
		}
	}
	if want := map[string]string{"نيجيريا": "actor:ng-army", "باكستانيان": "actor:pk-army", "أمريكيين": "actor:us-armed-forces"}; !maps.Equal(inflected, want) {
		t.Errorf("inflected nationals %v, want %v", inflected, want)
	}
	if a := Default().Forces("il"); a == nil || a.Ref != "actor:il-idf" {
		t.Errorf("Forces(il) = %+v, want il-idf", a)
	}
}
