package analysis

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/marsad/marsad/arabic"
)

// Document is one input document. Published is YYYY-MM-DD or RFC 3339 (or
// empty); Meta keeps the input fields the contract does not name.
type Document struct {
	ID        string         `json:"id"`
	Title     string         `json:"title,omitempty"`
	Text      string         `json:"text"`
	Published string         `json:"published,omitempty"`
	Source    string         `json:"source,omitempty"`
	URL       string         `json:"url,omitempty"`
	Lang      string         `json:"lang,omitempty"`
	Meta      map[string]any `json:"meta,omitempty"`
}

// AnalysedText is the text every span indexes into: title + "\n\n" + text
// when there is a title, else text.
func (d *Document) AnalysedText() string {
	if d.Title == "" {
		return d.Text
	}
	return d.Title + "\n\n" + d.Text
}

// ParseDate reads a published date: YYYY-MM-DD, RFC 3339, or the
// "YYYY-MM-DD hh:mm:ss" that many crawlers write. It returns the day.
func ParseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{"2006-01-02", time.RFC3339, "2006-01-02 15:04:05", "2006-01-02T15:04:05", "2006-01-02 15:04", "2006/01/02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), nil
		}
	}
	return time.Time{}, fmt.Errorf("published date %q is not YYYY-MM-DD or RFC 3339", s)
}

// State is a document under analysis: its text split once by the Arabic
// text layer, and the Analysis the stages fill in. Stages read what earlier
// stages wrote (Out.Entities before Out.Events) and add their own layer.
type State struct {
	Doc       *Document
	Text      string // the analysed text
	Folded    *arabic.Folded
	Tokens    []arabic.Token
	Sentences []arabic.Sentence
	// Published is the reference date for relative expressions; zero when
	// the document has none.
	Published time.Time
	Out       *Analysis
	// Parties are mentions of actors that have no name, only a kind
	// (المدنيين, المتظاهرين: ACLED's civilians, protesters, rioters),
	// with their refs: they are no entities, but the event stage reads
	// them beside Out.Entities as parties to events.
	Parties []Entity
	// Institutions are the places named inside a place's own institution
	// (شرطة جدة, Jeddah's police; أمانة منطقة الرياض), resolved by the
	// knowledge base: no place mentions of the text (its entities keep no
	// ref there), but the event stage reads them as where an incident the
	// institution reports happened, after the places the text names.
	Institutions []InstitutionPlace
	// Nationals are the nationality adjectives of the text (إسرائيلية,
	// الروسي), and the countries it names, with the actor that stands for
	// their country's armed forces, resolved by the knowledge base: no
	// mentions of the text, but the event stage reads an adjective right
	// after a trigger (غارة إسرائيلية, قصف روسي), or a country right after
	// a verb of striking (شنت إسرائيل غارات), as the party that struck.
	Nationals []NationalForces
	// Seg is the segmenter of the pipeline (it protects the knowledge
	// base's names); stages stem with it.
	Seg *arabic.Segmenter

	byteAt []int    // code point → byte offset in Text, built on first use
	stems  []string // search stem of every token, built on first use
}

// Stems returns the search stem of every token (arabic.Segmenter.Stem),
// computed once per document; punctuation and symbols have an empty stem.
func (s *State) Stems() []string {
	if s.stems == nil {
		seg := s.Seg
		if seg == nil {
			seg = arabic.Default()
		}
		s.stems = seg.StemTokens(s.Folded, s.Tokens)
	}
	return s.stems
}

// NewState prepares a document for the stages. The document must have
// valid UTF-8 text (the readers check); the published date, when present,
// must parse.
func NewState(d *Document) (*State, error) {
	text := d.AnalysedText()
	if !utf8.ValidString(text) {
		return nil, fmt.Errorf("text is not valid UTF-8")
	}
	st := &State{Doc: d, Text: text, Out: New(d)}
	if d.Published != "" {
		t, err := ParseDate(d.Published)
		if err != nil {
			return nil, err
		}
		st.Published = t
	}
	st.Folded = arabic.Fold(text)
	st.Tokens = arabic.TokensOf(text, st.Folded)
	st.Sentences = arabic.Sentences(st.Tokens)
	return st, nil
}

// Slice returns the original text of the code-point span [start, end).
func (s *State) Slice(start, end int) string {
	if s.byteAt == nil {
		s.byteAt = make([]int, 0, s.Folded.N+1)
		for i := range s.Text {
			s.byteAt = append(s.byteAt, i)
		}
		s.byteAt = append(s.byteAt, len(s.Text))
	}
	start = min(max(start, 0), len(s.byteAt)-1)
	end = min(max(end, start), len(s.byteAt)-1)
	return s.Text[s.byteAt[start]:s.byteAt[end]]
}

// SentenceOf returns the index of the sentence holding token i, or -1.
func (s *State) SentenceOf(tok int) int { return arabic.SentenceOf(s.Sentences, tok) }

// TokenAt returns the index of the first token that ends after code point
// cp, or len(Tokens).
func (s *State) TokenAt(cp int) int {
	lo, hi := 0, len(s.Tokens)
	for lo < hi {
		m := (lo + hi) / 2
		if s.Tokens[m].End <= cp {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// NationalForces is a nationality adjective at code points [Start, End)
// and the actor of its country's armed forces.
type NationalForces struct {
	Start, End int
	Actor      Actor
	Name       bool // the country's name (إسرائيل), not its adjective
	// Inflected: the adjective in a plural, dual or accusative form
	// (جنود سعوديين, جنديان سعوديان, جنديا نيجيريا), which the event
	// stage reads only after a soldier (an accusative is often the
	// country's own name: نيجيريا)
	Inflected bool
}

// InstitutionPlace is a place named inside its own institution's name:
// the code points of the name and the place resolved.
type InstitutionPlace struct {
	Start, End int
	Place      Place
}
