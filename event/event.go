// Package event codes the incidents an article reports into ACLED's
// taxonomy (with the closest CAMEO code): what happened, where, when, who
// did it to whom, and how many were killed and injured — each event with
// the sentence that says so and a confidence.
//
// The coder is a rule engine over data, in the manner of a linter whose
// rules are files: trigger phrases (data/triggers.tsv), modality cues
// (data/cues.tsv) and the word lists that tell who struck whom and how
// many died (data/words.tsv), which an analyst can read and extend. It
// runs after the stages that find entities, places, actors, dates and
// numbers, and links them to a trigger within its sentence (and the
// sentence before, the title and the dateline when the sentence does not
// say). Mentions of one incident
// are merged, so each incident is reported once per article; triggers
// under a threat, a forecast, a condition or a negation are not events.
package event

import (
	"context"
	_ "embed"
	"fmt"
	"slices"
	"strconv"
	"sync"

	"github.com/marsad/marsad/analysis"
	"github.com/marsad/marsad/arabic"
	"github.com/marsad/marsad/internal/datafile"
	"github.com/marsad/marsad/internal/phrase"
)

var (
	//go:embed data/triggers.tsv
	triggersTSV string
	//go:embed data/cues.tsv
	cuesTSV string
)

// Trigger is one row of the trigger table.
type Trigger struct {
	Phrase  string
	Type    string
	SubType string
	Cameo   string
	Weight  float64
}

// Types lists ACLED's event types and their sub-types (ANALYSIS.md).
var Types = map[string][]string{
	"battles":                    {"armed_clash", "government_regains_territory", "non_state_actor_overtakes_territory"},
	"explosions_remote_violence": {"chemical_weapon", "air_drone_strike", "suicide_bomb", "shelling_artillery_missile_attack", "remote_explosive_landmine_ied", "grenade"},
	"violence_against_civilians": {"sexual_violence", "attack", "abduction_forced_disappearance"},
	"protests":                   {"peaceful_protest", "protest_with_intervention", "excessive_force_against_protesters"},
	"riots":                      {"violent_demonstration", "mob_violence"},
	"strategic_developments": {"agreement", "arrests", "change_to_group_activity", "disrupted_weapons_use",
		"headquarters_or_base_established", "looting_property_destruction", "non_violent_transfer_of_territory", "other"},
}

func validSubType(typ, sub string) bool {
	for _, s := range Types[typ] {
		if s == sub {
			return true
		}
	}
	return false
}

// Coder holds the compiled trigger and cue tables.
type Coder struct {
	triggers phrase.Matcher[*Trigger]
	cues     phrase.Matcher[string]
	seg      *arabic.Segmenter
}

// Parse compiles trigger and cue tables (formats of data/*.tsv), stemming
// phrases with seg. Errors name the table and line.
func Parse(triggers, cues string, seg *arabic.Segmenter) (*Coder, error) {
	if seg == nil {
		seg = arabic.Default()
	}
	c := &Coder{seg: seg}
	err := eachRow(triggers, 5, func(n int, f []string) error {
		t := &Trigger{Phrase: f[0], Type: f[1], SubType: f[2], Cameo: f[3]}
		if _, ok := Types[t.Type]; !ok {
			return fmt.Errorf("unknown event type %q", t.Type)
		}
		if t.SubType == "-" {
			t.SubType = ""
		} else if !validSubType(t.Type, t.SubType) {
			return fmt.Errorf("%q is not a sub-type of %s", t.SubType, t.Type)
		}
		if t.Cameo == "-" {
			t.Cameo = ""
		} else if _, err := strconv.Atoi(t.Cameo); err != nil {
			return fmt.Errorf("CAMEO code %q is not a number", t.Cameo)
		}
		w, err := strconv.ParseFloat(f[4], 64)
		if err != nil || w <= 0 || w > 1 {
			return fmt.Errorf("weight %q is not in (0, 1]", f[4])
		}
		t.Weight = w
		stems := phrase.Stems(seg, t.Phrase)
		if len(stems) == 0 {
			return fmt.Errorf("empty phrase")
		}
		c.triggers.AddSpellings(seg, t.Phrase, stems, t)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("triggers: %w", err)
	}
	err = eachRow(cues, 2, func(n int, f []string) error {
		switch f[1] {
		case "future", "threat", "hypothetical", "negation", "denial", "generic", "past-recall", "disrupt", "not-place", "not-party", "tied-to", "source", "speakers", "idiom":
		default:
			return fmt.Errorf("unknown cue kind %q", f[1])
		}
		stems := phrase.Stems(seg, f[0])
		if len(stems) == 0 {
			return fmt.Errorf("empty phrase")
		}
		c.cues.Add(stems, f[1])
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("cues: %w", err)
	}
	return c, nil
}

// eachRow reads a table of the given width (see internal/datafile).
func eachRow(src string, fields int, fn func(int, []string) error) error {
	return datafile.Fields(src, func(n int, f []string) error {
		if len(f) != fields {
			return fmt.Errorf("want %d tab-separated fields, got %d", fields, len(f))
		}
		return fn(n, f)
	})
}

var (
	defOnce sync.Once
	defVal  *Coder
	defErr  error
)

// Default returns the coder of the embedded tables and the default
// segmenter.
func Default() (*Coder, error) {
	defOnce.Do(func() { defVal, defErr = Parse(triggersTSV, cuesTSV, arabic.Default()) })
	return defVal, defErr
}

// Stage fills Analysis.Events.
type Stage struct{ c *Coder }

// NewStage returns the event stage, its tables stemmed with seg (the
// pipeline's segmenter).
func NewStage(seg *arabic.Segmenter) (*Stage, error) {
	if seg == nil {
		c, err := Default()
		return &Stage{c}, err
	}
	c, err := Parse(triggersTSV, cuesTSV, seg)
	return &Stage{c}, err
}

func (*Stage) Name() string { return "events" }

func (s *Stage) Run(_ context.Context, st *analysis.State) error {
	st.Out.Events = s.c.Code(st)
	listInstitutionPlaces(st)
	listNationalForces(st)
	return nil
}

// listNationalForces adds to actors[] each country's forces that an event
// has as its actor or target through the country's adjective (غارة
// إسرائيلية, مقتل جندي تركي), which the text does not name: with 0
// mentions, so that every event's party is among the document's actors.
func listNationalForces(st *analysis.State) {
	for _, ev := range st.Out.Events {
		for _, r := range slices.Concat(ev.Actors, ev.Targets) {
			ref := string(r.Ref)
			if ref == "" || slices.ContainsFunc(st.Out.Actors, func(a analysis.Actor) bool { return a.Ref == ref }) {
				continue
			}
			for _, n := range st.Nationals {
				if n.Actor.Ref == ref {
					a := n.Actor
					a.Mentions = 0
					st.Out.Actors = append(st.Out.Actors, a)
					break
				}
			}
		}
	}
}

// listInstitutionPlaces adds to places[] each place an event is located at
// through an institution's name (شرطة محافظة خميس مشيط), which the text
// does not name as a place: with 0 mentions, so that every event's place
// is among the document's places.
func listInstitutionPlaces(st *analysis.State) {
	for _, ev := range st.Out.Events {
		if ev.Location == nil || ev.Location.Ref == "" {
			continue
		}
		ref := string(ev.Location.Ref)
		if slices.ContainsFunc(st.Out.Places, func(p analysis.Place) bool { return p.Ref == ref }) {
			continue
		}
		for _, in := range st.Institutions {
			if in.Place.Ref == ref {
				p := in.Place
				p.Mentions = 0
				st.Out.Places = append(st.Out.Places, p)
				break
			}
		}
	}
}
