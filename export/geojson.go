package export

import (
	"bufio"
	"bytes"
	"encoding/json"
	"strconv"
	"strings"

	"github.com/marsad/marsad/analysis"
)

// geojsonWriter writes an RFC 7946 FeatureCollection, one feature per
// line: a Point per event at its location ([longitude, latitude], WGS 84),
// and with Options.Places a Point per place the exported documents name.
// Events without coordinates are left out unless Options.Unlocated, which
// writes them with "geometry": null.
type geojsonWriter struct {
	bw     *bufio.Writer
	opts   *Options
	st     *Stats
	buf    bytes.Buffer
	enc    *json.Encoder
	n      int                  // features written
	places map[string]*placeAgg // with Options.Places
}

// placeAgg is a place and how often the exported documents name it.
type placeAgg struct {
	p         analysis.Place
	documents int
	mentions  int
}

func newGeoJSON(bw *bufio.Writer, opts *Options, st *Stats) *geojsonWriter {
	x := &geojsonWriter{bw: bw, opts: opts, st: st}
	x.enc = json.NewEncoder(&x.buf)
	x.enc.SetEscapeHTML(false)
	if opts.Places {
		x.places = map[string]*placeAgg{}
	}
	return x
}

type geoFeature struct {
	Type       string    `json:"type"`
	ID         string    `json:"id"`
	Geometry   *geoPoint `json:"geometry"`
	Properties any       `json:"properties"`
}

type geoPoint struct {
	Type        string     `json:"type"`
	Coordinates [2]float64 `json:"coordinates"`
}

// eventProps are an event feature's properties: every field of the event,
// flattened where a GIS table wants a column, and its document's.
type eventProps struct {
	Feature           string              `json:"feature"` // "event"
	DocID             string              `json:"doc_id"`
	EventIndex        int                 `json:"event_index"`
	Type              string              `json:"type"`
	SubType           analysis.Str        `json:"sub_type"`
	ACLEDEventType    string              `json:"acled_event_type"`
	ACLEDSubEventType analysis.Str        `json:"acled_sub_event_type"`
	ACLEDDisorderType analysis.Str        `json:"acled_disorder_type"`
	Cameo             analysis.Str        `json:"cameo"`
	Date              analysis.Str        `json:"date"`
	DatePrecision     analysis.Str        `json:"date_precision"`
	LocationRef       analysis.Str        `json:"location_ref"`
	LocationName      analysis.Str        `json:"location_name"`
	LocationNameEn    analysis.Str        `json:"location_name_en"`
	LocationKind      analysis.Str        `json:"location_kind"`
	Country           analysis.Str        `json:"country"`
	Admin1            analysis.Str        `json:"admin1"`
	Actors            []analysis.ActorRef `json:"actors"`
	ActorNames        string              `json:"actor_names"`
	Targets           []analysis.ActorRef `json:"targets"`
	TargetNames       string              `json:"target_names"`
	CivilianTargeting bool                `json:"civilian_targeting"`
	Fatalities        *int                `json:"fatalities"`
	Injuries          *int                `json:"injuries"`
	Evidence          string              `json:"evidence"`
	EvidenceStart     int                 `json:"evidence_start"`
	EvidenceEnd       int                 `json:"evidence_end"`
	Confidence        float64             `json:"confidence"`
	Title             analysis.Str        `json:"title"`
	Published         analysis.Str        `json:"published"`
	Source            analysis.Str        `json:"source"`
	URL               analysis.Str        `json:"url"`
	DocumentRelevant  *bool               `json:"document_relevant"`
	DocumentRelevance *float64            `json:"document_relevance"`
}

type placeProps struct {
	Feature   string       `json:"feature"` // "place"
	Ref       string       `json:"ref"`
	Name      string       `json:"name"`
	NameEn    analysis.Str `json:"name_en"`
	Kind      string       `json:"kind"`
	Country   analysis.Str `json:"country"`
	Admin1    analysis.Str `json:"admin1"`
	Documents int          `json:"documents"` // exported documents that name it
	Mentions  int          `json:"mentions"`  // times they name it
}

func (x *geojsonWriter) begin() error {
	_, err := x.bw.WriteString(`{"type":"FeatureCollection","features":[`)
	return err
}

func (x *geojsonWriter) feature(f *geoFeature) error {
	x.buf.Reset()
	if err := x.enc.Encode(f); err != nil {
		return err
	}
	sep := ",\n"
	if x.n == 0 {
		sep = "\n"
	}
	x.n++
	x.bw.WriteString(sep)
	_, err := x.bw.Write(bytes.TrimSuffix(x.buf.Bytes(), []byte("\n")))
	return err
}

func (x *geojsonWriter) analysis(a *analysis.Analysis, evs []int) error {
	if len(evs) == 0 && (x.opts.Filter.Active() || !x.opts.Places) {
		return nil
	}
	d := newDocInfo(a)
	wrote := false
	for _, i := range evs {
		e := &a.Events[i]
		var g *geoPoint
		if e.Location != nil && hasCoords(e.Location.Lat, e.Location.Lon) {
			g = &geoPoint{"Point", [2]float64{e.Location.Lon, e.Location.Lat}}
		} else if !x.opts.Unlocated {
			continue
		}
		if err := x.feature(&geoFeature{"Feature", a.ID + "#" + strconv.Itoa(i), g, eventProperties(d, i)}); err != nil {
			return err
		}
		x.st.Events++
		wrote = true
	}
	if x.places != nil {
		for _, p := range a.Places {
			if p.Ref == "" {
				continue
			}
			pa := x.places[p.Ref]
			if pa == nil {
				pa = &placeAgg{p: p}
				x.places[p.Ref] = pa
			}
			pa.documents++
			pa.mentions += p.Mentions
		}
		wrote = wrote || len(a.Places) > 0
	}
	if wrote {
		x.st.Exported++
	}
	return nil
}

func eventProperties(d *docInfo, i int) *eventProps {
	a, e := d.a, &d.a.Events[i]
	p := &eventProps{
		Feature:           "event",
		DocID:             a.ID,
		EventIndex:        i,
		Type:              e.Type,
		SubType:           e.SubType,
		ACLEDEventType:    eventTypeLabel(e.Type),
		ACLEDSubEventType: analysis.Str(subTypeLabel(e.SubType)),
		ACLEDDisorderType: analysis.Str(disorderType(e)),
		Cameo:             e.Cameo,
		Date:              e.Date,
		DatePrecision:     e.DatePrecision,
		Actors:            e.Actors,
		Targets:           e.Targets,
		Fatalities:        e.Fatalities,
		Injuries:          e.Injuries,
		Evidence:          e.Evidence.Text,
		EvidenceStart:     e.Evidence.Start,
		EvidenceEnd:       e.Evidence.End,
		Confidence:        e.Confidence,
		Title:             a.Title,
		Published:         a.Published,
		Source:            a.Source,
		URL:               a.URL,
	}
	if p.Actors == nil {
		p.Actors = []analysis.ActorRef{}
	}
	if p.Targets == nil {
		p.Targets = []analysis.ActorRef{}
	}
	countryName := ""
	if l := e.Location; l != nil {
		p.LocationRef, p.LocationName, p.LocationNameEn = l.Ref, analysis.Str(l.Name), l.NameEn
		p.Country, p.Admin1 = l.Country, l.Admin1
		if pl := placeOf(a, l); pl != nil {
			p.LocationKind = analysis.Str(pl.Kind)
			if p.Admin1 == "" {
				p.Admin1 = pl.Admin1
			}
		}
		if c := lookupCountry(string(l.Country)); c != nil {
			countryName = c.Name
		}
	}
	names := func(refs []analysis.ActorRef) string {
		n := make([]string, len(refs))
		for k := range refs {
			n[k] = actorName(&refs[k], countryName)
		}
		return strings.Join(n, "; ")
	}
	p.ActorNames, p.TargetNames = names(e.Actors), names(e.Targets)
	for k := range e.Targets {
		if d.actors.kind(&e.Targets[k]) == "civilians" {
			p.CivilianTargeting = true
		}
	}
	if r := a.Relevance; r != nil {
		p.DocumentRelevant, p.DocumentRelevance = &r.Relevant, &r.Score
	}
	return p
}

func (x *geojsonWriter) end() error {
	for _, ref := range sortedKeys(x.places) {
		pa := x.places[ref]
		var g *geoPoint
		if hasCoords(pa.p.Lat, pa.p.Lon) {
			g = &geoPoint{"Point", [2]float64{pa.p.Lon, pa.p.Lat}}
		} else if !x.opts.Unlocated {
			continue
		}
		props := &placeProps{"place", pa.p.Ref, pa.p.Name, pa.p.NameEn, pa.p.Kind, pa.p.Country, pa.p.Admin1, pa.documents, pa.mentions}
		if err := x.feature(&geoFeature{"Feature", ref, g, props}); err != nil {
			return err
		}
	}
	if x.n > 0 {
		x.bw.WriteString("\n")
	}
	_, err := x.bw.WriteString("]}\n")
	return err
}
