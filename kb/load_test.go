package kb

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDefaultLoads(t *testing.T) {
	k, err := Load("")
	if err != nil {
		t.Fatal(err)
	}
	if len(k.Places()) == 0 || len(k.Actors()) == 0 {
		t.Fatalf("empty knowledge base: %d places, %d actors", len(k.Places()), len(k.Actors()))
	}
	for _, f := range k.Files() {
		if f.Rows == 0 {
			t.Errorf("%s: no rows", f.Name)
		}
	}
	// every correction in places.tsv finds its GeoNames place: a typo in
	// a geonameid would leave one unused
	for _, u := range k.Unused() {
		t.Errorf("unused correction %s", u)
	}
}

func writeDir(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const placeHeader = "id\tname_ar\taliases_ar\tname_en\taliases_en\tkind\tcountry\tin\tadm1\tlat\tlon\tpopulation\n"
const actorHeader = "id\tname_ar\taliases_ar\tname_en\taliases_en\tkind\tcountry\tparent\twikidata\n"

const forcesHeader = "id\tname_ar\taliases_ar\tname_en\taliases_en\tkind\tcountry\tparent\twikidata\tnamed\tforces\n"

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  string // substring of the error
	}{
		{"bad latitude", map[string]string{"places-x.tsv": placeHeader +
			"x-town\tبلدة\t\tTown\t\ttown\tSY\t\t\t95\t36\t\n"}, "places-x.tsv:2: lat: \"95\" is not a latitude"},
		{"comment lines keep line numbers", map[string]string{"places-x.tsv": "# a comment\n\n" + placeHeader +
			"x-town\tبلدة\t\tTown\t\tvillage\tSY\t\t\t35\tabc\t\n"}, "places-x.tsv:4: lon:"},
		{"unknown kind", map[string]string{"places-x.tsv": placeHeader +
			"x-town\tبلدة\t\tTown\t\thamlet\tSY\t\t\t35\t36\t\n"}, "kind: \"hamlet\" is not a place kind"},
		{"unknown country", map[string]string{"places-x.tsv": placeHeader +
			"x-town\tبلدة\t\tTown\t\ttown\tXX\t\t\t35\t36\t\n"}, "country: XX is not a known country"},
		{"missing in", map[string]string{"places-x.tsv": placeHeader +
			"x-town\tبلدة\t\tTown\t\ttown\t\tnowhere\t\t35\t36\t\n"}, "in: no place with id \"nowhere\""},
		{"duplicate id", map[string]string{"places-x.tsv": placeHeader +
			"x-town\tبلدة\t\tTown\t\ttown\tSY\t\t\t35\t36\t\n" +
			"x-town\tبلدة\t\tTown\t\ttown\tSY\t\t\t35\t36\t\n"}, "places-x.tsv:3: id: x-town is already defined on line 2"},
		{"bad slug", map[string]string{"places-x.tsv": placeHeader +
			"X_Town\tبلدة\t\tTown\t\ttown\tSY\t\t\t35\t36\t\n"}, "is neither a geonameid nor a slug"},
		{"new place without coordinates", map[string]string{"places-x.tsv": placeHeader +
			"x-town\tبلدة\t\tTown\t\ttown\tSY\t\t\t\t\t\n"}, "places-x.tsv:2: lat:"},
		{"two-letter id", map[string]string{"places-x.tsv": placeHeader +
			"zz\tبلدة\t\tTown\t\ttown\tSY\t\t\t35\t36\t\n"}, "two-letter ids are for countries"},
		{"too many fields", map[string]string{"places-x.tsv": placeHeader +
			"x-town\tبلدة\t\tTown\t\ttown\tSY\t\t\t35\t36\t\textra\n"}, "13 fields, but the header names 12"},
		{"misspelt column", map[string]string{"places-x.tsv": strings.Replace(placeHeader, "aliases_en", "alias_en", 1)}, "alias_en: unknown column"},
		{"missing column", map[string]string{"places-x.tsv": strings.Replace(placeHeader, "\tlat", "", 1)}, "lat: required column missing"},
		{"taking away a name a place lacks", map[string]string{"places-x.tsv": placeHeader +
			"99072\t\t-بغداد\t\t\t\t\t\t\t\t\t\n"}, "places-x.tsv:2: aliases_ar: \"-بغداد\": 99072 has no name \"بغداد\" to take away"},
		{"actor kind", map[string]string{"actors-x.tsv": actorHeader +
			"x-group\tجماعة\t\tGroup\t\tterrorists\t\t\t\n"}, "actors-x.tsv:2: kind: \"terrorists\" is not an actor kind"},
		{"actor wikidata", map[string]string{"actors-x.tsv": actorHeader +
			"x-group\tجماعة\t\tGroup\t\trebel_group\t\t\t12345\n"}, "wikidata: \"12345\" is not a Wikidata id"},
		{"everyday-word mark in an alias", map[string]string{"actors-x.tsv": actorHeader +
			"x-group\tجماعة\t!الحر\tGroup\t\trebel_group\t\t\t\n"}, "actors-x.tsv:2: aliases_ar: \"!الحر\": an everyday word is marked ! in weak-names.txt"},
		{"a second actor for a country's forces", map[string]string{"actors-x.tsv": forcesHeader +
			"x-army\tجيش\t\tArmy\t\tstate_forces\tIL\t\t\t\tyes\n"}, "actors-x.tsv:2: forces: IL already has its forces: il-idf"},
		{"forces of no country", map[string]string{"actors-x.tsv": forcesHeader +
			"x-army\tجيش\t\tArmy\t\tstate_forces\t\t\t\t\tyes\n"}, "actors-x.tsv:2: forces: the forces of a country are an armed actor of that country"},
		{"actor parent", map[string]string{"actors-x.tsv": actorHeader +
			"x-group\tجماعة\t\tGroup\t\trebel_group\t\tno-such-group\t\n"}, "parent: no actor with id \"no-such-group\""},
		{"actor duplicate across files", map[string]string{"actors-x.tsv": actorHeader +
			"islamic-state\tجماعة\t\tGroup\t\trebel_group\t\t\t\n"}, "islamic-state is already defined at actors.tsv:"},
		{"invalid UTF-8", map[string]string{"places-x.tsv": placeHeader +
			"x-town\t\xff\xfe\t\tTown\t\ttown\tSY\t\t\t35\t36\t\n"}, "places-x.tsv:2: not valid UTF-8"},
		{"no header", map[string]string{"places-x.tsv": "# only a comment\n"}, "places-x.tsv: no header line"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(writeDir(t, tt.files))
			if err == nil {
				t.Fatalf("no error, want %q", tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %q\nwant it to contain %q", err, tt.want)
			}
		})
	}
}

func TestOverlay(t *testing.T) {
	dir := writeDir(t, map[string]string{
		"places-local.tsv": placeHeader +
			"x-hamlet\tعزبة التجربة\tالتجربة\tTest Hamlet\t\tvillage\t\tsy-aleppo\t\t36.2\t37.1\t120\n" +
			// a correction to a GeoNames place: one more spelling
			"99072\t\tالموصل الحدباء\t\t\t\t\t\t\t\t\t\n" +
			// and a name taken away
			"172374\t\t-مدينة الثورة\t\t\t\t\t\t\t\t\t\n",
	})
	k, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	p := k.Place("x-hamlet")
	if p == nil {
		t.Fatal("x-hamlet not loaded")
	}
	if p.Country != "SY" || p.Admin1Ref != "place:sy-aleppo" {
		t.Errorf("x-hamlet: country %q admin1 %q, want SY in place:sy-aleppo", p.Country, p.Admin1Ref)
	}
	if !k.Within("x-hamlet", "sy") || !k.Within("x-hamlet", "sy-aleppo") || k.Within("x-hamlet", "iq") {
		t.Error("Within is wrong for x-hamlet")
	}
	cs := k.LookupPlace("الموصل الحدباء")
	if len(cs) == 0 || cs[0].Place.Ref != "place:99072" {
		t.Errorf("added alias of Mosul not found: %+v", cs)
	}
	for _, c := range k.LookupPlace("مدينة الثورة") {
		if c.Place.Ref == "place:172374" {
			t.Errorf("مدينة الثورة still names Tabqa: %+v", c)
		}
	}
	if cs := k.LookupPlace("الطبقة"); len(cs) == 0 || cs[0].Place.Ref != "place:172374" {
		t.Errorf("Tabqa lost its other names: %+v", cs)
	}
	found := false
	for _, f := range k.Files() {
		if f.Name == "places-local.tsv" && f.Origin == dir {
			found = true
		}
	}
	if !found {
		t.Errorf("Files() does not list the overlay: %+v", k.Files())
	}
}
