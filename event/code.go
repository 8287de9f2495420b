package event

import (
	"math"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/marsad/marsad/analysis"
	"github.com/marsad/marsad/arabic"
	"github.com/marsad/marsad/internal/phrase"
)

// MaxAgeDays: an incident dated more than this many days before the
// article's publication is background the article recalls, not news it
// reports (a trial for last year's bombing), and is not coded.
const MaxAgeDays = 30

// candidate is an event read from one sentence, before merging.
type candidate struct {
	ev       analysis.Event
	trig     *Trigger
	sentence int
	placeRk  int  // specificity of the location (0 = none)
	dated    bool // the date comes from the text, not the published date
	mentions int
	// own: the sentence itself gives a place, a date or figures (a
	// sentence that gives none elaborates on an event already read)
	ownPlace, ownDate, ownFigures bool
	inTitle                       bool
	trigAt                        int // code point where the trigger starts
	// subjectsDead: the figures are those the trigger's subject killed
	// (ownDead: قوات الأمن قتلت ثلاثة مهاجمين), not yet another mention's
	subjectsDead bool
	// separate: the sentence says it tells another incident (وفي حادث
	// منفصل): it merges into no event read before it
	separate bool
	// weakToll: the dead are counted only by reading قتل as the passive
	// (casualties): another mention's toll stands
	weakToll bool
}

// Code returns the events of a document whose other layers (entities with
// refs, places, actors, times, quantities, relevance) are filled.
func (c *Coder) Code(st *analysis.State) []analysis.Event {
	events := []analysis.Event{}
	// Sport and market news borrow conflict words (هجوم، قصف) without
	// reporting violence: only articles judged relevant are coded.
	if st.Out.Relevance != nil && !st.Out.Relevance.Relevant {
		return events
	}
	stems := st.Stems()
	trigs := c.triggers.Find(stems)
	if len(trigs) == 0 {
		return events
	}
	cues := c.cues.Find(stems)
	ctx := newContext(st)
	speakers := map[int]bool{}
	for _, m := range cues {
		switch m.Value { // Last is exclusive: the token after the cue
		case "not-place":
			ctx.notPlace[m.Last] = true
		case "not-party":
			// gunmen tied to a group (مسلحون مرتبطون بتنظيم داعش, مسلحون
			// تابعون لحركة الشباب) are the group's, and so are its drones
			// and aircraft (مسيرة تابعة لقوات الدعم السريع), but not a
			// name's last word (قناة المسيرة التابعة للحوثيين, a channel)
			if m.First == 0 || !ownedBy(stems[m.First-1]) || inEntity(st, m.First-1) {
				ctx.notParty[m.Last] = true
			}
		case "tied-to":
			ctx.notPlace[m.Last], ctx.notParty[m.Last] = true, true
		case "source":
			// the rest of the clause names who reports it, and where
			// (حسبما أفادت مصادر طبية في مستشفى المعمداني)
			for k := m.Last; k < len(st.Tokens) && st.Tokens[k].Kind != arabic.Punct; k++ {
				ctx.notPlace[k], ctx.notParty[k] = true, true
			}
		case "speakers":
			speakers[m.Last] = true
		}
	}
	ctx.markSpeakers(speakers)

	// The best trigger of each sentence that no cue overrides.
	best := map[int]phrase.Match[*Trigger]{}
	var order []int
	for _, m := range trigs {
		s := st.SentenceOf(m.First)
		if s < 0 || c.overridden(st, cues, m.First, s) {
			continue
		}
		m.Value = disrupted(st, cues, m, s)
		b, ok := best[s]
		if !ok {
			order = append(order, s)
		}
		if !ok || m.Value.Weight > b.Value.Weight || byMeans(m.Value, b.Value) {
			best[s] = m
		}
	}
	// A protest met by force in the same sentence is a protest with
	// intervention, not a battle.
	for s, m := range best {
		if m.Value.Type != "protests" && m.Value.Type != "battles" {
			continue
		}
		protest, force := false, false
		for _, o := range trigs {
			if st.SentenceOf(o.First) != s {
				continue
			}
			switch {
			case o.Value.Type == "protests":
				protest = true
			case o.Value.Type == "battles" || o.Value.SubType == "protest_with_intervention":
				force = true
			}
		}
		if protest && force {
			m.Value = protestIntervention
			best[s] = m
		}
	}
	var cands []*candidate
	for _, s := range order {
		if cd := ctx.candidate(best[s], s); cd != nil {
			cands = append(cands, cd)
		}
	}
	for _, cd := range merge(cands) {
		if cd.dated && !st.Published.IsZero() && tooOld(string(cd.ev.Date), st.Published) {
			continue
		}
		cd.ev.Confidence = confidence(cd)
		events = append(events, cd.ev)
	}
	return events
}

// instrument reports whether token i carries the preposition ب ("with"):
// a weapon so named is what struck (أسقطت المروحية بصاروخ, "downed the
// helicopter with a missile"), not what was downed or defused.
func instrument(st *analysis.State, i int) bool {
	norm, stem := st.Tokens[i].Norm, st.Stems()[i]
	return strings.HasPrefix(norm, "ب") && !strings.HasPrefix(stem, "ب")
}

// byMeans reports whether trigger a names the means of the attack trigger
// b names (اغتيال قيادي بغارة, "killing a commander in an air strike"):
// ACLED codes an attack by its means, an air strike or shelling, where the
// text names one.
func byMeans(a, b *Trigger) bool {
	return a.Type == "explosions_remote_violence" && b.Type == "violence_against_civilians" && b.SubType == "attack"
}

// tooOld reports whether an ISO date (day, month or year) ends more than
// MaxAgeDays before the published date.
func tooOld(date string, published time.Time) bool {
	var end time.Time
	switch len(date) {
	case 10:
		t, err := time.Parse("2006-01-02", date)
		if err != nil {
			return false
		}
		end = t
	case 7:
		t, err := time.Parse("2006-01", date)
		if err != nil {
			return false
		}
		end = t.AddDate(0, 1, -1)
	default:
		return false
	}
	return published.Sub(end) > MaxAgeDays*24*time.Hour
}

var protestIntervention = &Trigger{Phrase: "protest met by force", Type: "protests", SubType: "protest_with_intervention", Cameo: "175", Weight: 0.85}

// disruptedTriggers caches the disruption twin of each weapon trigger.
var disruptedTriggers sync.Map

// disrupted turns a weapon or explosive trigger preceded by a disruption
// word (تفكيك 21 عبوة ناسفة، ضبط متفجرات، اعتراض صاروخ) into the
// disruption of its use.
func disrupted(st *analysis.State, cues []phrase.Match[string], m phrase.Match[*Trigger], sent int) *Trigger {
	t := m.Value
	if t.Type != "explosions_remote_violence" || instrument(st, m.First) {
		return t
	}
	first := st.Sentences[sent].First
	for _, c := range cues {
		if c.Value == "disrupt" && c.Last <= m.First && c.Last >= m.First-4 && c.First >= first {
			if d, ok := disruptedTriggers.Load(t); ok {
				return d.(*Trigger)
			}
			d := &Trigger{Phrase: t.Phrase, Type: "strategic_developments", SubType: "disrupted_weapons_use", Weight: math.Max(0.8, t.Weight)}
			disruptedTriggers.Store(t, d)
			return d
		}
	}
	return t
}

// overridden reports whether a cue in the trigger's clause says the event
// did not happen (yet): a threat, a plan, a condition, a denial, a generic
// statement, an old event recalled, or a verb in the future (سيقصف); or
// whether the trigger is a word of an idiom that names no event.
func (c *Coder) overridden(st *analysis.State, cues []phrase.Match[string], trig, sent int) bool {
	s := st.Sentences[sent]
	start := s.First
	for i := trig - 1; i >= s.First; i-- {
		if t := st.Tokens[i]; t.Kind == arabic.Punct && (t.Norm == "," || t.Norm == ";" || t.Norm == ":") {
			start = i + 1
			break
		}
	}
	start = max(start, trig-8)
	for _, m := range cues {
		if m.Value == "idiom" {
			if m.First <= trig && trig < m.Last {
				return true // ضبط النفس is restraint, no seizure
			}
			continue
		}
		if m.Last > trig || m.First < start || m.Value == "disrupt" || m.Value == "not-place" || m.Value == "not-party" || m.Value == "tied-to" || m.Value == "source" || m.Value == "speakers" {
			continue
		}
		if m.Value == "negation" && trig-m.Last > 1 {
			continue // لم تعلن أي جهة مسؤوليتها عن الهجوم: the attack happened
		}
		return true
	}
	for i := max(start, trig-3); i <= trig; i++ {
		t := st.Tokens[i]
		if t.Kind != arabic.Word {
			continue
		}
		pre := arabic.Segment(t.Text).Proclitics
		for _, p := range pre {
			if p == "س" {
				return true
			}
		}
		// ل of purpose before the trigger's verbal noun: an aim, not an
		// event (عملية لاستعادة المدينة) — but تعرضت لقصف is one
		if i == trig && len(pre) > 0 && pre[len(pre)-1] == "ل" || i == trig && len(pre) > 1 && pre[len(pre)-2] == "ل" && pre[len(pre)-1] == "ال" {
			if i == 0 || !exposedTo[st.Stems()[i-1]] {
				return true
			}
		}
	}
	return false
}

// docContext indexes what the other stages found, by position.
type docContext struct {
	st       *analysis.State
	places   map[string]*analysis.Place
	actors   map[string]*analysis.Actor
	titleEnd int // code point where the title ends (0 without one)
	// notPlace marks the tokens a not-place cue stands right before: a
	// place named there is whom someone is loyal to or represents
	// (الموالية لدمشق، سفير السعودية), not where the event happened.
	notPlace map[int]bool
	// notParty marks the tokens a not-party cue stands right before: an
	// actor named there is whom a party is tied to (المرتبطة بتنظيم
	// القاعدة، الموالية لإيران), not a party to the event.
	notParty map[int]bool
	// parties are the mentions of actors, in text order: the entities
	// with an actor's ref and the unnamed parties (analysis.State.Parties).
	parties []analysis.Entity
	// datelineEnd is where the body's dateline (الخرطوم - …) ends, 0
	// without one: its place is where the report was filed, a last resort.
	datelineEnd int
}

func newContext(st *analysis.State) *docContext {
	x := &docContext{st: st, places: map[string]*analysis.Place{}, actors: map[string]*analysis.Actor{}, notPlace: map[int]bool{}, notParty: map[int]bool{}}
	for i := range st.Out.Places {
		x.places[st.Out.Places[i].Ref] = &st.Out.Places[i]
	}
	for i := range st.Out.Actors {
		x.actors[st.Out.Actors[i].Ref] = &st.Out.Actors[i]
	}
	for _, e := range st.Out.Entities {
		if strings.HasPrefix(string(e.Ref), "actor:") {
			x.parties = append(x.parties, e)
		}
	}
	x.parties = append(x.parties, st.Parties...)
	sort.SliceStable(x.parties, func(i, j int) bool { return x.parties[i].Start < x.parties[j].Start })
	if st.Doc.Title != "" {
		x.titleEnd = len([]rune(st.Doc.Title))
	}
	x.datelineEnd = x.dateline()
	return x
}

// dateline finds the place line that opens a report (الخرطوم - …,
// العريش (مصر) - …, بغداد: …): up to four words at the start of the body
// ended by a dash or a colon. It returns the code point where those words
// end, or 0.
func (x *docContext) dateline() int {
	st := x.st
	first := -1
	for i, t := range st.Tokens {
		if t.Start >= x.titleEnd {
			first = i
			break
		}
	}
	if first < 0 {
		return 0
	}
	words, end := 0, 0
	for i := first; i < len(st.Tokens) && i < first+8; i++ {
		t := st.Tokens[i]
		if t.Kind != arabic.Punct {
			words++
			if words > 4 {
				return 0
			}
			end = t.End
			continue
		}
		switch t.Norm {
		case "-", "–", "—", ":":
			if words == 0 || t.LineBreaksBefore() > 0 {
				return 0
			}
			return end
		case "(", ")", "/", ",", "،":
		default:
			return 0
		}
	}
	return 0
}

var placeRank = map[string]int{"site": 7, "village": 6, "town": 5, "city": 5, "admin2": 4, "admin1": 3, "region": 2, "country": 1}

// candidate reads the event of one sentence around its trigger.
func (x *docContext) candidate(m phrase.Match[*Trigger], sent int) *candidate {
	st := x.st
	s := st.Sentences[sent]
	t := m.Value
	trigAt := st.Tokens[m.First].Start
	cd := &candidate{trig: t, sentence: sent, mentions: 1, inTitle: s.End <= x.titleEnd, trigAt: trigAt, subjectsDead: ownDead[t.Phrase],
		separate: x.separateIncident(s)}
	ev := &cd.ev
	ev.Type, ev.SubType, ev.Cameo = t.Type, analysis.Str(t.SubType), analysis.Str(t.Cameo)
	ev.Actors, ev.Targets = []analysis.ActorRef{}, []analysis.ActorRef{}
	ev.Evidence = analysis.Span{Start: s.Start, End: s.End, Text: st.Slice(s.Start, s.End)}

	// Where: the most specific place of the sentence, else of the sentence
	// before, the title, the dateline.
	spans := x.fallbackSpans(sent)
	for i, span := range spans {
		if p, rank := x.placeIn(span[0], span[1], trigAt, false); p != nil {
			ev.Location, cd.placeRk, cd.ownPlace = p.EventPlace(), rank, i == 0
			break
		}
	}
	if ev.Location == nil && x.datelineEnd > 0 {
		if p, rank := x.placeIn(x.titleEnd, x.datelineEnd, trigAt, true); p != nil {
			ev.Location, cd.placeRk = p.EventPlace(), rank
		}
	}
	// When: a date of the sentence, or a day named in the sentence before
	// (a title takes its date from the body it merges with), else the
	// published date, as ACLED codes undated reports.
	if v, prec, ok := x.dateIn(s.Start, s.End, trigAt, false); ok {
		ev.Date, ev.DatePrecision, cd.dated, cd.ownDate = analysis.Str(v), analysis.Str(prec), true, true
	} else if len(spans) > 1 && s.Start >= x.titleEnd && spans[1][1] <= s.Start && spans[1][0] >= x.titleEnd {
		if v, prec, ok := x.dateIn(spans[1][0], spans[1][1], trigAt, true); ok {
			ev.Date, ev.DatePrecision, cd.dated = analysis.Str(v), analysis.Str(prec), true
		}
	}
	if !cd.dated && !st.Published.IsZero() {
		ev.Date, ev.DatePrecision = analysis.Str(st.Published.Format("2006-01-02")), "day"
	}
	// Who: actors of the sentence; those right after a target marker
	// (على، ضد، استهدف) are targets, the others perpetrators; a country's
	// adjective right after the trigger names who struck.
	x.actorsIn(s, m, ev)
	x.nationalForces(s, m, ev)
	x.soldiersStruck(s, m, ev)
	// How many: the casualty figures of the sentence, or of the next one
	// when it carries on the story (not: وفي حادث منفصل، قتل جندي).
	fat, inj, weak := x.casualties(s)
	// (a count read only from the passive is not enough: وقتل عنصر آخر
	// after the lead's arrests tells the same operation)
	cd.ownFigures = fat != nil && !weak || inj != nil
	if fat == nil && inj == nil && sent+1 < len(st.Sentences) && !x.separateIncident(st.Sentences[sent+1]) {
		n := st.Sentences[sent+1]
		if n.Start >= x.titleEnd {
			fat, inj, weak = x.casualties(n)
		}
	}
	ev.Fatalities, ev.Injuries = fat, inj
	cd.weakToll = weak
	x.refineType(cd)
	return cd
}

// separateIncident reports whether the first words of sentence s say it
// tells another incident than those before (وفي حادث منفصل, وفي هجوم آخر).
func (x *docContext) separateIncident(s arabic.Sentence) bool {
	stems := x.st.Stems()
	for j := s.First; j+1 < min(s.Last, s.First+5); j++ {
		if separateCues[stems[j]+" "+stems[j+1]] {
			return true
		}
	}
	return false
}

// fallbackSpans lists where to look for an argument the trigger's
// sentence does not give: the sentence, the one before it (same
// paragraph), the title, the first body sentence (a dateline).
func (x *docContext) fallbackSpans(sent int) [][2]int {
	st := x.st
	s := st.Sentences[sent]
	spans := [][2]int{{s.Start, s.End}}
	if sent > 0 {
		p := st.Sentences[sent-1]
		if st.Tokens[s.First].LineBreaksBefore() < 2 && p.Start >= x.titleEnd {
			spans = append(spans, [2]int{p.Start, p.End})
		}
	}
	if x.titleEnd > 0 && s.Start >= x.titleEnd {
		spans = append(spans, [2]int{0, x.titleEnd})
	}
	for _, b := range st.Sentences {
		if b.Start >= x.titleEnd {
			if b.Start != s.Start {
				spans = append(spans, [2]int{b.Start, b.End})
			}
			break
		}
	}
	return spans
}

// markSpeakers marks as no place of an event the places that speak: one
// named where a speakers cue stands right before (اتهمت نيودلهي, أدانت
// القاهرة; speakers holds the tokens after the cues), and one named right
// after such a place (اتهمت نيودلهي إسلام آباد, whom it accuses). A place
// after another word (تدين حادث سروج, the incident) is where the event
// happened.
func (x *docContext) markSpeakers(speakers map[int]bool) {
	if len(speakers) == 0 {
		return
	}
	after := -1 // the token after a place that speaks
	for _, e := range x.st.Out.Entities {
		if !strings.HasPrefix(string(e.Ref), "place:") {
			continue
		}
		if tok := x.st.TokenAt(e.Start); speakers[tok] || tok == after {
			x.notPlace[tok] = true
			after = x.st.TokenAt(e.End-1) + 1
		}
	}
}

// placeIn returns the place mentioned in [start, end) that best locates
// the trigger: the most specific, nearer ones first (a town ten words away
// beats the country beside the trigger; of two towns the nearer wins).
func (x *docContext) placeIn(start, end, trigAt int, dateline bool) (*analysis.Place, int) {
	var best *analysis.Place
	bestRank, bestScore := 0, math.Inf(-1)
	trigTok := x.st.TokenAt(trigAt)
	consider := func(p *analysis.Place, s, e int, penalty float64) {
		tok := x.st.TokenAt(s)
		if p == nil || x.notPlace[tok] || !dateline && s >= x.titleEnd && e <= x.datelineEnd {
			return
		}
		rank := placeRank[p.Kind]
		if rank == 0 {
			rank = 3
		}
		dist := float64(abs(tok - trigTok))
		score := float64(rank) - 0.15*dist - penalty
		if score > bestScore {
			best, bestRank, bestScore = p, rank, score
		}
	}
	for _, e := range x.st.Out.Entities {
		if e.Start < start || e.End > end || !strings.HasPrefix(string(e.Ref), "place:") {
			continue
		}
		consider(x.places[string(e.Ref)], e.Start, e.End, 0)
	}
	// the place a police, a municipality or a governorate serves (شرطة
	// محافظة خميس مشيط تلقت بلاغا), after a place the text names of the
	// same kind
	for i := range x.st.Institutions {
		in := &x.st.Institutions[i]
		if in.Start >= start && in.End <= end {
			consider(&in.Place, in.Start, in.End, 0.5)
		}
	}
	return best, bestRank
}

// dateIn returns the resolved date in [start, end) nearest the trigger,
// preferring day precision.
func (x *docContext) dateIn(start, end, trigAt int, dayOnly bool) (string, string, bool) {
	bestScore := math.MaxInt
	var val, prec string
	for _, t := range x.st.Out.Times {
		if t.Start < start || t.End > end || t.Value == "" {
			continue
		}
		penalty := 0
		switch t.Precision {
		case "day":
		case "week", "month":
			if dayOnly {
				continue
			}
			penalty = 1000
		default:
			continue // a year or a range does not date an incident
		}
		if sc := penalty + abs(t.Start-trigAt); sc < bestScore {
			bestScore, val, prec = sc, string(t.Value), t.Precision
		}
	}
	return val, prec, val != ""
}

func (x *docContext) actorsIn(s arabic.Sentence, m phrase.Match[*Trigger], ev *analysis.Event) {
	st := x.st
	stems := st.Stems()
	seen := map[string]bool{}
	for _, e := range x.parties {
		if e.Start < s.Start || e.End > s.End || seen[string(e.Ref)] {
			continue
		}
		tok := st.TokenAt(e.Start)
		if x.notParty[tok] {
			continue
		}
		seen[string(e.Ref)] = true
		a := x.actors[string(e.Ref)]
		ref := analysis.ActorRef{Ref: e.Ref, Name: e.Norm}
		kind := ""
		if a != nil {
			ref.Name, ref.NameEn, kind = a.Name, a.NameEn, a.Kind
		}
		// a site right before an armed group's name is the group's, and
		// what was struck (مقرا لكتائب حزب الله, مواقع حزب العمال
		// الكردستاني); an aid agency's warehouses are no target
		// (not for an arrest: دوريات حرس الحدود made it)
		site := armedKind[kind] && tok-1 >= s.First && siteNouns[stems[tok-1]] && ev.SubType != "arrests"
		switch {
		case kind == "civilians" || site || armedKind[kind] && (memberOf(stems, tok, s.First) || opponent(stems, tok, s.First) && x.armedBefore(s, e)) ||
			isTarget(stems, tok, s.First) || x.isVictim(stems, tok, s.First, m):
			ev.Targets = append(ev.Targets, ref)
		case armedKind[kind] || kind == "":
			ev.Actors = append(ev.Actors, ref)
		}
		// a government, an international body, a person or a medium
		// named in the sentence reports or reacts; it is not a party
	}
	// a word inside an organisation's or a person's name is the name's
	// (العمال of حزب العمال الكردستاني, the PKK, is no workers; المسلحة of
	// القوات المسلحة); inside a place's it is the place (مستشفى الشفاء is
	// a hospital)
	var names [][2]int
	for _, e := range st.Out.Entities {
		if (e.Type == "ORG" || e.Type == "PER") && e.Start >= s.Start && e.End <= s.End {
			names = append(names, [2]int{e.Start, e.End})
		}
	}
	for _, e := range x.parties {
		if e.Start >= s.Start && e.End <= s.End {
			names = append(names, [2]int{e.Start, e.End})
		}
	}
	inName := func(i int) bool {
		at := st.Tokens[i].Start
		return slices.ContainsFunc(names, func(n [2]int) bool { return n[0] <= at && at < n[1] })
	}
	civil, armed := false, false
	for i := s.First; i < s.Last; i++ {
		if (civilianWords[stems[i]] || armedWords[stems[i]]) && inName(i) {
			continue
		}
		// residents who report it are no target (قال سكان إن…)
		if civilianWords[stems[i]] && i > s.First && speechVerbs[stems[i-1]] {
			continue
		}
		switch {
		case civilianWords[stems[i]]:
			civil = true
		case armedWords[stems[i]]:
			armed = true
		}
	}
	if civil {
		has := false
		for _, t := range ev.Targets {
			// the catalogue's civilians (المدنيين matched by the kb) are
			// the same: one is enough
			a := x.actors[string(t.Ref)]
			has = has || t.NameEn == "civilians" || a != nil && a.Kind == "civilians"
		}
		if !has {
			ev.Targets = append(ev.Targets, analysis.ActorRef{NameEn: "civilians"})
		}
	}
	if armed && len(ev.Actors) == 0 {
		ev.Actors = append(ev.Actors, analysis.ActorRef{NameEn: "unidentified armed group"})
	}
}

// nationalForces makes the forces of the country whose adjective follows
// the trigger the event's actor (غارة إسرائيلية, قصف مدفعي روسي, ضربات
// جوية أمريكية; analysis.State.Nationals): the country struck, where the
// trigger is an act (strikeHeads); after a weapon (صاروخ روسي, الأسلحة
// الكيماوية السورية) or a person (انتحاري سعودي) the adjective says where
// the weapon was made or whose national the person is. Another country's
// forces that the sentence names are then no perpetrators (the Lebanese
// army that deployed after an Israeli drone strike), and a non-state armed
// group is the one struck (أكد حزب الله مقتل أمينه العام في غارة
// إسرائيلية; الغارات التركية على مواقع حزب العمال الكردستاني).
// Protests and riots are left alone: a country's adjective there names
// the crowd.
func (x *docContext) nationalForces(s arabic.Sentence, m phrase.Match[*Trigger], ev *analysis.Event) {
	stems := x.st.Stems()
	if ev.Type == "protests" || ev.Type == "riots" || len(x.st.Nationals) == 0 {
		return
	}
	national := func(j int, name bool) int {
		at := x.st.Tokens[j].Start
		return slices.IndexFunc(x.st.Nationals, func(n analysis.NationalForces) bool { return n.Start == at && n.Name == name && !n.Inflected })
	}
	i := -1
	if strikeHeads[stems[m.First]] {
		// from the trigger's second word: the adjective may be the
		// trigger's own (ضربات إسرائيلية) or follow it (غارة جوية إسرائيلية)
		j := m.First + 1
		for k := 0; k < 2 && j < s.Last && strikeWords[stems[j]]; k++ {
			j++
		}
		if j < s.Last {
			i = national(j, false)
		}
	}
	// or, where the sentence names no one who struck, the country's
	// aircraft, artillery or tanks do (شن الطيران الحربي الإسرائيلي غارات,
	// قصفت مقاتلات تركية مواقع), or the country itself, named right after
	// a verb of striking
	named := slices.ContainsFunc(ev.Actors, func(r analysis.ActorRef) bool { return r.Ref != "" })
	// only for a strike (قصفت طائرات حربية روسية): a country's aircraft in
	// a sentence of a fight or a landing may be a civil one (طائرة صينية)
	strike := strikeHeads[stems[m.First]] || ev.Type == "explosions_remote_violence"
	for j := s.First + 1; i < 0 && strike && !named && j < s.Last; j++ {
		k := j - 1
		if k > s.First && strikeWords[stems[k]] && !forceNouns[stems[k]] {
			k-- // طائرات حربية روسية; but المدفعية التركية
		}
		if forceNouns[stems[k]] {
			i = national(j, false)
		}
		// or the country is the subject of a verb of striking (شنت
		// إسرائيل غارات, قصفت تركيا مواقع)
		if i < 0 && strikeVerbs[stems[j-1]] {
			i = national(j, true)
		}
	}
	if i < 0 {
		return
	}
	a := x.st.Nationals[i].Actor
	if _, ok := x.actors[a.Ref]; !ok {
		x.actors[a.Ref] = &a
	}
	kept := []analysis.ActorRef{{Ref: analysis.Str(a.Ref), Name: a.Name, NameEn: a.NameEn}}
	for _, r := range ev.Actors {
		b := x.actors[string(r.Ref)]
		switch {
		case string(r.Ref) == a.Ref:
		case b != nil && nonState[b.Kind]:
			if !slices.ContainsFunc(ev.Targets, func(t analysis.ActorRef) bool { return t.Ref == r.Ref }) {
				ev.Targets = append(ev.Targets, r) // the group the state struck
			}
		case b != nil && stateKind[b.Kind] && b.Country != a.Country:
			// another state's army reports or responds
		default:
			kept = append(kept, r)
		}
	}
	ev.Actors = kept
}

// soldiersStruck makes the forces of a country whose soldiers the sentence
// counts among the dead, the wounded or the targeted (مقتل 34 جنديا
// نيجيريا, استشهد جندي سعودي, استهدف جنودا أمريكيين) a target: the
// nationality adjective right after a soldier noun names their army.
// Forces already among the actors are left alone.
func (x *docContext) soldiersStruck(s arabic.Sentence, m phrase.Match[*Trigger], ev *analysis.Event) {
	stems := x.st.Stems()
	for i := s.First; i+1 < s.Last; i++ {
		// a person, not the feminine adjective (العمليات العسكرية التركية)
		if w := x.st.Tokens[i].Text; !soldierNouns[stems[i]] || strings.HasSuffix(w, "ة") || strings.HasSuffix(w, "ه") {
			continue
		}
		at := x.st.Tokens[i+1].Start
		n := slices.IndexFunc(x.st.Nationals, func(n analysis.NationalForces) bool { return n.Start == at && !n.Name })
		if n < 0 {
			continue
		}
		struck := x.isVictim(stems, i, s.First, m) || isTarget(stems, i, s.First) || x.counted(i) ||
			i > s.First && casualtyWords[stems[i-1]] != "" || i > s.First && x.passiveDeathAt(i-1, s) &&
			passiveSubject(x.st.Tokens[i].Text) && !(i+2 < s.Last && accusative(x.st.Tokens[i+2].Text))
		if !struck {
			continue
		}
		a := x.st.Nationals[n].Actor
		has := func(r analysis.ActorRef) bool { return string(r.Ref) == a.Ref }
		if slices.ContainsFunc(ev.Actors, has) || slices.ContainsFunc(ev.Targets, has) {
			continue
		}
		if _, ok := x.actors[a.Ref]; !ok {
			x.actors[a.Ref] = &a
		}
		ev.Targets = append(ev.Targets, analysis.ActorRef{Ref: analysis.Str(a.Ref), Name: a.Name, NameEn: a.NameEn})
	}
}

// counted reports whether token i is the noun of a fatality or injury
// figure (مقتل 34 جنديا, إصابة خمسة جنود).
func (x *docContext) counted(i int) bool {
	at := x.st.Tokens[i].Start
	return slices.ContainsFunc(x.st.Out.Quantities, func(q analysis.Quantity) bool {
		return (q.Role == "fatalities" || q.Role == "injuries") && q.Start <= at && at < q.End
	})
}

// ownedBy reports whether a word before التابعة ل names what the group
// after it strikes with: its gunmen, aircraft or drones. Not its tanks or
// guns, which strikes destroy (دبابة تابعة للحوثيين).
func ownedBy(stem string) bool {
	return armedWords[stem] || aircraft[stem]
}

// inEntity reports whether token i lies in one of the text's entities.
func inEntity(st *analysis.State, i int) bool {
	at := st.Tokens[i].Start
	return slices.ContainsFunc(st.Out.Entities, func(e analysis.Entity) bool { return e.Start <= at && at < e.End })
}

// nonState are the kinds of armed groups that are no state's forces.
var nonState = map[string]bool{"rebel_group": true, "political_militia": true, "identity_militia": true}

// stateKind are the kinds of a state's armed forces.
var stateKind = map[string]bool{"state_forces": true, "external_force": true}

// armedKind are the actor families that take part in violence (ACLED's
// actor 1 and 2); others in the sentence are reporting or reacting.
var armedKind = map[string]bool{
	"state_forces": true, "rebel_group": true, "political_militia": true, "identity_militia": true,
	"external_force": true, "coalition": true, "rioters": true, "protesters": true,
}

// agent returns the kind of the actor that does the trigger's action: the
// last armed actor named before the trigger in its sentence, or "".
func (x *docContext) agent(s arabic.Sentence, trigAt int) string {
	kind := ""
	for _, e := range x.parties {
		if e.Start < s.Start || e.End > trigAt {
			continue
		}
		if a := x.actors[string(e.Ref)]; a != nil && armedKind[a.Kind] {
			kind = a.Kind
		}
	}
	return kind
}

// isTarget reports whether the word at tok follows a target marker within
// three words.
// على يد and على أيدي ("at the hands of") name the perpetrator.
// Members and من between do not count in the three (ضد عناصر من حركة
// الشباب).
func isTarget(stems []string, tok, first int) bool {
	from := tok - 3
	for i := tok - 1; i >= max(first, from); i-- {
		if targetMarkers[stems[i]] {
			return !(i+1 < tok && handStems[stems[i+1]])
		}
		if memberNouns[stems[i]] || stems[i] == fromStem {
			from--
		}
	}
	return false
}

var fromStem = arabic.Stem("من")

// memberOf reports whether the actor named at tok follows في after a
// leader or member (قتل القائد العسكري في حزب الله, اغتيال قيادي في
// حماس): the one struck belongs to it. An official (مسؤول في) is more
// often the one who speaks, and is left out.
func memberOf(stems []string, tok, first int) bool {
	if tok-2 < first || stems[tok-1] != inStem {
		return false
	}
	m := tok - 2
	if !memberNouns[stems[m]] {
		if m--; m < first || !memberNouns[stems[m]] {
			return false
		}
	}
	// a leader who speaks (وأوضح القيادي في المقاومة الشعبية أن) is no
	// one struck
	for i := m - 1; i >= max(first, m-3); i-- {
		if speechVerbs[stems[i]] {
			return false
		}
	}
	return true
}

var inStem = arabic.Stem("في")

// opponent reports whether the actor named at tok follows مع right after a
// word of fighting, one word between at most (معارك عنيفة مع قوات
// الدعم السريع, اشتبك الجيش مع داعش): the other side of the fight, where
// the sentence names a side before it (armedBefore).
func opponent(stems []string, tok, first int) bool {
	if tok-2 < first || stems[tok-1] != withStem {
		return false
	}
	return battleWords[stems[tok-2]] || tok-3 >= first && battleWords[stems[tok-3]]
}

var withStem = arabic.Stem("مع")

// armedBefore reports whether the sentence names another armed actor before
// the mention e: the side that fought it. Alone (استشهد شاب في مواجهات مع
// قوات الاحتلال), the one after مع is the one who struck.
func (x *docContext) armedBefore(s arabic.Sentence, e analysis.Entity) bool {
	return slices.ContainsFunc(x.parties, func(p analysis.Entity) bool {
		a := x.actors[string(p.Ref)]
		return p.Start >= s.Start && p.End <= e.Start && p.Ref != e.Ref && a != nil && armedKind[a.Kind]
	})
}

// isVictim reports whether the actor named at tok is the side that
// suffered: named within four words after a casualty figure or a noun of
// death or injury (قتل سبعة جنود من الجيش العراقي، مقتل عناصر من داعش),
// with no trigger between (مقتل 7 جنود بهجوم لداعش: داعش attacked); first
// is the sentence's first token, m the trigger.
// The verb قتل is not enough: unvowelled, قتل مسلحو داعش is the active.
func (x *docContext) isVictim(stems []string, tok, first int, m phrase.Match[*Trigger]) bool {
	from := max(first, tok-4)
	if m.First < tok && m.Last > from {
		from = m.Last
	}
	// a claim between the figure and the name makes the name the one who
	// struck: … وإصابة 150 آخرين، وتبنى تنظيم داعش الهجوم
	for i := tok - 1; i >= from; i-- {
		if claimWords[stems[i]] {
			from = i + 1
			break
		}
	}
	for i := tok - 1; i >= from; i-- {
		if casualtyWords[stems[i]] != "" {
			return true
		}
	}
	for _, q := range x.st.Out.Quantities {
		if q.Role != "fatalities" && q.Role != "injuries" {
			continue
		}
		if end := x.st.TokenAt(q.End - 1); end < tok && end >= from {
			return true
		}
	}
	return false
}

// casualties sums the fatality and injury figures of a sentence. A
// casualty word before a singular person noun without a number counts
// one (استشهاد مواطن، مقتل ضابط وثلاثة جنود → 1 + 3).
// weak: the dead are counted only by reading قتل as the passive (قتل جندي
// تركي), which lowers no other mention's toll.
func (x *docContext) casualties(s arabic.Sentence) (fat, inj *int, weak bool) {
	sure := false
	add := func(p **int, v float64) {
		if *p == nil {
			*p = new(int)
		}
		**p += int(v)
	}
	for _, q := range x.st.Out.Quantities {
		if q.Start < s.Start || q.End > s.End || q.Value < 0 || q.Value > 1e6 || x.cumulative(s, q) {
			continue
		}
		switch q.Role {
		case "fatalities":
			add(&fat, q.Value)
			sure = true
		case "injuries":
			add(&inj, q.Value)
		}
	}
	stems := x.st.Stems()
	for i := s.First; i+1 < s.Last; i++ {
		role := casualtyWords[stems[i]]
		passive := role == "" && x.passiveDeathAt(i, s) && passiveSubject(x.st.Tokens[i+1].Text)
		if passive {
			role = "fatalities" // قتل جندي تركي: the passive, one dead
		}
		if role == "" || !singularPerson[stems[i+1]] || x.inQuantity(x.st.Tokens[i+1].Start) || plural(x.st.Tokens[i+1].Text) {
			continue
		}
		n := 1.0
		// and each one joined to it by و (مقتل امرأة وطفلها, إصابة شرطي ومدني)
		for j := i + 2; j < s.Last && strings.HasPrefix(x.st.Tokens[j].Text, "و") && singularPerson[stems[j]] &&
			!x.inQuantity(x.st.Tokens[j].Start) && !plural(x.st.Tokens[j].Text); j++ {
			n++
		}
		if role == "fatalities" {
			add(&fat, n)
			sure = sure || !passive
		} else {
			add(&inj, n)
		}
	}
	return fat, inj, fat != nil && !sure
}

// passiveDeathAt reports whether token i is قتل opening a clause, where it
// reads as the passive (وقتل جندي, إلى ذلك، قتل شخص, كما قتل مدني), not
// as the noun "killing" after another word (بتهمة قتل طفل, بينها قتل ضابط).
func (x *docContext) passiveDeathAt(i int, s arabic.Sentence) bool {
	w := x.st.Tokens[i].Text
	if !passiveDeath[w] {
		return false
	}
	if i == s.First || w != "قتل" { // وقتل, فقتل
		return true
	}
	stems := x.st.Stems()
	return stems[i-1] == "" || clauseOpeners[stems[i-1]]
}

// passiveSubject reports whether a person noun after قتل reads as the
// passive's subject: indefinite and not in the accusative (قتل جندي, not
// قتل الجندي, whom he may have killed, nor قتل رجلا).
func passiveSubject(w string) bool {
	return !strings.HasPrefix(w, "ال") && !accusative(w)
}

// accusative reports whether an indefinite noun is written in the
// accusative (جنديا, صبياً): the object of an active verb before it.
func accusative(w string) bool {
	return strings.HasSuffix(w, "ا") || strings.HasSuffix(w, "اً") || strings.HasSuffix(w, "ًا")
}

// plural reports whether a person noun is written as a plural or a dual
// (مواطنين, مسلحون, جنديان), whose stem is the singular's: no count of one.
func plural(w string) bool {
	return strings.HasSuffix(w, "ين") || strings.HasSuffix(w, "ون") || strings.HasSuffix(w, "ان")
}

// cumulative reports a toll that adds up a period (1500 قتيل منذ سبتمبر،
// حصيلة القتلى منذ بدء المواجهات), not one incident's figure: منذ within
// six words of the number. A toll since a time of the same day (منذ فجر
// اليوم, منذ صباح الأربعاء, منذ ساعات: Gaza's daily figures) is the day's.
func (x *docContext) cumulative(s arabic.Sentence, q analysis.Quantity) bool {
	stems := x.st.Stems()
	i := x.st.TokenAt(q.Start)
	for j := max(s.First, i-6); j < min(s.Last, i+8); j++ {
		if stems[j] == sinceStem && !(j+1 < s.Last && sameDay[stems[j+1]]) {
			return true
		}
	}
	return false
}

var sinceStem = arabic.Stem("منذ")

// inQuantity reports whether a code point lies in a quantity found by the
// quantity stage.
func (x *docContext) inQuantity(cp int) bool {
	for _, q := range x.st.Out.Quantities {
		if cp >= q.Start && cp < q.End {
			return true
		}
	}
	return false
}

// refineType adjusts the trigger's sub-type to the actors and targets:
// territory taken by state forces is regained, by others overtaken; an
// armed attack on civilians alone is violence against civilians.
func (x *docContext) refineType(cd *candidate) {
	ev := &cd.ev
	// Territory: who takes it is the actor named before the trigger
	// (الجيش استعاد المدينة من داعش): state forces and their allies
	// regain it, rebels overtake it.
	switch ev.SubType {
	case "non_state_actor_overtakes_territory", "government_regains_territory":
		switch x.agent(x.st.Sentences[cd.sentence], cd.trigAt) {
		case "state_forces", "external_force", "coalition", "political_militia":
			ev.SubType = "government_regains_territory"
		case "rebel_group", "identity_militia":
			ev.SubType = "non_state_actor_overtakes_territory"
		}
	case "armed_clash", "":
		civilOnly := len(ev.Targets) > 0
		for _, t := range ev.Targets {
			// the coder's civilians or the catalogue's (اللاجئين, Refugees)
			if a := x.actors[string(t.Ref)]; t.NameEn != "civilians" && (a == nil || a.Kind != "civilians") {
				civilOnly = false
			}
		}
		if civilOnly && attackTriggers[cd.trig.Phrase] {
			ev.Type, ev.SubType, ev.Cameo = "violence_against_civilians", "attack", "180"
		}
	}
}

// merge folds the mentions of one incident into one event: same type (or a
// vaguer trigger), compatible places and dates.
func merge(cands []*candidate) []*candidate {
	var out []*candidate
	var titles []*candidate
	for _, cd := range cands {
		if cd.inTitle {
			titles = append(titles, cd)
			continue
		}
		var into *candidate
		for _, o := range out {
			if !cd.separate && sameIncident(o, cd) {
				into = o
				break
			}
		}
		// A sentence that names no place, date or figure of its own
		// elaborates on the event read last (وأفادت التقارير عن اشتباكات…).
		if into == nil && len(out) > 0 && !cd.ownPlace && !cd.ownDate && !cd.ownFigures && !cd.separate {
			if last := out[len(out)-1]; compatibleTypes(last, cd) {
				into = last
			}
		}
		if into == nil {
			out = append(out, cd)
			continue
		}
		absorb(into, cd)
	}
	// A headline announces an event the body tells: it joins the body's
	// event of its type (the lead's first), and stands alone only when the
	// body has none.
	for _, t := range titles {
		var into *candidate
		for _, o := range out {
			if compatibleTypes(o, t) && (o.ev.Location == nil || t.ev.Location == nil || o.ev.Location.Country == t.ev.Location.Country) {
				into = o
				break
			}
		}
		if into == nil {
			out = append(out, t)
			continue
		}
		into.mentions++
		// The headline may be the more specific: a suicide bombing in a
		// city, told in the body as an explosion in the province.
		if t.ev.Location != nil && (into.ev.Location == nil || t.placeRk > into.placeRk) {
			into.ev.Location, into.placeRk = t.ev.Location, t.placeRk
		}
		if vague[into.trig.Phrase] && !vague[t.trig.Phrase] {
			into.ev.Type, into.ev.SubType, into.ev.Cameo = t.ev.Type, t.ev.SubType, t.ev.Cameo
			into.trig = t.trig
		}
		mergeFigures(into, t)
		into.ev.Actors = unionActors(into.ev.Actors, t.ev.Actors)
		into.ev.Targets = unionActors(into.ev.Targets, t.ev.Targets)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].ev.Evidence.Start < out[j].ev.Evidence.Start })
	return out
}

// compatibleTypes: the same event type, or one of the two is vague.
func compatibleTypes(a, b *candidate) bool {
	return a.ev.Type == b.ev.Type || vague[a.trig.Phrase] || vague[b.trig.Phrase]
}

func sameIncident(a, b *candidate) bool {
	if !compatibleTypes(a, b) {
		return false
	}
	la, lb := a.ev.Location, b.ev.Location
	if la != nil && lb != nil && la.Ref != lb.Ref {
		// the same incident named at a coarser level (a town, then its
		// province or country) still merges
		if !(la.Country == lb.Country && (a.placeRk <= 3 || b.placeRk <= 3)) {
			return false
		}
	}
	if a.dated && b.dated && a.ev.Date != b.ev.Date && a.ev.DatePrecision == "day" && b.ev.DatePrecision == "day" {
		return false
	}
	return true
}

// absorb merges b into a: the more specific type, place and date win;
// figures as mergeFigures says.
func absorb(a, b *candidate) {
	a.mentions++
	if !vague[b.trig.Phrase] && (vague[a.trig.Phrase] || b.trig.Weight > a.trig.Weight) {
		a.ev.Type, a.ev.SubType, a.ev.Cameo = b.ev.Type, b.ev.SubType, b.ev.Cameo
		a.trig = b.trig
		a.ev.Evidence = b.ev.Evidence
	}
	if b.placeRk > a.placeRk {
		a.ev.Location, a.placeRk = b.ev.Location, b.placeRk
	}
	if b.dated && (!a.dated || a.ev.DatePrecision != "day" && b.ev.DatePrecision == "day") {
		a.ev.Date, a.ev.DatePrecision, a.dated = b.ev.Date, b.ev.DatePrecision, true
	}
	a.ev.Actors = unionActors(a.ev.Actors, b.ev.Actors)
	a.ev.Targets = unionActors(a.ev.Targets, b.ev.Targets)
	mergeFigures(a, b)
}

// mergeFigures folds b's casualty figures into a's: where they disagree
// the more conservative is kept (ACLED's rule), except that whom a verb's
// subject killed (subjectsDead: the attackers the police shot) is not the
// toll of another mention's event.
func mergeFigures(a, b *candidate) {
	switch {
	case b.subjectsDead && !a.subjectsDead:
		// a keeps its figures, or has b's where it has none
		if a.ev.Fatalities == nil && a.ev.Injuries == nil {
			a.ev.Fatalities, a.ev.Injuries, a.subjectsDead, a.weakToll = b.ev.Fatalities, b.ev.Injuries, true, b.weakToll
		}
	case a.subjectsDead && !b.subjectsDead:
		if b.ev.Fatalities != nil || b.ev.Injuries != nil {
			a.ev.Fatalities, a.ev.Injuries, a.subjectsDead, a.weakToll = b.ev.Fatalities, b.ev.Injuries, false, b.weakToll
		}
	default:
		a.ev.Fatalities, a.weakToll = toll(a.ev.Fatalities, b.ev.Fatalities, a.weakToll, b.weakToll)
		a.ev.Injuries = conservative(a.ev.Injuries, b.ev.Injuries)
	}
}

func unionActors(a, b []analysis.ActorRef) []analysis.ActorRef {
	has := func(r analysis.ActorRef) bool {
		for _, x := range a {
			if x.Ref == r.Ref && x.NameEn == r.NameEn {
				return true
			}
		}
		return false
	}
	for _, r := range b {
		if !has(r) {
			a = append(a, r)
		}
	}
	return a
}

// toll folds two mentions' counts of the dead: a weak count (the passive
// read in قتل جندي, which may be another incident told beside this one's
// 19 dead) gives way to the other; else the lower, as conservative says.
func toll(a, b *int, aWeak, bWeak bool) (*int, bool) {
	switch {
	case a != nil && b != nil && bWeak && !aWeak:
		return a, false
	case a != nil && b != nil && aWeak && !bWeak:
		return b, false
	case a == nil:
		return b, bWeak
	case b == nil:
		return a, aWeak
	}
	return conservative(a, b), aWeak && bWeak
}

func conservative(a, b *int) *int {
	switch {
	case a == nil:
		return b
	case b == nil:
		return a
	case *b < *a:
		return b
	}
	return a
}

// confidence combines the evidence for an event into 0–1.
func confidence(cd *candidate) float64 {
	c := 0.6 * cd.trig.Weight
	if cd.placeRk > 0 {
		c += 0.1
		if cd.placeRk >= 4 {
			c += 0.05
		}
	}
	if cd.dated {
		c += 0.1
	}
	for _, a := range cd.ev.Actors {
		if a.Ref != "" {
			c += 0.05
			break
		}
	}
	if cd.ev.Fatalities != nil || cd.ev.Injuries != nil {
		c += 0.05
	}
	c += 0.04 * float64(min(cd.mentions-1, 3))
	return math.Round(math.Min(c, 0.97)*100) / 100
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
