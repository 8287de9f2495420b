package event

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/marsad/marsad/analysis"
	"github.com/marsad/marsad/arabic"
)

// doc builds a document under analysis and lets the test play the earlier
// stages: mark(word, …) finds a word in the text and records what those
// stages would have said about it.
type doc struct {
	t  *testing.T
	st *analysis.State
}

func newDoc(t *testing.T, title, text, published string) *doc {
	t.Helper()
	st, err := analysis.NewState(&analysis.Document{ID: "t", Title: title, Text: text, Published: published})
	if err != nil {
		t.Fatal(err)
	}
	st.Out.Relevance = &analysis.Relevance{Relevant: true, Score: 0.9}
	return &doc{t, st}
}

// span returns the code-point span of the nth (0-based) occurrence of s.
func (d *doc) span(s string, nth int) (int, int) {
	d.t.Helper()
	rs := []rune(d.st.Text)
	w := []rune(s)
	for i := 0; i+len(w) <= len(rs); i++ {
		if string(rs[i:i+len(w)]) == s {
			if nth == 0 {
				return i, i + len(w)
			}
			nth--
		}
	}
	d.t.Fatalf("%q not in text", s)
	return 0, 0
}

func (d *doc) place(word string, nth int, p analysis.Place) {
	s, e := d.span(word, nth)
	d.st.Out.Entities = append(d.st.Out.Entities, analysis.Entity{Type: "LOC", Text: word, Start: s, End: e, Ref: analysis.Str(p.Ref)})
	for _, q := range d.st.Out.Places {
		if q.Ref == p.Ref {
			return
		}
	}
	d.st.Out.Places = append(d.st.Out.Places, p)
}

func (d *doc) actor(word string, nth int, a analysis.Actor) {
	s, e := d.span(word, nth)
	d.st.Out.Entities = append(d.st.Out.Entities, analysis.Entity{Type: "ORG", Text: word, Start: s, End: e, Ref: analysis.Str(a.Ref), Norm: word})
	d.st.Out.Actors = append(d.st.Out.Actors, a)
}

func (d *doc) time(expr string, value, prec string) {
	s, e := d.span(expr, 0)
	d.st.Out.Times = append(d.st.Out.Times, analysis.Time{Text: expr, Start: s, End: e, Value: analysis.Str(value), Precision: prec})
}

func (d *doc) qty(expr string, value float64, role string) {
	s, e := d.span(expr, 0)
	d.st.Out.Quantities = append(d.st.Out.Quantities, analysis.Quantity{Text: expr, Start: s, End: e, Value: value, Unit: "person", Role: role})
}

func (d *doc) code() []analysis.Event { return mustCoder(d.t).Code(d.st) }

var (
	abha  = analysis.Place{Ref: "place:abha", Name: "أبها", NameEn: "Abha", Kind: "city", Country: "SA", Lat: 18.2164, Lon: 42.5053}
	saudi = analysis.Place{Ref: "place:sa", Name: "السعودية", NameEn: "Saudi Arabia", Kind: "country", Country: "SA", Lat: 24, Lon: 45}
	mosul = analysis.Place{Ref: "place:mosul", Name: "الموصل", NameEn: "Mosul", Kind: "city", Country: "IQ", Lat: 36.335, Lon: 43.119}
	isis  = analysis.Actor{Ref: "actor:islamic-state", Name: "داعش", NameEn: "Islamic State", Kind: "rebel_group"}
	iraqi = analysis.Actor{Ref: "actor:iraq-army", Name: "الجيش العراقي", NameEn: "Iraqi Army", Kind: "state_forces"}
)

func intp(v int) *int { return &v }

func TestSuicideBombingMergedOnce(t *testing.T) {
	d := newDoc(t, "تفجير انتحاري يستهدف مسجداً في أبها",
		"قُتل خمسة عشر شخصاً وأصيب تسعة آخرون، اليوم الخميس، في تفجير انتحاري استهدف مسجداً في مدينة أبها جنوب السعودية. "+
			"وتبنى تنظيم داعش الهجوم. وقال المتحدث الأمني إن الانتحاري فجر حزاماً ناسفاً بين المصلين.", "2015-08-06")
	d.place("أبها", 0, abha)
	d.place("أبها", 1, abha)
	d.place("السعودية", 0, saudi)
	d.actor("داعش", 0, isis)
	d.time("اليوم الخميس", "2015-08-06", "day")
	d.qty("خمسة عشر شخصاً", 15, "fatalities")
	d.qty("تسعة آخرون", 9, "injuries")
	evs := d.code()
	if len(evs) != 1 {
		for _, e := range evs {
			t.Logf("%s/%s %q", e.Type, e.SubType, e.Evidence.Text)
		}
		t.Fatalf("%d events, want the one bombing", len(evs))
	}
	e := evs[0]
	if e.Type != "explosions_remote_violence" || e.SubType != "suicide_bomb" || e.Cameo != "1831" {
		t.Errorf("type %s/%s cameo %s", e.Type, e.SubType, e.Cameo)
	}
	if e.Location == nil || e.Location.NameEn != "Abha" || e.Location.Country != "SA" {
		t.Errorf("location %+v", e.Location)
	}
	if e.Date != "2015-08-06" || e.DatePrecision != "day" {
		t.Errorf("date %s %s", e.Date, e.DatePrecision)
	}
	if e.Fatalities == nil || *e.Fatalities != 15 || e.Injuries == nil || *e.Injuries != 9 {
		t.Errorf("fatalities %v injuries %v", e.Fatalities, e.Injuries)
	}
	found := false
	for _, a := range e.Actors {
		found = found || a.Ref == "actor:islamic-state"
	}
	if !found {
		t.Errorf("the claim of responsibility did not name the perpetrator: %+v", e.Actors)
	}
	hasCivilians := false
	for _, tg := range e.Targets {
		hasCivilians = hasCivilians || tg.NameEn == "civilians"
	}
	if !hasCivilians {
		t.Errorf("worshippers not coded as civilian targets: %+v", e.Targets)
	}
	if !strings.Contains(e.Evidence.Text, "تفجير انتحاري") || e.Confidence < 0.7 || e.Confidence > 1 {
		t.Errorf("evidence %q confidence %v", e.Evidence.Text, e.Confidence)
	}
	if d.st.Slice(e.Evidence.Start, e.Evidence.End) != e.Evidence.Text {
		t.Errorf("evidence span does not select its text")
	}
}

func TestNotEvents(t *testing.T) {
	tests := []struct{ name, text string }{
		{"threat", "هدد التنظيم بتنفيذ تفجيرات في العاصمة خلال الأيام المقبلة."},
		{"future", "قال المسؤول إن الطائرات ستقصف مواقع المسلحين قريباً."},
		{"plan", "أحبطت الشرطة مخططاً يعتزم تنفيذ هجوم."}, // the foiling is an event, checked below
		{"hypothetical", "وحذر من أنه إذا استمر القصف فإن الوضع سيتفاقم."},
		{"generic", "وأكد أهمية مكافحة الإرهاب والتطرف في المنطقة."},
		{"rumour, denial far before", "نفت الشرطة اليوم في بيان رسمي صدر عن المتحدث باسمها ماتردد عن قيام انتحاري بتفجير مسجد في المدينة."},
		{"rumour, spelt apart", "وأوضح المصدر أن ما تردد عن وقوع انفجار قرب السفارة غير صحيح."},
		{"idiom", "وطالب المبعوث سكان المنطقة بإظهار أكبر قدر ممكن من ضبط النفس."},
		{"idiom, an institution", "وأوضح مدير إدارة الضبط الجنائي أن الإجراءات تطورت."},
		{"the truth of reports", "ورفضت المتحدثة التعليق حين سئلت عن صحة التقارير الخاصة بالضربة الجوية."},
		{"a ceasefire", "ودعا الشيخ الطرفين إلى وقف إطلاق النار في المدينة."},
		{"dawn, not a detonation", "شيع الأهالي فجر أمس جثمان الفقيد إلى مثواه الأخير."},
		{"a pencil's lead", "اشترى الطالب قلم رصاص ودفترا."},
		{"hostages brought back", "وتعهد الوزير بمواصلة العمليات حتى استعادة الرهائن المحتجزين في القطاع."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := newDoc(t, "", tt.text, "2015-08-06")
			evs := d.code()
			for _, e := range evs {
				if tt.name == "plan" && e.SubType == "disrupted_weapons_use" {
					continue
				}
				t.Errorf("%q gave an event %s/%s", tt.text, e.Type, e.SubType)
			}
		})
	}
	// an irrelevant article (a football match) has no events
	d := newDoc(t, "", "شن الفريق هجوماً قوياً وسجل هدفين في المباراة.", "2015-08-06")
	d.st.Out.Relevance = &analysis.Relevance{Score: 0.05}
	if evs := d.code(); len(evs) != 0 {
		t.Errorf("sport article gave %d events", len(evs))
	}
	// ضبط is still a seizure outside the idiom
	d = newDoc(t, "", "وتمكنت الشرطة من ضبط خلية إرهابية في الموصل.", "2016-03-10")
	d.place("الموصل", 0, mosul)
	if evs := d.code(); len(evs) != 1 || evs[0].SubType != "arrests" {
		t.Errorf("a cell seized: %+v", evs)
	}
	// a negation that is not about the trigger does not cancel it
	d = newDoc(t, "", "قُتل ثلاثة من الشرطة في هجوم مسلح على نقطة تفتيش في الموصل، ولم تعلن أي جهة مسؤوليتها عن الهجوم.", "2016-03-10")
	d.place("الموصل", 0, mosul)
	if evs := d.code(); len(evs) != 1 {
		t.Errorf("attack with an unclaimed responsibility: %d events", len(evs))
	}
}

func TestTwoIncidentsAndFallbacks(t *testing.T) {
	d := newDoc(t, "", "الموصل - أفاد مصدر أمني بمقتل أربعة جنود في اشتباكات مع مسلحي داعش أمس. "+
		"وفي حادث منفصل، استعاد الجيش العراقي السيطرة على قرية قرب الموصل يوم الجمعة 4 مارس.", "2016-03-06")
	d.place("الموصل", 0, mosul)
	d.place("الموصل", 1, mosul)
	d.actor("داعش", 0, isis)
	d.actor("الجيش العراقي", 0, iraqi)
	d.time("أمس", "2016-03-05", "day")
	d.time("يوم الجمعة 4 مارس", "2016-03-04", "day")
	d.qty("أربعة جنود", 4, "fatalities")
	evs := d.code()
	if len(evs) != 2 {
		for _, e := range evs {
			t.Logf("%s/%s %s %q", e.Type, e.SubType, e.Date, e.Evidence.Text)
		}
		t.Fatalf("%d events, want 2", len(evs))
	}
	if evs[0].SubType != "armed_clash" || evs[0].Date != "2016-03-05" || *evs[0].Fatalities != 4 || evs[0].Location.NameEn != "Mosul" {
		t.Errorf("clash: %+v", evs[0])
	}
	if evs[1].SubType != "government_regains_territory" || evs[1].Date != "2016-03-04" || evs[1].Fatalities != nil {
		t.Errorf("regained territory: %s %s %v", evs[1].SubType, evs[1].Date, evs[1].Fatalities)
	}
	// an undated report takes the published date; an unplaced one has no location
	d = newDoc(t, "", "اعتقلت قوات الأمن خمسة مشتبه بهم.", "2015-07-18")
	d.qty("خمسة مشتبه بهم", 5, "arrests")
	evs = d.code()
	if len(evs) != 1 || evs[0].SubType != "arrests" || evs[0].Date != "2015-07-18" || evs[0].Location != nil {
		t.Errorf("arrests: %+v", evs)
	}
}

func TestTablesParse(t *testing.T) {
	if _, err := Default(); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []struct{ trig, cues, want string }{
		{"قصف\tbattles\tsuicide_bomb\t194\t0.8\n", "", "not a sub-type"},
		{"قصف\twar\t-\t-\t0.8\n", "", "unknown event type"},
		{"قصف\tbattles\t-\tx\t0.8\n", "", "CAMEO"},
		{"قصف\tbattles\t-\t-\t2\n", "", "weight"},
		{"قصف\tbattles\n", "", "line 1"},
		{"", "ربما\tmaybe\n", "unknown cue kind"},
	} {
		_, err := Parse(bad.trig, bad.cues, nil)
		if err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("Parse(%q, %q) = %v, want %q", bad.trig, bad.cues, err, bad.want)
		}
	}
}

func TestPlaceOfAllegianceIsNotWhere(t *testing.T) {
	damascus := analysis.Place{Ref: "place:damascus", Name: "دمشق", NameEn: "Damascus", Kind: "city", Country: "SY", Lat: 33.51, Lon: 36.29}
	idlib := analysis.Place{Ref: "place:idlib", Name: "إدلب", NameEn: "Idlib", Kind: "city", Country: "SY", Lat: 35.93, Lon: 36.63}
	tests := []struct {
		name, text string
		places     []analysis.Place
		words      []string
		want       string // name_en of the event's place, "" for none
	}{
		{"loyal to", "دارت اشتباكات عنيفة أمس بين فصائل المعارضة والقوات الموالية لدمشق.", []analysis.Place{damascus}, []string{"دمشق"}, ""},
		{"loyal to, then where", "دارت اشتباكات عنيفة بين فصائل المعارضة والقوات الموالية لدمشق قرب إدلب.", []analysis.Place{damascus, idlib}, []string{"دمشق", "إدلب"}, "Idlib"},
		{"ambassador", "أدان سفير دمشق الهجوم المسلح الذي قتل فيه ثلاثة أشخاص.", []analysis.Place{damascus}, []string{"دمشق"}, ""},
		{"led by", "شنت طائرات التحالف بقيادة دمشق غارات على مواقع المسلحين.", []analysis.Place{damascus}, []string{"دمشق"}, ""},
		{"led by, then where", "شنت طائرات التحالف بقيادة دمشق غارات على مواقع المسلحين في إدلب.", []analysis.Place{damascus, idlib}, []string{"دمشق", "إدلب"}, "Idlib"},
		{"where", "دارت اشتباكات عنيفة بين فصائل المعارضة والقوات الحكومية في دمشق.", []analysis.Place{damascus}, []string{"دمشق"}, "Damascus"},
		// capitals that accuse or condemn are governments
		{"accused", "قتل مسلحون 26 سائحا في هجوم على منتجع في إدلب، واتهمت دمشق بيروت بالوقوف وراء الهجوم.", []analysis.Place{idlib, damascus}, []string{"إدلب", "دمشق"}, "Idlib"},
		{"condemned", "أدانت دمشق الهجوم المسلح الذي قتل فيه ثلاثة أشخاص.", []analysis.Place{damascus}, []string{"دمشق"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := newDoc(t, "", tt.text, "2015-07-21")
			for i, w := range tt.words {
				d.place(w, 0, tt.places[i])
			}
			evs := d.code()
			if len(evs) != 1 {
				t.Fatalf("%d events, want 1", len(evs))
			}
			got := ""
			if l := evs[0].Location; l != nil {
				got = string(l.NameEn)
			}
			if got != tt.want {
				t.Errorf("place %q, want %q", got, tt.want)
			}
		})
	}
}

func TestHeadlineMoreSpecificThanBody(t *testing.T) {
	asir := analysis.Place{Ref: "place:asir", Name: "عسير", NameEn: "Asir Region", Kind: "admin1", Country: "SA", Lat: 19.1, Lon: 43.2}
	d := newDoc(t, "مقتل 15 في تفجير انتحاري بمسجد في أبها",
		"حدث تفجير أثناء صلاة الظهر في مسجد بمنطقة عسير، نتج عنه مقتل 15 شخصا.", "2015-08-06")
	d.place("أبها", 0, abha)
	d.place("عسير", 0, asir)
	d.qty("15 شخصا", 15, "fatalities")
	evs := d.code()
	if len(evs) != 1 {
		t.Fatalf("%d events, want the one bombing", len(evs))
	}
	e := evs[0]
	if e.SubType != "suicide_bomb" {
		t.Errorf("sub-type %s, want the headline's suicide_bomb", e.SubType)
	}
	if e.Location == nil || e.Location.NameEn != "Abha" {
		t.Errorf("location %+v, want the headline's Abha over the body's region", e.Location)
	}
	if !strings.Contains(e.Evidence.Text, "صلاة الظهر") {
		t.Errorf("evidence %q, want the body's sentence", e.Evidence.Text)
	}
}

// TestTouristsAreCivilians: gunmen killing tourists at a resort attack
// civilians; it is no battle.
func TestTouristsAreCivilians(t *testing.T) {
	for _, c := range []struct {
		text, qty string
		n         float64
	}{
		{"قتل مسلحون 26 سائحا في هجوم على منتجع قرب الموصل.", "26 سائحا", 26},
		{"قتل مسلحون 20 صيادا في هجوم على ضفاف النهر قرب الموصل.", "20 صيادا", 20}, // fishermen
	} {
		d := newDoc(t, "", c.text, "2025-04-22")
		d.place("الموصل", 0, mosul)
		d.qty(c.qty, c.n, "fatalities")
		evs := d.code()
		if len(evs) != 1 || evs[0].Type != "violence_against_civilians" {
			for _, e := range evs {
				t.Logf("%s/%s %q", e.Type, e.SubType, e.Evidence.Text)
			}
			t.Errorf("%s: want one attack on civilians", c.text)
		}
	}
}

// The catalogue's civilians (المدنيين, linked by the kb) and the coder's
// are the same target, named once.
func TestCiviliansOnce(t *testing.T) {
	civ := analysis.Actor{Ref: "actor:civilians", Name: "المدنيون", NameEn: "Civilians", Kind: "civilians"}
	ev := oneEventNamed(t, "قصفت الطائرات منازل المدنيين قرب الموصل وقتلت عشرة أطفال.", "المدنيين", civ)
	n := 0
	for _, a := range ev.Targets {
		if a.NameEn == "civilians" || a.Ref == analysis.Str(civ.Ref) {
			n++
		}
	}
	if n != 1 {
		t.Errorf("targets %+v: civilians %d times, want once", ev.Targets, n)
	}
}

func TestVictimsAreTargets(t *testing.T) {
	has := func(list []analysis.ActorRef, ref string) bool {
		for _, a := range list {
			if string(a.Ref) == ref {
				return true
			}
		}
		return false
	}
	tests := []struct {
		name, text, qty string
		n               float64
		actor           analysis.Actor
		word            string
		target          bool // the actor is a target, else a perpetrator
	}{
		{"the dead belong to the actor", "قتل سبعة جنود من الجيش العراقي في هجوم مسلح قرب الموصل.", "سبعة جنود", 7, iraqi, "الجيش العراقي", true},
		{"a death noun", "أعلنت القيادة مقتل عناصر من تنظيم داعش في اشتباكات قرب الموصل.", "", 0, isis, "داعش", true},
		{"the trigger between: the attacker", "مقتل سبعة جنود بهجوم لداعش قرب الموصل.", "سبعة جنود", 7, isis, "داعش", false},
		{"the verb alone: the attacker", "قتل مسلحو داعش ثلاثة مدنيين في هجوم قرب الموصل.", "ثلاثة مدنيين", 3, isis, "داعش", false},
		{"a site of the group: the target", "استهدفت غارة بطائرة مسيرة مجهولة مقرا لداعش قرب الموصل.", "", 0, isis, "لداعش", true},
		{"a leader of the group who speaks: no target", "وأوضح القيادي في داعش أن مقاتليه هاجموا موقعا قرب الموصل.", "", 0, isis, "داعش", false},
		{"a leader of the group: the target", "قتل القائد العسكري في داعش في غارة قرب الموصل.", "", 0, isis, "داعش", true},
		{"at the hands of: the attacker", "أعدم ثلاثة مدنيين رميا بالرصاص على يد مسلحي داعش قرب الموصل.", "ثلاثة مدنيين", 3, isis, "داعش", false},
		{"a claim after the toll: the attacker", "فجر انتحاري نفسه قرب الموصل مما أسفر عن مقتل 60 شخصا، وتبنى داعش الهجوم.", "60 شخصا", 60, isis, "داعش", false},
		{"members between the marker and the group: the target", "نفذت القوات الأمريكية غارة جوية ضد عناصر من تنظيم داعش قرب الموصل.", "", 0, isis, "داعش", true},
		{"a patrol of the army: the target", "انفجرت عبوة ناسفة بدورية للجيش العراقي قرب الموصل.", "", 0, iraqi, "للجيش العراقي", true},
		{"patrols of the army that arrest: the actor", "ألقت دوريات الجيش العراقي القبض على ثلاثة مهربين قرب الموصل.", "", 0, iraqi, "الجيش العراقي", false},
		{"an officer of the army: the target", "اغتال مجهولون ضابطا سابقا في الجيش العراقي بإطلاق النار عليه قرب الموصل.", "", 0, iraqi, "الجيش العراقي", true},
		{"the other side of a fight: the target", "أعلن الجيش العراقي استعادة السيطرة على قرية قرب الموصل بعد معارك عنيفة مع داعش.", "", 0, isis, "داعش", true},
		{"the only side of a fight: the attacker", "قتل ثلاثة جنود في مواجهات مع داعش قرب الموصل.", "ثلاثة جنود", 3, isis, "داعش", false},
		{"gunmen tied to a group: the attacker", "هاجم مسلحون مرتبطون بتنظيم داعش قرية قرب الموصل وقتلوا خمسة قرويين.", "خمسة قرويين", 5, isis, "بتنظيم داعش", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := newDoc(t, "", tt.text, "2016-03-06")
			d.place("الموصل", 0, mosul)
			d.actor(tt.word, 0, tt.actor)
			if tt.actor.Ref != iraqi.Ref && strings.Contains(tt.text, "الجيش العراقي") {
				d.actor("الجيش العراقي", 0, iraqi)
			}
			if tt.qty != "" {
				d.qty(tt.qty, tt.n, "fatalities")
			}
			evs := d.code()
			if len(evs) != 1 {
				t.Fatalf("%d events, want 1", len(evs))
			}
			e := evs[0]
			if got := has(e.Targets, tt.actor.Ref); got != tt.target || has(e.Actors, tt.actor.Ref) == tt.target {
				t.Errorf("actors %+v targets %+v: want %s as target=%v", e.Actors, e.Targets, tt.actor.Ref, tt.target)
			}
		})
	}
}

// A party without a name (المتظاهرين) is no entity: the kb stage leaves
// it in State.Parties, where the event stage still finds it.
func TestUnnamedParties(t *testing.T) {
	protesters := analysis.Actor{Ref: "actor:protesters", Name: "المتظاهرون", NameEn: "Protesters", Kind: "protesters"}
	d := newDoc(t, "", "رشق المتظاهرون الحجارة على قوات الأمن في اشتباكات وسط الموصل.", "2016-03-06")
	d.place("الموصل", 0, mosul)
	s, e := d.span("المتظاهرون", 0)
	d.st.Parties = append(d.st.Parties, analysis.Entity{Type: "ORG", Text: "المتظاهرون", Start: s, End: e, Ref: analysis.Str(protesters.Ref)})
	d.st.Out.Actors = append(d.st.Out.Actors, protesters)
	evs := d.code()
	if len(evs) != 1 {
		t.Fatalf("%d events, want 1", len(evs))
	}
	if a := evs[0].Actors; len(a) != 1 || a[0].Ref != analysis.Str(protesters.Ref) || a[0].NameEn != "Protesters" {
		t.Errorf("actors %+v, want the protesters", a)
	}
}

func TestDatelineIsALastResort(t *testing.T) {
	khartoum := analysis.Place{Ref: "place:khartoum", Name: "الخرطوم", NameEn: "Khartoum", Kind: "city", Country: "SD", Lat: 15.55, Lon: 32.53}
	fasher := analysis.Place{Ref: "place:fasher", Name: "الفاشر", NameEn: "El Fasher", Kind: "city", Country: "SD", Lat: 13.63, Lon: 25.35}
	tests := []struct {
		name, text string
		marks      []string
		want       string
	}{
		{"the sentence names where", "الخرطوم - تجددت الاشتباكات العنيفة اليوم بين الجيش وقوات الدعم السريع في مدينة الفاشر.", []string{"الخرطوم", "الفاشر"}, "El Fasher"},
		{"only the dateline", "الخرطوم - تجددت الاشتباكات العنيفة اليوم بين الجيش وقوات الدعم السريع.", []string{"الخرطوم"}, "Khartoum"},
		{"not a dateline: a sentence", "شهدت الخرطوم اليوم اشتباكات عنيفة، وامتدت المعارك إلى الفاشر.", []string{"الخرطوم", "الفاشر"}, "Khartoum"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := newDoc(t, "", tt.text, "2024-05-12")
			for _, w := range tt.marks {
				p := khartoum
				if w == "الفاشر" {
					p = fasher
				}
				d.place(w, 0, p)
			}
			evs := d.code()
			if len(evs) != 1 || evs[0].Location == nil {
				t.Fatalf("events %+v, want one with a place", evs)
			}
			if got := string(evs[0].Location.NameEn); got != tt.want {
				t.Errorf("place %q, want %q", got, tt.want)
			}
		})
	}
}

// A headline's place comes before the dateline's.
func TestDatelineAfterHeadline(t *testing.T) {
	khartoum := analysis.Place{Ref: "place:khartoum", Name: "الخرطوم", NameEn: "Khartoum", Kind: "city", Country: "SD", Lat: 15.55, Lon: 32.53}
	d := newDoc(t, "اشتباكات عنيفة في الموصل", "الخرطوم - تجددت الاشتباكات العنيفة اليوم بين الجيش والمسلحين.", "2016-03-06")
	d.place("الموصل", 0, mosul)
	d.place("الخرطوم", 0, khartoum)
	evs := d.code()
	if len(evs) != 1 || evs[0].Location == nil || evs[0].Location.NameEn != "Mosul" {
		t.Errorf("events %+v, want one in the headline's Mosul", evs)
	}
}

func TestAffiliationIsNotAParty(t *testing.T) {
	aq := analysis.Actor{Ref: "actor:al-qaeda", Name: "تنظيم القاعدة", NameEn: "al-Qaeda", Kind: "rebel_group"}
	jnim := analysis.Actor{Ref: "actor:jnim", Name: "جماعة نصرة الإسلام والمسلمين", NameEn: "JNIM", Kind: "rebel_group"}
	d := newDoc(t, "", "هاجمت جماعة نصرة الإسلام والمسلمين المرتبطة بتنظيم القاعدة موقعا عسكريا قرب الموصل.", "2025-02-08")
	d.place("الموصل", 0, mosul)
	d.actor("جماعة نصرة الإسلام والمسلمين", 0, jnim)
	d.actor("بتنظيم القاعدة", 0, aq)
	evs := d.code()
	if len(evs) != 1 {
		t.Fatalf("%d events, want 1", len(evs))
	}
	var got []string
	for _, a := range append(evs[0].Actors, evs[0].Targets...) {
		got = append(got, string(a.Ref))
	}
	if len(got) != 1 || got[0] != "actor:jnim" {
		t.Errorf("parties %v, want only actor:jnim (al-Qaeda is what it is tied to)", got)
	}
}

// An air strike or a drone is named in more ways than غارة: ضربة جوية,
// ضربات جوية, طائرة بلا طيار (sentences written for this test).
func TestAirStrikeWordings(t *testing.T) {
	for _, text := range []string{
		"قتل خمسة من عناصر التنظيم في ضربة جوية على وكر لهم قرب الموصل.",
		// a final ة written ه, as Egyptian papers write it
		"قتل خمسة من عناصر التنظيم فى ضربه جويه على وكر لهم قرب الموصل.",
		"نفذت قوات التحالف تسع ضربات جوية على مواقع للتنظيم قرب الموصل.",
		"استهدفت طائرة بلا طيار سيارة قرب الموصل وقتلت راكبيها.",
		// an assassination by air strike is coded by its means
		"أعلن الجيش اغتيال قيادي بغارة على سيارة قرب الموصل.",
	} {
		codesOne(t, text, "air_drone_strike")
	}
	codesOne(t, "قتل 12 شخصا في هجوم صاروخي على مبنى سكني في الموصل.", "shelling_artillery_missile_attack")
	// a drone that shelled (قصفت مسيرة), and a country's strikes
	codesOne(t, "قصفت مسيرة محطة كهرباء قرب الموصل.", "air_drone_strike")
	codesOne(t, "قتل قيادي في ضربات أمريكية على الموصل.", "air_drone_strike")
}

// The feminine and plural past of قتل report a killing as قتل does
// (قتلت قوات الدعم السريع 40 مدنيا), and an attack on the catalogue's
// civilians (اللاجئين, Refugees) alone is violence against civilians, as
// on the coder's own; residents who report it are no target.
func TestKilledFeminineAndPlural(t *testing.T) {
	rsf := analysis.Actor{Ref: "actor:sd-rsf", Name: "قوات الدعم السريع", NameEn: "Rapid Support Forces", Kind: "rebel_group", Country: "SD"}
	refugees := analysis.Actor{Ref: "actor:refugees", Name: "اللاجئين", NameEn: "Refugees", Kind: "civilians"}
	for _, c := range []struct{ text, sub string }{
		{"قتلت قوات الدعم السريع 40 مدنيا قرب الموصل.", "attack"},
		{"اقتحمت قوات الدعم السريع مخيما قرب الموصل وقتلت عشرات اللاجئين.", "attack"},
		{"قال سكان إن عناصر قوات الدعم السريع قتلوا ثلاثة جنود قرب الموصل.", "armed_clash"},
		{"هاجمت قوات الدعم السريع بلدة قرب الموصل بحسب سكان محليين.", "armed_clash"},
	} {
		d := newDoc(t, "", c.text, "2025-04-15")
		d.place("الموصل", 0, mosul)
		d.actor("قوات الدعم السريع", 0, rsf)
		if strings.Contains(c.text, "اللاجئين") {
			d.actor("اللاجئين", 0, refugees)
		}
		evs := d.code()
		if len(evs) != 1 {
			t.Errorf("%s: %d events, want 1", c.text, len(evs))
			continue
		}
		if evs[0].SubType != analysis.Str(c.sub) || len(evs[0].Actors) != 1 || evs[0].Actors[0].Ref != "actor:sd-rsf" {
			t.Errorf("%s: %s by %+v, want %s by the RSF", c.text, evs[0].SubType, evs[0].Actors, c.sub)
		}
		// residents who report it (قال سكان, بحسب سكان) are no target
		if !strings.Contains(c.text, "اللاجئين") && !strings.Contains(c.text, "مدنيا") && len(evs[0].Targets) != 0 {
			t.Errorf("%s: targets %+v, want none", c.text, evs[0].Targets)
		}
	}
}

// The attackers the police killed, told after a bombing, are not its
// toll: the seven dead stay the event's figure (not the three, the lower).
func TestSubjectsDeadKeepTheToll(t *testing.T) {
	d := newDoc(t, "", "قتل سبعة من عناصر الشرطة في هجوم انتحاري استهدف مركزا للشرطة في الموصل. وقال المتحدث باسم المحافظة إن قوات الأمن قتلت ثلاثة مهاجمين.", "2025-04-15")
	d.place("الموصل", 0, mosul)
	d.qty("سبعة", 7, "fatalities")
	d.qty("ثلاثة", 3, "fatalities")
	evs := d.code()
	if len(evs) != 1 || evs[0].SubType != "suicide_bomb" || evs[0].Fatalities == nil || *evs[0].Fatalities != 7 {
		t.Fatalf("events %+v, want one suicide bombing with 7 dead", evs)
	}
}

// A group's drones and aircraft (مسيرة تابعة لقوات الدعم السريع) are the
// group's, as its gunmen are; a channel named المسيرة is not a drone.
func TestGroupsDrones(t *testing.T) {
	rsf := analysis.Actor{Ref: "actor:sd-rsf", Name: "قوات الدعم السريع", NameEn: "Rapid Support Forces", Kind: "rebel_group", Country: "SD"}
	d := newDoc(t, "", "قصفت مسيرة تابعة لقوات الدعم السريع محطة كهرباء قرب الموصل.", "2025-04-15")
	d.place("الموصل", 0, mosul)
	d.actor("لقوات الدعم السريع", 0, rsf)
	evs := d.code()
	if len(evs) != 1 || len(evs[0].Actors) != 1 || evs[0].Actors[0].Ref != "actor:sd-rsf" {
		t.Fatalf("events %+v, want one by the RSF", evs)
	}
	houthis := analysis.Actor{Ref: "actor:ye-houthis", Name: "الحوثيون", NameEn: "Houthis", Kind: "rebel_group", Country: "YE"}
	channel := analysis.Actor{Ref: "actor:ye-al-masirah", Name: "قناة المسيرة", NameEn: "Al-Masirah", Kind: "media", Country: "YE"}
	d = newDoc(t, "", "قالت قناة المسيرة التابعة للحوثيين إن غارة جوية استهدفت ميناء قرب الموصل.", "2025-04-15")
	d.place("الموصل", 0, mosul)
	d.actor("قناة المسيرة", 0, channel)
	d.actor("للحوثيين", 0, houthis)
	evs = d.code()
	if len(evs) != 1 || slices.ContainsFunc(append(evs[0].Actors, evs[0].Targets...), func(a analysis.ActorRef) bool { return a.Ref == "actor:ye-houthis" }) {
		t.Fatalf("events %+v, want one without the Houthis, whose channel reports it", evs)
	}
}

// Where a sentence names a place only inside its police's name (شرطة
// محافظة خميس مشيط), the incident the police report is located there, and
// the place joins places[] with no mention of its own; a place the text
// names of the same kind wins over it.
func TestInstitutionPlace(t *testing.T) {
	khamis := analysis.Place{Ref: "place:khamis", Name: "خميس مشيط", NameEn: "Khamis Mushait", Kind: "city", Country: "SA", Lat: 18.3, Lon: 42.73}
	text := "وأوضح الناطق أنه ورد لشرطة محافظة خميس مشيط بلاغ عن إطلاق نار أدى إلى مقتل شخص."
	d := newDoc(t, "", text, "2015-08-06")
	s, e := d.span("خميس مشيط", 0)
	d.st.Institutions = []analysis.InstitutionPlace{{Start: s, End: e, Place: khamis}}
	evs := d.code()
	if len(evs) != 1 || evs[0].Location == nil || evs[0].Location.Ref != "place:khamis" {
		t.Fatalf("events %+v, want one in Khamis Mushait", evs)
	}
	st := d.st
	if err := (&Stage{mustCoder(t)}).Run(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	if len(st.Out.Places) != 1 || st.Out.Places[0].Ref != "place:khamis" || st.Out.Places[0].Mentions != 0 {
		t.Errorf("places %+v, want Khamis Mushait with no mention", st.Out.Places)
	}
	// a city the text names beats the institution's
	d = newDoc(t, "", "أعلنت شرطة محافظة خميس مشيط مقتل شخص بإطلاق نار في أبها.", "2015-08-06")
	s, e = d.span("خميس مشيط", 0)
	d.st.Institutions = []analysis.InstitutionPlace{{Start: s, End: e, Place: khamis}}
	d.place("أبها", 0, abha)
	if evs := d.code(); len(evs) != 1 || evs[0].Location == nil || evs[0].Location.Ref != "place:abha" {
		t.Errorf("events %+v, want one in Abha", evs)
	}
}

func mustCoder(t *testing.T) *Coder {
	t.Helper()
	c, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// A toll since the morning (منذ فجر اليوم) is the day's incident; one
// since a month or the war's start adds up a period and is no event's.
func TestTollSinceDawn(t *testing.T) {
	for _, c := range []struct {
		text string
		want *int
	}{
		{"قتل 27 فلسطينيا منذ فجر اليوم في غارات على الموصل.", intp(27)},
		{"قتل 27 مدنيا منذ صباح الأربعاء في قصف على الموصل.", intp(27)},
		{"قتل 1500 مدني منذ سبتمبر في غارات على الموصل.", nil},
		{"قتل 1500 مدني منذ بدء الغارات على الموصل.", nil},
		// a soldier martyred is one dead
		{"استشهد جندي برصاص مسلحين خلال مداهمة في الموصل.", intp(1)},
	} {
		d := newDoc(t, "", c.text, "2016-03-10")
		d.place("الموصل", 0, mosul)
		if n := strings.Fields(c.text)[1]; n == "27" || n == "1500" {
			d.qty(n, map[string]float64{"27": 27, "1500": 1500}[n], "fatalities")
		}
		evs := d.code()
		if len(evs) != 1 {
			t.Errorf("%s: %d events, want one", c.text, len(evs))
			continue
		}
		got := evs[0].Fatalities
		if (got == nil) != (c.want == nil) || got != nil && *got != *c.want {
			t.Errorf("%s: fatalities %s, want %s", c.text, show(got), show(c.want))
		}
	}
}

func show(p *int) string {
	if p == nil {
		return "null"
	}
	return strconv.Itoa(*p)
}

// A country's adjective right after a strike's word names who struck
// (غارة إسرائيلية, قصف مدفعي روسي), and another country's army the
// sentence names is then no perpetrator; after a person or a weapon
// (انتحاري سعودي, صاروخ روسي) the adjective says nothing of who struck.
func TestNationalForces(t *testing.T) {
	aitaroun := analysis.Place{Ref: "place:lb-aitaroun", Name: "عيترون", NameEn: "Aitaroun", Kind: "town", Country: "LB", Lat: 33.12, Lon: 35.48}
	hezbollah := analysis.Actor{Ref: "actor:hezbollah", Name: "حزب الله", NameEn: "Hezbollah", Kind: "political_militia", Country: "LB"}
	lbArmy := analysis.Actor{Ref: "actor:lb-army", Name: "الجيش اللبناني", NameEn: "Lebanese Armed Forces", Kind: "state_forces", Country: "LB"}
	forces := map[string]analysis.Actor{
		"الإسرائيلي": {Ref: "actor:il-idf", Name: "الجيش الإسرائيلي", NameEn: "Israel Defense Forces", Kind: "state_forces", Country: "IL"},
		"إسرائيلية":  {Ref: "actor:il-idf", Name: "الجيش الإسرائيلي", NameEn: "Israel Defense Forces", Kind: "state_forces", Country: "IL"},
		"روسي":       {Ref: "actor:ru-armed-forces", Name: "القوات الروسية", NameEn: "Russian Armed Forces", Kind: "external_force", Country: "RU"},
		"سعودي":      {Ref: "actor:sa-armed-forces", Name: "القوات المسلحة السعودية", NameEn: "Saudi Armed Forces", Kind: "state_forces", Country: "SA"},
		"روسية":      {Ref: "actor:ru-armed-forces", Name: "القوات الروسية", NameEn: "Russian Armed Forces", Kind: "external_force", Country: "RU"},
		"التركية":    {Ref: "actor:tr-armed-forces", Name: "القوات المسلحة التركية", NameEn: "Turkish Armed Forces", Kind: "external_force", Country: "TR"},
		"صينية":      {Ref: "actor:cn-pla", Name: "جيش التحرير الشعبي", NameEn: "People's Liberation Army", Kind: "state_forces", Country: "CN"},
	}
	for _, c := range []struct {
		text, adj string
		want      []string // the event's actors' English names
	}{
		{"انتشر الجيش اللبناني في عيترون بعد غارة إسرائيلية بطائرة مسيرة قتلت شخصين.", "إسرائيلية", []string{"Israel Defense Forces"}},
		{"قتل ثلاثة مدنيين في قصف مدفعي روسي على عيترون.", "روسي", []string{"Russian Armed Forces"}},
		{"فجر انتحاري سعودي نفسه في عيترون وقتل ثلاثة.", "سعودي", []string{"unidentified armed group"}},
		{"قتل ثلاثة مدنيين بصاروخ روسي سقط على عيترون.", "روسي", nil},
		// the country's aircraft struck
		{"شن الطيران الحربي الإسرائيلي غارات على عيترون قتلت شخصين.", "الإسرائيلي", []string{"Israel Defense Forces"}},
		// the group a state struck is its target
		{"أكد حزب الله مقتل قيادي في غارة إسرائيلية على عيترون.", "إسرائيلية", []string{"Israel Defense Forces"}},
		// the country's aircraft (a strike's word between) or artillery,
		// after a verb of shelling
		{"قصفت طائرات حربية روسية أطراف عيترون وقتلت شخصين.", "روسية", []string{"Russian Armed Forces"}},
		{"قصفت المدفعية التركية أطراف عيترون.", "التركية", []string{"Turkish Armed Forces"}},
		// a country's aircraft in a fight aboard it is a civil one
		{"اندلعت مواجهات بين الركاب على متن طائرة صينية هبطت في عيترون.", "صينية", nil},
		// the country's strikes, the adjective in the trigger itself
		{"قتل قيادي في ضربات إسرائيلية استهدفت عيترون فجر الجمعة.", "إسرائيلية", []string{"Israel Defense Forces"}},
	} {
		d := newDoc(t, "", c.text, "2024-10-10")
		d.place("عيترون", 0, aitaroun)
		if strings.Contains(c.text, "الجيش اللبناني") {
			d.actor("الجيش اللبناني", 0, lbArmy)
		}
		if strings.Contains(c.text, "حزب الله") {
			d.actor("حزب الله", 0, hezbollah)
		}
		s, e := d.span(c.adj, 0)
		d.st.Nationals = []analysis.NationalForces{{Start: s, End: e, Actor: forces[c.adj]}}
		st, err := NewStage(nil)
		if err != nil {
			t.Fatal(err)
		}
		if err := st.Run(context.Background(), d.st); err != nil {
			t.Fatal(err)
		}
		evs := d.st.Out.Events
		if len(evs) != 1 {
			t.Errorf("%s: %d events, want one", c.text, len(evs))
			continue
		}
		var got []string
		for _, a := range evs[0].Actors {
			got = append(got, string(a.NameEn))
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: actors %v, want %v", c.text, got, c.want)
		}
		if strings.Contains(c.text, "حزب الله") && !slices.ContainsFunc(evs[0].Targets, func(a analysis.ActorRef) bool { return a.Ref == "actor:hezbollah" }) {
			t.Errorf("%s: targets %+v, want Hezbollah among them", c.text, evs[0].Targets)
		}
		// the forces join actors[] with no mention of their own
		listed := slices.ContainsFunc(d.st.Out.Actors, func(a analysis.Actor) bool { return a.Ref == forces[c.adj].Ref && a.Mentions == 0 })
		if listed != slices.Contains(c.want, string(forces[c.adj].NameEn)) {
			t.Errorf("%s: actors[] %+v", c.text, d.st.Out.Actors)
		}
	}
}

// Shelling by aircraft is an air strike.
func TestAircraftShelling(t *testing.T) {
	codesOne(t, "قصفت طائرات التحالف مواقع للمسلحين قرب الموصل.", "air_drone_strike")
	codesOne(t, "قصف الطيران مواقع للمسلحين قرب الموصل.", "air_drone_strike")
	codesOne(t, "قصفت المدفعية مواقع للمسلحين قرب الموصل.", "shelling_artillery_missile_attack")
	// terrorists eliminated: a fight
	codesOne(t, "أعلنت وزارة الدفاع القضاء على إرهابيين اثنين قرب الموصل.", "armed_clash")
}

// A word of death before a singular person counts one, and each singular
// person joined to it by و one more; a plural or a dual counts none.
func TestSingularDeadJoined(t *testing.T) {
	for _, c := range []struct {
		text string
		want int // 0: no figure
	}{
		{"أدى القصف على الموصل إلى مقتل امرأة وطفلها.", 2},
		{"أدى انفجار عبوة ناسفة في الموصل إلى إصابة شرطي ومدني.", -2},
		{"أدى القصف على الموصل إلى مقتل مدنيين.", 0},
		{"أدى القصف على الموصل إلى مقتل جنديين.", 0},
	} {
		d := newDoc(t, "", c.text, "2025-02-08")
		d.place("الموصل", 0, mosul)
		evs := d.code()
		if len(evs) != 1 {
			t.Errorf("%s: %d events, want 1", c.text, len(evs))
			continue
		}
		got, want := evs[0].Fatalities, c.want
		if c.want < 0 {
			got, want = evs[0].Injuries, -c.want
		}
		switch {
		case want == 0 && got != nil:
			t.Errorf("%s: %d, want no figure", c.text, *got)
		case want != 0 && got == nil:
			t.Errorf("%s: no figure, want %d", c.text, want)
		case want != 0 && *got != want:
			t.Errorf("%s: %d, want %d", c.text, *got, want)
		}
	}
}

// The rest of a clause that cites a source (حسبما أفادت مصادر طبية في
// مستشفى …) names where the report came from, not where it happened.
func TestSourceClauseIsNotWhere(t *testing.T) {
	hospital := analysis.Place{Ref: "place:hospital", Name: "مستشفى الموصل العام", NameEn: "Mosul General Hospital", Kind: "site", Country: "IQ", Lat: 36.34, Lon: 43.13}
	village := analysis.Place{Ref: "place:bartella", Name: "برطلة", NameEn: "Bartella", Kind: "town", Country: "IQ", Lat: 36.35, Lon: 43.38}
	d := newDoc(t, "", "قتل خمسة مدنيين في غارة على منزل في برطلة، حسبما أفادت مصادر طبية في مستشفى الموصل العام.", "2025-02-08")
	d.place("برطلة", 0, village)
	d.place("مستشفى الموصل العام", 0, hospital)
	evs := d.code()
	if len(evs) != 1 || evs[0].Location == nil || evs[0].Location.Ref != "place:bartella" {
		t.Fatalf("events %+v, want one in Bartella", evs)
	}
}

// An air defence that downs or intercepts drones and missiles disrupts
// their use (ACLED's disrupted weapons use); the strike itself is no event.
func TestInterceptions(t *testing.T) {
	for _, text := range []string{
		"أسقطت الدفاعات الجوية 40 طائرة مسيرة فوق الموصل خلال الليل.",
		"اعترضت الدفاعات الجوية صاروخا باليستيا أطلق نحو الموصل.",
	} {
		codesOne(t, text, "disrupted_weapons_use")
	}
	// a missile that downs a helicopter struck, and a bomber the police
	// stopped (اعترضه, "intercepted him") blew himself up
	for _, text := range []string{
		"أسقط مسلحون مروحية عسكرية بصاروخ قرب الموصل.",
		"وحين اعترضه رجال الأمن في الموصل فجر نفسه بحزام ناسف.",
	} {
		d := newDoc(t, "", text, "2016-03-10")
		d.place("الموصل", 0, mosul)
		if evs := d.code(); len(evs) != 1 || evs[0].SubType == "disrupted_weapons_use" {
			t.Errorf("%s\n  events %+v, want one that struck", text, evs)
		}
	}
}

// The army a report cites (بحسب بيان للجيش) is its source, not a party.
func TestSourceIsNotAParty(t *testing.T) {
	ev := oneEventNamed(t, "قتل خمسة جنود في انفجار عبوة ناسفة قرب الموصل، بحسب بيان للجيش العراقي.", "للجيش العراقي", iraqi)
	for _, a := range append(ev.Actors, ev.Targets...) {
		if a.Ref == analysis.Str(iraqi.Ref) {
			t.Errorf("actors %+v targets %+v: the army cited is a party", ev.Actors, ev.Targets)
		}
	}
}

// The whole clause after وفق بيان names the source, its second name for
// itself included (وفق بيان للقيادة الأمريكية في أفريقيا أفريكوم).
func TestSourceClauseIsNotAParty(t *testing.T) {
	africom := analysis.Actor{Ref: "actor:us-africom", Name: "القيادة الأمريكية في أفريقيا", NameEn: "United States Africa Command", Kind: "external_force", Country: "US"}
	d := newDoc(t, "", "قتل خمسة مسلحين في غارة جوية قرب الموصل، وفق بيان للقيادة الأمريكية في أفريقيا أفريكوم.", "2025-02-08")
	d.place("الموصل", 0, mosul)
	d.actor("للقيادة الأمريكية في أفريقيا", 0, africom)
	d.actor("أفريكوم", 0, africom)
	evs := d.code()
	if len(evs) != 1 {
		t.Fatalf("%d events, want 1", len(evs))
	}
	for _, a := range append(evs[0].Actors, evs[0].Targets...) {
		if a.Ref == analysis.Str(africom.Ref) {
			t.Errorf("actors %+v targets %+v: the command cited is a party", evs[0].Actors, evs[0].Targets)
		}
	}
}

// A civilian's word inside a name is the name's: حزب العمال الكردستاني
// (the Kurdistan Workers' Party) names no workers.
func TestWordsInsideNames(t *testing.T) {
	pkk := analysis.Actor{Ref: "actor:pkk", Name: "حزب العمال الكردستاني", NameEn: "Kurdistan Workers' Party", Kind: "rebel_group", Country: "TR"}
	ev := oneEventNamed(t, "قتل ثلاثة من مقاتلي حزب العمال الكردستاني في غارة بطائرة مسيرة قرب الموصل.", "حزب العمال الكردستاني", pkk)
	for _, a := range ev.Targets {
		if a.NameEn == "civilians" {
			t.Errorf("targets %+v: the PKK's fighters are no civilians", ev.Targets)
		}
	}
}

// A civilian site's word inside a place's name is the site (مستشفى
// الشفاء is a hospital): its people are civilians.
func TestCivilianSiteNamed(t *testing.T) {
	d := newDoc(t, "", "قتل خمسة في غارة على مستشفى الشفاء في الموصل.", "2025-02-08")
	d.place("الموصل", 0, mosul)
	s, e := d.span("مستشفى الشفاء", 0)
	d.st.Out.Entities = append(d.st.Out.Entities, analysis.Entity{Type: "LOC", Text: "مستشفى الشفاء", Start: s, End: e})
	evs := d.code()
	if len(evs) != 1 || !slices.ContainsFunc(evs[0].Targets, func(a analysis.ActorRef) bool { return a.NameEn == "civilians" }) {
		t.Errorf("events %+v, want one with civilians among the targets", evs)
	}
}

// oneEventNamed codes a text near Mosul that names actor a as word, and
// returns its one event (a fatal error if there is not exactly one).
func oneEventNamed(t *testing.T, text, word string, a analysis.Actor) analysis.Event {
	t.Helper()
	d := newDoc(t, "", text, "2025-02-08")
	d.place("الموصل", 0, mosul)
	d.actor(word, 0, a)
	evs := d.code()
	if len(evs) != 1 {
		t.Fatalf("%s: %d events, want 1", text, len(evs))
	}
	return evs[0]
}

// Gunfire of forces or gunmen (برصاص قوات الاحتلال) kills, and a force
// that regains control (استعادة السيطرة) regains territory, whatever
// battle the sentence also names.
func TestGunfireAndRegainedControl(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"قتل شاب برصاص قوات الأمن خلال مداهمة قرب الموصل.", "attack"},
		{"أعلن الجيش استعادة السيطرة على الموصل بعد معارك عنيفة.", "government_regains_territory"},
	} {
		codesOne(t, c.text, c.want)
	}
}

// codesOne reports, as a test error, a text near Mosul that does not give
// exactly one event of sub-type sub.
func codesOne(t *testing.T, text, sub string) {
	t.Helper()
	d := newDoc(t, "", text, "2016-03-10")
	d.place("الموصل", 0, mosul)
	evs := d.code()
	if len(evs) != 1 || string(evs[0].SubType) != sub {
		t.Errorf("%s\n  events %+v, want one %s", text, evs, sub)
	}
}

// Every list of data/words.tsv is read, and a table with a list of no
// name or an unknown list is refused with its line.
func TestWordLists(t *testing.T) {
	for name, l := range wordLists {
		if len(l.set) == 0 {
			t.Errorf("list %s is empty", name)
		}
	}
	if len(casualtyWords) == 0 {
		t.Error("no words of death or injury")
	}
	if !siteNouns[arabic.Stem("مقرات")] || !attackTriggers["إطلاق النار"] {
		t.Error("a site noun by stem or an attack trigger as written is missing")
	}
	for _, bad := range []string{"civilian", "weapons\tصاروخ"} {
		if err := readWords(bad); err == nil || !strings.Contains(err.Error(), "line 1") {
			t.Errorf("readWords(%q) = %v, want an error at line 1", bad, err)
		}
	}
}

// A country named right after a verb of striking in the feminine past,
// as a country takes it (شنت إسرائيل غارات), is the one that struck; a
// country after a preposition is where or whom it struck.
func TestCountryThatStruck(t *testing.T) {
	aitaroun := analysis.Place{Ref: "place:lb-aitaroun", Name: "عيترون", NameEn: "Aitaroun", Kind: "town", Country: "LB", Lat: 33.12, Lon: 35.48}
	idf := analysis.Actor{Ref: "actor:il-idf", Name: "الجيش الإسرائيلي", NameEn: "Israel Defense Forces", Kind: "state_forces", Country: "IL"}
	for _, c := range []struct {
		text string
		want bool
	}{
		{"شنت إسرائيل فجر الجمعة غارات على عيترون قتلت شخصين.", true},
		{"قتل شخصان في غارات على عيترون قرب إسرائيل.", false},
	} {
		d := newDoc(t, "", c.text, "2024-10-10")
		d.place("عيترون", 0, aitaroun)
		s, e := d.span("إسرائيل", 0)
		d.st.Nationals = []analysis.NationalForces{{Start: s, End: e, Name: true, Actor: idf}}
		evs := d.code()
		if len(evs) != 1 {
			t.Errorf("%s: %d events, want one", c.text, len(evs))
			continue
		}
		got := slices.ContainsFunc(evs[0].Actors, func(a analysis.ActorRef) bool { return a.Ref == analysis.Str(idf.Ref) })
		if got != c.want {
			t.Errorf("%s: actors %+v, IDF among them: %v, want %v", c.text, evs[0].Actors, got, c.want)
		}
	}
}

// A soldier counted among the dead, the wounded or the targeted, with his
// nationality right after him in any form (مقتل 34 جنديا نيجيريا, قتل
// جندي تركي, أصيب ثلاثة جنود أمريكيين), makes his country's forces a
// target, listed among the document's actors; soldiers who kill (قتل جنود
// إسرائيليون صبيا) and a country's military operations (العمليات
// العسكرية التركية, feminine: no soldier) are no target.
func TestSoldiersStruck(t *testing.T) {
	forces := map[string]analysis.Actor{
		"NG": {Ref: "actor:ng-army", Name: "الجيش النيجيري", NameEn: "Nigerian Army", Kind: "state_forces", Country: "NG"},
		"TR": {Ref: "actor:tr-armed-forces", Name: "القوات المسلحة التركية", NameEn: "Turkish Armed Forces", Kind: "state_forces", Country: "TR"},
		"US": {Ref: "actor:us-armed-forces", Name: "القوات المسلحة الأمريكية", NameEn: "United States Armed Forces", Kind: "external_force", Country: "US"},
		"IL": {Ref: "actor:il-idf", Name: "الجيش الإسرائيلي", NameEn: "Israel Defense Forces", Kind: "state_forces", Country: "IL"},
	}
	for _, c := range []struct {
		text, adj, country string
		inflected          bool
		qty, role          string // a casualty figure of the sentence
		n                  float64
		struck             bool
	}{
		{"قتل 34 جنديا نيجيريا في هجوم شنه مسلحون على قاعدة عسكرية قرب الموصل.", "نيجيريا", "NG", true, "34 جنديا", "fatalities", 34, true},
		{"قتل جندي تركي وأصيب آخر في هجوم شنه مسلحون قرب الموصل.", "تركي", "TR", false, "", "", 0, true},
		{"استشهد جندي تركي في هجوم شنه مسلحون قرب الموصل.", "تركي", "TR", false, "", "", 0, true},
		{"أصيب ثلاثة جنود أمريكيين في هجوم بطائرة مسيرة على قاعدة قرب الموصل.", "أمريكيين", "US", true, "ثلاثة جنود", "injuries", 3, true},
		{"قتل جنود إسرائيليون صبيا بالرصاص قرب الموصل.", "إسرائيليون", "IL", true, "", "", 0, false},
		{"قصفت الطائرات مواقع المسلحين قرب الموصل، وأطلع الوزير نظيره على سير العمليات العسكرية التركية.", "التركية", "TR", false, "", "", 0, false},
	} {
		d := newDoc(t, "", c.text, "2025-04-15")
		d.place("الموصل", 0, mosul)
		if c.qty != "" {
			d.qty(c.qty, c.n, c.role)
		}
		s, e := d.span(c.adj, 0)
		d.st.Nationals = []analysis.NationalForces{{Start: s, End: e, Actor: forces[c.country], Inflected: c.inflected}}
		if err := (&Stage{mustCoder(t)}).Run(context.Background(), d.st); err != nil {
			t.Fatal(err)
		}
		evs := d.st.Out.Events
		if len(evs) != 1 {
			t.Errorf("%s: %d events, want one", c.text, len(evs))
			continue
		}
		ref := forces[c.country].Ref
		has := func(r analysis.ActorRef) bool { return string(r.Ref) == ref }
		if got := slices.ContainsFunc(evs[0].Targets, has); got != c.struck {
			t.Errorf("%s: targets %+v, want %s among them: %v", c.text, evs[0].Targets, ref, c.struck)
		}
		listed := slices.ContainsFunc(d.st.Out.Actors, func(a analysis.Actor) bool { return a.Ref == ref && a.Mentions == 0 })
		if c.struck && !listed {
			t.Errorf("%s: actors %+v, want %s with no mention", c.text, d.st.Out.Actors, ref)
		}
	}
}

// قتل opening a clause before an indefinite person reads as the passive
// and counts one dead (وقتل جندي وأصيب آخر), not after a noun that makes it
// "killing" (بتهمة قتل طفل); a count read so lowers no other mention's
// toll (19 dead in the strikes, and a civilian killed in one of them).
func TestPassiveKilledCountsOne(t *testing.T) {
	for _, c := range []struct {
		text string
		qty  string
		n    float64
		want []string // each event's fatalities
	}{
		{"وقتل جندي وأصيب آخر في هجوم شنه مسلحون قرب الموصل.", "", 0, []string{"1"}},
		{"إلى ذلك، قتل شرطي في هجوم شنه مسلحون قرب الموصل.", "", 0, []string{"1"}},
		{"اعتقلت الشرطة رجلا بتهمة قتل طفل قرب الموصل.", "", 0, []string{"null"}},
		{"قتل 19 مدنيا في غارات جوية على الموصل. وقتل مدني في غارة جوية على الموصل.", "19 مدنيا", 19, []string{"19"}},
	} {
		d := newDoc(t, "", c.text, "2025-04-15")
		d.place("الموصل", 0, mosul)
		if strings.Count(c.text, "الموصل") > 1 {
			d.place("الموصل", 1, mosul)
		}
		if c.qty != "" {
			d.qty(c.qty, c.n, "fatalities")
		}
		var got []string
		for _, ev := range d.code() {
			got = append(got, show(ev.Fatalities))
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: fatalities %v, want %v", c.text, got, c.want)
		}
	}
}

// A sentence that says it tells another incident (وفي حادث منفصل) merges
// into no event before it, and the sentence before borrows none of its
// figures.
func TestSeparateIncident(t *testing.T) {
	d := newDoc(t, "", "انفجرت عبوة ناسفة بدورية للشرطة قرب الموصل. وفي حادث منفصل، قتل ثلاثة جنود في هجوم بقذائف صاروخية قرب الموصل.", "2025-04-15")
	d.place("الموصل", 0, mosul)
	d.place("الموصل", 1, mosul)
	d.qty("ثلاثة جنود", 3, "fatalities")
	evs := d.code()
	var got []string
	for _, ev := range evs {
		got = append(got, string(ev.SubType)+" "+show(ev.Fatalities))
	}
	if want := []string{"remote_explosive_landmine_ied null", "shelling_artillery_missile_attack 3"}; !slices.Equal(got, want) {
		t.Errorf("events %v, want %v", got, want)
	}
}
