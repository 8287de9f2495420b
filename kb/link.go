package kb

import "sort"

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
	// Actors: parents must exist.
	for _, a := range k.actors {
		k.actorByRef[a.Ref] = a
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
