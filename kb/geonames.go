package kb

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// ImportOptions control ImportGeoNames.
type ImportOptions struct {
	// Countries, when set, keeps only places in these ISO codes.
	Countries map[string]bool
	// Languages are the alternate-name languages read as Arabic names;
	// nil means just "ar".
	Languages []string
	// Source names the input in the written file's header.
	Source string
}

// ImportStats says what an import read and wrote.
type ImportStats struct {
	AltNames   int            // Arabic alternate names read
	Rows       int            // rows of allCountries read
	Written    int            // places written
	ByKind     map[string]int // places written by kind
	BadLines   int            // lines that could not be read (skipped)
	FirstError string         // the first of those, with its line number
}

// ImportGeoNames reads the GeoNames dumps — alternateNamesV2.txt (or
// alternateNames.txt) first, then allCountries.txt (or a country file such
// as SY.txt) — streaming both, and writes to w a gazetteer in the format of
// geonames.tsv: every populated place, first-level and second-level
// division, region and conflict-relevant site (airports and air bases,
// prisons, camps, border posts, military bases, oil fields, dams, ports,
// mosques, squares) that has an Arabic name, plus every first-level
// division so that towns can be placed in theirs. Countries are left out:
// countries.tsv has them. Malformed lines are counted and skipped.
//
// Only the Arabic names are held in memory (a few hundred thousand for the
// whole world); allCountries is never held.
func ImportGeoNames(ctx context.Context, allCountries, altNames io.Reader, w io.Writer, o ImportOptions) (*ImportStats, error) {
	st := &ImportStats{ByKind: map[string]int{}}
	langs := map[string]bool{"ar": true}
	if o.Languages != nil {
		langs = map[string]bool{}
		for _, l := range o.Languages {
			langs[l] = true
		}
	}
	bad := func(file string, line int, msg string) {
		st.BadLines++
		if st.FirstError == "" {
			st.FirstError = fmt.Sprintf("%s:%d: %s", file, line, msg)
		}
	}
	type arName struct {
		name      string
		preferred bool
	}
	names := map[int64][]arName{}
	err := eachLine(ctx, altNames, func(line int, s string) {
		c := strings.Split(s, "\t")
		if len(c) < 4 {
			bad("alternateNames", line, fmt.Sprintf("%d columns, want at least 4", len(c)))
			return
		}
		if !langs[c[2]] {
			return
		}
		if len(c) > 7 && c[7] == "1" { // historic
			return
		}
		id, err := strconv.ParseInt(c[1], 10, 64)
		if err != nil || id <= 0 {
			bad("alternateNames", line, fmt.Sprintf("geonameid %q", c[1]))
			return
		}
		n := cleanArabicName(c[3])
		if n == "" {
			return
		}
		st.AltNames++
		names[id] = append(names[id], arName{n, len(c) > 4 && c[4] == "1"})
	})
	if err != nil {
		return st, fmt.Errorf("alternate names: %w", err)
	}
	bw := bufio.NewWriter(w)
	src := o.Source
	if src == "" {
		src = "the GeoNames dumps allCountries and alternateNamesV2"
	}
	fmt.Fprintf(bw, `# marsad knowledge base — places from GeoNames, written by marsad kb import-geonames.
# Source: %s (https://download.geonames.org/export/dump/).
# Licence: Creative Commons Attribution 4.0 (CC BY 4.0), https://creativecommons.org/licenses/by/4.0/
# Attribution: data from GeoNames, https://www.geonames.org/ — selected and reshaped by marsad.
geonameid	name_ar	aliases_ar	name_en	kind	country	adm1	admin1	population	lat	lon
`, tsvField(src))
	err = eachLine(ctx, allCountries, func(line int, s string) {
		c := strings.Split(s, "\t")
		if len(c) < 15 {
			bad("allCountries", line, fmt.Sprintf("%d columns, want 19", len(c)))
			return
		}
		st.Rows++
		id, err := strconv.ParseInt(c[0], 10, 64)
		if err != nil || id <= 0 {
			bad("allCountries", line, fmt.Sprintf("geonameid %q", c[0]))
			return
		}
		cc := c[8]
		if o.Countries != nil && !o.Countries[cc] {
			return
		}
		pop, _ := strconv.ParseInt(c[14], 10, 64)
		kind := featureKind(c[6], c[7], pop)
		if kind == "" {
			return
		}
		ar := names[id]
		if len(ar) == 0 && kind != KindAdmin1 {
			return
		}
		lat, err1 := strconv.ParseFloat(c[4], 64)
		lon, err2 := strconv.ParseFloat(c[5], 64)
		if err1 != nil || err2 != nil || lat < -90 || lat > 90 || lon < -180 || lon > 180 {
			bad("allCountries", line, fmt.Sprintf("coordinates %q %q", c[4], c[5]))
			return
		}
		if len(cc) != 2 || strings.ToUpper(cc) != cc {
			bad("allCountries", line, fmt.Sprintf("country %q", cc))
			return
		}
		// the preferred Arabic name first, then the others
		sort.SliceStable(ar, func(i, j int) bool { return ar[i].preferred && !ar[j].preferred })
		var list []string
		seen := map[string]bool{}
		for _, n := range ar {
			if k := key(n.name); !seen[k] {
				seen[k] = true
				list = append(list, n.name)
			}
		}
		primary, aliases := "", ""
		if len(list) > 0 {
			primary, aliases = list[0], strings.Join(list[1:], "|")
		}
		name := tsvField(c[1])
		if name == "" {
			bad("allCountries", line, "no name")
			return
		}
		if pop < 0 {
			pop = 0
		}
		fmt.Fprintf(bw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t\t%d\t%s\t%s\n", id, primary, aliases, name, kind, cc,
			tsvField(c[10]), pop, strconv.FormatFloat(lat, 'f', -1, 64), strconv.FormatFloat(lon, 'f', -1, 64))
		st.Written++
		st.ByKind[kind]++
	})
	if err != nil {
		return st, fmt.Errorf("allCountries: %w", err)
	}
	return st, bw.Flush()
}

// featureKind maps a GeoNames feature class and code to a place kind, ""
// for features the knowledge base does not keep.
func featureKind(class, code string, pop int64) string {
	switch class {
	case "A":
		switch code {
		case "ADM1":
			return KindAdmin1
		case "ADM2":
			return KindAdmin2
		}
	case "P":
		switch code {
		case "PPLH", "PPLQ", "PPLW", "PPLCH":
			return "" // historical, abandoned, destroyed
		case "PPLX":
			return KindSite // a section of a town: a neighbourhood
		}
		switch {
		case pop >= 100000 || code == "PPLC":
			return KindCity
		case pop >= 15000 || code == "PPLA" || code == "PPLA2":
			return KindTown
		}
		return KindVillage
	case "L":
		switch code {
		case "RGN", "AREA", "OAS", "RGNE":
			return KindRegion
		case "OILF", "GASF", "MILB", "CMPRF":
			return KindSite
		}
	case "S":
		switch code {
		case "AIRB", "AIRF", "AIRP", "AIRH", "PRN", "PSTB", "MILB", "INSM", "CMP", "CMPRF", "DAM",
			"PRT", "PIER", "MSQE", "SQR", "OILR", "OILW", "OILP", "PS", "RFY", "HSP", "BDG", "CSTL", "FT":
			return KindSite
		}
	case "T":
		switch code {
		case "MT", "MTS", "VAL", "PLAT", "PLN", "ISL", "ISLS", "PEN", "DSRT", "HLLS", "HLL", "RDGE":
			return KindRegion
		}
	}
	return ""
}

// eachLine calls fn for each line of r (numbered from 1), stopping when
// ctx is done. Lines may be long; comments (#) and blank lines are skipped.
func eachLine(ctx context.Context, r io.Reader, fn func(line int, s string)) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 256*1024), 16<<20)
	line := 0
	for sc.Scan() {
		line++
		if line%65536 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		s := strings.TrimRight(sc.Text(), "\r")
		if s == "" || s[0] == '#' {
			continue
		}
		fn(line, s)
	}
	return sc.Err()
}

// cleanArabicName returns an Arabic name fit for the gazetteer: without
// direction marks, parentheses, or a trailing comma; "" when it is not
// written in Arabic letters.
func cleanArabicName(v string) string {
	v = strings.Map(func(r rune) rune {
		switch r {
		case '\u200e', '\u200f', '\u200c', '\u200d', '\ufeff', '\u061c', '\t', '|', '~', '!':
			return -1
		}
		return r
	}, v)
	if i := strings.IndexAny(v, "(,،"); i >= 0 {
		v = v[:i]
	}
	v = strings.Join(strings.Fields(v), " ")
	if v == "" {
		return ""
	}
	for _, r := range v {
		if r != ' ' && r != '-' && r != '\'' && !unicode.Is(unicode.Arabic, r) {
			return ""
		}
	}
	return v
}

// tsvField makes a value safe for a TSV cell and a |-list.
func tsvField(s string) string {
	return strings.TrimSpace(strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' || r == '|' {
			return ' '
		}
		return r
	}, s))
}
