package kb

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A few lines in the shape of the GeoNames dumps, written by the tests.
const testAllCountries = `99072	Mosul	Mosul	Mossoul,Mosul	36.335	43.11889	P	PPLA	IQ		15				664		Asia/Baghdad	2020-01-01
172256	Ayn al Arab	Ayn al Arab	Kobani	36.89095	38.35398	P	PPL	SY		09				500		Asia/Damascus	2020-01-01
9999001	Tall Abyad	Tall Abyad	Tel Abyad	36.6975	38.9567	P	PPL	SY		04		0		350		Asia/Damascus	2020-01-01
9999002	Qaryat al Ikhtibar	Qaryat al Ikhtibar		35.1	38.2	P	PPL	SY		04		120		300		Asia/Damascus	2020-01-01
9999003	Ayn al Asad Air Base	Ayn al Asad Air Base		33.8	42.44	S	AIRB	IQ		01		0		200		Asia/Baghdad	2020-01-01
9999004	Nowhere Hill	Nowhere Hill		35.0	38.0	T	HLL	SY		04		0		400		Asia/Damascus	2020-01-01
9999005	Muhafazat ar Raqqah	Muhafazat ar Raqqah		35.9	38.9	A	ADM1	SY		04		944000		300		Asia/Damascus	2020-01-01
9999006	Somewhere Else	Somewhere Else		48.1	11.5	P	PPL	DE		02		50000		500		Europe/Berlin	2020-01-01
9999007	Old Town	Old Town		35.2	38.3	P	PPLH	SY		04		0		300		Asia/Damascus	2020-01-01
short line
9999008	Bad Coords	Bad Coords		north	38.3	P	PPL	SY		04		0		300		Asia/Damascus	2020-01-01
`

const testAltNames = `1	99072	ar	الموصل	1				
2	99072	en	Mosul					
3	9999001	ar	تل أبيض					
4	9999002	ar	قرية الاختبار					
5	9999002	ar	‏الاختبار‏					
6	9999003	ar	قاعدة عين الأسد الجوية					
7	9999004	ar	تلة لا مكان					
8	9999006	ar	مكان ما					
9	9999007	ar	البلدة القديمة				1	
10	9999008	ar	إحداثيات					
11	9999009	ar	Latin only					
12	abc	ar	خطأ					
`

func TestImportGeoNames(t *testing.T) {
	var out bytes.Buffer
	st, err := ImportGeoNames(context.Background(), strings.NewReader(testAllCountries), strings.NewReader(testAltNames), &out,
		ImportOptions{Countries: map[string]bool{"SY": true, "IQ": true}, Source: "test dumps"})
	if err != nil {
		t.Fatal(err)
	}
	// written: Mosul, Tall Abyad, Qaryat al Ikhtibar, the air base, the hill, the ADM1
	// (Kobani has no Arabic name here; Germany is filtered out; the
	// historical town and the bad line are left out)
	if st.Written != 6 || st.BadLines != 3 || st.ByKind[KindSite] != 1 || st.ByKind[KindAdmin1] != 1 {
		t.Errorf("stats %+v\n%s", st, out.String())
	}
	if !strings.Contains(st.FirstError, "alternateNames:12:") {
		t.Errorf("first error %q should name alternateNames line 12", st.FirstError)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "geonames.tsv"), out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	k, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	// the imported file replaces the embedded one
	if k.Place("170063") != nil {
		t.Error("Aleppo from the embedded geonames.tsv should be gone")
	}
	// hand-written corrections to GeoNames ids still apply
	if p := k.Place("99072"); p == nil || p.Admin1Ref != "place:iq-nineveh" {
		t.Errorf("Mosul: %+v", p)
	}
	// a village GeoNames has and the hand data does not
	cs := k.LookupPlace("قرية الاختبار")
	if len(cs) == 0 || cs[0].Place.Ref != "place:9999002" || cs[0].Place.Kind != KindVillage {
		t.Errorf("imported village not found: %+v", cs)
	}
	if p := k.Place("9999002"); p.Admin1Ref != "place:sy-raqqa" || p.Country != "SY" {
		t.Errorf("imported village: admin1 %q", p.Admin1Ref)
	}
	// GeoNames' Tall Abyad is the hand-written sy-tal-abyad: absorbed, its
	// ref an alias
	if p := k.Place("9999001"); p == nil || p.Ref != "place:sy-tal-abyad" || p.GeonameID != 9999001 {
		t.Errorf("Tall Abyad should be absorbed into sy-tal-abyad: %+v", p)
	}
	// so is the province with the same admin1 code
	if p := k.Place("9999005"); p == nil || p.Ref != "place:sy-raqqa" {
		t.Errorf("the ADM1 should be absorbed into sy-raqqa: %+v", p)
	}
	if n := countRefs(k.LookupPlace("تل أبيض")); n != 1 {
		t.Errorf("تل أبيض has %d candidates after the import, want 1", n)
	}
}

func countRefs(cs []Candidate) int {
	seen := map[string]bool{}
	for _, c := range cs {
		seen[c.Place.Ref] = true
	}
	return len(seen)
}

func TestFeatureKind(t *testing.T) {
	tests := []struct {
		class, code string
		pop         int64
		want        string
	}{
		{"P", "PPLC", 5000, KindCity},
		{"P", "PPL", 150000, KindCity},
		{"P", "PPLA2", 9000, KindTown},
		{"P", "PPL", 20000, KindTown},
		{"P", "PPL", 800, KindVillage},
		{"P", "PPLX", 0, KindSite},
		{"P", "PPLQ", 0, ""},
		{"A", "ADM1", 0, KindAdmin1},
		{"A", "ADM2", 0, KindAdmin2},
		{"A", "PCLI", 0, ""},
		{"S", "AIRB", 0, KindSite},
		{"S", "PRN", 0, KindSite},
		{"S", "HTL", 0, ""},
		{"L", "OILF", 0, KindSite},
		{"L", "RGN", 0, KindRegion},
		{"T", "MT", 0, KindRegion},
		{"H", "STM", 0, ""},
	}
	for _, tt := range tests {
		if got := featureKind(tt.class, tt.code, tt.pop); got != tt.want {
			t.Errorf("featureKind(%s, %s, %d) = %q, want %q", tt.class, tt.code, tt.pop, got, tt.want)
		}
	}
}

// FuzzImportGeoNames: any input is read or reported, never a panic, and
// what is written loads.
func FuzzImportGeoNames(f *testing.F) {
	f.Add(testAllCountries, testAltNames)
	f.Add("1\tA\tA\t\t1\t2\tP\tPPL\tSY\t\t01\t\t\t\t-5\t\t\t\t\n", "1\t1\tar\tا\t1\n")
	f.Add("\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t", "\t\t\t")
	f.Fuzz(func(t *testing.T, all, alt string) {
		var out bytes.Buffer
		if _, err := ImportGeoNames(context.Background(), strings.NewReader(all), strings.NewReader(alt), &out, ImportOptions{}); err != nil {
			return
		}
		var errs errList
		readTSV("geonames.tsv", bytes.NewReader(out.Bytes()), nil, geoNamesCols, &errs, func(*row) {})
		if err := errs.err(); err != nil {
			t.Fatalf("the importer wrote a file that does not read back: %v\n%s", err, out.String())
		}
	})
}
