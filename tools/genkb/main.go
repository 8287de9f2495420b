// Command genkb writes the generated files of marsad's knowledge base
// (kb/data) from the openly licensed data under ../shared/data:
//
//   - geonames.tsv — towns and cities from GeoNames cities15000 with their
//     Arabic names (CC BY 4.0, attribution GeoNames);
//   - countries.tsv — Arabic country names from i18n-iso-countries (MIT)
//     and Unicode CLDR (Unicode License v3);
//   - countries-odbl.tsv — English names, Arabic names, centroids, capitals
//     and land borders from world-countries (ODbL 1.0; this file is a
//     derived database and stays under the ODbL, kept apart from the rest);
//   - first-names.txt — Arabic given names from arabic-name-to-en (ISC).
//
// Run it from the repository root:
//
//	go run ./tools/genkb            # reads ../shared/data, writes kb/data
//	go run ./tools/genkb -shared DIR -out DIR
//
// The output is deterministic: running it twice on the same input gives
// byte-identical files, so a diff shows exactly what changed upstream.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

func main() {
	shared := flag.String("shared", "../shared/data", "directory holding the shared data sets")
	out := flag.String("out", "kb/data", "directory to write the generated files to")
	flag.Parse()
	if err := run(*shared, *out); err != nil {
		fmt.Fprintln(os.Stderr, "genkb:", err)
		os.Exit(1)
	}
}

func run(shared, out string) error {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	for _, step := range []func(string, string) error{genGeoNames, genCountries, genCountriesODbL, genFirstNames} {
		if err := step(shared, out); err != nil {
			return err
		}
	}
	return nil
}

// focus lists the countries whose GeoNames towns are all kept, whatever
// their size and whether or not GeoNames gives them an Arabic name: the Arab
// world, its neighbours, the Sahel and the Horn of Africa, and the wars of
// the 2020s that Arabic news follows (Ukraine, Myanmar, eastern DR Congo,
// northern Mozambique), where conflict news that marsad reads happens. Elsewhere only cities of minPopulation or
// more with an Arabic name are kept, because small foreign towns named like
// people (جاكسون، لورانس) would otherwise turn up in Arabic text.
var focus = set("AE BH DZ EG IQ JO KW LB LY MA MR OM PS QA SA SD SO SY TN YE DJ KM EH " +
	"IR TR AF PK IL CY " +
	"ML NE BF TD NG SS ET ER CF CM SN GM GN " +
	"UA MM CD MZ")

const minPopulation = 100000

func set(s string) map[string]bool {
	m := map[string]bool{}
	for _, f := range strings.Fields(s) {
		m[f] = true
	}
	return m
}

// --- GeoNames ---------------------------------------------------------------

var poEntry = regexp.MustCompile(`(?m)^msgid "(\d+)"\nmsgstr "(.*)"$`)

func readPO(path string) (map[string]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	m := map[string]string{}
	for _, e := range poEntry.FindAllStringSubmatch(string(b), -1) {
		v, err := strconv.Unquote(`"` + e[2] + `"`)
		if err != nil {
			return nil, fmt.Errorf("%s: msgid %s: %v", path, e[1], err)
		}
		m[e[1]] = v
	}
	return m, nil
}

// adminPrefixes are words GeoNames sometimes puts before a town's Arabic
// name when the name was taken from the surrounding district (شعبية سرت for
// Sirte). The town's own name is what follows.
var adminPrefixes = []string{"شعبية ", "ولاية ", "بلدية ", "قضاء ", "ناحية ", "محافظة ", "مقاطعة ", "مدينة "}

// cleanArabic returns a usable Arabic name and, when the source value had
// an administrative prefix that was removed, the original as an alias. It
// returns "" for values that are not Arabic script (transliterations such
// as Tārūt, or another script).
func cleanArabic(v string) (name, alias string) {
	v = strings.Map(func(r rune) rune {
		switch r {
		case '\u200e', '\u200f', '\u200c', '\u200d', '\ufeff', '\u061c':
			return -1
		}
		return r
	}, v)
	if i := strings.IndexAny(v, "(,"); i >= 0 {
		v = v[:i]
	}
	v = strings.Join(strings.Fields(v), " ")
	if v == "" {
		return "", ""
	}
	for _, r := range v {
		if r != ' ' && r != '-' && !unicode.Is(unicode.Arabic, r) {
			return "", ""
		}
	}
	for _, p := range adminPrefixes {
		if strings.HasPrefix(v, p) && len(v) > len(p) {
			rest := v[len(p):]
			if p == "مدينة " {
				// "مدينة الكويت" is how Kuwait City is named: keep it.
				return rest, v
			}
			return rest, ""
		}
	}
	return v, ""
}

func genGeoNames(shared, out string) error {
	dir := filepath.Join(shared, "geonames-cities15000")
	ar, err := readPO(filepath.Join(dir, "geonames_ar.po"))
	if err != nil {
		return err
	}
	f, err := os.Open(filepath.Join(dir, "cities15000_libgeonames.tsv"))
	if err != nil {
		return err
	}
	defer f.Close()
	type row struct {
		id                                      int
		ar, alias, en, kind, cc, adm1, adm1name string
		pop                                     int64
		lat, lon                                string
	}
	var rows []row
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	line := 0
	kept, dropped := 0, 0
	for sc.Scan() {
		line++
		if line == 1 {
			continue // header
		}
		c := strings.Split(sc.Text(), "\t")
		if len(c) != 10 {
			return fmt.Errorf("cities15000:%d: %d columns, want 10", line, len(c))
		}
		id, err := strconv.Atoi(c[0])
		if err != nil {
			return fmt.Errorf("cities15000:%d: geonameid %q", line, c[0])
		}
		pop, err := strconv.ParseInt(c[7], 10, 64)
		if err != nil {
			return fmt.Errorf("cities15000:%d: population %q", line, c[7])
		}
		name, alias := cleanArabic(ar[c[0]])
		cc := c[4]
		if !focus[cc] && (name == "" || pop < minPopulation) {
			dropped++
			continue
		}
		kept++
		kind := "town"
		if pop >= 100000 {
			kind = "city"
		}
		rows = append(rows, row{id: id, ar: name, alias: alias, en: c[1], kind: kind, cc: cc,
			adm1: c[2], adm1name: c[3], pop: pop, lat: c[8], lon: c[9]})
	}
	if err := sc.Err(); err != nil {
		return err
	}
	sort.Slice(rows, func(i, j int) bool {
		if rows[i].cc != rows[j].cc {
			return rows[i].cc < rows[j].cc
		}
		return rows[i].id < rows[j].id
	})
	var b strings.Builder
	fmt.Fprintf(&b, `# marsad knowledge base — places from GeoNames (generated by go run ./tools/genkb; do not edit:
# add or correct names in places.tsv instead, keyed by the same geonameid).
# Source: GeoNames cities15000 (towns of 15,000 people or more) and its Arabic names,
#   as shipped in Debian libgeonames0 / libgeonames-common 0.3.0-1.
# Licence: Creative Commons Attribution 4.0 (CC BY 4.0), https://creativecommons.org/licenses/by/4.0/
# Attribution: data from GeoNames, https://www.geonames.org/ — changed by marsad: filtered to
#   the focus countries plus cities of %d or more with an Arabic name; Arabic names cleaned.
# Rows: %d (%d dropped).
`, minPopulation, kept, dropped)
	b.WriteString("geonameid\tname_ar\taliases_ar\tname_en\tkind\tcountry\tadm1\tadmin1\tpopulation\tlat\tlon\n")
	for _, r := range rows {
		fmt.Fprintf(&b, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%d\t%s\t%s\n",
			r.id, r.ar, r.alias, tsvSafe(r.en), r.kind, r.cc, r.adm1, tsvSafe(r.adm1name), r.pop, r.lat, r.lon)
	}
	return writeFile(filepath.Join(out, "geonames.tsv"), b.String())
}

func tsvSafe(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' || r == '|' {
			return ' '
		}
		return r
	}, s)
}

// --- countries --------------------------------------------------------------

func genCountries(shared, out string) error {
	dir := filepath.Join(shared, "countries")
	var i18n struct {
		Countries map[string]json.RawMessage `json:"countries"`
	}
	if err := readJSON(filepath.Join(dir, "i18n-iso-countries_7.14.0_ar.json"), &i18n); err != nil {
		return err
	}
	var cldr struct {
		Main struct {
			Ar struct {
				LocaleDisplayNames struct {
					Territories map[string]string `json:"territories"`
				} `json:"localeDisplayNames"`
			} `json:"ar"`
		} `json:"main"`
	}
	if err := readJSON(filepath.Join(dir, "cldr-48.2.0_ar_territories.json"), &cldr); err != nil {
		return err
	}
	names := map[string][]string{}
	add := func(cc, name string) {
		name = strings.Join(strings.Fields(name), " ")
		if name == "" {
			return
		}
		for _, n := range names[cc] {
			if n == name {
				return
			}
		}
		names[cc] = append(names[cc], name)
	}
	for cc, raw := range i18n.Countries {
		var one string
		var many []string
		if json.Unmarshal(raw, &one) == nil {
			add(cc, one)
		} else if err := json.Unmarshal(raw, &many); err == nil {
			for _, n := range many {
				add(cc, n)
			}
		} else {
			return fmt.Errorf("i18n-iso-countries: %s: %v", cc, err)
		}
	}
	terr := cldr.Main.Ar.LocaleDisplayNames.Territories
	keys := make([]string, 0, len(terr))
	for k := range terr {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		cc, _, _ := strings.Cut(k, "-")
		if len(cc) != 2 || names[cc] == nil { // regions (001, 145…) and codes i18n lacks (EU, QO…)
			continue
		}
		add(cc, terr[k])
	}
	ccs := make([]string, 0, len(names))
	for cc := range names {
		ccs = append(ccs, cc)
	}
	sort.Strings(ccs)
	var b strings.Builder
	b.WriteString(`# marsad knowledge base — Arabic country names (generated by go run ./tools/genkb; do not edit:
# add spellings in places.tsv instead, on the row whose id is the lower-case country code).
# Sources and licences:
#   i18n-iso-countries 7.14.0 (npm), langs/ar.json — MIT License, Copyright (c) Michael Wittig
#   Unicode CLDR 48.2.0 (npm cldr-localenames-full), main/ar/territories.json —
#     Unicode License v3, Copyright © 2004-2026 Unicode, Inc. (notice in NOTICE)
# Changed by marsad: the two lists joined by ISO 3166-1 alpha-2 code; spaces normalised.
iso2	name_ar	aliases_ar
`)
	for _, cc := range ccs {
		n := names[cc]
		fmt.Fprintf(&b, "%s\t%s\t%s\n", cc, n[0], strings.Join(n[1:], "|"))
	}
	return writeFile(filepath.Join(out, "countries.tsv"), b.String())
}

func genCountriesODbL(shared, out string) error {
	dir := filepath.Join(shared, "countries")
	var wc []struct {
		Name struct {
			Common   string `json:"common"`
			Official string `json:"official"`
		} `json:"name"`
		CCA2         string    `json:"cca2"`
		CCA3         string    `json:"cca3"`
		Capital      []string  `json:"capital"`
		LatLng       []float64 `json:"latlng"`
		Borders      []string  `json:"borders"`
		Translations map[string]struct {
			Common   string `json:"common"`
			Official string `json:"official"`
		} `json:"translations"`
	}
	if err := readJSON(filepath.Join(dir, "world-countries_5.1.0_countries.json"), &wc); err != nil {
		return err
	}
	cca2 := map[string]string{}
	for _, c := range wc {
		cca2[c.CCA3] = c.CCA2
	}
	sort.Slice(wc, func(i, j int) bool { return wc[i].CCA2 < wc[j].CCA2 })
	var b strings.Builder
	b.WriteString(`# marsad knowledge base — countries: English and Arabic names, centroids, capitals, land borders
# (generated by go run ./tools/genkb; do not edit).
# Source: world-countries 5.1.0 (npm), countries.json, by Mohammed Le Doze and contributors.
# Licence: Open Database License (ODbL) 1.0 — this file is a derived database and is
#   itself made available under the ODbL 1.0; see countries-odbl.LICENSE.txt beside it.
# Changed by marsad: selected fields; borders given as ISO 3166-1 alpha-2 codes.
iso2	iso3	name_en	official_en	name_ar	official_ar	lat	lon	capital	borders
`)
	for _, c := range wc {
		if len(c.LatLng) != 2 {
			return fmt.Errorf("world-countries: %s: no latlng", c.CCA2)
		}
		var borders []string
		for _, x := range c.Borders {
			if cc, ok := cca2[x]; ok {
				borders = append(borders, cc)
			}
		}
		sort.Strings(borders)
		ara := c.Translations["ara"]
		fmt.Fprintf(&b, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", c.CCA2, c.CCA3,
			tsvSafe(c.Name.Common), tsvSafe(c.Name.Official), tsvSafe(ara.Common), tsvSafe(ara.Official),
			strconv.FormatFloat(c.LatLng[0], 'f', -1, 64), strconv.FormatFloat(c.LatLng[1], 'f', -1, 64),
			tsvSafe(strings.Join(c.Capital, "; ")), strings.Join(borders, "|"))
	}
	if err := writeFile(filepath.Join(out, "countries-odbl.tsv"), b.String()); err != nil {
		return err
	}
	lic, err := os.ReadFile(filepath.Join(dir, "world-countries_LICENSE.txt"))
	if err != nil {
		return err
	}
	return writeFile(filepath.Join(out, "countries-odbl.LICENSE.txt"), string(lic))
}

// --- first names ------------------------------------------------------------

func genFirstNames(shared, out string) error {
	f, err := os.Open(filepath.Join(shared, "person-names", "arabic-name-to-en_1.0.6_names.tsv"))
	if err != nil {
		return err
	}
	defer f.Close()
	seen := map[string]bool{}
	var names []string
	sc := bufio.NewScanner(f)
	first := true
	for sc.Scan() {
		if first {
			first = false
			continue
		}
		name, _, _ := strings.Cut(sc.Text(), "\t")
		name, _ = cleanArabic(name)
		// entries with the article are surnames (الحربي), parts of
		// compound names (الدين, الله) or places (النجف), not given
		// names; as given names they would make the places so named
		// weak (kb weakness)
		if name == "" || seen[name] || strings.HasPrefix(name, "ال") {
			continue
		}
		seen[name] = true
		names = append(names, name)
	}
	if err := sc.Err(); err != nil {
		return err
	}
	sort.Strings(names)
	var b strings.Builder
	b.WriteString(`# marsad knowledge base — Arabic given names, one per line (generated by go run ./tools/genkb; do not edit).
# Source: arabic-name-to-en 1.0.6 (npm), cases/fullnamedb.js — the Arabic column only,
# without the entries that begin with the article (surnames, الدين, النجف).
# Licence: ISC License (notice in NOTICE).
`)
	for _, n := range names {
		b.WriteString(n)
		b.WriteByte('\n')
	}
	return writeFile(filepath.Join(out, "first-names.txt"), b.String())
}

// --- helpers ----------------------------------------------------------------

func readJSON(path string, v any) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := json.NewDecoder(f).Decode(v); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

func writeFile(path, content string) error {
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, []byte(content), 0o644); err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		return err
	}
	_, err := io.WriteString(os.Stdout, "wrote "+path+"\n")
	return err
}
