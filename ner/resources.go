package ner

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/marsad/marsad/ner/wordclust"
)

// NameList is a gazetteer: names of one class ("LOC", "ORG", "PER",
// "FIRST" for given names, "COUNTRY").
type NameList struct {
	Source string // where it came from, for the model card
	Class  string
	Names  []string
}

// Resources are what training bakes into a model besides the weights.
type Resources struct {
	Clusters []*wordclust.Result // each adds its granularities (maxLevels in all)
	Lists    []NameList
}

func classBit(c string) uint8 {
	switch c {
	case "LOC":
		return gazLOC
	case "ORG":
		return gazORG
	case "PER":
		return gazPER
	case "FIRST":
		return gazFirst
	case "COUNTRY":
		return gazCountry | gazLOC
	}
	return 0
}

func (r *Resources) lexicon() *lexicon {
	lx := newLexicon()
	if r == nil {
		return lx
	}
	from := 0
	for _, c := range r.Clusters {
		cl := make([]int32, len(c.Clusters))
		for i, w := range c.Words {
			for j := range cl {
				cl[j] = c.Clusters[j][i]
			}
			lx.addCluster(w, c.Counts[i], from, cl)
		}
		from += len(c.Clusters)
	}
	for _, l := range r.Lists {
		b := classBit(l.Class)
		for _, n := range l.Names {
			lx.addName(n, b)
		}
	}
	lx.names = learnNameModel(lx)
	return lx
}

// clusterWords counts the words that have a cluster in any of the files.
func (r *Resources) clusterWords() int {
	if r == nil {
		return 0
	}
	seen := map[string]bool{}
	for _, c := range r.Clusters {
		for _, w := range c.Words {
			seen[w] = true
		}
	}
	return len(seen)
}

func (r *Resources) gazWords(lx *lexicon) int {
	n := 0
	for _, e := range lx.words {
		if e.gaz != 0 {
			n++
		}
	}
	return n
}

func (r *Resources) gazPhrases(lx *lexicon) int {
	n := 0
	for _, c := range lx.phrases {
		if c != 0 {
			n++
		}
	}
	return n
}

// LoadClusters reads a file written by "marsad train clusters".
func LoadClusters(path string) (*wordclust.Result, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return wordclust.Read(f)
}

// SharedLists reads the name lists marsad may bake into a model from a
// ../shared/data directory. Which ones: "geonames" (GeoNames Arabic town
// names, CC BY 4.0), "countries" (i18n-iso-countries, MIT, and CLDR
// territories, Unicode licence), "firstnames" (arabic-name-to-en, ISC), and
// the research-only "anergazet" (ANERgazet LOC/ORG/PER lists); "kb=DIR"
// reads the names of a knowledge-base data directory (kb/data: actors*.tsv,
// places*.tsv, geonames*.tsv, countries.tsv).
func SharedLists(dataDir string, which []string) ([]NameList, error) {
	var out []NameList
	for _, w := range which {
		var ls []NameList
		var err error
		switch w {
		case "geonames":
			ls, err = readGeonamesPO(filepath.Join(dataDir, "geonames-cities15000", "geonames_ar.po"))
		case "countries":
			ls, err = readCountries(dataDir)
		case "firstnames":
			ls, err = readFirstNames(filepath.Join(dataDir, "person-names", "arabic-name-to-en_1.0.6_names.tsv"))
		case "anergazet":
			ls, err = readANERgazet(filepath.Join(dataDir, "anergazet"))
		default:
			if dir, ok := strings.CutPrefix(w, "kb="); ok {
				ls, err = readKBDir(dir)
				break
			}
			return nil, fmt.Errorf("ner: unknown name list %q", w)
		}
		if err != nil {
			return nil, fmt.Errorf("ner: list %s: %w", w, err)
		}
		out = append(out, ls...)
	}
	return out, nil
}

func hasArabic(s string) bool {
	for _, r := range s {
		if isArabicLetter(r) {
			return true
		}
	}
	return false
}

func readGeonamesPO(path string) ([]NameList, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	l := NameList{Source: "GeoNames cities15000 Arabic names (CC BY 4.0)", Class: "LOC"}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		t := sc.Text()
		if !strings.HasPrefix(t, "msgstr ") {
			continue
		}
		v, err := strconv.Unquote(strings.TrimPrefix(t, "msgstr "))
		if err != nil || !hasArabic(v) {
			continue
		}
		l.Names = append(l.Names, v)
	}
	return []NameList{l}, sc.Err()
}

func readCountries(dataDir string) ([]NameList, error) {
	var out []NameList
	b, err := os.ReadFile(filepath.Join(dataDir, "countries", "i18n-iso-countries_7.14.0_ar.json"))
	if err != nil {
		return nil, err
	}
	var iso struct {
		Countries map[string]json.RawMessage `json:"countries"`
	}
	if err := json.Unmarshal(b, &iso); err != nil {
		return nil, err
	}
	l := NameList{Source: "i18n-iso-countries 7.14.0 Arabic (MIT)", Class: "COUNTRY"}
	for _, raw := range iso.Countries {
		var one string
		var many []string
		if json.Unmarshal(raw, &one) == nil {
			l.Names = append(l.Names, one)
		} else if json.Unmarshal(raw, &many) == nil {
			l.Names = append(l.Names, many...)
		}
	}
	sort.Strings(l.Names)
	out = append(out, l)
	b, err = os.ReadFile(filepath.Join(dataDir, "countries", "cldr-48.2.0_ar_territories.json"))
	if err != nil {
		return nil, err
	}
	var cldr struct {
		Main map[string]struct {
			LDN struct {
				Territories map[string]string `json:"territories"`
			} `json:"localeDisplayNames"`
		} `json:"main"`
	}
	if err := json.Unmarshal(b, &cldr); err != nil {
		return nil, err
	}
	l = NameList{Source: "CLDR 48.2 Arabic territory names (Unicode licence)", Class: "LOC"}
	for code, name := range cldr.Main["ar"].LDN.Territories {
		if strings.Contains(code, "-alt-") || !hasArabic(name) {
			continue
		}
		l.Names = append(l.Names, name)
	}
	sort.Strings(l.Names)
	out = append(out, l)
	return out, nil
}

func readFirstNames(path string) ([]NameList, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	l := NameList{Source: "arabic-name-to-en 1.0.6 given names (ISC)", Class: "FIRST"}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		ar, _, _ := strings.Cut(sc.Text(), "\t")
		if hasArabic(ar) {
			l.Names = append(l.Names, strings.TrimSpace(ar))
		}
	}
	return []NameList{l}, sc.Err()
}

func readANERgazet(dir string) ([]NameList, error) {
	var out []NameList
	for _, x := range []struct{ file, class string }{
		{"AlignedLocGazetteer.txt", "LOC"}, {"AlignedOrgGazetteer.txt", "ORG"}, {"AlignedPersGazetteer.txt", "PER"},
	} {
		b, err := os.ReadFile(filepath.Join(dir, x.file))
		if err != nil {
			return nil, err
		}
		l := NameList{Source: "ANERgazet " + x.file + " (research use only)", Class: x.class}
		for _, line := range strings.Split(string(b), "\n") {
			line = strings.TrimFunc(line, func(r rune) bool { return unicode.IsSpace(r) || r == 0x200e || r == 0x200f || r == 0xfeff })
			if line == "" || strings.Trim(line, "=*") == "" || !hasArabic(line) {
				continue
			}
			l.Names = append(l.Names, line)
		}
		out = append(out, l)
	}
	return out, nil
}

// readKBDir reads the names of a knowledge-base data directory (kb/data
// formats): actors (persons as PER, the others as ORG) and places (LOC).
func readKBDir(dir string) ([]NameList, error) {
	per := NameList{Source: "kb actors (persons)", Class: "PER"}
	org := NameList{Source: "kb actors (organisations)", Class: "ORG"}
	loc := NameList{Source: "kb places", Class: "LOC"}
	files, _ := filepath.Glob(filepath.Join(dir, "*.tsv"))
	if len(files) == 0 {
		return nil, fmt.Errorf("no *.tsv files in %s", dir)
	}
	sort.Strings(files)
	for _, f := range files {
		base := filepath.Base(f)
		if strings.HasPrefix(base, "countries-odbl") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		var cols map[string]int
		for _, line := range strings.Split(string(b), "\n") {
			if line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			fs := strings.Split(line, "\t")
			if cols == nil && !strings.HasPrefix(base, "countries") {
				cols = map[string]int{}
				for i, c := range fs {
					cols[c] = i
				}
				continue
			}
			get := func(c string) string {
				if i, ok := cols[c]; ok && i < len(fs) {
					return fs[i]
				}
				return ""
			}
			var names []string
			if strings.HasPrefix(base, "countries") {
				names = fs[1:]
			} else {
				names = append([]string{get("name_ar")}, strings.Split(get("aliases_ar"), "|")...)
			}
			dst := &loc
			if strings.HasPrefix(base, "actors") {
				dst = &org
				if get("kind") == "person" {
					dst = &per
				}
			}
			for _, n := range names {
				for _, v := range strings.Split(n, "|") {
					v = strings.TrimPrefix(strings.TrimSpace(v), "~")
					if hasArabic(v) {
						dst.Names = append(dst.Names, v)
					}
				}
			}
		}
	}
	return []NameList{loc, org, per}, nil
}
