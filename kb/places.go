package kb

import (
	"math"
	"slices"
	"strings"

	"github.com/marsad/marsad/arabic"
)

// PlaceMention is a place named in a text, resolved.
type PlaceMention struct {
	// Start and End are code-point offsets into the text, covering the
	// whole tokens (proclitics included: بالموصل); TokStart and TokEnd index
	// the tokens given.
	Start, End       int
	TokStart, TokEnd int
	Text             string // the text as written
	Norm             string // the name without proclitics, in Norm form
	Place            *Place
	Score            float64 // 0–1; higher is more likely right
	// Candidates are the readings considered, best first (the first is
	// Place).
	Candidates []Candidate
	// Institution: the name stands in its own institution's (شرطة جدة,
	// أمانة منطقة الرياض): no place mention of the text, but the place the
	// institution serves (FindPlaces leaves such mentions out).
	Institution bool
}

// triggers are words that, standing before a name, say what kind of place
// it is (محافظة الأنبار، مدينة الرمادي، مخيم الزعتري). A trigger lets a weak
// name count and favours candidates of its kinds.
var triggers = map[string][]string{}

// orgHeads are words that make the place name after them part of the name
// of an organisation or a post: شرطة منطقة الرياض، جامعة الكويت، صحيفة
// الرياض، مجلس محافظة الأنبار، ريال مدريد. Such names are not place
// mentions (the annotation guidelines of the project agree).
var orgHeads = map[string]bool{}

// streetHeads are words for a street, a square or a roundabout, whose name
// after them names no place where the street is: شارع حيفا is in Baghdad,
// دوار الكويت in Gaza, ميدان لبنان in Cairo. The plural and the corniche
// are a town's own (شوارع لندن, كورنيش جدة: London's streets, Jeddah's
// corniche).
var streetHeads = map[string]bool{}

// orgTails are words that make the place name before them part of an
// organisation's name: نيويورك تايمز، واشنطن بوست.
var orgTails = map[string]bool{}

// siteTrigger reports whether the kinds a trigger asks for are a site's
// alone (مخيم، ميناء، مطار).
func siteTrigger(kinds []string) bool {
	return len(kinds) == 1 && kinds[0] == KindSite
}

// pluralTriggers are the triggers in the plural or dual, which a list of
// names after them shares (محافظات مأرب وعمران وحجة).
var pluralTriggers = map[string]bool{}

// nounTriggers are triggers that are also everyday nouns: مركز ("centre";
// a district's seat), ناحية ("side"; an Iraqi sub-district), لواء
// ("brigade"; a Jordanian district).
var nounTriggers = map[string]bool{key("مركز"): true, key("ناحية"): true, key("لواء"): true}

// directionNouns may stand before a nisba-shaped name without making it an
// adjective: شمال مالي، داخل سورية.
var directionNouns = map[string]bool{}

// prepositionNouns are nouns used as prepositions, which no adjective
// follows: أمام تشيلي is "before Chile".
var prepositionNouns = map[string]bool{}

// localHeads are the organisations' heads that name a place's own
// institution (شرطة جدة, أمانة منطقة الرياض, غرفة مكة, عمليات نينوى).
var localHeads = map[string]bool{}

func init() {
	add := func(kinds []string, words ...string) {
		for _, w := range words {
			triggers[key(w)] = kinds
		}
	}
	add([]string{KindCity, KindTown}, "مدينة", "مدينتي", "مدن", "العاصمة", "عاصمة")
	add([]string{KindTown, KindVillage, KindCity}, "بلدة", "بلدتي", "بلدات", "قرية", "قريتي", "قرى")
	add([]string{KindAdmin1, KindAdmin2}, "محافظة", "محافظتي", "محافظات", "ولاية", "ولايتي", "إقليم", "مقاطعة", "إمارة", "شعبية", "منطقة", "منطقتي")
	add([]string{KindAdmin2, KindTown}, "قضاء", "مديرية", "مديريتي", "ناحية", "مركز", "لواء")
	add([]string{KindRegion, KindAdmin1}, "ريف", "جبل", "جبال", "سهل", "صحراء", "وادي", "جزيرة", "شبه")
	for _, w := range []string{"مدن", "مدينتي", "بلدات", "بلدتي", "قرى", "قريتي", "محافظات", "محافظتي", "ولايتي", "منطقتي", "مديريتي"} {
		pluralTriggers[key(w)] = true
	}
	add([]string{KindSite}, "مخيم", "سجن", "معبر", "منفذ", "مطار", "قاعدة", "حقل", "حقول", "ميناء", "مصفاة", "سد", "حي", "ساحة", "مسجد", "جامع")
	add([]string{KindCountry}, "دولة", "جمهورية", "مملكة", "بلاد", "سلطنة")
	for _, w := range []string{"شرطة", "أمانة", "بلدية", "غرفة", "محكمة", "مجلس", "فرع", "ديوان", "قيادة", "عمليات"} {
		orgHeads[key(w)], localHeads[key(w)] = true, true
	}
	for _, w := range []string{"جامعة", "صحيفة", "جريدة", "مجلة", "قناة", "إذاعة", "وكالة", "نادي", "فريق", "منتخب",
		"شركة", "بنك", "مصرف", "هيئة", "دوري", "كأس", "بطولة", "بورصة", "ريال", "أتلتيكو", "أتلتيك"} {
		orgHeads[key(w)] = true
	}
	delete(orgHeads, key("إمارة")) // إمارة دبي is a place; إمارة منطقة… is caught below
	for _, w := range []string{"شارع", "دوار", "ميدان", "جادة"} {
		streetHeads[key(w)] = true
	}
	for _, w := range []string{"تايمز", "بوست", "جورنال", "تلغراف", "تليغراف", "ستار", "تريبيون", "يونايتد", "سيتي"} {
		orgTails[key(w)] = true
	}
	for _, w := range []string{"أمام", "ضد", "عبر", "مقابل", "تجاه", "حول", "قرب", "خلف", "بعد", "قبل", "عند"} {
		prepositionNouns[key(w)] = true
	}
	for _, w := range []string{"شمال", "جنوب", "شرق", "غرب", "وسط", "داخل", "خارج", "أنحاء", "أرجاء",
		"حدود", "عموم", "ضواحي", "أطراف", "سماء", "أجواء", "مياه", "أراضي", "قلب", "عاصمة",
		"قرب", "بقرب", "نحو", "حول", "محيط", "تخوم", "مشارف", "جنوبي", "شمالي", "شرقي", "غربي"} {
		directionNouns[key(w)] = true
	}
}

// directions are adjectives that may follow a name without changing the
// place it names: ريف حلب الشمالي, سيناء الشمالية.
var directions = map[string]bool{}

func init() {
	for _, w := range []string{"الشمالي", "الشمالية", "الجنوبي", "الجنوبية", "الشرقي", "الشرقية",
		"الغربي", "الغربية", "الأوسط", "الوسطى"} {
		directions[key(w)] = true
	}
}

// genericHeads are the words for kinds of administrative units and
// settlements that stand before their names.
var genericHeads = map[string]bool{}

func init() {
	for _, w := range []string{"محافظة", "محافظتي", "ولاية", "منطقة", "مدينة", "بلدة", "قرية", "إقليم",
		"مقاطعة", "شعبية", "قضاء", "مديرية", "ناحية", "إمارة", "بلدية", "جهة", "دولة", "جمهورية", "سلطنة", "مملكة"} {
		genericHeads[key(w)] = true
	}
}

var (
	latinAmericaKey = key("اللاتينية")
	countrysideKey  = key("ريف")
	emaraKey        = key("إمارة")
	regionKey       = key("منطقة")
)

// idioms are names followed by a word that turns them into something
// else: مسقط رأسه and مسقط الرأس are one's birthplace, not Muscat; الوجه القبلي is Upper
// Egypt, not Al Wajh; القطاع الخاص, المصرفي, الصحي… is a sector of the
// economy, not the Gaza Strip.
var idioms = map[string][]string{key("مسقط"): {key("رأس"), key("الرأس")}, key("الوجه"): {key("القبلي"), key("البحري")},
	key("القطاع"): {key("الخاص"), key("العام"), key("المصرفي"), key("النفطي"), key("الصحي"), key("التعليمي"), key("الحكومي"),
		key("الزراعي"), key("السياحي"), key("الأمني"), key("العسكري"), key("الاقتصادي"), key("التجاري"), key("الصناعي"),
		key("العقاري"), key("المالي"), key("الخدمي"), key("الخيري")}}

// pmention is a mention being resolved.
type pmention struct {
	i, j    int // tokens, after extension
	key     string
	trigger []string // kinds asked for by the word before
	// ownerWord: the word before is a site's (ميناء) or a noun that is
	// also a division's name (مركز "centre", ناحية "side"): before a
	// definite everyday word it makes that word its owner (مركز المدينة,
	// "the city centre"), not the name of a place
	ownerWord bool
	rif       bool // "ريف X": the countryside of X
	plural    bool // after a plural or dual trigger (محافظات, مدينتي), which the list's names share
	listed    bool // the trigger is the list's, not the word before: it supports this mention only
	inst      bool // inside its own institution's name (PlaceMention.Institution)
	afterThis bool // after a demonstrative (هذا القطاع, "this sector"): a common noun
	cands     []Candidate
	best      int // index into cands, -1 when nothing supports the mention
}

// FindPlaces finds the places named in a text given its tokens
// (arabic.Tokenize(text)), resolves each mention against the whole
// document, and returns the mentions in text order. Names inside an
// actor's name (the سوريا of قوات سوريا الديمقراطية) or an organisation's
// (شرطة منطقة الرياض، صحيفة الرياض) are not place mentions.
func (k *KB) FindPlaces(text string, toks []arabic.Token) []PlaceMention {
	places, _, _ := k.find(text, fromArabic(text, toks), true)
	return slices.DeleteFunc(places, func(m PlaceMention) bool { return m.Institution })
}

// Span is a stretch of text in code points, [Start, End).
type Span struct{ Start, End int }

// Find finds both places and actors, sharing the work: use it when both
// are wanted. It also returns the words spelled like a place's name that
// stand as nisba adjectives, not names (السعودية in الجامعات السعودية,
// "the Saudi universities"), whole tokens in text order.
func (k *KB) Find(text string, toks []arabic.Token) ([]PlaceMention, []ActorMention, []Span) {
	return k.find(text, fromArabic(text, toks), true)
}

func (k *KB) find(text string, toks []tok, wantPlaces bool) ([]PlaceMention, []ActorMention, []Span) {
	raws := k.spellingFit(text, toks, scan(k.placeIdx, toks))
	named := k.adjectiveContext(toks)
	actors := k.findActors(text, toks, raws, named)
	actors = longerPlaces(actors, raws)
	actors = k.settle(text, toks, raws, named, actors)
	if !wantPlaces {
		return nil, actors, nil
	}
	ms, adj := k.mentions(toks, raws, actors)
	markDemonstratives(toks, ms)
	k.resolve(ms, named)
	if again := k.afterTrigger(toks, raws, ms); again != nil {
		raws = again
		ms, adj = k.mentions(toks, raws, actors)
		markDemonstratives(toks, ms)
		k.resolve(ms, named)
	}
	out := make([]PlaceMention, 0, len(ms))
	for _, m := range ms {
		if m.best < 0 {
			continue
		}
		if len(m.cands) > 1 {
			sortCands(m.cands)
		}
		for i := range m.cands {
			m.cands[i].Score = math.Min(1, m.cands[i].Score/scoreScale)
		}
		c := m.cands[0]
		// the span is the name: a generic head (محافظة، مدينة، دولة…) is
		// left out, as the project's annotation does; a site keeps its
		// (مطار صنعاء، معبر رفح) and a countryside its ريف
		if m.j-m.i > 1 && !m.rif && genericHeads[stripClitics(&toks[m.i])] && c.Place.Kind != KindSite {
			m.i++
			c.cut, c.art = 0, false
		}
		pm := PlaceMention{
			Start: toks[m.i].start, End: toks[m.j-1].end, TokStart: m.i, TokEnd: m.j,
			Place: c.Place, Score: c.Score, Candidates: m.cands, Institution: m.inst,
		}
		pm.Text = textOf(text, toks, m.i, m.j)
		if m.rif {
			c.cut, c.art = 0, false
		}
		pm.Norm = mentionNorm(toks[m.i:m.j], c.cut, c.art)
		out = append(out, pm)
	}
	return out, actors, adj
}

// afterTrigger reads again, without its first word, a name of two words
// or more that begins with a trigger word and resolved to nothing: مدينة
// زنجبار is Zanzibar City, which needs Tanzania named, but in Yemeni news
// it is the town (مدينة) of Zinjibar. It returns the new matches, or nil
// when no such name failed.
func (k *KB) afterTrigger(toks []tok, raws []rawMatch, ms []*pmention) []rawMatch {
	var failed map[int]bool
	for _, m := range ms {
		if m.best < 0 && m.j-m.i >= 2 && triggers[stripClitics(&toks[m.i])] != nil {
			if failed == nil {
				failed = map[int]bool{}
			}
			failed[m.i] = true
		}
	}
	if len(failed) == 0 {
		return nil
	}
	out := make([]rawMatch, 0, len(raws)+1)
	for _, r := range raws {
		if !failed[r.i] {
			out = append(out, r)
			continue
		}
		for _, sub := range scan(k.placeIdx, toks[r.i+1:r.j]) {
			sub.i += r.i + 1
			sub.j += r.i + 1
			out = append(out, sub)
		}
	}
	return out
}

// spellingFit drops the one-word place readings whose word carries a hamza
// inside it where the place's name has a bare alef: فأس ("an axe") is not
// فاس (Fez), حمأة ("mud") not حماة, رأوه ("they saw him") not راوة, وأنا
// ("and I") not وانا (Wana); and a madda where the name has a plain
// hamza: مآرب ("aims", لتحقيق مآربهم) is not مأرب (Marib). News leaves
// hamzas out far more often than it adds them, and a word-initial one
// (أنقرة, إدلب) is spelt either way, so only a hamza after the first
// letter of the name counts. A one-word reading of a word that ends in a
// tanween goes too (arabic.EndsInTanween).
func (k *KB) spellingFit(text string, toks []tok, raws []rawMatch) []rawMatch {
	out := raws[:0]
	for _, r := range raws {
		if r.j-r.i > 1 {
			out = append(out, r)
			continue
		}
		w := textOf(text, toks, r.i, r.j)
		if arabic.EndsInTanween(w) {
			continue // دوماً ("always") is no Douma, صنعاً no Sanaa
		}
		if strings.HasSuffix(toks[r.i].norm, "ه") && !strings.HasPrefix(r.key, "ال") { // norm drops diacritics and keeps ة apart
			// a name written with ة read in a word that ends in ه is as
			// often the word and a pronoun (وجده "and his grandfather",
			// not Oujda; زواره "its visitors", not Zuwara; بصره "his
			// sight", not Basra) as the name misspelt (جده for Jeddah):
			// it needs the place's country and a place near it; a
			// capital's misspelt name is no word (أنقره), nor is a name
			// with the article, which no pronoun follows (الرقه,
			// بالفلوجه: the name with ة written ه)
			for ci := range r.cands {
				c := &r.cands[ci]
				p := k.places[c.ref.item]
				if !c.ref.english && int(c.ref.name) < len(p.Names) && strings.HasSuffix(p.Names[c.ref.name], "ة") && c.ref.weak == 0 && !p.capital {
					c.ref.weak = weakContext
				}
			}
		}
		if toks[r.i].hamza {
			// the word without diacritics and tatweel, letter for letter;
			// the cut proclitics are Arabic letters of two bytes each
			word := slices.DeleteFunc([]rune(w), func(c rune) bool { return c >= 0x064B && c <= 0x0652 || c == 0x0640 })
			cands := r.cands[:0]
			for _, c := range r.cands {
				p := k.places[c.ref.item]
				if c.ref.english || int(c.ref.name) >= len(p.Names) || !hamzaClash(word[min(len(word), int(c.cut)/2):], []rune(p.Names[c.ref.name])) {
					cands = append(cands, c)
				}
			}
			if len(cands) == 0 {
				continue
			}
			r.cands = cands
		}
		out = append(out, r)
	}
	return out
}

// hamzaClash reports whether word has a hamza on an alef after its first
// letter where name, letter for letter, has a bare alef, or a madda where
// name has a hamza on an alef; a hamza on a final alef does not count.
func hamzaClash(word, name []rune) bool {
	if len(word) != len(name) {
		return false
	}
	for i := 1; i < len(word); i++ {
		if i == len(word)-1 && i >= 3 && word[i] == 'أ' {
			// a final alef written with a hamza in a longer word is a
			// misspelling: المخأ is المخا (Mocha); فاجأ ("surprised") is
			// still no ف + اجا
			continue
		}
		if (word[i] == 'أ' || word[i] == 'إ' || word[i] == 'آ') && name[i] == 'ا' || word[i] == 'آ' && name[i] == 'أ' {
			return true
		}
	}
	return false
}

// longerPlaces drops actor mentions that lie inside a longer place name:
// the العربية of المملكة العربية السعودية is not Al Arabiya. (A place name
// inside a longer actor name is dropped in turn by mentions: the سوريا of
// قوات سوريا الديمقراطية.)
func longerPlaces(actors []ActorMention, places []rawMatch) []ActorMention {
	out := actors[:0]
	pi := 0
	for _, a := range actors {
		for pi < len(places) && places[pi].j <= a.TokStart {
			pi++
		}
		inside := false
		for q := pi; q < len(places) && places[q].i < a.TokEnd; q++ {
			p := places[q]
			if p.i <= a.TokStart && a.TokEnd <= p.j && p.j-p.i > a.TokEnd-a.TokStart {
				inside = true
			}
		}
		if !inside {
			out = append(out, a)
		}
	}
	return out
}

// descriptions replaces the mention of a person by a description that
// holds another name (زعيم داعش, "the leader of ISIS"; الأمين العام لحزب
// الله; المبعوث الأممي إلى اليمن; أمير الكويت) with the names inside it: the
// description is no person's name, and the group or the place it names is
// what the text says (namesInside). An organisation's alias may be such a
// description too.
func (k *KB) descriptions(text string, toks []tok, places []rawMatch, named map[string]bool, actors []ActorMention) []ActorMention {
	var out []ActorMention
	for n, m := range actors {
		names, described := k.namesInside(text, toks, places, named, m)
		switch {
		case described && out == nil:
			out = append(append(make([]ActorMention, 0, len(actors)), actors[:n]...), names...)
		case described:
			out = append(out, names...)
		case out != nil:
			out = append(out, m)
		}
	}
	if out == nil {
		return actors
	}
	return out
}

// namesInside reports whether actor mention m is a description, and if so
// returns the actor mentions inside it (the places inside a person's
// description are found as places once it is no mention).
//   - A person's: a mention that holds another actor or a place. A title
//     before the person's own name (الرئيس السوري بشار الأسد) holds no
//     other name and stays, and so does a mention that begins as the
//     person's name does (عبدالملك الحوثي, though الحوثي also names his
//     movement; برناردينو ليون, though ليون is Lyon).
//   - An organisation's alias: one that names another organisation after
//     ل or ب (الجناح العسكري لحركة حماس, the Qassam Brigades as "Hamas's
//     military wing"); its own name at its head stays its mention (مجلس
//     الأمن التابع للأمم المتحدة). A name that holds another's without a
//     preposition (كتائب حزب الله) is a name.
func (k *KB) namesInside(text string, toks []tok, places []rawMatch, named map[string]bool, m ActorMention) ([]ActorMention, bool) {
	if m.Actor.Kind != "person" {
		if m.TokEnd-m.TokStart < 3 || key(m.Norm) == key(m.Actor.Name) {
			return nil, false
		}
		own := ownPrefix(text, toks, m)
		inner := k.actorsIn(text, toks, places, named, m.TokStart+max(own.TokEnd-own.TokStart, 1), m.TokEnd)
		for _, in := range inner {
			if in.Actor != m.Actor && in.Actor.Kind != "person" && afterPreposition(in.Text, in.Norm) {
				if own.Actor != nil {
					inner = append([]ActorMention{own}, inner...)
				}
				return inner, true
			}
		}
		return nil, false
	}
	if m.TokEnd-m.TokStart < 2 || beginsName(toks[m.TokStart].key, m.Actor.Name) {
		return nil, false
	}
	inner := k.actorsIn(text, toks, places, named, m.TokStart+1, m.TokEnd)
	for _, in := range inner {
		if in.Actor != m.Actor {
			return inner, true
		}
	}
	for _, r := range places {
		if m.TokStart < r.i && r.j <= m.TokEnd && !r.weakOnly() {
			return inner, true
		}
	}
	return nil, false
}

// actorsIn finds the actors named in tokens [i, j), with token offsets
// into toks; the whole text's places and adjectives (named) say which
// countries it names.
func (k *KB) actorsIn(text string, toks []tok, places []rawMatch, named map[string]bool, i, j int) []ActorMention {
	ms := k.findActors(text, toks[i:j], places, named)
	for n := range ms {
		ms[n].TokStart += i
		ms[n].TokEnd += i
	}
	return ms
}

// settle reads the actor mentions' descriptions as the names inside them
// (descriptions) and drops member nouns before a name (withoutMembers).
func (k *KB) settle(text string, toks []tok, places []rawMatch, named map[string]bool, actors []ActorMention) []ActorMention {
	actors = k.descriptions(text, toks, places, named, actors)
	for i := range actors {
		actors[i] = withoutMembers(text, toks, actors[i])
	}
	return actors
}

// memberNouns are words for a group's members before its name (مسلحي
// الحوثي, "the Houthi gunmen"; عناصر حزب الله): the name after them is the
// entity.
var memberNouns = map[string]bool{}

func init() {
	for _, w := range []string{"عناصر", "مسلحو", "مسلحي", "مقاتلو", "مقاتلي", "أعضاء", "جنود", "قادة",
		"العناصر", "المسلحون", "المسلحين", "مسلحون", "مسلحين", "المقاتلون", "المقاتلين", "مقاتلون", "مقاتلين"} {
		memberNouns[key(w)] = true
	}
}

// withoutMembers returns mention m without a member noun before the
// actor's name (مسلحي الحوثي → الحوثي), or m as it is.
func withoutMembers(text string, toks []tok, m ActorMention) ActorMention {
	if m.TokEnd-m.TokStart < 2 || !memberNouns[toks[m.TokStart].key] {
		return m
	}
	norm := mentionNorm(toks[m.TokStart+1:m.TokEnd], 0, false)
	if !m.Actor.isName(norm) {
		return m
	}
	m.TokStart++
	m.Start = toks[m.TokStart].start
	m.Text = textOf(text, toks, m.TokStart, m.TokEnd)
	m.Norm = norm
	return m
}

// ownPrefix returns the longest beginning of mention m, shorter than m,
// that is one of its actor's names, as a mention of its own; its Actor is
// nil when there is none.
func ownPrefix(text string, toks []tok, m ActorMention) ActorMention {
	var cut uint8
	var art bool
	if len(m.Candidates) > 0 {
		cut, art = m.Candidates[0].cut, m.Candidates[0].art
	}
	for j := m.TokEnd - 1; j > m.TokStart; j-- {
		norm := mentionNorm(toks[m.TokStart:j], cut, art)
		if m.Actor.isName(norm) {
			return ActorMention{Start: toks[m.TokStart].start, End: toks[j-1].end, TokStart: m.TokStart, TokEnd: j,
				Text: textOf(text, toks, m.TokStart, j), Norm: norm, Actor: m.Actor, Score: m.Score, Candidates: m.Candidates}
		}
	}
	return ActorMention{}
}

// preposition reports whether a word, or its key, begins with the letter
// of the proclitic preposition ب or ل.
func preposition(w string) bool {
	return strings.HasPrefix(w, "ب") || strings.HasPrefix(w, "ل")
}

// weakOnly reports whether every reading of a raw match is a weak name.
func (r rawMatch) weakOnly() bool {
	for _, c := range r.cands {
		if c.ref.weak == 0 {
			return false
		}
	}
	return len(r.cands) > 0
}

// afterPreposition reports whether a mention's first word, as written in
// text, carries the preposition ل or ب that its norm is without (لحركة
// حماس, بخان يونس).
func afterPreposition(text, norm string) bool {
	w := firstWord(text)
	return preposition(w) && key(w) != key(firstWord(norm))
}

// beginsName reports whether the word w (a key, proclitics allowed) begins
// the name, spaces aside: عبدالملك begins عبد الملك الحوثي, and so does
// الملك الملك سلمان بن عبدالعزيز; زعيم begins no one's name.
func beginsName(w, name string) bool {
	n := strings.ReplaceAll(key(name), " ", "")
	if strings.HasPrefix(n, w) {
		return true
	}
	for _, p := range proclitics {
		if rest, ok := strings.CutPrefix(w, p); ok && rest != "" && strings.HasPrefix(n, rest) {
			return true
		}
	}
	return false
}

// mentions turns raw matches into mentions with candidates scored by
// prior alone, leaving out names inside actors' and organisations' names,
// stop words, idioms and adjectives; it returns the adjectives' spans
// apart.
func (k *KB) mentions(toks []tok, raws []rawMatch, actors []ActorMention) ([]*pmention, []Span) {
	ms := make([]*pmention, 0, len(raws))
	var adj []Span
	ai := 0
	for ri, r := range raws {
		for ai < len(actors) && actors[ai].TokEnd <= r.i {
			ai++
		}
		if ai < len(actors) && overlaps(r.i, r.j, actors[ai].TokStart, actors[ai].TokEnd) {
			continue
		}
		m := &pmention{i: r.i, j: r.j, key: r.key}
		// the word before: ريف, a trigger, or an organisation's head
		var prev, prev2 string
		if r.i > 0 && !toks[r.i].brk && toks[r.i-1].name {
			prev = stripClitics(&toks[r.i-1])
			if r.i > 1 && !toks[r.i-1].brk && toks[r.i-2].name {
				prev2 = stripClitics(&toks[r.i-2])
			}
		}
		if prev == countrysideKey && !strings.HasPrefix(r.key, countrysideKey+" ") {
			m.rif = true
			m.i = r.i - 1
		}
		m.trigger = triggers[prev]
		// a list after a plural or dual trigger shares it: محافظات مأرب
		// وعمران وحجة are three governorates, مدن بنغازي ودرنة وسبها three
		// towns; after a singular one the next name is something else's
		// (مدينة زنجبار ومعسكر اللواء 15, "and the camp of")
		if n := len(ms); m.trigger == nil && n > 0 && ms[n-1].j == r.i && ms[n-1].plural &&
			strings.HasPrefix(toks[r.i].key, "و") {
			m.trigger, m.plural, m.listed = ms[n-1].trigger, true, true
		}
		if m.trigger != nil && pluralTriggers[prev] {
			m.plural = true
		}
		m.ownerWord = siteTrigger(m.trigger) || nounTriggers[prev]
		// a place's own institution (شرطة جدة, أمانة منطقة الرياض, إمارة
		// منطقة مكة) names the place it serves, which the event stage may
		// read; another organisation named after a place (صحيفة الرياض,
		// نادي نجران) does not
		m.inst = localHeads[prev] && !ledBy(toks, r.i) || m.trigger != nil && localHeads[prev2] || prev == regionKey && prev2 == emaraKey
		if !m.inst && (orgHeads[prev] && !ledBy(toks, r.i) || m.trigger != nil && orgHeads[prev2]) || streetHeads[prev] && k.namesStreet(r) {
			continue
		}
		// the word after: an organisation's tail or an idiom
		if r.j < len(toks) && !toks[r.j].brk {
			next := toks[r.j].key
			if orgTails[next] {
				continue
			}
			idiom := false
			for _, p := range idioms[r.key] {
				idiom = idiom || strings.HasPrefix(next, p)
			}
			if idiom {
				continue
			}
		}
		// a town is feminine: a masculine nationality adjective after its
		// name makes it a club or a team (روما الإيطالي, ليفربول
		// الإنجليزي), where the town takes a feminine one (ميلانو الإيطالية)
		if m.trigger == nil && r.j < len(toks) && !toks[r.j].brk && onlyTowns(k, r) && !mascHeads[prev] &&
			!mascHeads[prev2] && triggers[prev2] == nil && k.masculineNationality(toks[r.j].key) {
			continue
		}
		single := r.j-r.i == 1
		// a stop word is a place only where a word says so, here or at
		// another mention: وأن is "and that" before it is Van, إب is أب
		// ("father") to the stop list, but في إب is Ibb where مدينة إب is
		// written too
		stop := single && m.trigger == nil && arabic.IsStopWord(toks[r.i].norm)
		// afterPlace: a town's or a region's strong name right before (not a
		// country's: روسيا السعودية is a list or a verb's two objects)
		if single && m.trigger == nil && isAdjective(toks, r, k.anyCountry(r),
			ri > 0 && raws[ri-1].j == r.i && !raws[ri-1].weakOnly() && !k.anyCountry(raws[ri-1])) {
			adj = append(adj, Span{toks[r.i].start, toks[r.i].end})
			continue
		}
		// directions after the name: ريف حلب الشمالي is still the countryside
		// of Aleppo, but أمريكا الجنوبية is not the United States
		if m.j < len(toks) && !toks[m.j].brk && (directions[toks[m.j].key] || toks[m.j].key == latinAmericaKey) && (k.anyCountry(r) || r.weakOnly() && m.trigger == nil) {
			continue // nor is الضفة الشرقية (the east bank) the West Bank's الضفة
		}
		for n := 0; n < 2 && m.j < len(toks) && directions[toks[m.j].key] && !toks[m.j].brk; n++ {
			m.j++
		}
		for _, c := range r.cands {
			p := k.places[c.ref.item]
			ref := c.ref
			if c.clitic && single && ref.weak == 0 && !p.hand && p.Kind != KindCountry &&
				p.Population < 500000 && !(preposition(toks[r.i].key) && focusCountries[p.Country] && p.Population >= 100000) &&
				!strings.HasPrefix(r.key, "ال") {
				// فصيلة is not ف + صيلة (Asilah) without more; بتبوك ("in
				// Tabuk"), a city of the wars' countries after a
				// preposition, is Tabuk
				ref.weak = weakContext
			}
			if c.clitic && single && ref.weak == 0 && p.Kind != KindCountry && strings.HasPrefix(toks[r.i].key, "ك") && !strings.HasPrefix(r.key, "ال") {
				ref.weak = weakContext // كسرت is "broke", not ك + سرت (Sirte), without more; كسوريا is "like Syria"
			}
			if ref.weak == 0 && !p.hand && !p.capital && !focusCountries[p.Country] && p.Population < 500000 && p.Kind != KindCountry {
				ref.weak = weakContext // a small town abroad named like a person: باترسون; not a capital (بوجمبورا)
			}
			if stop {
				ref.weak = weakTrigger
			}
			if prev == emaraKey && p.Country == "SA" {
				m.inst = true // إمارة جازان is the province's government
			}
			s, _ := placePrior(p, ref, c.clitic, false)
			m.cands = append(m.cands, Candidate{Place: p, Score: s, Name: nameOf(p.Names, p.NamesEn, c.ref), ref: ref, clitic: c.clitic, cut: c.cut, art: c.art})
		}
		if m.rif {
			m.cands = k.countryside(m.cands)
		}
		ms = append(ms, m)
	}
	return ms, adj
}

// isAdjective reports whether a one-word match is a nisba adjective rather
// than a name: السعودية in الحكومة السعودية, سورية in قوات سورية, مالي in
// دعم مالي. The name must look like a nisba (ending in ي or ية) and follow
// a noun that agrees with it in definiteness, without a proclitic on the
// name (لبنان وسورية is a list of countries). afterPlace says that a
// town's or region's name ends right before it.
func isAdjective(toks []tok, r rawMatch, hasCountry, afterPlace bool) bool {
	if r.i == 0 || toks[r.i].brk {
		return false
	}
	for _, c := range r.cands {
		if c.clitic {
			return false
		}
	}
	name := toks[r.i].key
	switch {
	case strings.HasSuffix(name, "يه"): // السعودية، سورية، الإسماعيلية
	case strings.HasSuffix(name, "ي") && hasCountry: // مالي
	default:
		return false
	}
	prev := &toks[r.i-1]
	if !prev.word || arabic.IsStopWord(prev.norm) || triggers[prev.key] != nil || directionNouns[prev.key] || prepositionNouns[prev.key] ||
		enclaveNouns[prev.key] {
		return false // أمام تشيلي: "before Chile", no adjective after أمام
	}
	// a direction with a preposition on it (بوسط مالي, "in central Mali"),
	// and a country's ruler, army or government (رئيس بوروندي, جيش مالي,
	// قوات مالي): the country. An adjective agrees with its noun, so after
	// a feminine noun only a name in ي (مالي) cannot be one; سورية can
	// (قوات سورية, "Syrian forces"), but not after a masculine noun (رئيس
	// سورية, "the president of Syria").
	bare := stripClitics(prev)
	if directionNouns[bare] {
		return false
	}
	if g, ok := stateNouns[bare]; ok && (g == masculine || strings.HasSuffix(name, "ي")) {
		return false
	}
	// a place's name is definite, with the article or without: كشمير
	// الهندية is Indian Kashmir, not Kashmir and al-Hindiyah in Iraq
	if strings.HasPrefix(name, "ال") {
		return definite(prev.key) || afterPlace
	}
	return !definite(prev.key)
}

// enclaveNouns say that the name after them is a place, not an adjective
// (جيب مليلية, "the enclave of Melilla"), without being triggers: جيب is
// also "jeep" (جيب تويوتا is no Toyota City).
var enclaveNouns = map[string]bool{key("جيب"): true, key("جيبي"): true}

// stateNouns are the nouns for a country's ruler, government, army,
// people or envoys, by the gender an adjective after them takes.
var stateNouns = map[string]gender{}

type gender uint8

const (
	masculine gender = iota
	feminine
)

func init() {
	for _, w := range []string{"رئيس", "ملك", "أمير", "جيش", "شعب", "برلمان", "سفير", "وزير", "وزراء", "مواطني", "قادة"} {
		stateNouns[key(w)] = masculine
	}
	// non-human plurals take a feminine adjective
	for _, w := range []string{"رئيسة", "حكومة", "سفارة", "رئاسة", "وزيرة", "عاصمة", "حدود", "أراضي", "قوات", "سلطات"} {
		stateNouns[key(w)] = feminine
	}
}

// definite reports whether a word key carries the article, after any
// proclitics: الحكومة, والحكومة, بالحكومة, للحكومة.
func definite(k string) bool {
	for _, p := range []string{"", "و", "ف"} {
		rest, ok := strings.CutPrefix(k, p)
		if !ok {
			continue
		}
		if strings.HasPrefix(rest, "ال") || strings.HasPrefix(rest, "لل") {
			return true
		}
		for _, q := range []string{"ب", "ك"} {
			if strings.HasPrefix(rest, q+"ال") {
				return true
			}
		}
	}
	return false
}

// anyCountry reports whether a raw match may name a country.
func (k *KB) anyCountry(r rawMatch) bool {
	for _, c := range r.cands {
		if k.places[c.ref.item].Kind == KindCountry {
			return true
		}
	}
	return false
}

// onlyTowns reports whether every candidate of a match is a city or a
// town: a region's or a province's name may be masculine (البنجاب
// الباكستاني, قطاع غزة الفلسطيني).
func onlyTowns(k *KB, r rawMatch) bool {
	for _, c := range r.cands {
		if kind := k.places[c.ref.item].Kind; kind != KindCity && kind != KindTown {
			return false
		}
	}
	return len(r.cands) > 0
}

// namesStreet reports whether a match after a street's word (streetHeads)
// is the street's name rather than the place it lies in: a country, a
// province or a town (شارع فلسطين, دوار الكويت, شارع أسيوط in al-Arish),
// not a village or a district whose square it may be (ميدان الماسورة in
// Rafah's al-Masoura), nor a name that says what it is (أبو دوار بمحافظة
// حجة: the governorate of Hajjah after the village of Abu Dawwar).
func (k *KB) namesStreet(r rawMatch) bool {
	first, _, _ := strings.Cut(r.key, " ")
	if triggers[first] != nil {
		return false
	}
	for _, c := range r.cands {
		switch k.places[c.ref.item].Kind {
		case KindVillage, KindSite, KindAdmin2:
			return false
		}
	}
	return len(r.cands) > 0
}

// mascHeads are masculine nouns whose adjective follows the town they
// stand before, or the word before it (منتجع سوسة التونسي, "the Tunisian
// resort of Sousse"; هجوم سوسة الإرهابي; إعلان القاهرة; a trigger two
// words before: منفذ جوازات الخفجي السعودي).
var mascHeads = map[string]bool{}

func init() {
	for _, w := range []string{"منتجع", "إعلان", "اتفاق", "هجوم", "تفجير", "اعتداء", "حادث", "مؤتمر", "اجتماع", "لقاء",
		"مهرجان", "معرض", "منتدى", "ملتقى", "سوق", "ميناء", "مطار", "ريف", "فندق", "مركز", "جيب"} {
		mascHeads[key(w)] = true
	}
}

// masculineNationality reports whether a word's key is a nationality
// adjective in the masculine with the article (الإيطالي, المصري): a
// country's name the knowledge base holds with its final ا, يا or ية, or
// its article, taken off and ي put on, or one of the adjectives no rule
// makes (arabic.KeyLists.NationalityAdjective: الأمريكي).
func (k *KB) masculineNationality(w string) bool {
	core, ok := strings.CutPrefix(w, "ال")
	if !ok || !strings.HasSuffix(core, "ي") {
		return false
	}
	return arabic.Lists().NationalityAdjective(core) || len(k.nisbaCountries(core)) > 0
}

// markDemonstratives marks the mentions right after a demonstrative (هذا
// القطاع, "this sector"; تلك المدينة): a name that is also a word is the
// word there, whatever the document says of its country.
func markDemonstratives(toks []tok, ms []*pmention) {
	for _, m := range ms {
		m.afterThis = m.i > 0 && demonstratives[toks[m.i-1].key]
	}
}

var demonstratives = map[string]bool{key("هذا"): true, key("هذه"): true, key("ذلك"): true, key("تلك"): true, key("هذين"): true, key("هاتين"): true}

// adjectiveContext returns the countries the document names by a
// nationality adjective after a noun (السلطات المغربية, مسؤول فلسطيني):
// context for a place whose name is also a word (الرباط, "the bond"), as
// the country's name would be.
func (k *KB) adjectiveContext(toks []tok) map[string]bool {
	var out map[string]bool
	seen := map[string]bool{} // a word looked up once: الأمريكية comes again and again
	for j := 1; j < len(toks); j++ {
		key := toks[j].key
		if !toks[j].word || !toks[j-1].word || !(strings.HasSuffix(key, "ي") || strings.HasSuffix(key, "يه")) || seen[key] {
			continue
		}
		seen[key] = true
		core := strings.TrimSuffix(strings.TrimPrefix(key, "ال"), "ه") // the feminine: keys write ة as ه
		for _, c := range k.nisbaCountries(core) {
			if out == nil {
				out = map[string]bool{}
			}
			out[c] = true
		}
	}
	return out
}

// nisbaCountries returns the countries whose nisba adjective core is (the
// key of a word without its article, in the masculine: كولومبي, مصري).
func (k *KB) nisbaCountries(core string) []string {
	var out []string
	for _, b := range arabic.NisbaBases(core) {
		for _, r := range k.placeIdx.names[b] {
			if p := k.places[r.item]; p.Kind == KindCountry {
				out = append(out, p.Country)
			}
		}
	}
	return out
}

// ledBy reports whether the word before token i is قيادة in "led by"
// (بقيادة السعودية, تحت قيادة مصر): the place after it is the leader, not
// part of a command's name (قيادة عمليات بغداد).
func ledBy(toks []tok, i int) bool {
	if i == 0 || stripClitics(&toks[i-1]) != leadKey {
		return false
	}
	return toks[i-1].key == ledByKey || i > 1 && toks[i-2].key == underKey
}

var leadKey, ledByKey, underKey = key("قيادة"), key("بقيادة"), key("تحت")

// stripClitics returns the key of t without a leading conjunction or
// preposition when what is left is a word the matcher looks for before
// names (بمحافظة → محافظة, وشرطة → شرطة, بوسط → وسط, لرئيس → رئيس).
func stripClitics(t *tok) string {
	known := func(s string) bool {
		_, state := stateNouns[s]
		return triggers[s] != nil || orgHeads[s] || streetHeads[s] || genericHeads[s] || s == countrysideKey || state || directionNouns[s]
	}
	if known(t.key) {
		return t.key
	}
	for _, p := range proclitics {
		if rest, ok := strings.CutPrefix(t.key, p); ok && known(rest) {
			return rest
		}
	}
	return t.key
}

// countryside maps the candidates of X in "ريف X" to what the countryside
// of X is: the province of a city or town (ريف حلب → Aleppo Governorate),
// else X itself.
func (k *KB) countryside(cs []Candidate) []Candidate {
	out := cs[:0]
	seen := map[*Place]bool{}
	for _, c := range cs {
		if (c.Place.Kind == KindCity || c.Place.Kind == KindTown) && c.Place.Admin1Ref != "" {
			if a := k.placeByRef[c.Place.Admin1Ref]; a != nil {
				c.Place = a
			}
		}
		if !seen[c.Place] {
			seen[c.Place] = true
			out = append(out, c)
		}
	}
	return out
}

// mentionNorm is the Norm form of the tokens of a mention, without the
// cut bytes of proclitics the reading split off the first, and with the
// article's alef restored when the reading did (للرقة → الرقة). The
// proclitic letters are the same bytes in a token's key and its Norm.
func mentionNorm(ts []tok, cut uint8, art bool) string {
	var b strings.Builder
	for n, t := range ts {
		if n > 0 {
			b.WriteByte(' ')
		}
		s := t.norm
		if n == 0 && int(cut) <= len(s) {
			s = s[cut:]
			if art {
				b.WriteString("ا")
			}
		}
		b.WriteString(s)
	}
	return b.String()
}

// resolve picks a candidate for every mention, using the other mentions of
// the document: the countries they name, how near their places lie, and the
// word before each name. A mention whose only readings are weak names that
// nothing in the document supports is dropped (best = -1).
func (k *KB) resolve(ms []*pmention, named map[string]bool) {
	total := 0
	for _, m := range ms {
		total += len(m.cands)
	}
	flat := make([]float64, 0, total)
	prior := make([][]float64, len(ms))
	// names that some mention gives a trigger word: one that says what
	// the place is (مدينة، محافظة), or one that may own it instead (a
	// site's word: ميناء; مركز, also "centre": pmention.ownerWord)
	var triggered, ownerTriggered map[string]bool
	for n, m := range ms {
		for c := range m.cands {
			flat = append(flat, m.cands[c].Score)
		}
		prior[n] = flat[len(flat)-len(m.cands):]
		m.best = argmax(m.cands)
		switch {
		case m.trigger != nil && m.ownerWord:
			if ownerTriggered == nil {
				ownerTriggered = map[string]bool{}
			}
			ownerTriggered[m.key] = true
		case m.trigger != nil && !m.listed: // كمدن مكة والمدينة does not make هذه المدينة Medina
			if triggered == nil {
				triggered = map[string]bool{}
			}
			triggered[m.key] = true
		}
	}
	ctx := map[string]float64{}
	var anchors []anchor
	for pass := 0; pass < 2; pass++ {
		// what the document says, by the current choices of strong readings
		clear(ctx)
		for c := range named {
			ctx[c]++ // السلطات المغربية names Morocco
		}
		anchors = anchors[:0]
		for _, m := range ms {
			if m.best >= 0 {
				if c := m.cands[m.best]; c.ref.weak == 0 || c.supported {
					ctx[c.Place.Country]++
					anchors = addAnchor(anchors, c.Place, m.key)
				}
			}
		}
		for n, m := range ms {
			if len(m.cands) == 1 && m.cands[0].ref.weak == 0 && m.trigger == nil {
				continue // nothing to choose, nothing to support
			}
			own := ""
			if m.best >= 0 {
				if c := m.cands[m.best]; c.ref.weak == 0 || c.supported {
					own = c.Place.Country
				}
			}
			for ci := range m.cands {
				c := &m.cands[ci]
				p := c.Place
				s := prior[n][ci]
				if c.ref.weak > 0 {
					s /= weakFactor // judged by its support below instead
				}
				inCtx := false
				if w := ctx[p.Country] - b2f(p.Country == own); w > 0 && p.Country != "" {
					s += wCountryCtx * math.Min(w, 2) / 2 * 1.5
					inCtx = true
				} else {
					for _, nb := range k.borders[p.Country] {
						if ctx[nb] > 0 {
							s += wBorderCtx
							break
						}
					}
				}
				d := nearest(anchors, m.key, p)
				switch {
				case d < 30:
					s += 0.25
				case d < 100:
					s += 0.15
				case d < 300:
					s += 0.05
				}
				if m.trigger != nil {
					if contains(m.trigger, p.Kind) {
						s += wTrigger
					} else {
						s -= wTrigger / 2
					}
				}
				switch c.ref.weak {
				case weakContext:
					c.supported = m.trigger != nil || !m.afterThis && inCtx && (d < 300 || isArea(p.Kind) || p.Kind == KindCountry || p.capital)
				case weakTrigger:
					// a site's word before a name that is also a definite
					// common noun makes it the site's owner (ميناء المدينة,
					// "the city's port"; ساحة القصر, "the palace's
					// square"; مركز المدينة, "the city centre"), not a
					// town; before a name it names the place's site (مطار
					// باريس) or says what it is
					owner := p.Kind != KindSite && strings.HasPrefix(m.key, "ال")
					c.supported = m.trigger != nil && !(owner && m.ownerWord) ||
						triggered[m.key] || !owner && ownerTriggered[m.key]
				}
				if c.ref.weak > 0 && !c.supported {
					s *= weakFactor * weakFactor
				}
				c.Score = s
			}
			m.best = argmax(m.cands)
		}
	}
	// one sense per name per document: mentions of the same name with the
	// same trigger resolve alike, to the place with the best total.
	type group struct {
		key     string
		trigger string // the first kind a trigger asks for: each list has its own
	}
	groups := make(map[group][]*pmention, len(ms))
	for _, m := range ms {
		g := group{key: m.key}
		if len(m.trigger) > 0 {
			g.trigger = m.trigger[0]
		}
		groups[g] = append(groups[g], m)
	}
	for _, g := range groups {
		if len(g) < 2 {
			continue
		}
		total := map[*Place]float64{}
		for _, m := range g {
			for _, c := range m.cands {
				total[c.Place] += c.Score
			}
		}
		var bestP *Place
		for _, c := range g[0].cands {
			if bestP == nil || total[c.Place] > total[bestP] {
				bestP = c.Place
			}
		}
		for _, m := range g {
			for ci, c := range m.cands {
				if c.Place != bestP {
					continue
				}
				m.best = ci
				if top := argmax(m.cands); top != ci {
					// keep the chosen reading first: swap the scores
					m.cands[ci].Score, m.cands[top].Score = m.cands[top].Score, m.cands[ci].Score
				}
			}
		}
	}
	// drop what nothing supports
	for _, m := range ms {
		if m.best < 0 {
			continue
		}
		if c := m.cands[m.best]; c.ref.weak > 0 && !c.supported {
			m.best = -1
		}
	}
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

func argmax(cs []Candidate) int {
	best := -1
	for i, c := range cs {
		if best < 0 || c.Score > cs[best].Score {
			best = i
		}
	}
	return best
}

// anchor is a place chosen for a mention, which candidates of other
// mentions are measured against.
type anchor struct {
	p   *Place
	key string // the name it was chosen for
}

// addAnchor adds place p chosen for name key, once per place and name;
// countries are too big to measure against.
func addAnchor(as []anchor, p *Place, key string) []anchor {
	if p.Kind == KindCountry {
		return as
	}
	for _, a := range as {
		if a.p == p && a.key == key {
			return as
		}
	}
	return append(as, anchor{p, key})
}

// nearest returns the distance in km from p to the nearest anchor chosen
// for another name, other than p itself; +Inf for a country or when there
// is none. Distances are equirectangular: within the few hundred km that
// matter here the error is well under a percent.
func nearest(as []anchor, key string, p *Place) float64 {
	if p.Kind == KindCountry {
		return math.Inf(1)
	}
	best := math.Inf(1)
	const rad = math.Pi / 180
	cos := math.Cos(p.Lat * rad)
	for _, a := range as {
		if a.key == key || a.p == p {
			continue
		}
		dy := a.p.Lat - p.Lat
		dx := (a.p.Lon - p.Lon) * cos
		if d2 := dx*dx + dy*dy; d2 < best {
			best = d2
		}
	}
	if math.IsInf(best, 1) {
		return best
	}
	return math.Sqrt(best) * rad * 6371
}
