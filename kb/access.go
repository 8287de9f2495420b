package kb

import (
	"sort"
	"strings"
	"sync"

	"github.com/marsad/marsad/arabic"
)

// Place returns the place with the given ref ("place:99072", or just
// "99072"), or nil.
func (k *KB) Place(ref string) *Place {
	if !strings.HasPrefix(ref, "place:") {
		ref = "place:" + ref
	}
	return k.placeByRef[ref]
}

// Actor returns the actor with the given ref ("actor:islamic-state", or
// just "islamic-state"), or nil.
func (k *KB) Actor(ref string) *Actor {
	if !strings.HasPrefix(ref, "actor:") {
		ref = "actor:" + ref
	}
	return k.actorByRef[ref]
}

// Forces returns the actor that stands for the armed forces of the
// country with the ISO 3166-1 alpha-2 code cc (the row marked forces), or
// nil.
func (k *KB) Forces(cc string) *Actor { return k.forces[strings.ToUpper(cc)] }

// Places returns every place, in load order. The slice is shared: do not
// modify it.
func (k *KB) Places() []*Place { return k.places }

// Actors returns every actor, in load order. The slice is shared: do not
// modify it.
func (k *KB) Actors() []*Actor { return k.actors }

// Country returns the country with the ISO 3166-1 alpha-2 code cc, or nil.
func (k *KB) Country(cc string) *Place { return k.countries[strings.ToUpper(cc)] }

// Neighbours returns the ISO codes of the countries that share a land
// border with cc.
func (k *KB) Neighbours(cc string) []string { return k.borders[strings.ToUpper(cc)] }

// Ancestors returns the places that hold the place ref, innermost first
// (a town's province, then its country).
func (k *KB) Ancestors(ref string) []*Place {
	p := k.Place(ref)
	var out []*Place
	for p != nil && len(out) < 8 {
		p = k.placeByRef[p.Parent]
		if p != nil {
			out = append(out, p)
		}
	}
	return out
}

// Within reports whether the place inner lies in the place outer (or is
// it), following parents; a place lies in its country even when the
// knowledge base has no chain of parents up to it. This is the filter
// behind "everything in Syria" or "everything in Aleppo Governorate".
func (k *KB) Within(inner, outer string) bool {
	in, out := k.Place(inner), k.Place(outer)
	if in == nil || out == nil {
		return false
	}
	if in == out {
		return true
	}
	if out.Kind == KindCountry {
		return in.Country == out.Country
	}
	for _, a := range k.Ancestors(in.Ref) {
		if a == out {
			return true
		}
	}
	return false
}

// Names returns every Arabic name of every place and actor, sorted and
// without repeats: the protected-word list for arabic.NewSegmenter and a
// gazetteer feature for the tagger.
func (k *KB) Names() []string {
	seen := map[string]bool{}
	var out []string
	add := func(ns []string) {
		for _, n := range ns {
			if !seen[n] {
				seen[n] = true
				out = append(out, n)
			}
		}
	}
	for _, p := range k.places {
		add(p.Names)
	}
	for _, a := range k.actors {
		add(a.Names)
	}
	sort.Strings(out)
	return out
}

// IsFirstName reports whether word is a known Arabic given name (compared
// by key, so any spelling of hamza, ى/ي and ة/ه).
func (k *KB) IsFirstName(word string) bool { return k.firstNames[key(word)] }

// NameKind tells what the knowledge base knows a name (one or more words,
// without clitics) as: the kind of the place it most likely names, and the
// kind of the actor it most likely names; "" for none. Weak names (given
// names and common words that are also places) give "" for places: they
// are places only in context. It is a feature for the tagger.
func (k *KB) NameKind(name string) (place, actor string) {
	nk := strings.Join(nameKeys(name), " ")
	best := -1.0
	for _, r := range k.placeIdx.names[nk] {
		if r.weak > 0 {
			continue
		}
		p := k.places[r.item]
		if s, _ := placePrior(p, r, false, false); s > best {
			best, place = s, p.Kind
		}
	}
	for _, r := range k.actorIdx.names[nk] {
		if r.weak == 0 {
			actor = k.actors[r.item].Kind
			break
		}
	}
	return place, actor
}

// Files lists the files the knowledge base was loaded from.
func (k *KB) Files() []FileInfo { return k.files }

// Unused lists the rows of places*.tsv ("file:line: geonameid") that
// correct GeoNames places the loaded GeoNames data does not have, as after
// importing only some countries. With the embedded data it is empty.
func (k *KB) Unused() []string { return k.unused }

// Stats counts what a knowledge base holds.
type Stats struct {
	Places         int            `json:"places"`
	PlaceNames     int            `json:"place_names"`
	PlacesBySource map[string]int `json:"places_by_source"`
	PlacesByKind   map[string]int `json:"places_by_kind"`
	HandPlaces     int            `json:"hand_places"`
	Actors         int            `json:"actors"`
	ActorNames     int            `json:"actor_names"`
	ActorsByKind   map[string]int `json:"actors_by_kind"`
	WithWikidata   int            `json:"actors_with_wikidata"`
}

// Stats counts places by the file that defined them and by kind, and
// actors by kind.
func (k *KB) Stats() Stats {
	s := Stats{PlacesBySource: map[string]int{}, PlacesByKind: map[string]int{}, ActorsByKind: map[string]int{}}
	for _, p := range k.places {
		s.Places++
		s.PlaceNames += len(p.Names)
		s.PlacesBySource[p.Source]++
		s.PlacesByKind[p.Kind]++
		if p.hand {
			s.HandPlaces++
		}
	}
	for _, a := range k.actors {
		s.Actors++
		s.ActorNames += len(a.Names)
		s.ActorsByKind[a.Kind]++
		if a.Wikidata != "" {
			s.WithWikidata++
		}
	}
	return s
}

var (
	segOnce sync.Once
	segVal  *arabic.Segmenter
)

// Segmenter returns the segmenter that protects the names of the knowledge
// base Open("") loads (the embedded one, or $MARSAD_KB): the one the
// pipeline, the search index and the query parser share, so that a word is
// cut the same way wherever it is read. When the knowledge base cannot be
// loaded it falls back to arabic.Default.
func Segmenter() *arabic.Segmenter {
	segOnce.Do(func() {
		k, err := Open("")
		if err != nil {
			segVal = arabic.Default()
			return
		}
		segVal = arabic.NewSegmenter(k.Names())
	})
	return segVal
}
