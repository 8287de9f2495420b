package export

import (
	"bytes"
	"encoding/csv"
	"slices"
	"strconv"
	"strings"
	"testing"
)

func readCSV(t *testing.T, data []byte) []map[string]string {
	t.Helper()
	r := csv.NewReader(bytes.NewReader(data))
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatalf("the CSV does not read back: %v", err)
	}
	want := append(slices.Clone(ACLEDColumns), MarsadColumns...)
	if !slices.Equal(recs[0], want) {
		t.Fatalf("header\n got %q\nwant %q", recs[0], want)
	}
	var rows []map[string]string
	for _, rec := range recs[1:] {
		m := map[string]string{}
		for i, v := range rec {
			m[recs[0][i]] = v
		}
		rows = append(rows, m)
	}
	return rows
}

func TestACLEDColumnConstants(t *testing.T) {
	for i, c := range map[int]string{cEventIdCnty: "event_id_cnty", cNotes: "notes", cTimestamp: "timestamp", cGeoPrecision: "geo_precision"} {
		if ACLEDColumns[i] != c {
			t.Errorf("column %d is %q, want %q", i, ACLEDColumns[i], c)
		}
	}
	if cTimestamp != len(ACLEDColumns)-1 {
		t.Errorf("cTimestamp = %d, %d columns", cTimestamp, len(ACLEDColumns))
	}
}

// TestACLEDRoundTrip reads the CSV back with encoding/csv and compares
// every value with what was exported: every cell with the record the
// exporter built, and the values that come straight from the analyses
// with the analyses.
func TestACLEDRoundTrip(t *testing.T) {
	for _, bom := range []bool{false, true} {
		data, st := export(t, "acled-csv", Options{BOM: bom})
		if got := bytes.HasPrefix(data, []byte("\xef\xbb\xbf")); got != bom {
			t.Fatalf("bom=%v: output starts with a BOM: %v", bom, got)
		}
		rows := readCSV(t, bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")))
		fx := fixtures()
		if len(rows) != 6 || st.Events != 6 || st.Exported != 3 || st.Analyses != 4 {
			t.Fatalf("%d rows, stats %+v; want 6 rows of 3 of 4 analyses", len(rows), st)
		}
		k := 0
		for _, a := range fx {
			d := newDocInfo(a)
			for i, e := range a.Events {
				row := rows[k]
				k++
				rec := make([]string, len(ACLEDColumns)+len(MarsadColumns))
				acledRecord(d, i, false, rec)
				for c, name := range append(slices.Clone(ACLEDColumns), MarsadColumns...) {
					if row[name] != rec[c] {
						t.Errorf("%s#%d %s: read back %q, wrote %q", a.ID, i, name, row[name], rec[c])
					}
				}
				check := map[string]string{
					"notes": e.Evidence.Text, "source": string(a.Source), "marsad_doc_id": a.ID,
					"marsad_event_index": strconv.Itoa(i), "marsad_title": string(a.Title),
					"marsad_url": string(a.URL), "marsad_date": string(e.Date),
					"marsad_confidence":     strconv.FormatFloat(e.Confidence, 'f', -1, 64),
					"marsad_evidence_start": strconv.Itoa(e.Evidence.Start), "marsad_cameo": string(e.Cameo),
				}
				for col, want := range check {
					if row[col] != want {
						t.Errorf("%s#%d %s = %q, want %q", a.ID, i, col, row[col], want)
					}
				}
			}
		}
	}
}

func TestACLEDValues(t *testing.T) {
	data, _ := export(t, "acled-csv", Options{})
	rows := readCSV(t, data)
	want := []map[string]string{
		{ // shelling of civilians in Aleppo
			"event_date": "2016-05-03", "year": "2016", "time_precision": "1",
			"disorder_type": "Political violence", "event_type": "Explosions/Remote violence",
			"sub_event_type": "Shelling/artillery/missile attack",
			"actor1":         "Military Forces of Syria", "assoc_actor_1": "", "inter1": "1",
			"actor2": "Civilians (Syria)", "inter2": "7", "interaction": "17",
			"civilian_targeting": "Civilian targeting", "iso": "760", "region": "Middle East",
			"country": "Syria", "admin1": "Aleppo", "admin2": "", "location": "Aleppo",
			"latitude": "36.20124", "longitude": "37.16117", "geo_precision": "1",
			"source": "marsad-test", "notes": tricky, "fatalities": "5", "tags": "",
			"timestamp": "1462320000", "marsad_injuries": "12", "marsad_fatalities": "5",
		},
		{ // clash dated to ISO week 18 of 2016 (2 to 8 May): its middle day
			"event_date": "2016-05-05", "time_precision": "2", "event_type": "Battles",
			"sub_event_type": "Armed clash", "actor2": "Nusra Front", "assoc_actor_2": "Nusra Front",
			"inter2": "2", "interaction": "12", "civilian_targeting": "",
			"fatalities": "0", "tags": "fatalities=no report", "marsad_fatalities": "",
		},
		{ // air strike in August 2015; published 10:30 in UTC+3
			"event_date": "2015-08-16", "year": "2015", "time_precision": "3",
			"actor1": "Saudi-led Coalition", "inter1": "8", "actor2": "Houthi Movement", "inter2": "2",
			"interaction": "28", "iso": "887", "country": "Yemen", "geo_precision": "1",
			"timestamp": "1438932600", "source": "cve",
		},
		{ // arrest without a date or a place
			"event_date": "", "year": "", "time_precision": "", "disorder_type": "Strategic developments",
			"sub_event_type": "Arrests", "actor2": "journalists", "inter2": "", "interaction": "20",
			"iso": "", "country": "", "location": "", "latitude": "",
		},
		{ // mob violence over a range of six days, in a place without coordinates
			"event_date": "2015-07-30", "time_precision": "2",
			"disorder_type": "Political violence; Demonstrations", "event_type": "Riots",
			"sub_event_type": "Mob violence", "actor1": "Unidentified Armed Group (Iraq)", "inter1": "3",
			"actor2": "أبو محمد", "inter2": "", "interaction": "30", "country": "Iraq", "iso": "368",
			"location": "Mosul", "latitude": "", "longitude": "", "geo_precision": "", "timestamp": "",
		},
		{ // excessive force, no country
			"disorder_type": "Political violence; Demonstrations", "event_type": "Protests",
			"sub_event_type": "Excessive force against protesters", "location": "ساحة التحرير",
			"actor1": "", "interaction": "",
		},
	}
	for i, w := range want {
		for col, v := range w {
			if rows[i][col] != v {
				t.Errorf("row %d (%s#%s) %s = %q, want %q", i, rows[i]["marsad_doc_id"], rows[i]["marsad_event_index"], col, rows[i][col], v)
			}
		}
	}
	prefixes := []string{"SYR", "SYR", "YEM", "XXX", "IRQ", "XXX"}
	seen := map[string]bool{}
	for i, r := range rows {
		id := r["event_id_cnty"]
		if !strings.HasPrefix(id, prefixes[i]) || len(id) < 4 {
			t.Errorf("row %d event_id_cnty %q, want prefix %s", i, id, prefixes[i])
		}
		if _, err := strconv.ParseUint(id[3:], 10, 53); err != nil {
			t.Errorf("row %d event_id_cnty %q: number: %v", i, id, err)
		}
		if seen[id] {
			t.Errorf("event_id_cnty %q twice", id)
		}
		seen[id] = true
	}
	// stable: the same analyses give the same bytes
	again, _ := export(t, "acled-csv", Options{})
	if !bytes.Equal(data, again) {
		t.Error("two exports of the same analyses differ")
	}
}

func TestACLEDInterLabels(t *testing.T) {
	data, _ := export(t, "acled-csv", Options{InterLabels: true})
	rows := readCSV(t, data)
	for i, w := range [][3]string{
		{"State forces", "Civilians", "State forces-Civilians"},
		{"State forces", "Rebel group", "State forces-Rebel group"},
		{"External/Other forces", "Rebel group", "Rebel group-External/Other forces"},
		{"Rebel group", "", "Rebel group only"},
		{"Political militia", "", "Political militia only"},
		{"", "", ""},
	} {
		got := [3]string{rows[i]["inter1"], rows[i]["inter2"], rows[i]["interaction"]}
		if got != w {
			t.Errorf("row %d: inter1, inter2, interaction = %q, want %q", i, got, w)
		}
	}
}

func TestInteraction(t *testing.T) {
	for _, c := range []struct {
		a, b int
		want string
	}{{1, 3, "13"}, {3, 1, "13"}, {2, 0, "20"}, {0, 7, "70"}, {0, 0, ""}, {8, 8, "88"}} {
		if got := interaction(c.a, c.b, false); got != c.want {
			t.Errorf("interaction(%d, %d) = %q, want %q", c.a, c.b, got, c.want)
		}
	}
}

func TestTaxonomyComplete(t *testing.T) {
	// every sub-type of the contract has an ACLED label, and typeCode reads
	// codes and labels back
	for code, label := range subTypeLabels {
		if c, ok := typeCode(label); !ok || c != code {
			t.Errorf("typeCode(%q) = %q, %v", label, c, ok)
		}
		if c, ok := typeCode(strings.ToUpper(code)); !ok || c != code {
			t.Errorf("typeCode(%q) = %q, %v", code, c, ok)
		}
	}
	for code, label := range eventTypeLabels {
		if c, ok := typeCode(label); !ok || c != code {
			t.Errorf("typeCode(%q) = %q, %v", label, c, ok)
		}
	}
	if len(subTypeLabels) != 25 || len(eventTypeLabels) != 6 {
		t.Errorf("%d sub-types, %d types; ACLED has 25 and 6", len(subTypeLabels), len(eventTypeLabels))
	}
}

// Text from an article that a spreadsheet would run as a formula is
// written as text; numbers are not touched; --raw-cells writes it as is.
func TestACLEDFormulaCells(t *testing.T) {
	a := fixtures()[0]
	a.Title = "=HYPERLINK(\"http://example.org/x\",\"اضغط هنا\")"
	a.Source = "@source"
	a.Events = a.Events[:1]
	a.Events[0].Evidence.Text = "-1+2 قتلى في قصف"
	a.Events[0].Location.Lon = -6.5 // a longitude west of Greenwich stays a number
	for _, raw := range []bool{false, true} {
		data, _ := export(t, "acled-csv", Options{RawCells: raw}, a)
		rows := readCSV(t, data)
		if len(rows) != 1 {
			t.Fatalf("%d rows", len(rows))
		}
		r := rows[0]
		prefix := "'"
		if raw {
			prefix = ""
		}
		for col, want := range map[string]string{
			"marsad_title": prefix + string(a.Title), "source": prefix + "@source",
			"notes": prefix + "-1+2 قتلى في قصف", "longitude": "-6.5",
		} {
			if r[col] != want {
				t.Errorf("raw=%v %s = %q, want %q", raw, col, r[col], want)
			}
		}
	}
	for in, want := range map[string]string{"": "", "قصف": "قصف", "=1": "'=1", "+1": "'+1", "\tx": "'\tx", "a=b": "a=b"} {
		if got := guardCell(in); got != want {
			t.Errorf("guardCell(%q) = %q, want %q", in, got, want)
		}
	}
}
