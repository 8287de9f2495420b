// Package analysis holds marsad's contract: the Go types of what marsad says
// about one document (../shared/spec/ANALYSIS.md, schema marsad.analysis/v1),
// the input Document, and the State that analysis stages share while they
// fill an Analysis in.
//
// This package composes nothing: stages (ner, kb, temporal, quantity,
// event…) import it and add their layer to a State; package pipeline runs
// them in order.
package analysis

import (
	"bytes"
	"encoding/json"
)

// Schema is the value of every Analysis's "schema" field.
const Schema = "marsad.analysis/v1"

// Str is a string that is JSON null when empty: absent knowledge is null,
// never a made-up value.
type Str string

func (s Str) MarshalJSON() ([]byte, error) {
	if s == "" {
		return []byte("null"), nil
	}
	return json.Marshal(string(s))
}

func (s *Str) UnmarshalJSON(b []byte) error {
	if bytes.Equal(b, []byte("null")) {
		*s = ""
		return nil
	}
	var v string
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*s = Str(v)
	return nil
}

// Analysis is what marsad says about one document.
type Analysis struct {
	Schema     string         `json:"schema"`
	ID         string         `json:"id"`
	Title      Str            `json:"title"`
	Published  Str            `json:"published"`
	Source     Str            `json:"source"`
	URL        Str            `json:"url"`
	Lang       Str            `json:"lang"`
	Meta       map[string]any `json:"meta,omitempty"`
	Relevance  *Relevance     `json:"relevance"`
	Entities   []Entity       `json:"entities"`
	Places     []Place        `json:"places"`
	Actors     []Actor        `json:"actors"`
	Times      []Time         `json:"times"`
	Quantities []Quantity     `json:"quantities"`
	Events     []Event        `json:"events"`
	Summary    []string       `json:"summary"`
	// Text is the analysed text (title + "\n\n" + text), included only
	// when asked for (marsad analyze --with-text): spans index into it.
	Text string `json:"text,omitempty"`
}

// Relevance says whether a document reports armed conflict, terrorism,
// violent extremism, security operations or counter-terrorism policy.
type Relevance struct {
	Relevant bool     `json:"relevant"`
	Score    float64  `json:"score"`
	Topics   []string `json:"topics"`
}

// Span is a half-open range of code points of the analysed text.
type Span struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

// Entity is a name found in the text (ANERcorp types PER, LOC, ORG, MISC).
type Entity struct {
	Type  string `json:"type"`
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	Norm  string `json:"norm"`
	Ref   Str    `json:"ref"`
	// Score is the tagger's or matcher's confidence, 0–1, when it has one.
	Score float64 `json:"score,omitempty"`
}

// Place is one distinct place the document names, resolved in the
// gazetteer.
type Place struct {
	Ref      string  `json:"ref"`
	Name     string  `json:"name"`
	NameEn   Str     `json:"name_en"`
	Kind     string  `json:"kind"`
	Country  Str     `json:"country"`
	Admin1   Str     `json:"admin1"`
	Lat      float64 `json:"lat"`
	Lon      float64 `json:"lon"`
	Mentions int     `json:"mentions"`
}

// EventPlace returns the place as an event's location.
func (p *Place) EventPlace() *EventPlace {
	return &EventPlace{Ref: Str(p.Ref), Name: p.Name, NameEn: p.NameEn, Country: p.Country, Admin1: p.Admin1, Lat: p.Lat, Lon: p.Lon}
}

// Actor is one distinct actor the document names, resolved in the actor
// catalogue.
type Actor struct {
	Ref      string `json:"ref"`
	Name     string `json:"name"`
	NameEn   Str    `json:"name_en"`
	Kind     string `json:"kind"`
	Country  Str    `json:"country,omitempty"`
	Mentions int    `json:"mentions"`
}

// Time is a date expression resolved to ISO 8601 (Value is null when it
// cannot be resolved, e.g. a relative date without a published date).
type Time struct {
	Text      string `json:"text"`
	Start     int    `json:"start"`
	End       int    `json:"end"`
	Value     Str    `json:"value"`
	Precision string `json:"precision"`
}

// Quantity is a number in digits or words resolved to its value.
type Quantity struct {
	Text  string  `json:"text"`
	Start int     `json:"start"`
	End   int     `json:"end"`
	Value float64 `json:"value"`
	Unit  Str     `json:"unit"`
	Role  string  `json:"role,omitempty"`
}

// Event is one incident the article reports as having happened, coded in
// ACLED's taxonomy.
type Event struct {
	Type          string      `json:"type"`
	SubType       Str         `json:"sub_type"`
	Cameo         Str         `json:"cameo"`
	Date          Str         `json:"date"`
	DatePrecision Str         `json:"date_precision"`
	Location      *EventPlace `json:"location"`
	Actors        []ActorRef  `json:"actors"`
	Targets       []ActorRef  `json:"targets"`
	Fatalities    *int        `json:"fatalities"`
	Injuries      *int        `json:"injuries"`
	Evidence      Span        `json:"evidence"`
	Confidence    float64     `json:"confidence"`
}

// EventPlace is where an event happened.
type EventPlace struct {
	Ref     Str     `json:"ref"`
	Name    string  `json:"name"`
	NameEn  Str     `json:"name_en"`
	Country Str     `json:"country"`
	Admin1  Str     `json:"admin1,omitempty"`
	Lat     float64 `json:"lat"`
	Lon     float64 `json:"lon"`
}

// ActorRef names an actor or target of an event; Ref is null for actors
// the catalogue does not know (civilians, "gunmen").
type ActorRef struct {
	Ref    Str    `json:"ref"`
	Name   string `json:"name,omitempty"`
	NameEn Str    `json:"name_en"`
}

// ErrorLine is what marsad writes in place of an Analysis for a document
// it cannot analyse.
type ErrorLine struct {
	ID    string `json:"id"`
	Error string `json:"error"`
}

// New returns an empty Analysis for a document: every list empty (not
// null), as the contract requires.
func New(d *Document) *Analysis {
	return &Analysis{
		Schema:     Schema,
		ID:         d.ID,
		Title:      Str(d.Title),
		Published:  Str(d.Published),
		Source:     Str(d.Source),
		URL:        Str(d.URL),
		Lang:       Str(d.Lang),
		Meta:       d.Meta,
		Entities:   []Entity{},
		Places:     []Place{},
		Actors:     []Actor{},
		Times:      []Time{},
		Quantities: []Quantity{},
		Events:     []Event{},
		Summary:    []string{},
	}
}
