// Package storetest is the behaviour suite every store.Store backend
// passes: the same documents, the same queries, the same answers.
// Backends call Run from their tests with a function that opens a fresh
// store.
//
// The corpus is sentences the team wrote for these tests (no third-party
// text), with analyses built by hand so that every field of the contract
// — entities, places, actors, times, quantities, events — is stored and
// queried even before the pipeline's stages produce them.
package storetest

import (
	"github.com/marsad/marsad/analysis"
)

// Doc is a test document with its hand-made analysis.
type Doc struct {
	Doc      analysis.Document
	Analysis *analysis.Analysis
}

func intp(v int) *int { return &v }

var (
	mosul   = analysis.Place{Ref: "place:99072", Name: "الموصل", NameEn: "Mosul", Kind: "city", Country: "IQ", Admin1: "نينوى", Lat: 36.335, Lon: 43.119}
	tikrit  = analysis.Place{Ref: "place:99131", Name: "تكريت", NameEn: "Tikrit", Kind: "city", Country: "IQ", Admin1: "صلاح الدين", Lat: 34.6, Lon: 43.68}
	iraq    = analysis.Place{Ref: "place:iq", Name: "العراق", NameEn: "Iraq", Kind: "country", Country: "IQ", Lat: 33, Lon: 44}
	baghdad = analysis.Place{Ref: "place:98182", Name: "بغداد", NameEn: "Baghdad", Kind: "city", Country: "IQ", Admin1: "بغداد", Lat: 33.34, Lon: 44.4}
	riyadh  = analysis.Place{Ref: "place:108410", Name: "الرياض", NameEn: "Riyadh", Kind: "city", Country: "SA", Admin1: "الرياض", Lat: 24.69, Lon: 46.72}
	isis    = analysis.Actor{Ref: "actor:islamic-state", Name: "تنظيم داعش", NameEn: "Islamic State", Kind: "rebel_group"}
	police  = analysis.Actor{Ref: "actor:iraq-police", Name: "الشرطة العراقية", NameEn: "Police Forces of Iraq", Kind: "state_forces", Country: "IQ"}
	moi     = analysis.Actor{Ref: "actor:sa-interior", Name: "وزارة الداخلية السعودية", NameEn: "Saudi Ministry of Interior", Kind: "government", Country: "SA"}
)

func withPlaces(a *analysis.Analysis, ps ...analysis.Place) *analysis.Analysis {
	for _, p := range ps {
		p.Mentions = 1
		a.Places = append(a.Places, p)
	}
	return a
}

func loc(p analysis.Place) *analysis.EventPlace { return p.EventPlace() }

// Corpus returns the suite's documents, in the order they are stored.
func Corpus() []Doc {
	var docs []Doc
	add := func(d analysis.Document, fill func(a *analysis.Analysis)) {
		a := analysis.New(&d)
		if fill != nil {
			fill(a)
		}
		docs = append(docs, Doc{d, a})
	}
	add(analysis.Document{ID: "t1", Title: "هجوم على نقطة تفتيش", Published: "2015-07-21", Source: "alriyadh", URL: "https://example.org/t1",
		Text: "قتل ثلاثة من عناصر الشرطة في هجوم مسلح استهدف نقطة تفتيش بالموصل مساء الخميس، وقال مسؤول أمني إن المسلحين فروا باتجاه القرى المحيطة."},
		func(a *analysis.Analysis) {
			a.Relevance = &analysis.Relevance{Relevant: true, Score: 0.95, Topics: []string{"armed_conflict"}}
			a.Entities = []analysis.Entity{{Type: "LOC", Text: "بالموصل", Start: 83, End: 90, Norm: "الموصل", Ref: "place:99072", Score: 0.9}}
			withPlaces(a, mosul)
			a.Actors = []analysis.Actor{{Ref: isis.Ref, Name: isis.Name, NameEn: isis.NameEn, Kind: isis.Kind, Mentions: 1}, {Ref: police.Ref, Name: police.Name, NameEn: police.NameEn, Kind: police.Kind, Country: police.Country, Mentions: 1}}
			a.Times = []analysis.Time{{Text: "مساء الخميس", Start: 91, End: 102, Value: "2015-07-16", Precision: "day"}}
			a.Quantities = []analysis.Quantity{{Text: "ثلاثة", Start: 25, End: 30, Value: 3, Unit: "person", Role: "fatalities"}}
			a.Events = []analysis.Event{{Type: "battles", SubType: "armed_clash", Cameo: "190", Date: "2015-07-16", DatePrecision: "day",
				Location: loc(mosul), Actors: []analysis.ActorRef{{Ref: "actor:islamic-state", Name: "تنظيم داعش", NameEn: "Islamic State"}},
				Targets:    []analysis.ActorRef{{Ref: "actor:iraq-police", Name: "الشرطة العراقية", NameEn: "Police Forces of Iraq"}},
				Fatalities: intp(3), Evidence: analysis.Span{Start: 21, End: 90, Text: "قتل ثلاثة من عناصر الشرطة"}, Confidence: 0.8}}
			a.Summary = []string{"قتل ثلاثة من عناصر الشرطة في هجوم مسلح."}
		})
	add(analysis.Document{ID: "t2", Published: "2015-07-25", Source: "okaz",
		Text: "وصلت تعزيزات عسكرية إلى الموصل صباح اليوم، والموصل تشهد توترا منذ أسابيع بعد سلسلة من الاشتباكات."}, nil)
	add(analysis.Document{ID: "t3", Published: "2015-08-02", Source: "aawsat", Lang: "ar",
		Text: "أعلنت الحكومة العراقية خطة لإعادة إعمار المدارس للموصل وتكريت خلال العام المقبل، وقال وزير التخطيط إن العراق خصص لها ميزانية كبيرة."},
		func(a *analysis.Analysis) { withPlaces(a, mosul, tikrit, iraq) })
	add(analysis.Document{ID: "t4", Published: "2015-08-05", Source: "alriyadh",
		Text: "انفجرت سيارة مفخخة في بغداد وأسفر الانفجار عن سقوط قتلى وجرحى بين المدنيين في سوق شعبي مزدحم."},
		func(a *analysis.Analysis) {
			withPlaces(a, baghdad)
			a.Events = []analysis.Event{{Type: "explosions_remote_violence", SubType: "remote_explosive_landmine_ied", Date: "2015-08-05", DatePrecision: "day",
				Location: loc(baghdad), Actors: []analysis.ActorRef{}, Targets: []analysis.ActorRef{{Name: "المدنيين", NameEn: "civilians"}},
				Injuries: intp(12), Evidence: analysis.Span{Start: 0, End: 27, Text: "انفجرت سيارة مفخخة في بغداد"}, Confidence: 0.7}}
		})
	add(analysis.Document{ID: "t5", Published: "2015-08-07", Source: "SPA",
		Text: "قالت وزارة الداخلية السعودية إن قوات الأمن ألقت القبض على خلية إرهابية في الرياض كانت تخطط لتنفيذ عمليات."},
		func(a *analysis.Analysis) {
			withPlaces(a, riyadh)
			a.Actors = []analysis.Actor{{Ref: moi.Ref, Name: moi.Name, NameEn: moi.NameEn, Kind: moi.Kind, Country: moi.Country, Mentions: 1}}
			a.Events = []analysis.Event{{Type: "strategic_developments", SubType: "arrests", Cameo: "173", Date: "2015-08-06", DatePrecision: "day",
				Location: loc(riyadh), Actors: []analysis.ActorRef{{Ref: "actor:sa-interior", Name: moi.Name, NameEn: moi.NameEn}}, Targets: []analysis.ActorRef{},
				Evidence: analysis.Span{Start: 30, End: 60, Text: "ألقت القبض على خلية إرهابية"}, Confidence: 0.9}}
		})
	add(analysis.Document{ID: "t6", Published: "2015-08-10T09:30:00+03:00", Source: "reuters", Lang: "en",
		Text: "Reuters reported clashes near Mosul on Thursday, citing two security sources."}, nil)
	add(analysis.Document{ID: "t7", Text: "فاز الفريق الأول بالمباراة النهائية بعد أداء قوي في الشوط الثاني أمام جمهور كبير."}, nil)
	return docs
}

// Wire is a wire story and the copies other papers printed: one under
// another headline with a dateline and a changed word, one printed as it
// is under its own id, and an unrelated story of the same length.
func Wire() []Doc {
	body := "أعلنت وزارة الصحة في بيان رسمي صدر اليوم أن عدد المصابين بالفيروس ارتفع إلى مئة وعشرين حالة في ثلاث مناطق، " +
		"وأضاف البيان أن الفرق الطبية تعمل على مدار الساعة لمتابعة الحالات المشتبه بها وعزلها، ودعت الوزارة المواطنين إلى " +
		"الالتزام بالإرشادات الصحية وتجنب التجمعات والإبلاغ عن أي أعراض فور ظهورها."
	copyBody := "الرياض - واس: " + body[:len(body)-len("فور ظهورها.")] + "عند ظهورها."
	other := "افتتح أمير المنطقة معرض الكتاب السنوي بمشاركة أكثر من خمسمئة دار نشر من عشرين دولة عربية وأجنبية، " +
		"ويستمر المعرض عشرة أيام تقام خلالها ندوات وأمسيات شعرية وورش عمل للأطفال، وتوقع المنظمون أن يزوره أكثر من مليون زائر " +
		"في دورته الحالية التي تحتفي بالرواية العربية الحديثة."
	var docs []Doc
	for _, d := range []analysis.Document{
		{ID: "w-original", Title: "الصحة: ارتفاع الإصابات", Published: "2015-08-01", Source: "spa", Text: body},
		{ID: "w-copy", Title: "ارتفاع عدد المصابين إلى 120 حالة", Published: "2015-08-01", Source: "okaz", Text: copyBody},
		{ID: "w-same", Title: "الصحة: ارتفاع الإصابات", Published: "2015-08-01", Source: "madina", Text: body},
		{ID: "w-other", Title: "افتتاح معرض الكتاب", Published: "2015-08-01", Source: "spa", Text: other},
	} {
		docs = append(docs, Doc{d, analysis.New(&d)})
	}
	return docs
}

// Query is a search of the suite and the ids it must find, in any order.
type Query struct {
	Q    string
	Want []string
}

// Queries are the suite's searches over Corpus; both backends must find
// exactly these documents.
func Queries() []Query {
	return []Query{
		{"الموصل", []string{"t1", "t2", "t3"}},
		{"بالموصل", []string{"t1", "t2", "t3"}},
		{"والموصل", []string{"t1", "t2", "t3"}},
		{"للموصل", []string{"t1", "t2", "t3"}},
		{"Mosul", []string{"t6"}},
		{`"نقطة تفتيش"`, []string{"t1"}},
		{`"تفتيش نقطة"`, nil},
		{`"الحكومة العراقية"`, []string{"t3"}},
		{"الموصل -تكريت", []string{"t1", "t2"}},
		{"الموصل NOT تكريت", []string{"t1", "t2"}},
		{"بغداد OR الرياض", []string{"t4", "t5"}},
		{"بغداد أو الرياض", []string{"t4", "t5"}},
		{"بغداد | الرياض", []string{"t4", "t5"}},
		{"(بغداد OR الموصل) -الاشتباكات", []string{"t1", "t3", "t4"}},
		{"مسلح*", []string{"t1"}},
		{"المسلح*", []string{"t1"}},
		{"الموص*", []string{"t1", "t2", "t3"}},
		{"clash*", []string{"t6"}},
		{"المسلحين", []string{"t1"}},
		{"مسلحون", []string{"t1"}},
		{"قتلى", []string{"t4"}},
		{"الشرطة الموصل", []string{"t1"}},
		{"الشرطة AND الموصل", []string{"t1"}},
		{"المباراة", []string{"t7"}},
		{"مسئول", []string{"t1"}},
		{"السعودية", []string{"t5"}},
		{"سورية", nil},
	}
}
