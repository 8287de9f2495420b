package kb

import (
	"bufio"
	"fmt"
	"io/fs"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// loader builds a KB from files, gathering problems as it goes.
type loader struct {
	kb    *KB
	errs  errList
	byID  map[string]*Place // id without "place:"
	actor map[string]*Actor
	apos  map[*Actor]position
	ppos  map[*Place]position
	rows  int // data rows of the file being read
	// capitals are the English names of the countries' capitals, by code
	capitals map[string]string
}

type position struct {
	file string
	line int
}

var (
	slugRE     = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	numRE      = regexp.MustCompile(`^[0-9]+$`)
	iso2RE     = regexp.MustCompile(`^[A-Z]{2}$`)
	wikidataRE = regexp.MustCompile(`^Q[1-9][0-9]*$`)
)

func loadFS(base, over fs.FS, overName string) (*KB, error) {
	files, err := listFiles(base, over, overName)
	if err != nil {
		return nil, err
	}
	l := &loader{
		kb: &KB{
			placeByRef: map[string]*Place{},
			countries:  map[string]*Place{},
			borders:    map[string][]string{},
			admin1:     map[string]*Place{},
			actorByRef: map[string]*Actor{},
			firstNames: map[string]bool{},
			weakWords:  map[string]bool{},
			everyday:   map[string]bool{},
		},
		byID:  map[string]*Place{},
		actor: map[string]*Actor{},
		apos:  map[*Actor]position{},
		ppos:  map[*Place]position{},
	}
	for _, f := range files {
		r, err := f.fsys.Open(f.name)
		if err != nil {
			l.errs.add(f.name, 0, "", "%v", err)
			continue
		}
		l.rows = 0
		switch fileKind(f.name) {
		case "geonames":
			l.readGeoNames(f.name, r)
		case "countries":
			l.readCountries(f.name, r)
		case "odbl":
			l.readODbL(f.name, r)
		case "places":
			l.readPlaces(f.name, r)
		case "actors":
			l.readActors(f.name, r)
		case "first-names":
			l.readWords(f.name, r, l.kb.firstNames, nil)
		case "weak-names":
			l.readWords(f.name, r, l.kb.weakWords, l.kb.everyday)
		}
		r.Close()
		l.kb.files = append(l.kb.files, FileInfo{Name: f.name, Origin: f.origin, Rows: l.rows})
		if l.errs.full() {
			break
		}
	}
	if len(l.errs.errs) == 0 {
		l.finish()
	}
	if err := l.errs.err(); err != nil {
		return nil, err
	}
	l.kb.buildIndexes()
	return l.kb, nil
}

func (l *loader) newPlace(id string, r *row) *Place {
	p := &Place{Ref: "place:" + id, Source: r.file}
	l.byID[id] = p
	l.kb.places = append(l.kb.places, p)
	l.ppos[p] = position{r.file, r.line}
	return p
}

// --- geonames*.tsv ----------------------------------------------------------

var geoNamesCols = []string{"geonameid", "name_ar", "aliases_ar", "name_en", "kind", "country", "adm1", "admin1", "population", "lat", "lon"}

func (l *loader) readGeoNames(file string, r fs.File) {
	seen := map[string]bool{}
	readTSV(file, r, []string{"geonameid", "name_ar", "name_en", "country", "lat", "lon"}, geoNamesCols, &l.errs, func(r *row) {
		l.rows++
		id := r.get("geonameid")
		if !numRE.MatchString(id) {
			r.errorf("geonameid", "%q is not a number", id)
			return
		}
		if seen[id] {
			r.errorf("geonameid", "%s appears twice in this file", id)
			return
		}
		seen[id] = true
		p := l.byID[id]
		if p == nil {
			p = l.newPlace(id, r)
		}
		p.GeonameID, _ = strconv.ParseInt(id, 10, 64)
		p.Name = r.get("name_ar")
		p.Names = appendNames(p.Names, p.Name)
		p.Names = appendNames(p.Names, splitList(r.get("aliases_ar"))...)
		p.NameEn = r.get("name_en")
		p.NamesEn = appendNames(p.NamesEn, p.NameEn)
		p.Country = r.get("country")
		p.adm1 = r.get("adm1")
		p.adm1Raw = r.get("admin1")
		p.Kind = r.get("kind")
		l.checkName(r, "name_en", p.NameEn)
		l.checkCountry(r, p.Country, false)
		p.Population = l.parsePopulation(r)
		if p.Kind == "" {
			p.Kind = KindTown
			if p.Population >= 100000 {
				p.Kind = KindCity
			}
		}
		l.checkKind(r, p.Kind)
		p.Lat, p.Lon = l.parseCoords(r, true)
	})
}

// --- countries.tsv and countries-odbl.tsv ------------------------------------

func (l *loader) country(iso2 string, r *row) *Place {
	id := strings.ToLower(iso2)
	p := l.byID[id]
	if p == nil {
		p = l.newPlace(id, r)
		p.Kind = KindCountry
		p.Country = iso2
		l.kb.countries[iso2] = p
	}
	return p
}

func (l *loader) readCountries(file string, r fs.File) {
	readTSV(file, r, []string{"iso2", "name_ar"}, []string{"iso2", "name_ar", "aliases_ar"}, &l.errs, func(r *row) {
		l.rows++
		cc := r.get("iso2")
		if !iso2RE.MatchString(cc) {
			r.errorf("iso2", "%q is not an ISO 3166-1 alpha-2 code", cc)
			return
		}
		p := l.country(cc, r)
		name := r.get("name_ar")
		l.checkName(r, "name_ar", name)
		p.Name = name
		p.Names = appendNames(p.Names, name)
		p.Names = appendNames(p.Names, splitList(r.get("aliases_ar"))...)
	})
}

func (l *loader) readODbL(file string, r fs.File) {
	cols := []string{"iso2", "iso3", "name_en", "official_en", "name_ar", "official_ar", "lat", "lon", "capital", "borders"}
	readTSV(file, r, []string{"iso2", "name_en", "lat", "lon"}, cols, &l.errs, func(r *row) {
		l.rows++
		cc := r.get("iso2")
		if !iso2RE.MatchString(cc) {
			r.errorf("iso2", "%q is not an ISO 3166-1 alpha-2 code", cc)
			return
		}
		p := l.country(cc, r)
		p.NameEn = r.get("name_en")
		l.checkName(r, "name_en", p.NameEn)
		p.NamesEn = appendNames(p.NamesEn, p.NameEn, r.get("official_en"))
		if p.Name == "" {
			p.Name = r.get("name_ar")
		}
		p.Names = appendNames(p.Names, r.get("name_ar"), r.get("official_ar"))
		p.Lat, p.Lon = l.parseCoords(r, true)
		if c := r.get("capital"); c != "" {
			if l.capitals == nil {
				l.capitals = map[string]string{}
			}
			l.capitals[cc] = c
		}
		for _, b := range splitList(r.get("borders")) {
			if !iso2RE.MatchString(b) {
				r.errorf("borders", "%q is not an ISO 3166-1 alpha-2 code", b)
				continue
			}
			l.kb.borders[cc] = append(l.kb.borders[cc], b)
		}
	})
}

// --- places*.tsv --------------------------------------------------------------

var placeCols = []string{"id", "name_ar", "aliases_ar", "name_en", "aliases_en", "kind", "country", "in", "adm1", "lat", "lon", "population"}

// readPlaces reads places written by hand. A row whose id is already known
// (a geonameid from geonames.tsv, a lower-case country code, a slug from an
// earlier file) corrects and extends that place: its non-empty fields
// replace the known ones and its aliases are added. Any other row is a new
// place and must give its names, kind, country (or in) and coordinates.
func (l *loader) readPlaces(file string, r fs.File) {
	seen := map[string]int{}
	readTSV(file, r, []string{"id", "name_ar", "name_en", "kind", "country", "lat", "lon"}, placeCols, &l.errs, func(r *row) {
		l.rows++
		id := r.get("id")
		switch {
		case numRE.MatchString(id), slugRE.MatchString(id):
		default:
			r.errorf("id", "%q is neither a geonameid nor a slug (lower-case letters, digits and single hyphens)", id)
			return
		}
		if prev, dup := seen[id]; dup {
			r.errorf("id", "%s is already defined on line %d", id, prev)
			return
		}
		seen[id] = r.line
		p := l.byID[id]
		isNew := p == nil
		if isNew && numRE.MatchString(id) && (r.get("lat") == "" || r.get("lon") == "" || r.get("kind") == "" || r.get("name_en") == "") {
			// a correction to a GeoNames place that the loaded GeoNames
			// data does not have (a regional import): nothing to correct
			l.kb.unused = append(l.kb.unused, fmt.Sprintf("%s:%d: %s", r.file, r.line, id))
			return
		}
		if isNew {
			if len(id) == 2 && !numRE.MatchString(id) {
				r.errorf("id", "two-letter ids are for countries, and %q is not a known country", id)
				return
			}
			p = l.newPlace(id, r)
			if numRE.MatchString(id) {
				p.GeonameID, _ = strconv.ParseInt(id, 10, 64)
			}
		} else {
			p.Edited = append(p.Edited, file)
		}
		p.hand = true
		if v := r.get("name_ar"); v != "" {
			l.checkName(r, "name_ar", v)
			v = addWeak(&p.weak, v)
			p.Name = v
			p.Names = appendNames([]string{v}, p.Names...)
		}
		for _, a := range splitList(r.get("aliases_ar")) {
			if gone, ok := strings.CutPrefix(a, "-"); ok {
				// a name the generated data gives that is another
				// place's: GeoNames names Kosti ربك, which is Rabak
				if !slices.ContainsFunc(p.Names, func(n string) bool { return key(n) == key(gone) }) {
					r.errorf("aliases_ar", "%q: %s has no name %q to take away", a, id, gone)
					continue
				}
				p.Names = slices.DeleteFunc(p.Names, func(n string) bool { return key(n) == key(gone) })
				if key(p.Name) == key(gone) {
					if len(p.Names) == 0 {
						r.errorf("aliases_ar", "%q: %s would have no Arabic name left", a, id)
						continue
					}
					p.Name = p.Names[0]
				}
				continue
			}
			l.checkName(r, "aliases_ar", a)
			p.Names = appendNames(p.Names, addWeak(&p.weak, a))
		}
		if v := r.get("name_en"); v != "" {
			p.NameEn = v
			p.NamesEn = appendNames([]string{v}, p.NamesEn...)
		}
		p.NamesEn = appendNames(p.NamesEn, splitList(r.get("aliases_en"))...)
		if v := r.get("kind"); v != "" {
			l.checkKind(r, v)
			p.Kind = v
		}
		if v := r.get("country"); v != "" {
			if p.Kind == KindCountry && v != p.Country {
				r.errorf("country", "a country's code cannot change")
			}
			l.checkCountry(r, v, true)
			p.Country = v
		}
		if v := r.get("in"); v != "" {
			if !slugRE.MatchString(v) {
				r.errorf("in", "%q is not a place id", v)
			}
			p.in = v
		}
		if v := r.get("adm1"); v != "" {
			if p.Kind != KindAdmin1 {
				r.errorf("adm1", "only admin1 places link a GeoNames admin1 code")
			}
			p.adm1 = v
		}
		if r.get("lat") != "" || r.get("lon") != "" || isNew {
			p.Lat, p.Lon = l.parseCoords(r, isNew)
		}
		if v := r.get("population"); v != "" {
			p.Population = l.parsePopulation(r)
		}
		if isNew {
			if p.Name == "" {
				r.errorf("name_ar", "a new place needs an Arabic name")
			}
			if p.NameEn == "" {
				r.errorf("name_en", "a new place needs an English name")
			}
			if p.Kind == "" {
				r.errorf("kind", "a new place needs a kind (%s)", strings.Join(placeKinds, ", "))
			}
			if p.Country == "" && p.in == "" && p.Kind != KindRegion {
				r.errorf("country", "a new place needs a country, or a place it lies in (only a region may span countries)")
			}
		}
	})
}

// --- actors*.tsv ----------------------------------------------------------------

var actorCols = []string{"id", "name_ar", "aliases_ar", "name_en", "aliases_en", "kind", "country", "parent", "wikidata", "named", "forces"}

func (l *loader) readActors(file string, r fs.File) {
	readTSV(file, r, []string{"id", "name_ar", "name_en", "kind"}, actorCols, &l.errs, func(r *row) {
		l.rows++
		id := r.get("id")
		if !slugRE.MatchString(id) {
			r.errorf("id", "%q is not a slug (lower-case letters, digits and single hyphens)", id)
			return
		}
		if prev, dup := l.actor[id]; dup {
			pp := l.apos[prev]
			r.errorf("id", "%s is already defined at %s:%d", id, pp.file, pp.line)
			return
		}
		a := &Actor{Ref: "actor:" + id, Source: file}
		l.actor[id] = a
		l.apos[a] = position{r.file, r.line}
		l.kb.actors = append(l.kb.actors, a)
		a.Name = r.get("name_ar")
		l.checkName(r, "name_ar", a.Name)
		a.Names = appendNames(a.Names, a.Name)
		for _, n := range splitList(r.get("aliases_ar")) {
			l.checkName(r, "aliases_ar", n)
			a.Names = appendNames(a.Names, addWeak(&a.weak, n))
		}
		a.NameEn = r.get("name_en")
		l.checkName(r, "name_en", a.NameEn)
		a.NamesEn = appendNames(a.NamesEn, a.NameEn)
		a.NamesEn = appendNames(a.NamesEn, splitList(r.get("aliases_en"))...)
		a.Kind = r.get("kind")
		if !contains(actorKinds, a.Kind) {
			r.errorf("kind", "%q is not an actor kind (%s)", a.Kind, strings.Join(actorKinds, ", "))
		}
		a.Country = r.get("country")
		if a.Country != "" {
			l.checkCountry(r, a.Country, true)
		}
		if v := r.get("parent"); v != "" {
			if !slugRE.MatchString(v) {
				r.errorf("parent", "%q is not an actor id", v)
			}
			a.Parent = "actor:" + v
		}
		a.Wikidata = r.get("wikidata")
		if a.Wikidata != "" && !wikidataRE.MatchString(a.Wikidata) {
			r.errorf("wikidata", "%q is not a Wikidata id (Q followed by digits)", a.Wikidata)
		}
		switch v := r.get("named"); v {
		case "", "yes":
		case "no":
			a.unnamed = true
		default:
			r.errorf("named", "%q is neither yes nor no", v)
		}
		switch v := r.get("forces"); v {
		case "", "no":
		case "yes":
			a.Forces = true
			if a.Country == "" || !armedOrPerson[a.Kind] || a.Kind == "person" {
				r.errorf("forces", "the forces of a country are an armed actor of that country")
			}
		default:
			r.errorf("forces", "%q is neither yes nor no", v)
		}
	})
}

// --- word lists -------------------------------------------------------------------

// readWords reads a list of names, one a line; with bang set, a name
// written "!name" goes there instead of into into.
func (l *loader) readWords(file string, r fs.File, into, bang map[string]bool) {
	sc := bufio.NewScanner(r)
	line := 0
	for sc.Scan() {
		line++
		w := strings.TrimSpace(sc.Text())
		if w == "" || strings.HasPrefix(w, "#") {
			continue
		}
		if strings.ContainsAny(w, "\t") {
			l.errs.add(file, line, "", "one word or name per line")
			continue
		}
		l.rows++
		if rest, ok := strings.CutPrefix(w, "!"); ok && bang != nil {
			bang[key(rest)] = true
			continue
		}
		into[key(w)] = true
	}
	if err := sc.Err(); err != nil {
		l.errs.add(file, line+1, "", "%v", err)
	}
}

// --- field checks -------------------------------------------------------------------

func (l *loader) checkName(r *row, col, v string) {
	if v == "" {
		r.errorf(col, "empty")
		return
	}
	if strings.ContainsAny(v, "|~") && col != "aliases_ar" {
		r.errorf(col, "%q: | and ~ belong in aliases", v)
	}
	if strings.HasPrefix(v, "!") {
		r.errorf(col, "%q: an everyday word is marked ! in weak-names.txt, not here (mark it ~ here)", v)
	}
}

func (l *loader) checkKind(r *row, k string) {
	if !contains(placeKinds, k) {
		r.errorf("kind", "%q is not a place kind (%s)", k, strings.Join(placeKinds, ", "))
	}
}

func (l *loader) checkCountry(r *row, cc string, mustKnow bool) {
	if !iso2RE.MatchString(cc) {
		r.errorf("country", "%q is not an ISO 3166-1 alpha-2 code", cc)
		return
	}
	if mustKnow && l.kb.countries[cc] == nil {
		r.errorf("country", "%s is not a known country", cc)
	}
}

func (l *loader) parseCoords(r *row, required bool) (lat, lon float64) {
	ls, os := r.get("lat"), r.get("lon")
	if ls == "" && os == "" && !required {
		return 0, 0
	}
	lat, err1 := strconv.ParseFloat(ls, 64)
	lon, err2 := strconv.ParseFloat(os, 64)
	switch {
	case err1 != nil || math.IsNaN(lat) || lat < -90 || lat > 90:
		r.errorf("lat", "%q is not a latitude in degrees (-90 to 90)", ls)
	case err2 != nil || math.IsNaN(lon) || lon < -180 || lon > 180:
		r.errorf("lon", "%q is not a longitude in degrees (-180 to 180)", os)
	}
	return lat, lon
}

func (l *loader) parsePopulation(r *row) int64 {
	v := r.get("population")
	if v == "" {
		return 0
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 {
		r.errorf("population", "%q is not a whole number of people", v)
		return 0
	}
	return n
}

// --- names ----------------------------------------------------------------------------

// appendNames adds names to list unless a name with the same key is there
// already.
func appendNames(list []string, names ...string) []string {
outer:
	for _, n := range names {
		n = strings.TrimSpace(n)
		if n == "" {
			continue
		}
		k := key(n)
		for _, m := range list {
			if key(m) == k {
				continue outer
			}
		}
		list = append(list, n)
	}
	return list
}

// addWeak strips a leading ~ from a name and records the name in *weak
// (a place's or an actor's set of weak names, made when first needed).
func addWeak(weak *map[string]bool, n string) string {
	s, ok := strings.CutPrefix(n, "~")
	if !ok {
		return n
	}
	if *weak == nil {
		*weak = map[string]bool{}
	}
	s = strings.TrimSpace(s)
	(*weak)[key(s)] = true
	return s
}
