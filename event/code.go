package event

import (
	"math"
	"sort"
	"strings"

	"github.com/marsad/marsad/analysis"
	"github.com/marsad/marsad/arabic"
	"github.com/marsad/marsad/internal/phrase"
)

// MinRelevance is the relevance score below which an article is not
// searched for events: sport and market news borrow conflict words (هجوم،
// قصف) without reporting violence.
const MinRelevance = 0.25

// candidate is an event read from one sentence, before merging.
type candidate struct {
	ev       analysis.Event
	trig     *Trigger
	sentence int
	placeRk  int  // specificity of the location (0 = none)
	dated    bool // the date comes from the text, not the published date
	mentions int
}

// Code returns the events of a document whose other layers (entities with
// refs, places, actors, times, quantities, relevance) are filled.
func (c *Coder) Code(st *analysis.State) []analysis.Event {
	events := []analysis.Event{}
	if st.Out.Relevance != nil && st.Out.Relevance.Score < MinRelevance {
		return events
	}
	stems := st.Stems()
	trigs := c.triggers.Find(stems)
	if len(trigs) == 0 {
		return events
	}
	cues := c.cues.Find(stems)
	ctx := newContext(st)

	// The best trigger of each sentence that no cue overrides.
	best := map[int]phrase.Match[*Trigger]{}
	var order []int
	for _, m := range trigs {
		s := st.SentenceOf(m.First)
		if s < 0 || c.overridden(st, cues, m.First, s) {
			continue
		}
		b, ok := best[s]
		if !ok {
			order = append(order, s)
		}
		if !ok || m.Value.Weight > b.Value.Weight {
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
		cd.ev.Confidence = confidence(cd)
		events = append(events, cd.ev)
	}
	return events
}

// overridden reports whether a cue in the trigger's clause says the event
// did not happen (yet): a threat, a plan, a condition, a denial, a generic
// statement, an old event recalled, or a verb in the future (سيقصف).
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
		if m.Last > trig || m.First < start {
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
		for _, p := range arabic.Segment(t.Text).Proclitics {
			if p == "س" {
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
}

func newContext(st *analysis.State) *docContext {
	x := &docContext{st: st, places: map[string]*analysis.Place{}, actors: map[string]*analysis.Actor{}}
	for i := range st.Out.Places {
		x.places[st.Out.Places[i].Ref] = &st.Out.Places[i]
	}
	for i := range st.Out.Actors {
		x.actors[st.Out.Actors[i].Ref] = &st.Out.Actors[i]
	}
	if st.Doc.Title != "" {
		x.titleEnd = len([]rune(st.Doc.Title))
	}
	return x
}

var placeRank = map[string]int{"site": 7, "village": 6, "town": 5, "city": 5, "admin2": 4, "admin1": 3, "region": 2, "country": 1}

// candidate reads the event of one sentence around its trigger.
func (x *docContext) candidate(m phrase.Match[*Trigger], sent int) *candidate {
	st := x.st
	s := st.Sentences[sent]
	t := m.Value
	trigAt := st.Tokens[m.First].Start
	cd := &candidate{trig: t, sentence: sent, mentions: 1}
	ev := &cd.ev
	ev.Type, ev.SubType, ev.Cameo = t.Type, analysis.Str(t.SubType), analysis.Str(t.Cameo)
	ev.Actors, ev.Targets = []analysis.ActorRef{}, []analysis.ActorRef{}
	ev.Evidence = analysis.Span{Start: s.Start, End: s.End, Text: st.Slice(s.Start, s.End)}

	// Where: the most specific place of the sentence, else of the sentence
	// before, the title, the dateline.
	for _, span := range x.fallbackSpans(sent) {
		if p, rank := x.placeIn(span[0], span[1], trigAt); p != nil {
			ev.Location = &analysis.EventPlace{Ref: analysis.Str(p.Ref), Name: p.Name, NameEn: p.NameEn,
				Country: p.Country, Admin1: p.Admin1, Lat: p.Lat, Lon: p.Lon}
			cd.placeRk = rank
			break
		}
	}
	// When: a date of the sentence (or the one before, or the title), else
	// the published date, as ACLED codes undated reports.
	for _, span := range x.fallbackSpans(sent)[:min(3, len(x.fallbackSpans(sent)))] {
		if v, prec, ok := x.dateIn(span[0], span[1], trigAt); ok {
			ev.Date, ev.DatePrecision, cd.dated = analysis.Str(v), analysis.Str(prec), true
			break
		}
	}
	if !cd.dated && !st.Published.IsZero() {
		ev.Date, ev.DatePrecision = analysis.Str(st.Published.Format("2006-01-02")), "day"
	}
	// Who: actors of the sentence; those right after a target marker
	// (على، ضد، استهدف) are targets, the others perpetrators.
	x.actorsIn(s, m, ev)
	// How many: the casualty figures of the sentence, or of the next one
	// when it carries on the story without a trigger of its own.
	fat, inj := x.casualties(s.Start, s.End)
	if fat == nil && inj == nil && sent+1 < len(st.Sentences) {
		n := st.Sentences[sent+1]
		if n.Start >= x.titleEnd {
			fat, inj = x.casualties(n.Start, n.End)
		}
	}
	ev.Fatalities, ev.Injuries = fat, inj
	x.refineType(cd)
	return cd
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

// placeIn returns the most specific resolved place mentioned in [start,
// end), the nearest to the trigger among equals.
func (x *docContext) placeIn(start, end, trigAt int) (*analysis.Place, int) {
	var best *analysis.Place
	bestRank, bestDist := 0, math.MaxInt
	for _, e := range x.st.Out.Entities {
		if e.Start < start || e.End > end || !strings.HasPrefix(string(e.Ref), "place:") {
			continue
		}
		p := x.places[string(e.Ref)]
		if p == nil {
			continue
		}
		rank := placeRank[p.Kind]
		if rank == 0 {
			rank = 3
		}
		dist := abs(e.Start - trigAt)
		if rank > bestRank || rank == bestRank && dist < bestDist {
			best, bestRank, bestDist = p, rank, dist
		}
	}
	return best, bestRank
}

// dateIn returns the resolved date in [start, end) nearest the trigger,
// preferring day precision.
func (x *docContext) dateIn(start, end, trigAt int) (string, string, bool) {
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

// targetMarkers are the stems after which a named actor is the target.
var targetMarkers = map[string]bool{}

// civilianWords are nouns that make civilians a target.
var civilianWords = map[string]bool{}

// armedWords name unidentified perpetrators.
var armedWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields("على ضد استهدف استهدفت استهداف بحق طالت طال") {
		targetMarkers[arabic.Stem(w)] = true
	}
	for _, w := range strings.Fields("مدنيين مدنيون مدني المصلين مصلين أطفال طفل نساء سكان مواطنين مواطن عمال طلاب صحفي صحفيين حجاج مسعفين") {
		civilianWords[arabic.Stem(w)] = true
	}
	for _, w := range strings.Fields("مسلحون مسلحين مسلح مجهولون مجهولين إرهابيين إرهابيون انتحاري انتحارية متطرفين") {
		armedWords[arabic.Stem(w)] = true
	}
}

func (x *docContext) actorsIn(s arabic.Sentence, m phrase.Match[*Trigger], ev *analysis.Event) {
	st := x.st
	stems := st.Stems()
	seen := map[string]bool{}
	for _, e := range st.Out.Entities {
		if e.Start < s.Start || e.End > s.End || !strings.HasPrefix(string(e.Ref), "actor:") || seen[string(e.Ref)] {
			continue
		}
		seen[string(e.Ref)] = true
		a := x.actors[string(e.Ref)]
		ref := analysis.ActorRef{Ref: e.Ref, Name: e.Norm}
		if a != nil {
			ref.Name, ref.NameEn = a.Name, a.NameEn
		}
		tok := st.TokenAt(e.Start)
		if isTarget(stems, tok, s.First) {
			ev.Targets = append(ev.Targets, ref)
		} else {
			ev.Actors = append(ev.Actors, ref)
		}
	}
	civil, armed := false, false
	for i := s.First; i < s.Last; i++ {
		switch {
		case civilianWords[stems[i]]:
			civil = true
		case armedWords[stems[i]]:
			armed = true
		}
	}
	if civil {
		ev.Targets = append(ev.Targets, analysis.ActorRef{NameEn: "civilians"})
	}
	if armed && len(ev.Actors) == 0 {
		ev.Actors = append(ev.Actors, analysis.ActorRef{NameEn: "unidentified armed group"})
	}
}

// isTarget reports whether the word at tok follows a target marker within
// three words.
func isTarget(stems []string, tok, first int) bool {
	for i := tok - 1; i >= max(first, tok-3); i-- {
		if targetMarkers[stems[i]] {
			return true
		}
	}
	return false
}

// casualties sums the fatality and injury figures in [start, end).
func (x *docContext) casualties(start, end int) (*int, *int) {
	var fat, inj *int
	add := func(p **int, v float64) {
		if *p == nil {
			*p = new(int)
		}
		**p += int(v)
	}
	for _, q := range x.st.Out.Quantities {
		if q.Start < start || q.End > end || q.Value < 0 || q.Value > 1e6 {
			continue
		}
		switch q.Role {
		case "fatalities":
			add(&fat, q.Value)
		case "injuries":
			add(&inj, q.Value)
		}
	}
	return fat, inj
}

// refineType adjusts the trigger's sub-type to the actors and targets:
// territory taken by state forces is regained, by others overtaken; an
// armed attack on civilians alone is violence against civilians.
func (x *docContext) refineType(cd *candidate) {
	ev := &cd.ev
	state := false
	for _, a := range ev.Actors {
		if ac := x.actors[string(a.Ref)]; ac != nil {
			switch ac.Kind {
			case "state_forces", "external_force", "coalition", "government":
				state = true
			}
		}
	}
	switch ev.SubType {
	case "non_state_actor_overtakes_territory":
		if state {
			ev.SubType = "government_regains_territory"
		}
	case "government_regains_territory":
		if len(ev.Actors) > 0 && !state {
			ev.SubType = "non_state_actor_overtakes_territory"
		}
	case "armed_clash":
		civilOnly := len(ev.Targets) > 0
		for _, t := range ev.Targets {
			if t.NameEn != "civilians" {
				civilOnly = false
			}
		}
		if civilOnly && cd.trig.Weight < 0.8 {
			ev.Type, ev.SubType, ev.Cameo = "violence_against_civilians", "attack", "180"
		}
	}
}

// merge folds the mentions of one incident into one event: same type (or a
// vaguer trigger), compatible places and dates.
func merge(cands []*candidate) []*candidate {
	var out []*candidate
	for _, cd := range cands {
		var into *candidate
		for _, o := range out {
			if sameIncident(o, cd) {
				into = o
				break
			}
		}
		if into == nil {
			out = append(out, cd)
			continue
		}
		absorb(into, cd)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].ev.Evidence.Start < out[j].ev.Evidence.Start })
	return out
}

func sameIncident(a, b *candidate) bool {
	if a.ev.Type != b.ev.Type && a.trig.Weight >= 0.7 && b.trig.Weight >= 0.7 {
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
	if a.dated && b.dated && a.ev.Date != b.ev.Date {
		return false
	}
	return true
}

// absorb merges b into a: the more specific type, place and date win;
// where figures disagree the more conservative is kept (ACLED's rule).
func absorb(a, b *candidate) {
	a.mentions++
	if b.trig.Weight > a.trig.Weight {
		a.ev.Type, a.ev.SubType, a.ev.Cameo = b.ev.Type, b.ev.SubType, b.ev.Cameo
		a.trig = b.trig
		a.ev.Evidence = b.ev.Evidence
	}
	if b.placeRk > a.placeRk {
		a.ev.Location, a.placeRk = b.ev.Location, b.placeRk
	}
	if b.dated && !a.dated {
		a.ev.Date, a.ev.DatePrecision, a.dated = b.ev.Date, b.ev.DatePrecision, true
	}
	a.ev.Actors = unionActors(a.ev.Actors, b.ev.Actors)
	a.ev.Targets = unionActors(a.ev.Targets, b.ev.Targets)
	a.ev.Fatalities = conservative(a.ev.Fatalities, b.ev.Fatalities)
	a.ev.Injuries = conservative(a.ev.Injuries, b.ev.Injuries)
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
