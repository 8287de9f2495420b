package kb

import (
	"fmt"
	"math"
	"strconv"
)

// Candidate is a place that a name may refer to, with its score: higher is
// more likely. Scores of one lookup compare with each other; across lookups
// they are only roughly comparable. Why says what made the score, for
// people who wonder (marsad kb lookup).
type Candidate struct {
	Place *Place   `json:"place"`
	Score float64  `json:"score"`
	Name  string   `json:"name"` // the name that matched, as the knowledge base writes it
	Why   []string `json:"why"`

	ref       nameRef
	clitic    bool  // the reading needs a proclitic split off the first word
	cut       uint8 // bytes split off the first word
	art       bool  // the article's elided alef restored (للرقة → الرقة)
	supported bool  // a weak reading has the support it needs
}

// ActorCandidate is an actor that a name may refer to.
type ActorCandidate struct {
	Actor *Actor   `json:"actor"`
	Score float64  `json:"score"`
	Name  string   `json:"name"`
	Why   []string `json:"why"`

	ref    nameRef
	clitic bool
	cut    uint8
	art    bool
}

// kindPrior is how likely a bare name in the news means a place of each
// kind, other things equal: a name shared by a country and a city is the
// country (الجزائر، الكويت), one shared by a city and its province is the
// city (حلب).
var kindPrior = map[string]float64{
	KindCountry: 1.1,
	KindCity:    0.7,
	KindAdmin1:  0.6,
	KindRegion:  0.6,
	KindSite:    0.55,
	KindTown:    0.55,
	KindAdmin2:  0.5,
	KindVillage: 0.45,
}

// focusCountries are where the conflict news marsad reads mostly happens;
// a place there is preferred over a namesake elsewhere (الإسكندرية is
// Alexandria in Egypt before Alexandria, Virginia), and a small town there
// needs no context (see mentions). Ukraine, Myanmar, DR Congo and
// Mozambique, whose wars Arabic news follows, joined in the thirteenth
// round, as in tools/genkb's list of the countries all of whose towns are
// kept.
var focusCountries = map[string]bool{}

func init() {
	for _, cc := range []string{"AE", "BH", "DZ", "EG", "IQ", "JO", "KW", "LB", "LY", "MA", "MR", "OM",
		"PS", "QA", "SA", "SD", "SO", "SY", "TN", "YE", "DJ", "KM", "EH", "IR", "TR", "AF", "PK", "IL",
		"ML", "NE", "BF", "TD", "NG", "SS", "ET", "ER", "UA", "MM", "CD", "MZ"} {
		focusCountries[cc] = true
	}
}

// Weights of the parts of a score.
const (
	wPopMax     = 0.3  // population, on a log scale from 10k to 10M
	wFocus      = 0.15 // a focus country
	wHand       = 0.05 // written or checked by hand
	wPrimary    = 0.05 // the place's main name rather than a variant
	wClitic     = 0.05 // penalty: the reading needs a proclitic split off
	weakFactor  = 0.5  // a weak name (a given name, a common word) without context
	scoreScale  = 1.6  // raw scores are divided by this to fall in 0–1
	wCountryCtx = 0.3  // the document names the candidate's country
	wBorderCtx  = 0.1  // the document names a neighbouring country
	wTrigger    = 0.3  // a word before the name asks for this kind (مدينة، محافظة…)
)

// popScore maps a population to 0–wPopMax, log-linear from 10,000 to 10
// million.
func popScore(pop int64) float64 {
	if pop <= 10000 {
		return 0
	}
	x := (math.Log10(float64(pop)) - 4) / 3
	return wPopMax * math.Min(1, x)
}

// placePrior scores a place for a name without any context.
func placePrior(p *Place, r nameRef, clitic bool, why bool) (float64, []string) {
	s := kindPrior[p.Kind]
	var reasons []string
	note := func(format string, a ...any) {
		if why {
			reasons = append(reasons, fmt.Sprintf(format, a...))
		}
	}
	note("kind %s %+.2f", p.Kind, s)
	if ps := popScore(p.Population); ps > 0 {
		s += ps
		note("population %d %+.2f", p.Population, ps)
	}
	if focusCountries[p.Country] {
		s += wFocus
		note("focus country %s %+.2f", p.Country, wFocus)
	}
	if p.hand {
		s += wHand
		note("curated %+.2f", wHand)
	}
	if r.primary {
		s += wPrimary
		note("main name %+.2f", wPrimary)
	}
	if clitic {
		s -= wClitic
		note("proclitic split %+.2f", -wClitic)
	}
	if r.weak > 0 {
		s *= weakFactor
		note("weak name ×%.1f", weakFactor)
	}
	return s, reasons
}

// actorPrior scores an actor for a name without context.
func actorPrior(a *Actor, r nameRef, clitic bool, why bool) (float64, []string) {
	s := 1.0
	var reasons []string
	note := func(format string, x ...any) {
		if why {
			reasons = append(reasons, fmt.Sprintf(format, x...))
		}
	}
	if r.primary {
		s += wPrimary
		note("main name %+.2f", wPrimary)
	} else {
		note("alias")
	}
	if a.Parent == "" {
		s += 0.02 // a group before its branch when both bear the name
	}
	if clitic {
		s -= wClitic
		note("proclitic split %+.2f", -wClitic)
	}
	if r.weak > 0 {
		s *= weakFactor
		note("weak name ×%.1f", weakFactor)
	}
	return s, reasons
}

// Haversine returns the great-circle distance in km between two points
// given in degrees.
func Haversine(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371.0
	rad := math.Pi / 180
	dlat := (lat2 - lat1) * rad
	dlon := (lon2 - lon1) * rad
	a := math.Sin(dlat/2)*math.Sin(dlat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dlon/2)*math.Sin(dlon/2)
	return 2 * r * math.Asin(math.Min(1, math.Sqrt(a)))
}

// DistanceKm returns the great-circle distance between two places in km.
func DistanceKm(a, b *Place) float64 { return Haversine(a.Lat, a.Lon, b.Lat, b.Lon) }

func strconvF(x float64) string { return strconv.FormatFloat(x, 'f', 2, 64) }
