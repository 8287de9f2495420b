package export

import (
	"strings"

	"github.com/marsad/marsad/analysis"
)

// eventTypeLabels are ACLED's event types for marsad's codes.
var eventTypeLabels = map[string]string{
	"battles":                    "Battles",
	"explosions_remote_violence": "Explosions/Remote violence",
	"violence_against_civilians": "Violence against civilians",
	"protests":                   "Protests",
	"riots":                      "Riots",
	"strategic_developments":     "Strategic developments",
}

// subTypeLabels are ACLED's sub-event types for marsad's codes.
var subTypeLabels = map[string]string{
	"armed_clash":                         "Armed clash",
	"government_regains_territory":        "Government regains territory",
	"non_state_actor_overtakes_territory": "Non-state actor overtakes territory",
	"chemical_weapon":                     "Chemical weapon",
	"air_drone_strike":                    "Air/drone strike",
	"suicide_bomb":                        "Suicide bomb",
	"shelling_artillery_missile_attack":   "Shelling/artillery/missile attack",
	"remote_explosive_landmine_ied":       "Remote explosive/landmine/IED",
	"grenade":                             "Grenade",
	"sexual_violence":                     "Sexual violence",
	"attack":                              "Attack",
	"abduction_forced_disappearance":      "Abduction/forced disappearance",
	"peaceful_protest":                    "Peaceful protest",
	"protest_with_intervention":           "Protest with intervention",
	"excessive_force_against_protesters":  "Excessive force against protesters",
	"violent_demonstration":               "Violent demonstration",
	"mob_violence":                        "Mob violence",
	"agreement":                           "Agreement",
	"arrests":                             "Arrests",
	"change_to_group_activity":            "Change to group/activity",
	"disrupted_weapons_use":               "Disrupted weapons use",
	"headquarters_or_base_established":    "Headquarters or base established",
	"looting_property_destruction":        "Looting/property destruction",
	"non_violent_transfer_of_territory":   "Non-violent transfer of territory",
	"other":                               "Other",
}

// eventTypeLabel is ACLED's label for an event type code; a code ACLED
// does not have is written as it is.
func eventTypeLabel(code string) string {
	if l, ok := eventTypeLabels[code]; ok {
		return l
	}
	return code
}

// subTypeLabel is ACLED's label for a sub-type code ("" for none).
func subTypeLabel(code analysis.Str) string {
	if l, ok := subTypeLabels[string(code)]; ok {
		return l
	}
	return string(code)
}

// typeCode reads an event type or sub-type given as a marsad code or an
// ACLED label (any case).
func typeCode(s string) (string, bool) {
	s = strings.TrimSpace(s)
	for _, m := range []map[string]string{eventTypeLabels, subTypeLabels} {
		if _, ok := m[s]; ok {
			return s, true
		}
		for code, label := range m {
			if strings.EqualFold(label, s) || strings.EqualFold(code, s) {
				return code, true
			}
		}
	}
	// ACLED's own spelling in older codebooks
	if strings.EqualFold(s, "Excessive force against protestors") {
		return "excessive_force_against_protesters", true
	}
	return "", false
}

// disorderType is ACLED's disorder_type: political violence for battles,
// explosions and violence against civilians, demonstrations for protests
// and riots, strategic developments for the rest; excessive force against
// protesters and mob violence are both political violence and
// demonstrations.
func disorderType(e *analysis.Event) string {
	switch e.SubType {
	case "excessive_force_against_protesters", "mob_violence":
		return "Political violence; Demonstrations"
	}
	switch e.Type {
	case "battles", "explosions_remote_violence", "violence_against_civilians":
		return "Political violence"
	case "protests", "riots":
		return "Demonstrations"
	case "strategic_developments":
		return "Strategic developments"
	}
	return ""
}

// Kinds of actors an event names without a catalogue entry: the event
// stage writes {"ref": null, "name_en": "civilians"} for civilian victims
// and "unidentified armed group" for gunmen it cannot name.
const (
	kindUnidentified = "unidentified_armed_group"
	nameCivilians    = "civilians"
	nameUnidentified = "unidentified armed group"
)

// actorIndex resolves the actors an event names against its document's
// actor list.
type actorIndex map[string]*analysis.Actor

func indexActors(a *analysis.Analysis) actorIndex {
	if len(a.Actors) == 0 {
		return nil
	}
	m := make(actorIndex, len(a.Actors))
	for i := range a.Actors {
		m[a.Actors[i].Ref] = &a.Actors[i]
	}
	return m
}

// kind is the actor family of an event's actor or target: the catalogue's
// kind for a known actor, civilians or an unidentified armed group for the
// event stage's unnamed ones, "" when unknown.
func (x actorIndex) kind(r *analysis.ActorRef) string {
	if r.Ref != "" {
		if a := x[string(r.Ref)]; a != nil {
			return a.Kind
		}
		return ""
	}
	switch strings.ToLower(strings.TrimSpace(string(r.NameEn))) {
	case nameCivilians:
		return "civilians"
	case nameUnidentified:
		return kindUnidentified
	}
	return ""
}

// interCode is ACLED's inter code for an actor family: 1 state forces
// (governments included), 2 rebel groups, 3 political militias (and
// ACLED's "Unidentified Armed Group"), 4 identity militias, 5 rioters,
// 6 protesters, 7 civilians (journalists included), 8 external/other
// forces (foreign forces, coalitions, international organisations); 0 when
// the family is unknown (persons, "other").
func interCode(kind string) int {
	switch kind {
	case "state_forces", "government":
		return 1
	case "rebel_group":
		return 2
	case "political_militia", kindUnidentified:
		return 3
	case "identity_militia":
		return 4
	case "rioters":
		return 5
	case "protesters":
		return 6
	case "civilians", "media":
		return 7
	case "external_force", "coalition", "international_org":
		return 8
	}
	return 0
}

// interLabels are the text labels of ACLED's 2024 layout, by inter code.
var interLabels = [...]string{"", "State forces", "Rebel group", "Political militia", "Identity militia", "Rioters", "Protesters", "Civilians", "External/Other forces"}

// interaction is ACLED's interaction of two inter codes: the lower first
// (13, 27), one actor type followed by 0 (20); as text labels, "Rebel
// group-Civilians" or "Rebel group only".
func interaction(a, b int, labels bool) string {
	if a == 0 {
		a, b = b, 0
	}
	if a == 0 {
		return ""
	}
	if b != 0 && b < a {
		a, b = b, a
	}
	if labels {
		if b == 0 {
			return interLabels[a] + " only"
		}
		return interLabels[a] + "-" + interLabels[b]
	}
	return string(rune('0'+a)) + string(rune('0'+b))
}

// actorName is the name an export gives an event's actor: English when
// marsad has it, else Arabic; civilians and unidentified armed groups
// are written as ACLED writes them, with the country's name.
func actorName(r *analysis.ActorRef, countryName string) string {
	if r.Ref == "" {
		var n string
		switch strings.ToLower(strings.TrimSpace(string(r.NameEn))) {
		case nameCivilians:
			n = "Civilians"
		case nameUnidentified:
			n = "Unidentified Armed Group"
		}
		if n != "" {
			if countryName != "" {
				n += " (" + countryName + ")"
			}
			return n
		}
	}
	if r.NameEn != "" {
		return string(r.NameEn)
	}
	return r.Name
}

// placeOf resolves an event's location against its document's places.
func placeOf(a *analysis.Analysis, loc *analysis.EventPlace) *analysis.Place {
	if loc == nil || loc.Ref == "" {
		return nil
	}
	for i := range a.Places {
		if a.Places[i].Ref == string(loc.Ref) {
			return &a.Places[i]
		}
	}
	return nil
}

// geoPrecision is ACLED's geo_precision for a kind of place: 1 a town,
// village or site, 2 a district or region ("near"), 3 a province or a
// country; 0 when the kind is unknown.
func geoPrecision(kind string) int {
	switch kind {
	case "city", "town", "village", "site":
		return 1
	case "admin2", "region":
		return 2
	case "admin1", "country":
		return 3
	}
	return 0
}

// hasCoords reports whether a location has usable WGS 84 coordinates:
// within range, and not 0,0 (the zero value of a place marsad could not
// place).
func hasCoords(lat, lon float64) bool {
	return lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180 && (lat != 0 || lon != 0)
}
