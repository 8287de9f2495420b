package export

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"testing"
)

// checkGeoJSON returns what makes data invalid GeoJSON (RFC 7946), or
// nothing: the subset marsad writes (a FeatureCollection of Features with
// Point or null geometries) is checked strictly, other geometry types for
// their structure.
func checkGeoJSON(data []byte) []string {
	var errs []string
	bad := func(format string, a ...any) { errs = append(errs, fmt.Sprintf(format, a...)) }
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var top map[string]any
	if err := dec.Decode(&top); err != nil {
		return []string{"not a JSON object: " + err.Error()}
	}
	if dec.More() {
		bad("data after the FeatureCollection")
	}
	if top["type"] != "FeatureCollection" {
		bad("top-level type %v, want FeatureCollection (§3.3)", top["type"])
	}
	if _, ok := top["crs"]; ok {
		bad("crs member (removed by RFC 7946, §4)")
	}
	feats, ok := top["features"].([]any)
	if !ok {
		bad("features is not an array (§3.3)")
	}
	num := func(v any) (float64, bool) {
		n, ok := v.(json.Number)
		if !ok {
			return 0, false
		}
		f, err := n.Float64()
		return f, err == nil && !math.IsInf(f, 0)
	}
	var position func(where string, v any)
	position = func(where string, v any) {
		p, ok := v.([]any)
		if !ok || len(p) < 2 || len(p) > 3 {
			bad("%s: a position is an array of 2 or 3 numbers (§3.1.1), got %v", where, v)
			return
		}
		lon, ok1 := num(p[0])
		lat, ok2 := num(p[1])
		if !ok1 || !ok2 {
			bad("%s: position %v is not numbers", where, v)
			return
		}
		if lon < -180 || lon > 180 || lat < -90 || lat > 90 {
			bad("%s: [%v, %v] is not [longitude, latitude] in WGS 84 (§3.1.1, §4)", where, lon, lat)
		}
		if len(p) == 3 {
			if _, ok := num(p[2]); !ok {
				bad("%s: altitude %v", where, p[2])
			}
		}
	}
	var geometry func(where string, g map[string]any)
	geometry = func(where string, g map[string]any) {
		coords := g["coordinates"]
		switch g["type"] {
		case "Point":
			position(where, coords)
		case "MultiPoint", "LineString":
			for i, p := range asArray(coords) {
				position(fmt.Sprintf("%s[%d]", where, i), p)
			}
		case "MultiLineString", "Polygon":
			for i, l := range asArray(coords) {
				for j, p := range asArray(l) {
					position(fmt.Sprintf("%s[%d][%d]", where, i, j), p)
				}
			}
		case "MultiPolygon":
			for i, pg := range asArray(coords) {
				for j, l := range asArray(pg) {
					for k, p := range asArray(l) {
						position(fmt.Sprintf("%s[%d][%d][%d]", where, i, j, k), p)
					}
				}
			}
		case "GeometryCollection":
			for i, m := range asArray(g["geometries"]) {
				if mg, ok := m.(map[string]any); ok {
					geometry(fmt.Sprintf("%s.geometries[%d]", where, i), mg)
				} else {
					bad("%s.geometries[%d] is not an object", where, i)
				}
			}
		default:
			bad("%s: geometry type %v (§3.1)", where, g["type"])
		}
	}
	for i, f := range feats {
		where := fmt.Sprintf("features[%d]", i)
		m, ok := f.(map[string]any)
		if !ok {
			bad("%s is not an object", where)
			continue
		}
		if m["type"] != "Feature" {
			bad("%s: type %v, want Feature (§3.2)", where, m["type"])
		}
		g, has := m["geometry"]
		if !has {
			bad("%s has no geometry member (§3.2)", where)
		} else if g != nil {
			if gm, ok := g.(map[string]any); ok {
				geometry(where+".geometry", gm)
			} else {
				bad("%s: geometry is neither an object nor null", where)
			}
		}
		p, has := m["properties"]
		if !has {
			bad("%s has no properties member (§3.2)", where)
		} else if _, ok := p.(map[string]any); !ok && p != nil {
			bad("%s: properties is neither an object nor null", where)
		}
		if id, has := m["id"]; has {
			switch id.(type) {
			case string, json.Number:
			default:
				bad("%s: id %v is neither a string nor a number (§3.2)", where, id)
			}
		}
		if _, ok := m["crs"]; ok {
			bad("%s: crs member", where)
		}
	}
	return errs
}

func asArray(v any) []any {
	a, _ := v.([]any)
	return a
}

func features(t *testing.T, data []byte) []map[string]any {
	t.Helper()
	if errs := checkGeoJSON(data); len(errs) > 0 {
		t.Fatalf("invalid GeoJSON:\n%s", strings.Join(errs, "\n"))
	}
	var fc struct{ Features []map[string]any }
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&fc); err != nil {
		t.Fatal(err)
	}
	return fc.Features
}

func TestGeoJSONChecker(t *testing.T) {
	for _, bad := range []string{
		`{"type":"Feature","geometry":null,"properties":{}}`,
		`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{}}]}`,
		`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[36.2,137.1]},"properties":{}}]}`,
		`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":["37","36"]},"properties":{}}]}`,
		`{"type":"FeatureCollection","crs":{},"features":[]}`,
		`{"type":"FeatureCollection","features":[{"type":"Feature","id":{},"geometry":null,"properties":null}]}`,
	} {
		if len(checkGeoJSON([]byte(bad))) == 0 {
			t.Errorf("accepted: %s", bad)
		}
	}
	if errs := checkGeoJSON([]byte(`{"type":"FeatureCollection","features":[{"type":"Feature","id":1,"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]},"properties":null}]}`)); len(errs) > 0 {
		t.Errorf("rejected a valid polygon: %v", errs)
	}
}

func TestGeoJSON(t *testing.T) {
	data, st := export(t, "geojson", Options{})
	fs := features(t, data)
	// located events only: the two in Aleppo and the strike on Aden
	if len(fs) != 3 || st.Events != 3 {
		t.Fatalf("%d features (stats %+v), want 3", len(fs), st)
	}
	f := fs[0]
	if f["id"] != "test:aleppo-1#0" {
		t.Errorf("first feature id %v", f["id"])
	}
	coords := f["geometry"].(map[string]any)["coordinates"].([]any)
	if coords[0] != json.Number("37.16117") || coords[1] != json.Number("36.20124") {
		t.Errorf("Aleppo at %v; want [longitude 37.16117, latitude 36.20124]", coords)
	}
	p := f["properties"].(map[string]any)
	for k, v := range map[string]any{
		"feature": "event", "doc_id": "test:aleppo-1", "type": "explosions_remote_violence",
		"sub_type": "shelling_artillery_missile_attack", "acled_sub_event_type": "Shelling/artillery/missile attack",
		"date": "2016-05-03", "location_name_en": "Aleppo", "country": "SY", "fatalities": json.Number("5"),
		"injuries": json.Number("12"), "evidence": tricky, "confidence": json.Number("0.82"),
		"civilian_targeting": true, "actor_names": "Military Forces of Syria", "target_names": "Civilians (Syria)",
		"published": "2016-05-04", "location_kind": "city",
	} {
		if p[k] != v {
			t.Errorf("property %s = %#v, want %#v", k, p[k], v)
		}
	}
	if p2 := fs[1]["properties"].(map[string]any); p2["fatalities"] != nil || p2["date"] != "2016-W18" {
		t.Errorf("second event: fatalities %v (want null), date %v", p2["fatalities"], p2["date"])
	}
	again, _ := export(t, "geojson", Options{})
	if !bytes.Equal(data, again) {
		t.Error("two exports differ")
	}
}

func TestGeoJSONUnlocatedAndPlaces(t *testing.T) {
	data, st := export(t, "geojson", Options{Unlocated: true, Places: true})
	fs := features(t, data)
	var events, nulls, places int
	for _, f := range fs {
		switch f["properties"].(map[string]any)["feature"] {
		case "event":
			events++
			if f["geometry"] == nil {
				nulls++
			}
		case "place":
			places++
			pr := f["properties"].(map[string]any)
			if f["id"] == "place:170063" && (pr["documents"] != json.Number("1") || pr["mentions"] != json.Number("2")) {
				t.Errorf("Aleppo: %v", pr)
			}
		}
	}
	if events != 6 || nulls != 3 || places != 3 || st.Events != 6 {
		t.Errorf("%d events (%d without geometry), %d places; want 6 (3), 3 (Aleppo, Syria, Aden)", events, nulls, places)
	}
	// places come after the events, in ref order
	last := fs[len(fs)-1]["id"]
	if last != "place:415189" {
		t.Errorf("last feature %v", last)
	}
	// an empty export is a valid empty collection
	empty, _ := export(t, "geojson", Options{}, fixtures()[2])
	if fs := features(t, empty); len(fs) != 0 {
		t.Errorf("%d features from an analysis without events", len(fs))
	}
}
