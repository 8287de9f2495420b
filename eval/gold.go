// Package eval scores marsad against gold annotations: the SaudiNewsNet
// dev set in gold/snn-dev.jsonl (standoff: ids, code-point offsets and
// values, never article text; see gold/README.md).
//
// Times and quantities are matched one to one: a prediction matches a gold
// item when their spans overlap and their values are equal. Recall and
// precision count those matches; value accuracy is the share of span
// matches (overlap alone) whose values agree, which separates "found the
// expression" from "read it right".
package eval

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"

	"github.com/marsad/marsad/kb"
)

// Gold is one annotated article.
type Gold struct {
	ID         string         `json:"id"`
	Published  string         `json:"published"`
	Source     string         `json:"source"`
	Relevant   bool           `json:"relevant"`
	Topics     []string       `json:"topics"`
	Events     []GoldEvent    `json:"events"`
	Times      []GoldTime     `json:"times"`
	Quantities []GoldQuantity `json:"quantities"`
	Places     []GoldPlace    `json:"places"`
	Note       string         `json:"note,omitempty"`
}

// GoldEvent is one coded incident.
type GoldEvent struct {
	Type          string        `json:"type"`
	SubType       string        `json:"sub_type"`
	Date          string        `json:"date"`
	DatePrecision string        `json:"date_precision"`
	Location      *GoldLocation `json:"location"`
	Actors        []string      `json:"actors"`
	Targets       []string      `json:"targets"`
	Fatalities    *int          `json:"fatalities"`
	Injuries      *int          `json:"injuries"`
	Evidence      struct {
		Start int `json:"start"`
		End   int `json:"end"`
	} `json:"evidence"`
}

// GoldLocation is an event's place.
type GoldLocation struct {
	NameEn  string  `json:"name_en"`
	Country string  `json:"country"`
	Admin1  string  `json:"admin1"`
	Kind    string  `json:"kind"`
	Lat     float64 `json:"lat"`
	Lon     float64 `json:"lon"`
}

// GoldTime is one date expression.
type GoldTime struct {
	Start     int    `json:"start"`
	End       int    `json:"end"`
	Value     string `json:"value"`
	Precision string `json:"precision"`
}

// GoldQuantity is one quantity; Role is "" where the gold has none.
type GoldQuantity struct {
	Start int     `json:"start"`
	End   int     `json:"end"`
	Value float64 `json:"value"`
	Unit  string  `json:"unit"`
	Role  string  `json:"role"`
}

// GoldPlace is one place mention, as the knowledge base's own evaluation
// reads it (marsad kb eval).
type GoldPlace = kb.GoldPlace

// LoadGold reads a gold JSON Lines file.
func LoadGold(path string) ([]Gold, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []Gold
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 1<<16), 1<<26)
	n := 0
	for sc.Scan() {
		n++
		if len(sc.Bytes()) == 0 {
			continue
		}
		var g Gold
		if err := json.Unmarshal(sc.Bytes(), &g); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, n, err)
		}
		if g.ID == "" {
			return nil, fmt.Errorf("%s:%d: no id", path, n)
		}
		out = append(out, g)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return out, nil
}
