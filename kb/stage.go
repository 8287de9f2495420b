package kb

import (
	"context"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/marsad/marsad/analysis"
	"github.com/marsad/marsad/arabic"
)

// Stage is the analysis stage of the knowledge base: it fills places[] and
// actors[] and gives entities their refs. It satisfies pipeline.Stage.
//
// Where an earlier stage (the tagger) found an entity that overlaps a
// mention, the entity gets the mention's ref; a mention no entity covers
// becomes an entity of its own (LOC for a place; PER for a person, ORG for
// any other actor), so that events can point at it. Mentions of actors
// without a name (المدنيين) go to st.Parties instead (Actor.Named). The
// tagger's names cut short take the whole name's span, a person's name
// run on into a place ends there, and its LOC over a country's name
// standing as an adjective goes (link, cutPersonAt, dropAdjectives).
type Stage struct{ k *KB }

// NewStage returns the stage for knowledge base k (Default() when nil).
func NewStage(k *KB) *Stage {
	if k == nil {
		k = Default()
	}
	return &Stage{k: k}
}

// Name is "kb".
func (*Stage) Name() string { return "kb" }

// Run finds the document's places and actors and records them in st.Out.
func (s *Stage) Run(ctx context.Context, st *analysis.State) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	places, actors, adjectives := s.k.Find(st.Text, st.Tokens)
	out := st.Out
	dropAdjectives(out, adjectives)
	dropPlaceLists(out, places)

	placeRow := map[string]int{}
	for _, m := range places {
		p := m.Place
		if m.Institution {
			st.Institutions = append(st.Institutions, analysis.InstitutionPlace{Start: m.Start, End: m.End, Place: eventPlace(p)})
			continue
		}
		i, ok := placeRow[p.Ref]
		if !ok {
			i = len(out.Places)
			placeRow[p.Ref] = i
			out.Places = append(out.Places, eventPlace(p))
		}
		out.Places[i].Mentions++
		cutPersonAt(st, m)
		// a place's names and aliases are all names (جنوب السودان)
		// a site's name after its word (قاعدة «إنجرليك»), or alone and
		// bare (فوردو, the enrichment plant; not لبنينا, "for our sons")
		// where no company's trade follows it (إنجرليك للطيران)
		site := p.Kind == KindSite && (afterSiteWord(st.Slice, m.Start) ||
			!strings.Contains(m.Norm, " ") && key(m.Text) == key(m.Norm) && !strings.HasPrefix(wordAfter(st.Slice, m.End), "لل"))
		// a name of two words or more that begins with no given name is no
		// person's (خان بني سعد, which the tagger took for one)
		first, rest, long := strings.Cut(key(m.Norm), " ")
		noPerson := long && rest != "" && !s.k.firstNames[first]
		link(out, mention{typ: "LOC", start: m.Start, end: m.End, text: m.Text, norm: m.Norm, ref: p.Ref, score: m.Score, full: true, site: site, noPerson: noPerson}, nil)
	}
	actorRow := map[string]int{}
	// count adds a mention of actor a to its row in actors[], made when
	// first needed
	count := func(a *Actor) {
		i, ok := actorRow[a.Ref]
		if !ok {
			i = len(out.Actors)
			actorRow[a.Ref] = i
			out.Actors = append(out.Actors, a.record())
		}
		out.Actors[i].Mentions++
	}
	for _, m := range actors {
		a := m.Actor
		count(a)
		if !a.Named() {
			st.Parties = append(st.Parties, analysis.Entity{
				Type: "ORG", Text: m.Text, Start: m.Start, End: m.End, Norm: m.Norm, Ref: analysis.Str(a.Ref), Score: m.Score,
			})
			continue
		}
		typ := "ORG"
		if a.Kind == "person" {
			typ = "PER"
		}
		// an actor's aliases may describe it (عناصر حزب الله, زعيم داعش):
		// only its name_ar is sure to be a whole name, a person's where it
		// begins with no title (الملك سلمان بن عبدالعزيز: the tagger's
		// سلمان بن عبدالعزيز is the name)
		full := key(m.Norm) == key(a.Name) && (typ == "ORG" || !arabic.Lists().Title(key(firstWord(a.Name))))
		link(out, mention{typ: typ, start: m.Start, end: m.End, text: m.Text, norm: m.Norm, ref: a.Ref, score: m.Score, full: full, actor: a}, s.k)
	}
	for _, a := range withoutLineage(out, st.Slice, s.k) {
		count(a)
	}
	for _, ref := range surnames(out, s.k) {
		if i, ok := actorRow[ref]; ok {
			out.Actors[i].Mentions++
		}
	}
	sort.SliceStable(out.Entities, func(i, j int) bool { return out.Entities[i].Start < out.Entities[j].Start })
	for _, a := range listedLeaders(out, st.Slice, s.k) {
		count(a)
	}
	joinCountryWords(out, st.Slice)
	titlesOfOthers(out, st.Slice, s.k)
	namedAfterPersons(out, st.Slice, s.k)
	out.Actors = carried(out.Actors, out.Entities, st.Parties)
	st.Nationals = s.k.nationals(st.Tokens)
	// and the countries named, with their forces
	for _, m := range places {
		if m.Place.Kind == KindCountry && !m.Institution {
			if a := s.k.forces[m.Place.Country]; a != nil {
				st.Nationals = append(st.Nationals, analysis.NationalForces{Start: m.Start, End: m.End, Name: true, Actor: a.record()})
			}
		}
	}
	return nil
}

// record returns the actor as analysis.Actor lists it, with no mention.
func (a *Actor) record() analysis.Actor {
	return analysis.Actor{Ref: a.Ref, Name: a.Name, NameEn: analysis.Str(a.NameEn), Kind: a.Kind, Country: analysis.Str(a.Country)}
}

// nationals lists the nationality adjectives among toks whose country has
// an actor for its forces (إسرائيلية, الروسي, وأمريكية), with that actor.
func (k *KB) nationals(toks []arabic.Token) []analysis.NationalForces {
	var out []analysis.NationalForces
	for i := range toks {
		t := &toks[i]
		if t.Kind != arabic.Word {
			continue
		}
		if adjectiveEnding(t.Norm) {
			if a := k.forcesOfAdjective(t.Norm); a != nil {
				out = append(out, analysis.NationalForces{Start: t.Start, End: t.End, Actor: a.record()})
				continue
			}
		}
		if core := uninflected(t.Norm); core != "" {
			if a := k.forcesOfAdjective(core); a != nil {
				out = append(out, analysis.NationalForces{Start: t.Start, End: t.End, Actor: a.record(), Inflected: true})
			}
		}
	}
	return out
}

// uninflected returns the masculine singular of a nationality adjective
// written in the plural or dual (سعوديين, سعوديون, سعوديان) or the
// accusative (نيجيريا, "Nigerian" after جنديا), or "" where norm ends in
// none of these after a ي.
func uninflected(norm string) string {
	for _, suf := range []string{"ين", "ون", "ان", "ا"} {
		if core, ok := strings.CutSuffix(norm, suf); ok && strings.HasSuffix(core, "ي") {
			return core
		}
	}
	return ""
}

// adjectivePrefix returns the first three letters of a key.
func adjectivePrefix(k string) string {
	n := 0
	for i := range k {
		if n == 3 {
			return k[:i]
		}
		n++
	}
	return k
}

// adjectiveEnding reports whether a word in Norm form ends like a
// nationality adjective (ي, ية, يه, ى), before any key is made of it.
func adjectiveEnding(norm string) bool {
	norm = strings.TrimSuffix(strings.TrimSuffix(norm, "ة"), "ه")
	return strings.HasSuffix(norm, "ي") || strings.HasSuffix(norm, "ى")
}

// forcesOfAdjective returns the forces of the country whose nationality
// adjective the word norm (Norm form, perhaps with و or the article, and
// with a feminine ending) is, or nil. Only a word whose first letters
// begin such a country's name is looked up (k.forcesPrefix).
func (k *KB) forcesOfAdjective(norm string) *Actor {
	w := strings.TrimSuffix(arabic.KeyOfNorm(norm), "ه") // the feminine: keys write ة as ه
	if !strings.HasSuffix(w, "ي") || utf8.RuneCountInString(w) < 4 {
		return nil
	}
	w = strings.TrimPrefix(w, "و")
	w = strings.TrimPrefix(w, "ال")
	if !k.forcesPrefix[adjectivePrefix(w)] {
		return nil
	}
	for _, cc := range k.nisbaCountries(w) {
		if a := k.forces[cc]; a != nil {
			return a
		}
	}
	return nil
}

// titlesOfOthers unlinks a person's title that stands right before
// another ruler's name: خادم الحرمين الشريفين is King Salman in 2015 news,
// but خادم الحرمين الشريفين الملك عبدالله بن عبدالعزيز is his late
// brother, and العاهل الأردني الملك حسين is not King Abdullah II. A title
// is an alias that shares no word with the person's name; a ruler's name
// follows it after الملك, الأمير, الشيخ or السلطان, and is another's when
// it carries another ref, or none and begins with a word none of the
// actor's names holds. After a word for a post held under the ruler
// (نائب خادم الحرمين الشريفين الأمير محمد بن نايف: his deputy) the title
// stays his. Entities are sorted by start.
func titlesOfOthers(out *analysis.Analysis, slice func(start, end int) string, k *KB) {
	for i := 0; i+1 < len(out.Entities); i++ {
		a, b := &out.Entities[i], out.Entities[i+1]
		if a.Type != "PER" || b.Type != "PER" || a.Ref == "" || b.Ref == a.Ref || b.Start < a.End {
			continue
		}
		actor := k.Actor(string(a.Ref))
		if actor == nil || !actor.isTitle(key(a.Norm)) {
			continue
		}
		between := strings.Fields(slice(a.End, b.Start))
		if len(between) != 1 || !rulerWords[key(between[0])] {
			continue
		}
		if inSet(underRuler, key(wordBefore(slice, a.Start))) {
			continue
		}
		if b.Ref != "" || !actor.hasWord(key(firstWord(b.Norm))) {
			a.Ref = ""
		}
	}
}

// namedAfterPersons unlinks a person's name that follows the word for an
// institution or a place named after the person: مركز محمد بن نايف
// للمناصحة (a rehabilitation centre), مستشفى الملك سلمان, مؤسسة محمد بن
// سلمان الخيرية, استاد محمد بن زايد are not the men, nor, after a ruler's
// title, مطار الملك عبدالله بن عبدالعزيز. Entities are sorted by start.
func namedAfterPersons(out *analysis.Analysis, slice func(start, end int) string, k *KB) {
	for i := range out.Entities {
		e := &out.Entities[i]
		if e.Type != "PER" || e.Ref == "" {
			continue
		}
		if a := k.Actor(string(e.Ref)); a == nil || a.Kind != "person" {
			continue
		}
		ws := wordsBefore(slice, e.Start, 2)
		if len(ws) == 2 && rulerWords[key(ws[1])] {
			ws = ws[:1] // مطار الملك عبدالله بن عبدالعزيز: the title the tagger left out
		}
		w := ""
		if len(ws) > 0 {
			w = ws[len(ws)-1]
		}
		if !strings.ContainsAny(w, "،,.:؛;)»\"") && inSet(institutionHeads, key(w)) {
			e.Ref = ""
		}
	}
}

// institutionHeads are the words for institutions and places that are
// named after persons (مركز, مؤسسة, مستشفى, قاعة, استاد, مطار, جامعة,
// شارع…).
var institutionHeads = map[string]bool{}

func init() {
	for _, w := range []string{"مركز", "مؤسسة", "مستشفى", "مستوصف", "قاعة", "استاد", "ستاد", "مطار", "جامعة", "كلية",
		"معهد", "مدرسة", "مسجد", "جامع", "شارع", "ميدان", "مجمع", "جائزة", "كرسي", "مكتبة", "متحف", "جسر"} {
		institutionHeads[key(w)] = true
	}
}

// wordBefore returns the text's last word before code point start (with
// any punctuation glued to it), or "".
func wordBefore(slice func(start, end int) string, start int) string {
	if ws := wordsBefore(slice, start, 1); len(ws) == 1 {
		return ws[0]
	}
	return ""
}

// wordAfter returns the text's first word after code point end, or ""
// (slice clamps the span to the text).
func wordAfter(slice func(start, end int) string, end int) string {
	if ws := strings.Fields(slice(end, end+24)); len(ws) > 0 {
		return ws[0]
	}
	return ""
}

// wordsBefore returns up to n of the text's last words before code point
// start, the nearest last.
func wordsBefore(slice func(start, end int) string, start, n int) []string {
	before := strings.Fields(slice(max(0, start-16*n), start))
	return before[max(0, len(before)-n):]
}

// inSet reports whether a word's key, with or without a proclitic
// (بمركز, لمستشفى, ونائب), is in set. The article is not cut: the head of
// an institution's name is in the construct state (مستشفى الملك سلمان),
// while الأمين العام للجامعة نبيل العربي ("of the League, Nabil Elaraby")
// names the man.
func inSet(set map[string]bool, k string) bool {
	if set[k] {
		return true
	}
	for _, p := range proclitics {
		if rest, ok := strings.CutPrefix(k, p); ok && set[rest] {
			return true
		}
	}
	return false
}

// rulerWords stand between a ruler's title and his name (الملك, الأمير,
// الشيخ, السلطان).
var rulerWords = map[string]bool{key("الملك"): true, key("الأمير"): true, key("الشيخ"): true, key("السلطان"): true}

// underRuler are posts held under a ruler, named before his title: his
// deputy, adviser, envoy, representative.
var underRuler = map[string]bool{key("نائب"): true, key("مستشار"): true, key("مبعوث"): true, key("ممثل"): true}

// carried keeps the actors that an entity or a party carries the ref of:
// a mention that linked nothing (نادي الطيران السعودي is not the Saudi air
// force, يوسف أوباما not Barack Obama) does not list the actor.
func carried(actors []analysis.Actor, ents, parties []analysis.Entity) []analysis.Actor {
	refs := map[analysis.Str]bool{}
	for _, e := range ents {
		refs[e.Ref] = true
	}
	for _, e := range parties {
		refs[e.Ref] = true
	}
	kept := actors[:0]
	for _, a := range actors {
		if refs[analysis.Str(a.Ref)] {
			kept = append(kept, a)
		}
	}
	return kept
}

// joinCountryWords joins a LOC entity that is only the word for a kind of
// state (سلطنة, مملكة, جمهورية, دولة) to the country's name right after
// it: the tagger at times ends a name before عمان in سلطنة عمان, leaving
// "sultanate" a place of its own. A LOC that is only the word for a
// province or a town before a place (محافظة | أبين) goes: the name is the
// place's, as the knowledge base spans it. Entities are sorted by start.
func joinCountryWords(out *analysis.Analysis, slice func(start, end int) string) {
	kept := out.Entities[:0]
	for i := 0; i < len(out.Entities); i++ {
		e := out.Entities[i]
		if i+1 < len(out.Entities) && e.Type == "LOC" && e.Ref == "" {
			next := &out.Entities[i+1]
			k := key(e.Norm)
			kinds := triggers[k]
			country := len(kinds) == 1 && kinds[0] == KindCountry
			if (country || genericHeads[k]) && next.Type == "LOC" && next.Ref != "" {
				if strings.TrimSpace(slice(e.End, next.Start)) == "" {
					if country {
						next.Text = slice(e.Start, next.End)
						next.Norm = e.Norm + " " + next.Norm
						next.Start = e.Start
					}
					continue // a province's or a town's word: not part of the name
				}
			}
		}
		kept = append(kept, e)
	}
	out.Entities = kept
}

// withoutLineage links a person's name that the catalogue knows without
// the father's names in it: عادل بن أحمد الجبير is عادل الجبير. Only a
// name that ends with a family name (الجبير) after the lineage is read
// so, with one father's name between (محمد بن نايف is not محمد; سعود بن
// محمد العبدالله الفيصل is not سعود الفيصل). A prince's name is all
// lineage: الأمير سعود بن خالد الفيصل is not سعود الفيصل. It returns the
// actors it linked.
func withoutLineage(out *analysis.Analysis, slice func(start, end int) string, k *KB) []*Actor {
	var linked []*Actor
	for i := range out.Entities {
		e := &out.Entities[i]
		if e.Type != "PER" || e.Ref != "" || !strings.Contains(e.Norm, " ") {
			continue
		}
		ws := strings.Fields(key(e.Norm))
		n := len(ws)
		first := slices.IndexFunc(ws, func(w string) bool { return lineageWords[w] })
		if first < 1 || n-first != 3 || !strings.HasPrefix(ws[n-1], "ال") || lineageWords[ws[n-2]] {
			continue
		}
		if royalTitles[key(wordBefore(slice, e.Start))] {
			continue
		}
		if a := k.personByName[strings.Join(ws[:first], " ")+" "+ws[n-1]]; a != nil {
			e.Ref = analysis.Str(a.Ref)
			linked = append(linked, a)
		}
	}
	return linked
}

var royalTitles = map[string]bool{key("الأمير"): true, key("الأميرة"): true, key("الملك"): true, key("السمو"): true, key("سمو"): true}

// surnames gives a one-word person's name the ref of the person the
// document names in full with that word last: صالح after علي عبد الله
// صالح, the way news names a man once in full and then by his surname, or
// that another mention of the word alone carries (صالح of المخلوع صالح).
// The catalogue leaves such a surname out of the aliases when it is also a
// given name or a word (صالح, "good"); the full name in the same document
// says who it is. It holds only when no other person the document names
// ends or begins with that word (باراك أوباما and ميشيل أوباما; صالح
// الصقري), and not for a lineage (محمد بن نايف: نايف alone is his father,
// سلمان بن عبدالعزيز آل سعود: سعود is the house) unless a family name ends
// it (عادل بن أحمد الجبير: الجبير). It returns the ref of each name it
// linked.
func surnames(out *analysis.Analysis, k *KB) []string {
	type name struct {
		words []string
		ref   analysis.Str
	}
	byLast := map[string][]name{} // key of a last word → the full names ending with it
	first := map[string]bool{}
	for _, e := range out.Entities {
		if e.Type != "PER" {
			continue
		}
		ws := strings.Fields(key(e.Norm))
		if len(ws) == 0 {
			continue
		}
		if len(ws) == 1 {
			// the surname already linked elsewhere in the document, through
			// an alias (المخلوع صالح)
			if e.Ref != "" {
				byLast[ws[0]] = append(byLast[ws[0]], name{ws, e.Ref})
			}
			continue
		}
		first[ws[0]] = true
		last := ws[len(ws)-1]
		byLast[last] = append(byLast[last], name{ws, e.Ref})
	}
	owner := func(last string) analysis.Str {
		var ref analysis.Str
		for _, n := range byLast[last] {
			if slices.ContainsFunc(n.words[1:], func(w string) bool { return lineageWords[w] }) && !endsWithFamily(n.words) {
				return ""
			}
			if n.ref == "" {
				continue
			}
			if ref != "" && ref != n.ref || !strings.HasPrefix(string(n.ref), "actor:") {
				return ""
			}
			ref = n.ref
		}
		// a name without a ref is the same person's shorter name (عبد الله
		// صالح of علي عبد الله صالح), or someone else
		for _, n := range byLast[last] {
			if n.ref != "" {
				continue
			}
			same := false
			for _, m := range byLast[last] {
				same = same || m.ref == ref && len(m.words) > len(n.words) && slices.Equal(m.words[len(m.words)-len(n.words):], n.words)
			}
			if !same {
				return ""
			}
		}
		// the word is the catalogue person's own (not أناب of خادم الحرمين
		// أناب, a verb the tagger took into the name)
		if a := k.Actor(string(ref)); a == nil || !a.hasWord(key(last)) {
			return ""
		}
		return ref
	}
	var linked []string
	for i := range out.Entities {
		e := &out.Entities[i]
		if e.Type != "PER" || e.Ref != "" || strings.Contains(e.Norm, " ") {
			continue
		}
		w := key(e.Norm)
		if first[w] || len(byLast[w]) == 0 {
			continue
		}
		if ref := owner(w); ref != "" {
			e.Ref = ref
			linked = append(linked, string(ref))
		}
	}
	return linked
}

// listedLeaders links a one-word person's name joined by و to an armed
// group's name right before or after it to the one catalogue person of
// the group's country whose name ends with that word: ميليشيات الحوثي
// وصالح ("the Houthi and Saleh militias") names Ali Abdullah Saleh, whom
// the catalogue does not know by صالح alone, a given name too. It returns
// the actors it linked.
func listedLeaders(out *analysis.Analysis, slice func(start, end int) string, k *KB) []*Actor {
	var linked []*Actor
	joined := func(a, b analysis.Entity) bool {
		return strings.TrimSpace(slice(a.End, b.Start)) == "" && strings.HasPrefix(b.Text, "و")
	}
	for i := range out.Entities {
		e := &out.Entities[i]
		if e.Type != "PER" || e.Ref != "" || strings.Contains(e.Norm, " ") {
			continue
		}
		var group *Actor
		if i > 0 && out.Entities[i-1].End <= e.Start && joined(out.Entities[i-1], *e) {
			group = k.Actor(string(out.Entities[i-1].Ref))
		}
		if group == nil && i+1 < len(out.Entities) && e.End <= out.Entities[i+1].Start && joined(*e, out.Entities[i+1]) {
			group = k.Actor(string(out.Entities[i+1].Ref))
		}
		if group == nil || !rebelKinds[group.Kind] || group.Country == "" {
			continue
		}
		if a := k.personEndingWith(group.Country, key(e.Norm)); a != nil {
			e.Ref = analysis.Str(a.Ref)
			linked = append(linked, a)
		}
	}
	return linked
}

// endsWithFamily reports whether a name's words (keys) end with a family
// name after its lineage: a word with the article after one that is no
// lineage word (عادل بن أحمد الجبير, whose الجبير alone is he), not a
// father's or a house's name (محمد بن نايف, حمد بن عيسى آل خليفة).
func endsWithFamily(ws []string) bool {
	n := len(ws)
	return n >= 3 && strings.HasPrefix(ws[n-1], "ال") && !lineageWords[ws[n-2]] && !nameHeads[ws[n-2]]
}

// nameHeads begin a two-word given name (عبد العزيز, أبو بكر), whose second
// word is no family name.
var nameHeads = map[string]bool{key("عبد"): true, key("أبو"): true, key("أبي"): true, key("ذو"): true}

// lineageWords join a man's name to his father's or his house's: بن, ابن,
// بنت, آل (keys).
var lineageWords = map[string]bool{key("بن"): true, key("ابن"): true, key("بنت"): true, key("آل"): true}

// dropAdjectives removes the tagger's LOC entities that are a place's name
// standing as a nisba adjective (السعودية in الجامعات السعودية, "the Saudi
// universities"): the ANERcorp annotation the tagger learned from leaves
// such adjectives untagged, but in news where the country is named on
// every line the tagger often takes them for the country. Only definite
// ones are dropped: after an indefinite noun the name is as often the
// noun's complement (رئيس بوروندي, إعمار سورية) as an adjective.
func dropAdjectives(out *analysis.Analysis, adjectives []Span) {
	if len(adjectives) == 0 {
		return
	}
	adj := make(map[Span]bool, len(adjectives))
	for _, a := range adjectives {
		adj[a] = true
	}
	kept := out.Entities[:0]
	for _, e := range out.Entities {
		if e.Type != "LOC" || !adj[Span{e.Start, e.End}] || !strings.HasPrefix(key(e.Text), "ال") {
			kept = append(kept, e)
		}
	}
	out.Entities = kept
}

// cutPersonAt ends a person's name that runs on into a place the mention
// reads after the preposition ب or ل: مستشفى ناصر بخان يونس is Nasser
// hospital in Khan Younis, not a man named ناصر بخان يونس. A person's name
// holds no word with a preposition on it; an organisation's may (القيادة
// الأمريكية لأفريقيا), and is left alone.
func cutPersonAt(st *analysis.State, m PlaceMention) {
	if !afterPreposition(m.Text, m.Norm) {
		return
	}
	for i := range st.Out.Entities {
		e := &st.Out.Entities[i]
		if e.Type != "PER" || !(e.Start < m.Start && m.Start < e.End) {
			continue
		}
		text := strings.TrimRightFunc(st.Slice(e.Start, m.Start), unicode.IsSpace)
		words := len(strings.Fields(text))
		norm := strings.Fields(e.Norm)
		if text == "" || len(strings.Fields(e.Text)) != len(norm) || words >= len(norm) {
			continue // the norm's words do not follow the text's
		}
		e.End = e.Start + utf8.RuneCountInString(text)
		e.Text = text
		e.Norm = strings.Join(norm[:words], " ")
	}
}

// dropPlaceLists drops the persons (without a ref) whose every word is a
// place's mention, each after the first joined by و: places the tagger
// read as one name (بريانسك وكورسك وبيلغورود). A person named like a place
// has a word that is none (ثيو والكوت, جورج واشنطن), and stays.
func dropPlaceLists(out *analysis.Analysis, places []PlaceMention) {
	at := map[int]int{} // a mention's start → its end
	for _, m := range places {
		if !m.Institution {
			at[m.Start] = m.End
		}
	}
	out.Entities = slices.DeleteFunc(out.Entities, func(e analysis.Entity) bool {
		if e.Type != "PER" || e.Ref != "" {
			return false
		}
		rs := []rune(e.Text)
		words := 0
		for i := 0; i < len(rs); {
			for i < len(rs) && unicode.IsSpace(rs[i]) {
				i++
			}
			if i == len(rs) {
				break
			}
			end, ok := at[e.Start+i]
			if !ok || words > 0 && rs[i] != 'و' {
				return false
			}
			words++
			i = end - e.Start
			if i < 0 || i > len(rs) || i < len(rs) && !unicode.IsSpace(rs[i]) {
				return false // a mention that ends inside a word
			}
		}
		return words >= 2
	})
}

func firstWord(s string) string {
	w, _, _ := strings.Cut(s, " ")
	return w
}

// mention is a knowledge-base mention as link sees it.
type mention struct {
	typ             string // LOC, or ORG or PER for an actor
	start, end      int
	text, norm, ref string
	score           float64
	full            bool   // a whole name: the tagger's shorter one gives way to it
	actor           *Actor // nil for a place
	site            bool   // a site's name after its word (قاعدة «إنجرليك»)
	noPerson        bool   // a place's name that no person bears
}

// link ties a knowledge-base mention to the tagger's entities:
//   - an entity of another type inside a longer mention gives way to it
//     (the tagger's LOC سوريا inside the actor قوات سوريا الديمقراطية
//     becomes that ORG); one of the same type keeps its span (a PER
//     without the title the catalogue's alias carries, an ORG inside a
//     descriptive alias: حزب الله in عناصر حزب الله), unless the tagger
//     cut the name into pieces: two or more of them give way to the
//     mention, or the mention is a whole name (full) that the tagger cut
//     short: a place (أفريقيا of جنوب أفريقيا, مكة of مكة المكرمة) or an
//     organisation's name in the catalogue, its name_ar (جماعة بوكو of
//     جماعة بوكو حرام), or a person's name_ar that begins with no title
//     (أدرعي of أفيخاي أدرعي), unless another of the tagger's persons
//     runs across the mention's edge; a person the tagger cut at the end
//     takes the rest of the mention (أبو مهدي of أبو مهدي المهندس), since
//     a title an alias carries comes before the name, never after it;
//   - an entity that holds the mention, or overlaps it, takes its ref when
//     their types agree (a place for LOC, an actor for ORG or PER); a MISC
//     on exactly a place's name is that place (تبوك in سبق- تبوك:, which
//     the tagger reads as MISC), and one on exactly an actor's name takes
//     the actor's ref and stays MISC (البيت الأبيض); a LOC on exactly an
//     organisation's name that no place took becomes that ORG (اليونسكو),
//     and a PER on exactly an organisation's name or an ORG on exactly a
//     person's takes the catalogue's type;
//   - a mention no entity covers becomes an entity of its own.
//
// For an actor's mention, an organisation inside a longer alias keeps its
// span only when it is one of the actor's names (حزب الله in عناصر حزب
// الله); otherwise the tagger cut the alias (الله of جماعة أنصار الله, حزب
// الله of كتائب حزب الله) and the mention takes its place, unless the alias
// begins with its members (المقاتلون الأكراد, "the Kurdish fighters",
// describes them: الأكراد stays). A person's name the tagger found that is
// someone else's (KB.otherPerson) is not linked through a one-word mention
// (a surname) inside it: يوسف أوباما is not Barack Obama, حافظ الأسد not
// Bashar; nor is a person whose name goes on after such a word. k is
// needed for actors' mentions only.
func link(out *analysis.Analysis, m mention, k *KB) {
	typ, start, end, norm := m.typ, m.start, m.end, m.norm
	// Two or more entities of the mention's type inside it are pieces of
	// one name the tagger cut (خميس | مشيط): the mention replaces them.
	// A person's whole name gives way to no piece where another of the
	// tagger's names runs across its edge (الحمساوي صالح | العاروري):
	// the mention would be left out with the piece.
	pieces, across := 0, false
	for _, e := range out.Entities {
		if start <= e.Start && e.End <= end && e.Type == typ {
			pieces++
		} else if e.Start < end && start < e.End && e.Type == typ {
			across = true
		}
	}
	full := m.full && !(typ == "PER" && across)
	covered := false
	kept := out.Entities[:0]
	for _, e := range out.Entities {
		if !(e.Start < end && start < e.End) {
			kept = append(kept, e)
			continue
		}
		// a person the tagger read in a place's name and the direction
		// after it (أبو سليم جنوب of منطقة أبو سليم جنوب طرابلس) is the place
		if typ == "LOC" && e.Type == "PER" && e.Ref == "" && start <= e.Start && e.Start < end && end < e.End &&
			directionNouns[key(strings.TrimSpace(string([]rune(e.Text)[end-e.Start:])))] {
			continue
		}
		if start <= e.Start && e.End <= end && end-start > e.End-e.Start &&
			(e.Type != typ || full || pieces > 1 || typ == "PER" && e.Start == start ||
				typ == "ORG" && m.actor != nil && !m.actor.isName(e.Norm) && !memberNouns[key(firstWord(norm))]) {
			continue // swallowed by the longer mention of another type, or a piece of it
		}
		covered = true
		if typ == "LOC" && e.Type == "MISC" && e.Start == start && e.End == end {
			e.Type = "LOC" // the place's very name: تبوك in سبق- تبوك:
		}
		// a person's name that begins before the mention with a given name
		// none of the actor's names holds is someone else's: يوسف أوباما,
		// and, before a full name, a son's (أحمد علي عبدالله صالح, عبد
		// الله محمد مرسي) unless the word is a title or a function word
		// the tagger took in (آية الله علي خامنئي, بأن هيلاري كلينتون)
		before := e.Type == "PER" && e.Start < start &&
			(!strings.Contains(norm, " ") || !titleOrFunctionWord(e.Norm))
		// a name that goes on before the mention's with بن or بنت is a
		// child's: عبدالعزيز بن سلمان بن عبدالعزيز is the king's son,
		// whatever his given name
		child := e.Type == "PER" && typ == "PER" && e.Start < start && start <= e.End &&
			childOf(string([]rune(e.Text)[:start-e.Start]))
		// and one that goes on after a lineage name (فيصل بن خالد) with
		// another grandfather than the catalogue's full name has (فيصل بن
		// خالد بن سلطان) or with a family name it does not hold (عبدالله
		// بن زايد الحربي) is someone else's
		otherLineage := e.Type == "PER" && typ == "PER" && m.actor != nil && e.End > end && end >= e.Start &&
			m.actor.otherLineage(key(norm), strings.Fields(key(string([]rune(e.Text)[end-e.Start:]))))
		// a one-word alias that the person's name goes on after is a given
		// name there: كاميرون فان دير بيرغ is not David Cameron
		given := e.Type == "PER" && typ == "PER" && e.End > end && !strings.Contains(norm, " ") &&
			m.actor != nil && !m.actor.isName(e.Norm)
		// and before a one-word name (a surname: مدفيديف, لابيد), a given
		// name that none of the actor's names holds is another's, whether
		// the list of given names knows it or not: ألكسندر مدفيديف is not
		// Dmitry Medvedev, ناداف لابيد not Yair Lapid
		stranger := e.Type == "PER" && typ == "PER" && m.actor != nil && e.Start < start && start <= e.End &&
			!strings.Contains(norm, " ") && !joined(m.text, norm) && strangerBefore(m.actor, string([]rune(e.Text)[:start-e.Start]))
		// a person's name that holds an organisation's is a person named
		// after it (عبد الخالق الحوثي, not the Houthi movement), and an
		// organisation's that holds a person's is named after him (حزب
		// بارزاني is not Masoud Barzani)
		namedAfter := e.Type != typ && (e.Type == "PER" || e.Type == "ORG") &&
			e.Start <= start && end <= e.End && e.End-e.Start > end-start ||
			ownHead(e, m)
		// a MISC on exactly an actor's name is that actor: ANERcorp tags
		// البيت الأبيض MISC, and the catalogue knows it as the US
		// government
		exact := e.Type == "MISC" && typ != "LOC" && e.Start == start && e.End == end
		// a LOC on exactly an actor's name that no place took is that
		// organisation or person, typed wrong (اليونسكو, البنتاغون,
		// الأناضول after وكالة الأناضول; بغنيوة, a militia leader's
		// byname)
		if e.Type == "LOC" && e.Ref == "" && (typ == "ORG" || typ == "PER") && e.Start == start && e.End == end {
			e.Type = typ
		}
		// an ORG on exactly a site's name after the site's word is that
		// site (قاعدة «إنجرليك», "Incirlik air base")
		if e.Type == "ORG" && e.Ref == "" && m.site && e.Start == start && e.End == end {
			e.Type = "LOC"
		}
		// a PER on exactly such a place's name is the place
		if e.Type == "PER" && e.Ref == "" && m.noPerson && e.Start == start && e.End == end {
			e.Type = "LOC"
		}
		// a name of the other kind that only overlaps the mention is not
		// its actor: سلمان بن عبدالعزيز across مركز الملك سلمان بن
		// عبدالعزيز للإغاثة is neither the king nor the relief centre
		crossing := e.Type != typ && !(e.Start <= start && end <= e.End) && !(start <= e.Start && e.End <= end)
		if e.Ref == "" && (compatible(e.Type, typ) || exact) && !namedAfter && !given && !stranger && !child && !otherLineage && !crossing && !(before && typ == "PER" && k != nil && k.otherPerson(m.actor, e.Norm)) {
			e.Ref = analysis.Str(m.ref)
			if typ == "LOC" && e.Start == start && e.End == end {
				// the place's reading of the word: وجدة is و + جدة
				// (Jeddah) where the tagger kept Oujda's name whole
				e.Norm = norm
			}
			if e.Type != typ && e.Type != "MISC" && e.Start == start && e.End == end {
				// exactly a catalogue name: the catalogue knows a person
				// from a group (برناردينو ليون tagged ORG, الشاباك and
				// لفرانس برس tagged PER)
				e.Type = typ
			}
		}
		kept = append(kept, e)
	}
	out.Entities = kept
	if !covered {
		out.Entities = append(out.Entities, analysis.Entity{
			Type: typ, Text: m.text, Start: start, End: end, Norm: norm, Ref: analysis.Str(m.ref), Score: m.score,
		})
	}
}

// strangerBefore reports whether the one word of a person's name before
// a mention of actor a is someone else's given name: a word that none of
// a's names holds, nor a spelling of one of their words (فرنسوا for
// فرانسوا, انغيلا for أنجيلا, أبي for أبو: two letters apart at most),
// and that is no title, office, function word or lineage word. A word
// that begins with و or the article is as often a verb or a noun the
// tagger took in (وقارن كيري, "and Kerry compared"; الشريك لميركل) and
// is not read; nor are longer names (رمضان أحمد قاديروف holds his
// father's name).
func strangerBefore(a *Actor, before string) bool {
	ws := strings.Fields(before)
	if len(ws) != 1 {
		return false
	}
	w := key(ws[0])
	if strings.HasPrefix(w, "و") || strings.HasPrefix(ws[0], "ال") || utf8.RuneCountInString(w) < 3 {
		return false
	}
	lists := arabic.Lists()
	if lineageWords[w] || w == houseKey || arabic.IsStopWord(w) || lists.Title(w) || lists.Office(w) || w == ayaKey {
		return false
	}
	for _, nk := range a.nameKeys() {
		for _, x := range strings.Fields(nk) {
			if withinTwo(w, x) {
				return false
			}
		}
	}
	return true
}

// joined reports whether a mention's text bears a proclitic its name
// lacks (وبوتين, بروحاني): a second name the tagger ran into the first
// (هولاند وبوتين), not a surname after a given name.
func joined(text, norm string) bool {
	t, n := []rune(text), []rune(norm)
	return len(t) > len(n) && len(n) > 0 && t[0] != n[0] && strings.ContainsRune("وبلف", t[0])
}

// withinTwo reports whether two words are at most two edits (letters
// added, dropped or changed) apart.
func withinTwo(a, b string) bool {
	ra, rb := []rune(a), []rune(b)
	if d := len(ra) - len(rb); d > 2 || d < -2 {
		return false
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			c := prev[j-1]
			if ra[i-1] != rb[j-1] {
				c++
			}
			cur[j] = min(c, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)] <= 2
}

// childOf reports whether the words of a person's name before a mention
// end with بن, ابن or بنت.
func childOf(before string) bool {
	ws := strings.Fields(before)
	if len(ws) < 2 {
		return false
	}
	w := key(ws[len(ws)-1])
	return w != houseKey && lineageWords[w]
}

var houseKey = key("آل")

// afterSiteWord reports whether the word before code point start, quotes
// aside, is a site's (قاعدة, مطار, سجن, بقاعدة).
func afterSiteWord(slice func(start, end int) string, start int) bool {
	w := strings.Trim(wordBefore(slice, start), "«»\"“”()")
	if w == "" {
		// the quote stood alone: قاعدة « إنجرليك »
		ws := wordsBefore(slice, start, 2)
		if len(ws) < 2 {
			return false
		}
		w = ws[0]
	}
	return siteTrigger(triggers[stripClitics(&tok{key: key(w)})])
}

// titleOrFunctionWord reports whether a person's name begins with آية
// (آية الله, "ayatollah") or a function word (بأن, "that").
func titleOrFunctionWord(norm string) bool {
	first := firstWord(norm)
	return key(first) == ayaKey || arabic.IsStopWord(first)
}

var ayaKey = key("آية")

// ownHead reports whether entity e, an organisation that holds actor
// mention m after a word of its own for a club, company, school or the
// press, is another organisation than the actor: نادي الطيران السعودي
// (the Saudi Aviation Club) is not الطيران السعودي (the Saudi air force),
// nor is جامعة الملك سعود King Saud. A command or a ministry is the
// actor's own (قيادة التحالف).
func ownHead(e analysis.Entity, m mention) bool {
	return e.Type == "ORG" && m.actor != nil && e.Start < m.start && m.end <= e.End &&
		ownHeads[key(firstWord(e.Norm))] && !m.actor.isName(e.Norm)
}

var ownHeads = map[string]bool{}

func init() {
	for _, w := range []string{"نادي", "فريق", "منتخب", "شركة", "بنك", "مصرف", "جامعة", "كلية", "معهد", "مدرسة",
		"مستشفى", "جمعية", "صحيفة", "جريدة", "مجلة", "قناة", "إذاعة", "مهرجان", "جائزة", "مسابقة"} {
		ownHeads[key(w)] = true
		ownHeads[key("ال"+w)] = true
	}
}

// compatible reports whether an entity of the tagger's type may carry a
// ref of the knowledge base's type: places are LOC; actors are ORG or PER
// (the tagger may call a group ORG and the catalogue a person PER, or the
// other way round); MISC takes neither.
func compatible(entity, kbType string) bool {
	if kbType == "LOC" {
		return entity == "LOC"
	}
	return entity == "ORG" || entity == "PER"
}

// eventPlace is a place as the analysis lists it.
func eventPlace(p *Place) analysis.Place {
	return analysis.Place{
		Ref: p.Ref, Name: p.Name, NameEn: analysis.Str(p.NameEn), Kind: p.Kind,
		Country: analysis.Str(p.Country), Admin1: analysis.Str(p.Admin1), Lat: p.Lat, Lon: p.Lon,
	}
}
