package main

import (
	"archive/zip"
	"bytes"
	"path/filepath"
	"strings"
	"testing"
)

func TestKBLookup(t *testing.T) {
	out, _, code := run(t, "", "kb", "lookup", "بالموصل", "ريف حلب الشمالي")
	if code != 0 || !strings.Contains(out, "place:99072") || !strings.Contains(out, "Aleppo countryside") {
		t.Errorf("lookup: code %d\n%s", code, out)
	}
	out, _, code = run(t, "", "kb", "lookup", "--json", "الإسكندرية")
	ls := lines(t, out)
	if code != 0 || len(ls) < 2 || ls[0]["ref"] != "place:361058" || ls[0]["country"] != "EG" || ls[0]["why"] == nil {
		t.Errorf("lookup --json: code %d\n%s", code, out)
	}
	out, _, code = run(t, "", "kb", "lookup", "--actors", "--json", "قسد")
	if ls := lines(t, out); code != 0 || len(ls) != 1 || ls[0]["ref"] != "actor:sy-sdf" {
		t.Errorf("lookup --actors: code %d\n%s", code, out)
	}
	if _, _, code := run(t, "", "kb", "lookup", "لاشيء_هنا"); code != 1 {
		t.Errorf("lookup of nothing: code %d, want 1", code)
	}
	if _, _, code := run(t, "", "kb"); code != 2 {
		t.Errorf("kb without a command: code %d, want 2", code)
	}
	if _, errs, code := run(t, "", "kb", "frob"); code != 2 || !strings.Contains(errs, "unknown command") {
		t.Errorf("kb frob: code %d %q", code, errs)
	}
}

func TestKBFindAndStats(t *testing.T) {
	out, _, code := run(t, "قصفت قوات النظام السوري مدينة الزبداني في ريف دمشق", "kb", "find", "--json")
	ls := lines(t, out)
	refs := map[any]bool{}
	for _, l := range ls {
		refs[l["ref"]] = true
	}
	if code != 0 || !refs["place:172059"] || !refs["place:sy-rif-dimashq"] || !refs["actor:sy-army"] {
		t.Errorf("find: code %d\n%s", code, out)
	}
	out, _, code = run(t, "", "kb", "stats")
	if code != 0 || !strings.Contains(out, "places.tsv") || !strings.Contains(out, "actors:") {
		t.Errorf("stats: code %d\n%s", code, out)
	}
	out, _, code = run(t, "", "kb", "check")
	if code != 0 || !strings.HasPrefix(out, "ok:") {
		t.Errorf("check: code %d\n%s", code, out)
	}
}

func TestKBCheckReportsProblems(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "places-mine.tsv", []byte("id\tname_ar\tname_en\tkind\tcountry\tlat\tlon\nmy-town\tبلدتي\tMy Town\ttown\tSY\t95\t36\n"))
	_, errs, code := run(t, "", "kb", "check", "--kb", dir)
	if code != 1 || !strings.Contains(errs, "places-mine.tsv:2: lat:") {
		t.Errorf("check of a bad file: code %d %q", code, errs)
	}
}

func TestKBImportGeoNames(t *testing.T) {
	dir := t.TempDir()
	all := "9999002\tQaryat al Ikhtibar\tQaryat al Ikhtibar\t\t35.1\t38.2\tP\tPPL\tSY\t\t04\t\t\t\t120\t\t300\tAsia/Damascus\t2020-01-01\n"
	alt := "4\t9999002\tar\tقرية الاختبار\t\t\t\t\t\t\n"
	// allCountries as GeoNames serves it: zipped
	var zb bytes.Buffer
	zw := zip.NewWriter(&zb)
	w, _ := zw.Create("allCountries.txt")
	w.Write([]byte(all))
	zw.Close()
	allPath := writeFile(t, dir, "allCountries.zip", zb.Bytes())
	altPath := writeFile(t, dir, "alternateNamesV2.txt", []byte(alt))
	out := filepath.Join(dir, "kb")
	_, errs, code := run(t, "", "kb", "import-geonames", "--out", out, allPath, altPath)
	if code != 0 || !strings.Contains(errs, "1 places written") {
		t.Fatalf("import: code %d %q", code, errs)
	}
	stdout, _, code := run(t, "", "kb", "lookup", "--kb", out, "--json", "قرية الاختبار")
	if ls := lines(t, stdout); code != 0 || len(ls) == 0 || ls[0]["ref"] != "place:9999002" {
		t.Errorf("lookup in the imported gazetteer: code %d\n%s", code, stdout)
	}
	if _, _, code := run(t, "", "kb", "import-geonames", allPath); code != 2 {
		t.Errorf("import with one file: code %d, want 2", code)
	}
}
