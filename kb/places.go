package kb

import (
	"math"
	"strings"
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
}

// triggers are words that, standing before a name, say what kind of place
// it is (محافظة الأنبار، مدينة الرمادي، مخيم الزعتري). A trigger lets a weak
// name count and favours candidates of its kinds.
var triggers = map[string][]string{}

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
	add([]string{KindSite}, "مخيم", "سجن", "معبر", "منفذ", "مطار", "قاعدة", "حقل", "حقول", "ميناء", "مصفاة", "سد", "حي", "ساحة", "مسجد", "جامع")
	add([]string{KindCountry}, "دولة", "جمهورية", "مملكة", "بلاد", "سلطنة")
}

// directions are adjectives that may follow a name without changing the
// place it names: ريف حلب الشمالي, سيناء الشمالية.
var directions = map[string]bool{}

func init() {
	for _, w := range []string{"الشمالي", "الشمالية", "الجنوبي", "الجنوبية", "الشرقي", "الشرقية",
		"الغربي", "الغربية", "الأوسط", "الوسطى", "الشمالي الشرقي", "الشمالي الغربي"} {
		directions[key(w)] = true
	}
}

var countrysideKey = key("ريف")

// pmention is a mention being resolved.
type pmention struct {
	i, j    int // tokens, after extension
	ni      int // first token of the name itself
	key     string
	trigger []string // kinds asked for by the word before
	rif     bool     // "ريف X": the countryside of X
	cands   []Candidate
	best    int // index into cands
	weak    bool
}

// FindPlaces finds the places named in a text given its tokens, resolves
// each mention against the whole document, and returns the mentions in text
// order. Mentions inside an actor's name (the سوريا of قوات سوريا الديمقراطية)
// are not places.
func (k *KB) FindPlaces(text string, toks []tok) []PlaceMention {
	places, _ := k.find(text, toks, true)
	return places
}

func (k *KB) find(text string, toks []tok, wantPlaces bool) ([]PlaceMention, []ActorMention) {
	actors := k.findActors(text, toks)
	if !wantPlaces {
		return nil, actors
	}
	ms := k.mentions(toks, actors)
	k.resolve(ms)
	out := make([]PlaceMention, 0, len(ms))
	rs := []rune(text)
	for _, m := range ms {
		if m.best < 0 {
			continue
		}
		sortCands(m.cands)
		c := m.cands[0]
		pm := PlaceMention{
			Start: toks[m.i].start, End: toks[m.j-1].end, TokStart: m.i, TokEnd: m.j,
			Place: c.Place, Score: math.Min(1, c.Score/scoreScale), Candidates: m.cands,
		}
		if pm.End <= len(rs) {
			pm.Text = string(rs[pm.Start:pm.End])
		}
		pm.Norm = mentionNorm(toks[m.i:m.j], c.clitic && !m.rif)
		out = append(out, pm)
	}
	return out, actors
}

// mentions finds the place names in toks outside the actor mentions given,
// with their candidates scored by prior alone.
func (k *KB) mentions(toks []tok, actors []ActorMention) []*pmention {
	raws := scan(k.placeIdx, toks)
	ms := make([]*pmention, 0, len(raws))
	ai := 0
	for _, r := range raws {
		for ai < len(actors) && actors[ai].TokEnd <= r.i {
			ai++
		}
		if ai < len(actors) && overlaps(r.i, r.j, actors[ai].TokStart, actors[ai].TokEnd) {
			continue
		}
		m := &pmention{i: r.i, j: r.j, ni: r.i, key: r.key}
		// directions after the name
		for n := 0; n < 2 && m.j < len(toks) && directions[toks[m.j].key] && !toks[m.j].brk; n++ {
			m.j++
		}
		// the word before: ريف, or a trigger
		if r.i > 0 && !toks[r.i].brk {
			prev := &toks[r.i-1]
			pk := stripClitics(prev)
			if pk == countrysideKey && !strings.HasPrefix(r.key, countrysideKey+" ") {
				m.rif = true
				m.i = r.i - 1
			}
			m.trigger = triggers[pk]
		}
		for _, c := range r.cands {
			p := k.places[c.ref.item]
			s, _ := placePrior(p, c.ref, c.clitic, false)
			m.cands = append(m.cands, Candidate{Place: p, Score: s, Name: p.nameFor(c.ref.item, r.key), ref: c.ref, clitic: c.clitic})
		}
		if m.rif {
			m.cands = k.countryside(m.cands)
		}
		ms = append(ms, m)
	}
	return ms
}

// stripClitics returns the key of t without a leading conjunction or
// preposition when what is left is a trigger or ريف (بمحافظة → محافظة).
func stripClitics(t *tok) string {
	if _, ok := triggers[t.key]; ok || t.key == countrysideKey {
		return t.key
	}
	for _, p := range proclitics {
		if rest, ok := strings.CutPrefix(t.key, p); ok {
			if _, ok := triggers[rest]; ok || rest == countrysideKey {
				return rest
			}
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
// proclitics of the first when the reading split them off.
func mentionNorm(ts []tok, clitic bool) string {
	var b strings.Builder
	for n, t := range ts {
		if n > 0 {
			b.WriteByte(' ')
		}
		s := t.norm
		if n == 0 && clitic {
			s = stripNormClitic(s)
		}
		b.WriteString(s)
	}
	return b.String()
}

// stripNormClitic removes one proclitic sequence from a Norm-form word,
// restoring the article after ل (للرقة → الرقة).
func stripNormClitic(s string) string {
	for _, p := range proclitics {
		rest, ok := strings.CutPrefix(s, p)
		if !ok || len(rest) < minStem {
			continue
		}
		if strings.HasSuffix(p, "ل") && strings.HasPrefix(rest, "ل") && !strings.HasPrefix(rest, "ال") {
			return "ا" + rest
		}
		return rest
	}
	return s
}

// resolve picks a candidate for every mention, using the other mentions of
// the document: the countries they name, how near their places lie, and the
// word before each name. A mention left with only weak readings that
// nothing in the document supports is dropped (best = -1).
func (k *KB) resolve(ms []*pmention) {
	for _, m := range ms {
		m.best = argmax(m.cands)
	}
	prior := make([][]float64, len(ms))
	for n, m := range ms {
		prior[n] = make([]float64, len(m.cands))
		for c := range m.cands {
			prior[n][c] = m.cands[c].Score
		}
	}
	ctx := map[string]float64{}
	for pass := 0; pass < 2; pass++ {
		// what the document says, by the current choices
		clear(ctx)
		for _, m := range ms {
			if m.best < 0 {
				continue
			}
			c := m.cands[m.best]
			if c.ref.weak && m.trigger == nil {
				continue
			}
			ctx[c.Place.Country]++
		}
		for n, m := range ms {
			if len(m.cands) == 0 {
				m.best = -1
				continue
			}
			own := ""
			if m.best >= 0 {
				c := m.cands[m.best]
				if !c.ref.weak || m.trigger != nil {
					own = c.Place.Country
				}
			}
			for ci := range m.cands {
				c := &m.cands[ci]
				s := prior[n][ci]
				if c.ref.weak {
					s /= weakFactor // judged on context below instead
				}
				support := false
				p := c.Place
				if w := ctx[p.Country] - b2f(p.Country == own); w > 0 && p.Country != "" {
					s += wCountryCtx * math.Min(w, 2) / 2 * 1.5
					support = true
				} else {
					for _, nb := range k.borders[p.Country] {
						if ctx[nb] > 0 {
							s += wBorderCtx
							break
						}
					}
				}
				if d := nearest(ms, m, p); d < 300 {
					switch {
					case d < 30:
						s += 0.25
					case d < 100:
						s += 0.15
					default:
						s += 0.05
					}
					support = true
				}
				if m.trigger != nil {
					if contains(m.trigger, p.Kind) {
						s += wTrigger
					} else {
						s -= wTrigger / 2
					}
					support = true
				}
				if c.ref.weak && !support {
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
		trigger string
	}
	groups := map[group][]*pmention{}
	for _, m := range ms {
		g := group{m.key, strings.Join(m.trigger, ",")}
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
				if c.Place == bestP {
					m.best = ci
					if ci != 0 && m.cands[ci].Score < m.cands[0].Score {
						m.cands[ci].Score, m.cands[0].Score = m.cands[0].Score, m.cands[ci].Score
					}
				}
			}
		}
	}
	// drop what nothing supports
	for _, m := range ms {
		if m.best < 0 {
			continue
		}
		c := m.cands[m.best]
		if c.ref.weak && c.Score < weakThreshold {
			m.best = -1
		}
	}
}

// weakThreshold is the score a weak reading needs to count: reached only
// with support from the document.
const weakThreshold = 0.6

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

// nearest returns the distance in km from p to the nearest place chosen
// for another mention (one with a different name), ignoring countries.
func nearest(ms []*pmention, self *pmention, p *Place) float64 {
	if p.Kind == KindCountry {
		return math.Inf(1)
	}
	d := math.Inf(1)
	for _, m := range ms {
		if m == self || m.best < 0 || m.key == self.key {
			continue
		}
		q := m.cands[m.best].Place
		if q.Kind == KindCountry || q == p {
			continue
		}
		if x := haversine(p.Lat, p.Lon, q.Lat, q.Lon); x < d {
			d = x
		}
	}
	return d
}
