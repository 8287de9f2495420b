package export

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"hash"
	"math"
	"net/url"
	"strconv"
	"strings"

	"github.com/marsad/marsad/analysis"
)

// The STIX 2.1 export. Each analysis with an exported event becomes:
//
//   - a report (the article: name = title, published, external
//     references to the document id and its URL, object_refs to
//     everything below);
//   - an incident per event, named after its ACLED sub-event type, place
//     and date, its evidence as description, and marsad's fields in the
//     property extension defined by the bundle's extension-definition;
//   - a location per place (once per bundle), a threat-actor per armed
//     non-state actor (rebel groups, political and identity militias,
//     unidentified armed groups) and an identity per other actor or
//     target (once per bundle);
//   - relationships: incident located-at location, incident
//     attributed-to actor, incident targets target, and actor targets
//     target.
//
// threat-actor targets identity is a relationship the STIX 2.1
// specification defines. The specification defines no relationship from
// an incident, nor identity targets identity; for those the export uses
// located-at, attributed-to and targets as user-defined relationship
// types (§5.1.1 allows any a–z, 0–9 and hyphen name), with the meaning
// their names have elsewhere in the specification.
//
// Ids are UUIDv5 from a fixed namespace and a stable key (document id and
// event index, place ref, actor ref); created and modified come from the
// document's published date (objects shared across documents — actors,
// places, marsad's identity — carry a fixed date), so that exporting the
// same analyses again gives the same bytes. The bundle's id is derived
// from the ids of the objects it holds and is written after them.

const (
	stixTime  = "2006-01-02T15:04:05.000Z"
	stixEpoch = "2026-01-01T00:00:00.000Z" // created/modified of shared objects
	// ExtensionSchemaURL is the JSON schema of marsad's STIX property
	// extension (export/stix-extension.schema.json in the repository).
	ExtensionSchemaURL = "https://raw.githubusercontent.com/marsad/marsad/main/export/stix-extension.schema.json"
	extensionVersion   = "1.0.0"
)

var (
	marsadIdentityID = stixID("identity", "marsad")
	extensionID      = stixID("extension-definition", "marsad-event/v1")
)

// stixObject holds the properties of every object type the export writes;
// empty ones are left out.
type stixObject struct {
	Type               string                `json:"type"`
	SpecVersion        string                `json:"spec_version"`
	ID                 string                `json:"id"`
	CreatedByRef       string                `json:"created_by_ref,omitempty"`
	Created            string                `json:"created"`
	Modified           string                `json:"modified"`
	Name               string                `json:"name,omitempty"`
	Description        string                `json:"description,omitempty"`
	IdentityClass      string                `json:"identity_class,omitempty"`
	Aliases            []string              `json:"aliases,omitempty"`
	Latitude           *float64              `json:"latitude,omitempty"`
	Longitude          *float64              `json:"longitude,omitempty"`
	Country            string                `json:"country,omitempty"`
	AdministrativeArea string                `json:"administrative_area,omitempty"`
	Published          string                `json:"published,omitempty"`
	ObjectRefs         []string              `json:"object_refs,omitempty"`
	RelationshipType   string                `json:"relationship_type,omitempty"`
	SourceRef          string                `json:"source_ref,omitempty"`
	TargetRef          string                `json:"target_ref,omitempty"`
	Schema             string                `json:"schema,omitempty"`
	Version            string                `json:"version,omitempty"`
	ExtensionTypes     []string              `json:"extension_types,omitempty"`
	Confidence         *int                  `json:"confidence,omitempty"`
	Lang               string                `json:"lang,omitempty"`
	Labels             []string              `json:"labels,omitempty"`
	ExternalReferences []externalReference   `json:"external_references,omitempty"`
	Extensions         map[string]*marsadExt `json:"extensions,omitempty"`
}

type externalReference struct {
	SourceName  string `json:"source_name"`
	Description string `json:"description,omitempty"`
	URL         string `json:"url,omitempty"`
	ExternalID  string `json:"external_id,omitempty"`
}

// marsadExt is marsad's property extension (stix-extension.schema.json):
// on incidents the event's fields, on threat actors, identities and
// locations the catalogue's ref, kind and Arabic name.
type marsadExt struct {
	ExtensionType     string         `json:"extension_type"`
	DocumentID        string         `json:"document_id,omitempty"`
	EventIndex        *int           `json:"event_index,omitempty"`
	EventType         string         `json:"event_type,omitempty"`
	SubType           string         `json:"sub_type,omitempty"`
	ACLEDEventType    string         `json:"acled_event_type,omitempty"`
	ACLEDSubEventType string         `json:"acled_sub_event_type,omitempty"`
	DisorderType      string         `json:"disorder_type,omitempty"`
	Cameo             string         `json:"cameo,omitempty"`
	Date              string         `json:"date,omitempty"`
	DatePrecision     string         `json:"date_precision,omitempty"`
	Fatalities        *int           `json:"fatalities,omitempty"`
	Injuries          *int           `json:"injuries,omitempty"`
	Confidence        *float64       `json:"confidence,omitempty"`
	Evidence          *analysis.Span `json:"evidence,omitempty"`
	Ref               string         `json:"ref,omitempty"`
	Kind              string         `json:"kind,omitempty"`
	NameAr            string         `json:"name_ar,omitempty"`
	InterCode         int            `json:"acled_inter,omitempty"`
}

func extension(x *marsadExt) map[string]*marsadExt {
	x.ExtensionType = "property-extension"
	return map[string]*marsadExt{extensionID: x}
}

type stixWriter struct {
	bw   *bufio.Writer
	opts *Options
	st   *Stats
	buf  bytes.Buffer
	enc  *json.Encoder
	// seen holds the ids of the objects shared across documents (actors,
	// locations, actor-to-target relationships) already written.
	seen map[string]struct{}
	// ids hashes every written id, in order, for the bundle's id.
	ids hash.Hash
	// per document
	refs    []string
	inDoc   map[string]struct{}
	created string
}

func newSTIX(bw *bufio.Writer, opts *Options, st *Stats) *stixWriter {
	x := &stixWriter{bw: bw, opts: opts, st: st, seen: map[string]struct{}{}, inDoc: map[string]struct{}{}}
	x.enc = json.NewEncoder(&x.buf)
	x.enc.SetEscapeHTML(false)
	x.ids = sha256.New()
	return x
}

func (x *stixWriter) begin() error {
	x.bw.WriteString(`{"type":"bundle","objects":[`)
	if err := x.write(&stixObject{
		Type: "identity", SpecVersion: "2.1", ID: marsadIdentityID,
		Created: stixEpoch, Modified: stixEpoch,
		Name:          "marsad",
		Description:   "marsad, an Arabic-first observatory of news about armed conflict and terrorism (https://github.com/marsad/marsad): the events in this bundle were read from Arabic news by software and carry the sentence they came from.",
		IdentityClass: "system",
	}); err != nil {
		return err
	}
	return x.write(&stixObject{
		Type: "extension-definition", SpecVersion: "2.1", ID: extensionID,
		CreatedByRef: marsadIdentityID, Created: stixEpoch, Modified: stixEpoch,
		Name:           "marsad event",
		Description:    "marsad's fields: on incidents the event as marsad coded it (ACLED type and sub-type, CAMEO code, date, fatalities, injuries, confidence and the evidence sentence); on threat actors, identities and locations marsad's catalogue ref, kind and Arabic name.",
		Schema:         ExtensionSchemaURL,
		Version:        extensionVersion,
		ExtensionTypes: []string{"property-extension"},
	})
}

// write writes one object of the bundle.
func (x *stixWriter) write(o *stixObject) error {
	x.buf.Reset()
	if err := x.enc.Encode(o); err != nil {
		return err
	}
	if x.st.Objects > 0 {
		x.bw.WriteString(",\n")
	} else {
		x.bw.WriteString("\n")
	}
	x.st.Objects++
	x.ids.Write([]byte(o.ID))
	x.ids.Write([]byte{0})
	_, err := x.bw.Write(bytes.TrimSuffix(x.buf.Bytes(), []byte("\n")))
	return err
}

// ref adds id to the current report's object_refs.
func (x *stixWriter) ref(id string) {
	if _, ok := x.inDoc[id]; ok {
		return
	}
	x.inDoc[id] = struct{}{}
	x.refs = append(x.refs, id)
}

// shared writes an object shared across documents unless it is already in
// the bundle, and refers the current report to it.
func (x *stixWriter) shared(o *stixObject) error {
	x.ref(o.ID)
	if _, ok := x.seen[o.ID]; ok {
		return nil
	}
	x.seen[o.ID] = struct{}{}
	return x.write(o)
}

// own writes an object of the current document (once: an event naming
// the same actor twice gives one relationship) and refers its report to it.
func (x *stixWriter) own(o *stixObject) error {
	if _, ok := x.inDoc[o.ID]; ok {
		return nil
	}
	x.ref(o.ID)
	return x.write(o)
}

func (x *stixWriter) relationship(typ, src, dst, created string, sharedRel bool) error {
	o := &stixObject{
		Type: "relationship", SpecVersion: "2.1",
		ID:           stixID("relationship", typ+"\x00"+src+"\x00"+dst),
		CreatedByRef: marsadIdentityID, Created: created, Modified: created,
		RelationshipType: typ, SourceRef: src, TargetRef: dst,
	}
	if sharedRel {
		return x.shared(o)
	}
	return x.own(o)
}

func (x *stixWriter) analysis(a *analysis.Analysis, evs []int) error {
	if len(evs) == 0 {
		return nil
	}
	x.st.Exported++
	d := newDocInfo(a)
	x.refs = x.refs[:0]
	clear(x.inDoc)
	x.created = stixEpoch
	if !d.published.IsZero() {
		x.created = d.published.Format(stixTime)
	}
	lang := string(a.Lang)
	for _, i := range evs {
		e := &a.Events[i]
		incID := stixID("incident", a.ID+"\x00"+strconv.Itoa(i))
		locID, err := x.location(a, e.Location)
		if err != nil {
			return err
		}
		var actorIDs, targetIDs []string
		for k := range e.Actors {
			id, err := x.actor(d, &e.Actors[k])
			if err != nil {
				return err
			}
			if id != "" {
				actorIDs = append(actorIDs, id)
			}
		}
		for k := range e.Targets {
			id, err := x.actor(d, &e.Targets[k])
			if err != nil {
				return err
			}
			if id != "" {
				targetIDs = append(targetIDs, id)
			}
		}
		idx := i
		conf := e.Confidence
		inc := &stixObject{
			Type: "incident", SpecVersion: "2.1", ID: incID,
			CreatedByRef: marsadIdentityID, Created: x.created, Modified: x.created,
			Name:        incidentName(e),
			Description: e.Evidence.Text,
			Confidence:  stixConfidence(e.Confidence),
			Lang:        lang,
			Labels:      []string{e.Type},
			Extensions: extension(&marsadExt{
				DocumentID:        a.ID,
				EventIndex:        &idx,
				EventType:         e.Type,
				SubType:           string(e.SubType),
				ACLEDEventType:    eventTypeLabel(e.Type),
				ACLEDSubEventType: subTypeLabel(e.SubType),
				DisorderType:      disorderType(e),
				Cameo:             string(e.Cameo),
				Date:              string(e.Date),
				DatePrecision:     string(e.DatePrecision),
				Fatalities:        e.Fatalities,
				Injuries:          e.Injuries,
				Confidence:        &conf,
				Evidence:          &e.Evidence,
			}),
		}
		if e.Type == "" {
			inc.Labels = nil
		}
		if err := x.own(inc); err != nil {
			return err
		}
		x.st.Events++
		if locID != "" {
			if err := x.relationship("located-at", incID, locID, x.created, false); err != nil {
				return err
			}
		}
		for _, id := range actorIDs {
			if err := x.relationship("attributed-to", incID, id, x.created, false); err != nil {
				return err
			}
		}
		for _, id := range targetIDs {
			if err := x.relationship("targets", incID, id, x.created, false); err != nil {
				return err
			}
		}
		for _, src := range actorIDs {
			for _, dst := range targetIDs {
				if src != dst {
					if err := x.relationship("targets", src, dst, stixEpoch, true); err != nil {
						return err
					}
				}
			}
		}
	}
	return x.write(x.report(a, d))
}

func (x *stixWriter) report(a *analysis.Analysis, d *docInfo) *stixObject {
	r := &stixObject{
		Type: "report", SpecVersion: "2.1", ID: stixID("report", a.ID),
		CreatedByRef: marsadIdentityID, Created: x.created, Modified: x.created,
		Name:        string(a.Title),
		Description: strings.Join(a.Summary, "\n"),
		Published:   x.created,
		ObjectRefs:  append([]string(nil), x.refs...),
		Lang:        string(a.Lang),
		ExternalReferences: []externalReference{
			{SourceName: "marsad", Description: "the analysed document", ExternalID: a.ID},
		},
	}
	if r.Name == "" {
		r.Name = a.ID
	}
	if d.published.IsZero() {
		r.Labels = []string{"published-unknown"}
	}
	if a.URL != "" || a.Source != "" {
		src := string(a.Source)
		if src == "" || strings.EqualFold(src, "cve") || strings.EqualFold(src, "capec") {
			src = "news:" + src
		}
		ref := externalReference{SourceName: src}
		if u, ok := stixURL(string(a.URL)); ok {
			ref.URL = u
		} else {
			ref.Description = "the article"
			if a.URL != "" {
				ref.Description = "the article: " + string(a.URL)
			}
		}
		r.ExternalReferences = append(r.ExternalReferences, ref)
	}
	return r
}

// stixURL returns u as an RFC 3986 URI (non-ASCII percent-encoded), when
// it is an absolute URL.
func stixURL(s string) (string, bool) {
	if s == "" {
		return "", false
	}
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil || !u.IsAbs() || u.Host == "" {
		return "", false
	}
	return u.String(), true
}

// stixConfidence is STIX's 0–100 confidence for marsad's 0–1.
func stixConfidence(c float64) *int {
	if math.IsNaN(c) {
		return nil
	}
	n := int(math.Round(c * 100))
	n = max(0, min(100, n))
	return &n
}

// incidentName is "Suicide bomb in Abha on 2015-08-06".
func incidentName(e *analysis.Event) string {
	n := subTypeLabel(e.SubType)
	if n == "" {
		n = eventTypeLabel(e.Type)
	}
	if n == "" {
		n = "Event"
	}
	if l := e.Location; l != nil {
		if l.NameEn != "" {
			n += " in " + string(l.NameEn)
		} else if l.Name != "" {
			n += " in " + l.Name
		}
	}
	if e.Date != "" {
		n += " on " + string(e.Date)
	}
	return n
}

// location writes the location of an event once per bundle and returns
// its id ("" when the place has neither coordinates nor a country, which
// STIX requires).
func (x *stixWriter) location(a *analysis.Analysis, l *analysis.EventPlace) (string, error) {
	if l == nil {
		return "", nil
	}
	coords := hasCoords(l.Lat, l.Lon)
	country := strings.ToUpper(string(l.Country))
	if len(country) != 2 {
		country = ""
	}
	if !coords && country == "" {
		return "", nil
	}
	key := "ref:" + string(l.Ref)
	if l.Ref == "" {
		key = "name:" + l.Name + "\x00" + string(l.NameEn) + "\x00" + country + "\x00" + ftoa(l.Lat) + "," + ftoa(l.Lon)
	}
	id := stixID("location", key)
	if _, ok := x.seen[id]; ok {
		x.ref(id)
		return id, nil
	}
	o := &stixObject{
		Type: "location", SpecVersion: "2.1", ID: id,
		CreatedByRef: marsadIdentityID, Created: stixEpoch, Modified: stixEpoch,
		Name: string(l.NameEn), Country: country, AdministrativeArea: string(l.Admin1),
	}
	if o.Name == "" {
		o.Name = l.Name
	}
	ext := &marsadExt{Ref: string(l.Ref), NameAr: l.Name}
	if p := placeOf(a, l); p != nil {
		ext.Kind = p.Kind
		if o.AdministrativeArea == "" {
			o.AdministrativeArea = string(p.Admin1)
		}
	}
	if coords {
		lat, lon := l.Lat, l.Lon
		o.Latitude, o.Longitude = &lat, &lon
	}
	if ext.Ref != "" || ext.NameAr != "" || ext.Kind != "" {
		o.Extensions = extension(ext)
	}
	return id, x.shared(o)
}

// threatActorKinds are the actor families written as STIX threat actors:
// armed non-state groups. Every other actor is an identity.
var threatActorKinds = map[string]bool{
	"rebel_group": true, "political_militia": true, "identity_militia": true, kindUnidentified: true,
}

// identityClass is the STIX identity class of an actor family.
func identityClass(kind string) string {
	switch kind {
	case "state_forces", "government", "international_org", "coalition", "external_force", "media":
		return "organization"
	case "rioters", "protesters":
		return "group"
	case "civilians":
		return "class"
	case "person":
		return "individual"
	}
	return "unknown"
}

// actor writes an event's actor or target once per bundle and returns its
// id ("" for an actor without a name).
func (x *stixWriter) actor(d *docInfo, r *analysis.ActorRef) (string, error) {
	kind := d.actors.kind(r)
	var known *analysis.Actor
	if r.Ref != "" {
		known = d.actors[string(r.Ref)]
	}
	nameEn, nameAr := string(r.NameEn), r.Name
	if known != nil {
		if known.NameEn != "" {
			nameEn = string(known.NameEn)
		}
		if known.Name != "" {
			nameAr = known.Name
		}
	}
	switch kind {
	case "civilians":
		if r.Ref == "" {
			nameEn = "Civilians"
		}
	case kindUnidentified:
		nameEn = "Unidentified Armed Group"
	}
	name := nameEn
	if name == "" {
		name = nameAr
	}
	if name == "" {
		return "", nil
	}
	key := "ref:" + string(r.Ref)
	if r.Ref == "" {
		key = "name:" + strings.ToLower(name)
	}
	typ := "identity"
	if threatActorKinds[kind] {
		typ = "threat-actor"
	}
	id := stixID(typ, key)
	if _, ok := x.seen[id]; ok {
		x.ref(id)
		return id, nil
	}
	o := &stixObject{
		Type: typ, SpecVersion: "2.1", ID: id,
		CreatedByRef: marsadIdentityID, Created: stixEpoch, Modified: stixEpoch,
		Name: name,
	}
	if typ == "identity" {
		o.IdentityClass = identityClass(kind)
	} else if nameAr != "" && nameAr != name {
		o.Aliases = []string{nameAr}
	}
	ext := &marsadExt{Ref: string(r.Ref), Kind: kind, NameAr: nameAr, InterCode: interCode(kind)}
	if ext.Ref != "" || ext.Kind != "" || ext.NameAr != "" {
		o.Extensions = extension(ext)
	}
	return id, x.shared(o)
}

func (x *stixWriter) end() error {
	id := "bundle--" + formatUUID(uuid5(stixNamespace, "bundle\x00"+string(x.ids.Sum(nil))))
	_, err := x.bw.WriteString("\n],\"id\":\"" + id + "\"}\n")
	return err
}
