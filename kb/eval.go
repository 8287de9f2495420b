package kb

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"

	"github.com/marsad/marsad/arabic"
	"github.com/marsad/marsad/internal/metric"
)

// GoldDoc is one annotated article of a place-resolution gold set
// (gold/snn-dev.jsonl): standoff places with code-point spans into the
// analysed text.
type GoldDoc struct {
	ID     string      `json:"id"`
	Places []GoldPlace `json:"places"`
}

// GoldPlace is one annotated place mention.
type GoldPlace struct {
	Start   int     `json:"start"`
	End     int     `json:"end"`
	NameEn  string  `json:"name_en"`
	Country string  `json:"country"`
	Kind    string  `json:"kind"`
	Lat     float64 `json:"lat"`
	Lon     float64 `json:"lon"`
}

// ReadGold reads a gold file in JSON Lines, one GoldDoc a line; other
// fields of the lines are ignored.
func ReadGold(r io.Reader) ([]GoldDoc, error) {
	var out []GoldDoc
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1<<20), 64<<20)
	line := 0
	for sc.Scan() {
		line++
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var d GoldDoc
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			return nil, fmt.Errorf("gold:%d: %w", line, err)
		}
		out = append(out, d)
	}
	return out, sc.Err()
}

// Tolerances for counting a resolved place as right: a town within
// nearKm of the annotated point, a province or region within regionKm,
// a country by its code.
const (
	nearKm   = 50.0
	regionKm = 150.0
)

// PlaceEval is the outcome of evaluating place resolution on a gold set.
type PlaceEval struct {
	Docs int `json:"docs"`
	// Per mention: a predicted mention is right when its span overlaps a
	// gold mention's and its place is right for it (see Right).
	GoldMentions, PredMentions, RightMentions int
	// Spans only: a predicted mention overlaps some gold mention.
	SpanMatched int
	// Per distinct place per document.
	GoldPlaces, PredPlaces, RightGoldPlaces, RightPredPlaces int
	// Distances in km between the predicted and the annotated point, for
	// predicted mentions whose span overlaps a gold mention.
	Distances []float64 `json:"-"`
	// Errors lists wrong and missed mentions for reading ("id: …").
	Errors []string `json:"-"`
}

// MentionPrecision, MentionRecall… are the usual ratios (0 when undefined).
func (e *PlaceEval) MentionPrecision() float64 { return metric.Ratio(e.RightMentions, e.PredMentions) }
func (e *PlaceEval) MentionRecall() float64    { return metric.Ratio(e.RightMentions, e.GoldMentions) }
func (e *PlaceEval) SpanPrecision() float64    { return metric.Ratio(e.SpanMatched, e.PredMentions) }
func (e *PlaceEval) PlacePrecision() float64   { return metric.Ratio(e.RightPredPlaces, e.PredPlaces) }
func (e *PlaceEval) PlaceRecall() float64      { return metric.Ratio(e.RightGoldPlaces, e.GoldPlaces) }

// DistanceQuantile returns the q-quantile (0–1) of Distances, in km.
func (e *PlaceEval) DistanceQuantile(q float64) float64 {
	if len(e.Distances) == 0 {
		return math.NaN()
	}
	d := append([]float64(nil), e.Distances...)
	sort.Float64s(d)
	i := int(math.Ceil(q*float64(len(d)))) - 1
	return d[max(0, min(i, len(d)-1))]
}

// Right reports whether place p is an acceptable resolution of gold
// mention g: the same country for a country, else within nearKm of the
// annotated point (regionKm for provinces and regions, whose centroids
// differ between sources).
func Right(p *Place, g GoldPlace) bool {
	if g.Kind == KindCountry || p.Kind == KindCountry {
		return p.Kind == KindCountry && g.Kind == KindCountry && p.Country == g.Country
	}
	tol := nearKm
	if isArea(g.Kind) || isArea(p.Kind) {
		tol = regionKm
	}
	return Haversine(p.Lat, p.Lon, g.Lat, g.Lon) <= tol
}

func isArea(kind string) bool {
	return kind == KindAdmin1 || kind == KindAdmin2 || kind == KindRegion
}

// String summarises the evaluation in a few lines.
func (e *PlaceEval) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "documents %d; gold mentions %d, predicted %d, right %d\n", e.Docs, e.GoldMentions, e.PredMentions, e.RightMentions)
	fmt.Fprintf(&b, "mentions: precision %.3f recall %.3f F1 %.3f (spans alone: precision %.3f)\n",
		e.MentionPrecision(), e.MentionRecall(), metric.F1(e.MentionPrecision(), e.MentionRecall()), e.SpanPrecision())
	fmt.Fprintf(&b, "distinct places per document: precision %.3f recall %.3f F1 %.3f (gold %d, predicted %d)\n",
		e.PlacePrecision(), e.PlaceRecall(), metric.F1(e.PlacePrecision(), e.PlaceRecall()), e.GoldPlaces, e.PredPlaces)
	fmt.Fprintf(&b, "distance to the annotated point (%d overlapping mentions): median %.1f km, p90 %.1f km\n",
		len(e.Distances), e.DistanceQuantile(0.5), e.DistanceQuantile(0.9))
	return b.String()
}

// EvalPlaces resolves the places of every gold document whose text is in
// texts (id → analysed text) and scores them against the gold.
// Documents without a text are skipped.
func EvalPlaces(k *KB, gold []GoldDoc, texts map[string]string) *PlaceEval {
	e := &PlaceEval{}
	for _, g := range gold {
		text, ok := texts[g.ID]
		if !ok {
			continue
		}
		e.Docs++
		ms := k.FindPlaces(text, arabic.Tokenize(text))
		e.GoldMentions += len(g.Places)
		e.PredMentions += len(ms)
		usedGold := make([]bool, len(g.Places))
		rs := []rune(text)
		snippet := func(s, t int) string {
			if s < 0 || t > len(rs) || s > t {
				return "?"
			}
			return string(rs[s:t])
		}
		for _, m := range ms {
			best, right := -1, false
			for gi, gp := range g.Places {
				if !(m.Start < gp.End && gp.Start < m.End) {
					continue
				}
				if best < 0 || (!right && Right(m.Place, gp)) {
					best, right = gi, Right(m.Place, gp)
				}
			}
			if best < 0 {
				e.Errors = append(e.Errors, fmt.Sprintf("%s: extra %q → %s %s", g.ID, m.Text, m.Place.Ref, m.Place.NameEn))
				continue
			}
			e.SpanMatched++
			gp := g.Places[best]
			e.Distances = append(e.Distances, Haversine(m.Place.Lat, m.Place.Lon, gp.Lat, gp.Lon))
			if right && !usedGold[best] {
				e.RightMentions++
				usedGold[best] = true
			} else if !right {
				e.Errors = append(e.Errors, fmt.Sprintf("%s: wrong %q → %s %s (%s), gold %s %s",
					g.ID, m.Text, m.Place.Ref, m.Place.NameEn, m.Place.Country, gp.NameEn, gp.Country))
			}
		}
		for gi, gp := range g.Places {
			if !usedGold[gi] {
				covered := false
				for _, m := range ms {
					if m.Start < gp.End && gp.Start < m.End {
						covered = true
					}
				}
				if !covered {
					e.Errors = append(e.Errors, fmt.Sprintf("%s: missed %q (%s %s)", g.ID, snippet(gp.Start, gp.End), gp.NameEn, gp.Country))
				}
			}
		}
		// distinct places: gold by name and country, predicted by ref
		type gkey struct{ name, cc string }
		golds := map[gkey]GoldPlace{}
		for _, gp := range g.Places {
			golds[gkey{strings.ToLower(gp.NameEn), gp.Country}] = gp
		}
		preds := map[*Place]bool{}
		for _, m := range ms {
			preds[m.Place] = true
		}
		e.GoldPlaces += len(golds)
		e.PredPlaces += len(preds)
		for _, gp := range golds {
			for p := range preds {
				if Right(p, gp) {
					e.RightGoldPlaces++
					break
				}
			}
		}
		for p := range preds {
			for _, gp := range golds {
				if Right(p, gp) {
					e.RightPredPlaces++
					break
				}
			}
		}
	}
	return e
}
