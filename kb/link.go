package kb

import (
	"sort"
	"strings"
)

// finish links what the files said into one consistent knowledge base:
// countries, admin1 divisions and parents of places, parents of actors.
// Problems are reported at the row that caused them.
func (l *loader) finish() {
	k := l.kb
	// Places without coordinates or names cannot be used; the generated
	// files always give both, so this only catches hand-written rows.
	kept := k.places[:0]
	for _, p := range k.places {
		pos := l.ppos[p]
		switch {
		case p.Kind == KindCountry && p.NameEn == "":
			// A country in the name list but not in the centroid list:
			// without coordinates it cannot be placed on a map.
			if p.Lat == 0 && p.Lon == 0 {
				continue
			}
		case p.Country != "" && k.countries[p.Country] == nil:
			l.errs.add(pos.file, pos.line, "country", "%s is not a known country", p.Country)
		}
		if p.Name == "" && p.Kind != KindCountry && len(p.NamesEn) == 0 {
			l.errs.add(pos.file, pos.line, "", "place %s has no name", p.Ref)
		}
		kept = append(kept, p)
	}
	k.places = kept
	for _, p := range k.places {
		if c, ok := l.capitals[p.Country]; ok && p.Kind == KindCity && p.NameEn == c {
			p.capital = true
		}
	}
	aliases := l.absorb()
	for _, p := range k.places {
		k.placeByRef[p.Ref] = p
		if p.Kind == KindAdmin1 && p.adm1 != "" && p.Country != "" {
			id := p.Country + "/" + p.adm1
			if q := k.admin1[id]; q != nil {
				pos := l.ppos[p]
				l.errs.add(pos.file, pos.line, "adm1", "%s %s is already linked to %s", p.Country, p.adm1, q.Ref)
				continue
			}
			k.admin1[id] = p
		}
	}
	for ref, p := range aliases {
		k.placeByRef[ref] = p
	}
	// Parents.
	for _, p := range k.places {
		pos := l.ppos[p]
		switch {
		case p.in != "":
			q := l.byID[p.in]
			if q == nil {
				l.errs.add(pos.file, pos.line, "in", "no place with id %q", p.in)
				continue
			}
			if q == p {
				l.errs.add(pos.file, pos.line, "in", "a place cannot lie in itself")
				continue
			}
			p.Parent = q.Ref
		case p.Kind == KindCountry:
		case p.Kind != KindAdmin1 && p.adm1 != "" && k.admin1[p.Country+"/"+p.adm1] != nil:
			p.Parent = k.admin1[p.Country+"/"+p.adm1].Ref
		case p.Country != "" && k.countries[p.Country] != nil:
			p.Parent = k.countries[p.Country].Ref
		}
	}
	// Country and admin1 from the chain of parents; cycles are errors.
	for _, p := range k.places {
		pos := l.ppos[p]
		seen := map[*Place]bool{p: true}
		for q := k.placeByRef[p.Parent]; q != nil; q = k.placeByRef[q.Parent] {
			if seen[q] {
				l.errs.add(pos.file, pos.line, "in", "places lie in each other in a circle (%s)", q.Ref)
				break
			}
			seen[q] = true
			if p.Country == "" {
				p.Country = q.Country
			}
			if q.Kind == KindAdmin1 && p.Admin1Ref == "" && p.Kind != KindCountry {
				p.Admin1Ref = q.Ref
				p.Admin1 = q.NameEn
			}
		}
		if p.Admin1Ref == "" && p.Kind != KindAdmin1 && p.Kind != KindCountry {
			p.Admin1 = p.adm1Raw
		}
		if p.Country != "" && k.countries[p.Country] == nil {
			l.errs.add(pos.file, pos.line, "country", "%s is not a known country", p.Country)
		}
	}
	// Actors: parents must exist; a country has one actor for its forces.
	k.forces = map[string]*Actor{}
	for _, a := range k.actors {
		k.actorByRef[a.Ref] = a
		if !a.Forces {
			continue
		}
		if b := k.forces[a.Country]; b != nil {
			pos := l.apos[a]
			l.errs.add(pos.file, pos.line, "forces", "%s already has its forces: %s", a.Country, b.Ref[len("actor:"):])
			continue
		}
		k.forces[a.Country] = a
	}
	// the first letters of those countries' names, which their adjectives
	// keep (إسرائيلي, سعودي of السعودية): forcesOfAdjective reads no other
	// word
	k.forcesPrefix = map[string]bool{}
	for cc := range k.forces {
		if c := k.countries[cc]; c != nil {
			for _, n := range c.Names {
				k.forcesPrefix[adjectivePrefix(strings.TrimPrefix(key(n), "ال"))] = true
			}
		}
	}
	for _, a := range k.actors {
		if a.Parent == "" {
			continue
		}
		pos := l.apos[a]
		if k.actorByRef[a.Parent] == nil {
			l.errs.add(pos.file, pos.line, "parent", "no actor with id %q", a.Parent[len("actor:"):])
		}
		if a.Parent == a.Ref {
			l.errs.add(pos.file, pos.line, "parent", "an actor cannot be its own parent")
		}
	}
	for cc := range k.borders {
		sort.Strings(k.borders[cc])
	}
}

// absorb merges GeoNames places that duplicate a place written by hand
// into it, so that a full GeoNames import does not give Tal Abyad twice:
// a GeoNames place is the same as a hand-written one when they share an
// Arabic name and a country and lie within 25 km (100 km for provinces and
// regions), or when both are the first-level division with the same
// GeoNames admin1 code. The absorbed place's names are added to the hand-
// written one, and its ref becomes an alias of it. It returns the aliases.
func (l *loader) absorb() map[string]*Place {
	k := l.kb
	byName := map[string][]*Place{}
	byAdm1 := map[string]*Place{}
	countryOf := func(p *Place) string {
		for n := 0; p != nil && n < 8; n++ {
			if p.Country != "" {
				return p.Country
			}
			p = l.byID[p.in]
		}
		return ""
	}
	for _, p := range k.places {
		if !p.hand || p.GeonameID != 0 || p.Kind == KindCountry || fileKind(p.Source) != "places" {
			continue
		}
		cc := countryOf(p)
		for _, n := range p.Names {
			nk := cc + "/" + key(n)
			byName[nk] = append(byName[nk], p)
		}
		if p.Kind == KindAdmin1 && p.adm1 != "" {
			byAdm1[cc+"/"+p.adm1] = p
		}
	}
	if len(byName) == 0 {
		return nil
	}
	aliases := map[string]*Place{}
	kept := k.places[:0]
	for _, g := range k.places {
		var into *Place
		if fileKind(g.Source) == "geonames" && len(g.Edited) == 0 {
			if g.Kind == KindAdmin1 {
				into = byAdm1[g.Country+"/"+g.adm1]
			}
			for _, n := range g.Names {
				if into != nil {
					break
				}
				for _, h := range byName[g.Country+"/"+key(n)] {
					tol := 25.0
					if isArea(h.Kind) || isArea(g.Kind) {
						tol = 100
					}
					if Haversine(h.Lat, h.Lon, g.Lat, g.Lon) <= tol {
						into = h
						break
					}
				}
			}
		}
		if into == nil {
			kept = append(kept, g)
			continue
		}
		into.Names = appendNames(into.Names, g.Names...)
		into.NamesEn = appendNames(into.NamesEn, g.NamesEn...)
		if into.GeonameID == 0 {
			into.GeonameID = g.GeonameID
		}
		if into.Population == 0 {
			into.Population = g.Population
		}
		into.Edited = append(into.Edited, g.Source)
		aliases[g.Ref] = into
	}
	k.places = kept
	return aliases
}
