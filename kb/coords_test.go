package kb

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// handRow is a row of places.tsv that gives coordinates.
type handRow struct {
	id, kind, country, in, adm1 string
	names, namesEn              []string
	lat, lon                    float64
	line                        int
}

func readHandRows(t *testing.T) []handRow {
	t.Helper()
	f, err := embedded.Open("data/places.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows []handRow
	var errs errList
	readTSV("places.tsv", f, nil, placeCols, &errs, func(r *row) {
		if r.get("lat") == "" {
			return
		}
		lat, _ := strconv.ParseFloat(r.get("lat"), 64)
		lon, _ := strconv.ParseFloat(r.get("lon"), 64)
		h := handRow{id: r.get("id"), kind: r.get("kind"), country: r.get("country"), in: r.get("in"),
			adm1: r.get("adm1"), lat: lat, lon: lon, line: r.line}
		for _, n := range append([]string{r.get("name_ar")}, splitList(r.get("aliases_ar"))...) {
			if n = strings.TrimPrefix(n, "~"); n != "" {
				h.names = append(h.names, n)
			}
		}
		h.namesEn = append([]string{r.get("name_en")}, splitList(r.get("aliases_en"))...)
		rows = append(rows, h)
	})
	if err := errs.err(); err != nil {
		t.Fatal(err)
	}
	return rows
}

// geoCity is a row of GeoNames cities15000.
type geoCity struct {
	id, name, ar, cc, adm1 string
	lat, lon               float64
}

func readCities15000(t *testing.T) []geoCity {
	dir := filepath.Join(sharedDir(t), "geonames-cities15000")
	po, err := os.ReadFile(filepath.Join(dir, "geonames_ar.po"))
	if err != nil {
		t.Fatal(err)
	}
	ar := map[string]string{}
	for _, m := range regexp.MustCompile(`(?m)^msgid "(\d+)"\nmsgstr "(.*)"$`).FindAllStringSubmatch(string(po), -1) {
		ar[m[1]] = m[2]
	}
	f, err := os.Open(filepath.Join(dir, "cities15000_libgeonames.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []geoCity
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		c := strings.Split(sc.Text(), "\t")
		if len(c) != 10 || c[0] == "geonameid" {
			continue
		}
		lat, _ := strconv.ParseFloat(c[8], 64)
		lon, _ := strconv.ParseFloat(c[9], 64)
		out = append(out, geoCity{id: c[0], name: c[1], ar: ar[c[0]], cc: c[4], adm1: c[2], lat: lat, lon: lon})
	}
	return out
}

// latinKey folds an English place name for comparison: no accents, lower
// case, no article (al-, ad-, el-…), letters only.
func latinKey(s string) string {
	s = norm.NFD.String(strings.ToLower(s))
	var b strings.Builder
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r) }) {
		if len(w) == 2 && (w[0] == 'a' || w[0] == 'e') && w != "as" || w == "al" || w == "el" {
			continue // al, ad, ar, as-, el…
		}
		for _, r := range w {
			if unicode.IsLetter(r) && r < 0x250 {
				b.WriteRune(r)
			}
		}
	}
	return b.String()
}

// maxKm is how far a hand-written town may lie from its GeoNames entry.
const maxKm = 25.0

// TestHandCoordinatesAgainstGeoNames checks every coordinate written by
// hand in places.tsv against GeoNames cities15000 where GeoNames has the
// place: by geonameid when the row's id is one, else by name (Arabic key
// or folded English name) within the same country. Provinces are checked
// against the towns GeoNames puts in them, and every place against the
// province it is said to lie in.
func TestHandCoordinatesAgainstGeoNames(t *testing.T) {
	cities := readCities15000(t)
	rows := readHandRows(t)
	byID := map[string]geoCity{}
	byEn := map[string][]geoCity{}
	byAr := map[string][]geoCity{}
	towns := map[string][]geoCity{} // CC/adm1 → towns
	for _, c := range cities {
		byID[c.id] = c
		byEn[c.cc+"/"+latinKey(c.name)] = append(byEn[c.cc+"/"+latinKey(c.name)], c)
		if c.ar != "" {
			byAr[c.cc+"/"+key(c.ar)] = append(byAr[c.cc+"/"+key(c.ar)], c)
		}
		towns[c.cc+"/"+c.adm1] = append(towns[c.cc+"/"+c.adm1], c)
	}
	k := Default()
	checked, far := 0, 0
	for _, h := range rows {
		p := k.Place(h.id)
		if p == nil {
			t.Errorf("places.tsv:%d: %s not loaded", h.line, h.id)
			continue
		}
		var cands []geoCity
		how := ""
		switch {
		case numRE.MatchString(h.id):
			if c, ok := byID[h.id]; ok {
				cands, how = []geoCity{c}, "geonameid"
			}
		case p.Kind == KindCity || p.Kind == KindTown || p.Kind == KindVillage:
			seen := map[string]bool{}
			for _, n := range h.names {
				for _, c := range byAr[p.Country+"/"+key(n)] {
					if !seen[c.id] {
						seen[c.id] = true
						cands = append(cands, c)
					}
				}
			}
			for _, n := range h.namesEn {
				for _, c := range byEn[p.Country+"/"+latinKey(n)] {
					if !seen[c.id] {
						seen[c.id] = true
						cands = append(cands, c)
					}
				}
			}
			how = "name"
		}
		if len(cands) > 0 {
			checked++
			best, d := cands[0], 1e9
			for _, c := range cands {
				if x := Haversine(h.lat, h.lon, c.lat, c.lon); x < d {
					best, d = c, x
				}
			}
			if d > maxKm {
				far++
				t.Errorf("places.tsv:%d: %s (%.4f, %.4f) is %.0f km from GeoNames %s %s (%.4f, %.4f), matched by %s",
					h.line, h.id, h.lat, h.lon, d, best.id, best.name, best.lat, best.lon, how)
			}
		}
		// a province near its towns
		if h.kind == KindAdmin1 && h.adm1 != "" {
			ts := towns[p.Country+"/"+h.adm1]
			if len(ts) == 0 {
				t.Errorf("places.tsv:%d: %s: GeoNames has no town with admin1 code %s/%s", h.line, h.id, p.Country, h.adm1)
				continue
			}
			d := 1e9
			for _, c := range ts {
				d = min(d, Haversine(h.lat, h.lon, c.lat, c.lon))
			}
			if d > 500 {
				t.Errorf("places.tsv:%d: %s is %.0f km from the nearest of its %d GeoNames towns", h.line, h.id, d, len(ts))
			}
		}
	}
	// every place not far from the province it lies in
	for _, p := range k.Places() {
		if p.Admin1Ref == "" || !p.hand {
			continue
		}
		a := k.Place(p.Admin1Ref)
		if d := DistanceKm(p, a); d > 800 {
			t.Errorf("%s (%s) is %.0f km from its province %s", p.Ref, p.NameEn, d, a.Ref)
		}
	}
	t.Logf("%d hand-written coordinates checked against GeoNames cities15000 (%d more than %.0f km off)", checked, far, maxKm)
	if checked < 20 {
		t.Errorf("only %d hand-written places could be linked to GeoNames", checked)
	}
}

// TestHandCoordinatesAgainstGWeather checks hand-written towns and sites
// against the coordinates of GNOME's libgweather locations (GPL data,
// read here for checking only; nothing of it is shipped), by English name
// within the same country.
func TestHandCoordinatesAgainstGWeather(t *testing.T) {
	path := filepath.Join(sharedDir(t), "gweather-locations", "Locations.xml")
	f, err := os.Open(path)
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	type loc struct {
		name    string
		lat, lo float64
	}
	byName := map[string][]loc{}
	dec := xml.NewDecoder(f)
	var country, elem, name, coords string
	depth := 0
	for {
		tk, err := dec.Token()
		if err != nil {
			break
		}
		switch x := tk.(type) {
		case xml.StartElement:
			depth++
			elem = x.Name.Local
			if elem == "city" || elem == "location" {
				name, coords = "", ""
			}
		case xml.CharData:
			switch elem {
			case "iso-code":
				country = strings.TrimSpace(string(x))
			case "_name", "name":
				if name == "" {
					name = strings.TrimSpace(string(x))
				}
			case "coordinates":
				coords = strings.TrimSpace(string(x))
			}
		case xml.EndElement:
			depth--
			if (x.Name.Local == "city" || x.Name.Local == "location") && name != "" && coords != "" {
				var la, lo float64
				if _, err := fmt.Sscan(coords, &la, &lo); err == nil {
					byName[country+"/"+latinKey(name)] = append(byName[country+"/"+latinKey(name)], loc{name, la, lo})
				}
				name = ""
			}
			elem = ""
		}
	}
	k := Default()
	checked := 0
	for _, h := range readHandRows(t) {
		p := k.Place(h.id)
		if p == nil || p.Kind == KindAdmin1 || p.Kind == KindRegion || p.Kind == KindCountry {
			continue
		}
		var best *loc
		d := 1e9
		for _, n := range h.namesEn {
			for _, l := range byName[p.Country+"/"+latinKey(n)] {
				if x := Haversine(h.lat, h.lon, l.lat, l.lo); x < d {
					d, best = x, &l
				}
			}
		}
		if best == nil {
			continue
		}
		checked++
		if d > maxKm {
			t.Errorf("places.tsv:%d: %s (%.3f, %.3f) is %.0f km from libgweather's %s (%.3f, %.3f)",
				h.line, h.id, h.lat, h.lon, d, best.name, best.lat, best.lo)
		}
	}
	t.Logf("%d hand-written coordinates checked against libgweather", checked)
}
