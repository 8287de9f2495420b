package export

import (
	"bufio"
	"crypto/sha256"
	"encoding/binary"
	"encoding/csv"
	"strconv"
	"strings"
	"time"

	"github.com/marsad/marsad/analysis"
)

// ACLEDColumns are the columns of ACLED's data export, in ACLED's order.
var ACLEDColumns = []string{
	"event_id_cnty", "event_date", "year", "time_precision", "disorder_type",
	"event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1",
	"actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
	"iso", "region", "country", "admin1", "admin2", "admin3", "location",
	"latitude", "longitude", "geo_precision", "source", "source_scale",
	"notes", "fatalities", "tags", "timestamp",
}

// Column positions in ACLEDColumns.
const (
	cEventIdCnty = iota
	cEventDate
	cYear
	cTimePrecision
	cDisorderType
	cEventType
	cSubEventType
	cActor1
	cAssocActor1
	cInter1
	cActor2
	cAssocActor2
	cInter2
	cInteraction
	cCivilianTargeting
	cIso
	cRegion
	cCountry
	cAdmin1
	cAdmin2
	cAdmin3
	cLocation
	cLatitude
	cLongitude
	cGeoPrecision
	cSource
	cSourceScale
	cNotes
	cFatalities
	cTags
	cTimestamp
)

// MarsadColumns follow ACLED's: what marsad knows that ACLED's layout has
// no place for.
var MarsadColumns = []string{
	"marsad_doc_id",         // the analysed document
	"marsad_event_index",    // the event's index in the document's events
	"marsad_event_type",     // marsad's code for event_type
	"marsad_sub_type",       // marsad's code for sub_event_type
	"marsad_cameo",          // the closest CAMEO code
	"marsad_date",           // the event's date as marsad has it (ISO 8601: a day, week, month or range)
	"marsad_fatalities",     // fatalities, empty when the text gives none (ACLED writes 0)
	"marsad_injuries",       // injuries, empty when the text gives none
	"marsad_evidence_start", // the evidence span in the analysed text, in code points
	"marsad_evidence_end",
	"marsad_confidence", // 0–1
	"marsad_url",        // the document's address
	"marsad_title",      // the document's title
}

type acledWriter struct {
	bw   *bufio.Writer
	cw   *csv.Writer
	opts *Options
	st   *Stats
	row  []string
}

func newACLED(bw *bufio.Writer, opts *Options, st *Stats) *acledWriter {
	return &acledWriter{bw: bw, cw: csv.NewWriter(bw), opts: opts, st: st,
		row: make([]string, len(ACLEDColumns)+len(MarsadColumns))}
}

func (x *acledWriter) begin() error {
	if x.opts.BOM {
		if _, err := x.bw.WriteString("\ufeff"); err != nil {
			return err
		}
	}
	copy(x.row, ACLEDColumns)
	copy(x.row[len(ACLEDColumns):], MarsadColumns)
	return x.cw.Write(x.row)
}

func (x *acledWriter) analysis(a *analysis.Analysis, evs []int) error {
	if len(evs) == 0 {
		return nil
	}
	x.st.Exported++
	d := newDocInfo(a)
	for _, i := range evs {
		acledRecord(d, i, x.opts.InterLabels, x.row)
		if !x.opts.RawCells {
			for _, c := range textColumns {
				x.row[c] = guardCell(x.row[c])
			}
		}
		if err := x.cw.Write(x.row); err != nil {
			return err
		}
		x.st.Events++
	}
	x.cw.Flush() // into the bufio.Writer: cheap, and surfaces errors per analysis
	return x.cw.Error()
}

func (x *acledWriter) end() error {
	x.cw.Flush()
	return x.cw.Error()
}

// textColumns are the acled-csv columns that may hold text taken from
// articles: names as the text spells them, the source, the evidence
// sentence, the document's id, address and title.
var textColumns = []int{
	cActor1, cAssocActor1, cActor2, cAssocActor2, cAdmin1, cAdmin2, cLocation, cSource, cNotes,
	len(ACLEDColumns) + 0, len(ACLEDColumns) + 11, len(ACLEDColumns) + 12,
}

// guardCell keeps a spreadsheet from running a text cell as a formula
// (CSV injection): a cell that starts with = + - @, a tab or a carriage
// return gets a leading apostrophe, which Excel, LibreOffice and Google
// Sheets show as text. Numbers (a negative longitude) are never text
// columns and are written as they are.
func guardCell(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}

// docInfo is what every exporter works out once per analysis.
type docInfo struct {
	a         *analysis.Analysis
	actors    actorIndex
	published time.Time // the instant, UTC; zero when unknown
	day       time.Time // the published day
}

func newDocInfo(a *analysis.Analysis) *docInfo {
	d := &docInfo{a: a, actors: indexActors(a)}
	d.published, _ = publishedTime(a.Published)
	d.day = publishedDay(a.Published)
	return d
}

// eventNumber is a stable number for event i of document id: 53 bits of
// SHA-256, so that it survives a trip through a spreadsheet's doubles.
func eventNumber(id string, i int) uint64 {
	h := sha256.New()
	h.Write([]byte(id))
	h.Write([]byte{0})
	h.Write([]byte(strconv.Itoa(i)))
	return binary.BigEndian.Uint64(h.Sum(nil)) >> 11
}

func itoaOrEmpty(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

func ftoa(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

func intPtr(p *int) string {
	if p == nil {
		return ""
	}
	return strconv.Itoa(*p)
}

// acledRecord fills row (len(ACLEDColumns)+len(MarsadColumns)) with event
// i of d's analysis.
func acledRecord(d *docInfo, i int, labels bool, row []string) {
	a, e := d.a, &d.a.Events[i]
	for k := range row {
		row[k] = ""
	}
	set := func(col int, v string) { row[col] = v }

	var c *country
	var loc = e.Location
	if loc != nil {
		c = lookupCountry(string(loc.Country))
	}
	countryName := ""
	iso3 := "XXX"
	if c != nil {
		countryName, iso3 = c.Name, c.ISO3
		set(cIso, strconv.Itoa(c.Numeric))
		set(cRegion, c.Region)
		set(cCountry, c.Name)
	}
	set(cEventIdCnty, iso3+strconv.FormatUint(eventNumber(a.ID, i), 10))

	if p := eventPeriod(e, d.day); p.ok {
		day := p.mid()
		set(cEventDate, day.Format("2006-01-02"))
		set(cYear, strconv.Itoa(day.Year()))
		set(cTimePrecision, strconv.Itoa(timePrecision(p)))
	}
	set(cDisorderType, disorderType(e))
	set(cEventType, eventTypeLabel(e.Type))
	set(cSubEventType, subTypeLabel(e.SubType))

	side := func(refs []analysis.ActorRef, nameCol, assocCol int) int {
		if len(refs) == 0 {
			return 0
		}
		set(nameCol, actorName(&refs[0], countryName))
		var assoc []string
		for k := 1; k < len(refs); k++ {
			assoc = append(assoc, actorName(&refs[k], countryName))
		}
		set(assocCol, strings.Join(assoc, "; "))
		return interCode(d.actors.kind(&refs[0]))
	}
	inter1 := side(e.Actors, cActor1, cAssocActor1)
	inter2 := side(e.Targets, cActor2, cAssocActor2)
	if labels {
		set(cInter1, interLabels[inter1])
		set(cInter2, interLabels[inter2])
	} else {
		set(cInter1, itoaOrEmpty(inter1))
		set(cInter2, itoaOrEmpty(inter2))
	}
	set(cInteraction, interaction(inter1, inter2, labels))
	for k := range e.Targets {
		if d.actors.kind(&e.Targets[k]) == "civilians" {
			set(cCivilianTargeting, "Civilian targeting")
			break
		}
	}

	if loc != nil {
		place := placeOf(a, loc)
		admin1 := string(loc.Admin1)
		kind := ""
		if place != nil {
			kind = place.Kind
			if admin1 == "" {
				admin1 = string(place.Admin1)
			}
		}
		name := string(loc.NameEn)
		if name == "" {
			name = loc.Name
		}
		switch kind {
		case "admin1":
			if admin1 == "" {
				admin1 = name
			}
		case "admin2":
			set(cAdmin2, name)
		}
		set(cAdmin1, admin1)
		set(cLocation, name)
		if hasCoords(loc.Lat, loc.Lon) {
			set(cLatitude, ftoa(loc.Lat))
			set(cLongitude, ftoa(loc.Lon))
		}
		set(cGeoPrecision, itoaOrEmpty(geoPrecision(kind)))
	}
	set(cSource, string(a.Source))
	set(cNotes, e.Evidence.Text)
	if e.Fatalities != nil {
		set(cFatalities, strconv.Itoa(*e.Fatalities))
	} else {
		set(cFatalities, "0")
		set(cTags, "fatalities=no report")
	}
	if !d.published.IsZero() {
		set(cTimestamp, strconv.FormatInt(d.published.Unix(), 10))
	}

	m := len(ACLEDColumns)
	set(m+0, a.ID)
	set(m+1, strconv.Itoa(i))
	set(m+2, e.Type)
	set(m+3, string(e.SubType))
	set(m+4, string(e.Cameo))
	set(m+5, string(e.Date))
	set(m+6, intPtr(e.Fatalities))
	set(m+7, intPtr(e.Injuries))
	set(m+8, strconv.Itoa(e.Evidence.Start))
	set(m+9, strconv.Itoa(e.Evidence.End))
	set(m+10, ftoa(e.Confidence))
	set(m+11, string(a.URL))
	set(m+12, string(a.Title))
}
