package ner

import (
	"strings"
	"unicode/utf8"
)

// Entity is a named-entity mention in a text.
type Entity struct {
	Type  string `json:"type"`  // PER, LOC, ORG or MISC
	Text  string `json:"text"`  // the exact surface, clitics included (بالموصل)
	Start int    `json:"start"` // code points into the text, half-open
	End   int    `json:"end"`
	// Norm is the entity's words in orthographic normal form, without the
	// clitics attached to its first word (بالموصل → الموصل, لداعش → داعش).
	Norm string `json:"norm"`
	// FirstToken and LastToken index the tokens the entity covers
	// (inclusive), in the token list the tagger was given or made.
	FirstToken int `json:"-"`
	LastToken  int `json:"-"`
}

// TagText tokenises a raw text, splits it into sentences and returns its
// entities in text order.
func (m *Model) TagText(text string) []Entity {
	toks := tokenize(text)
	return m.tagTokens(text, toks, sentenceBounds(toks, text))
}

// sentenceBounds cuts tokens into sentences after . ! ? (and their Arabic
// forms) and at paragraph breaks. It returns the start index of each
// sentence.
//
// TEMPORARY: stands in for arabic.Sentences.
func sentenceBounds(toks []token, text string) []int {
	if len(toks) == 0 {
		return nil
	}
	starts := []int{0}
	rs := []rune(text)
	for i := 0; i+1 < len(toks); i++ {
		t := toks[i].Text
		brk := t == "." || t == "!" || t == "?" || t == "؟" || t == "…"
		if !brk {
			for _, r := range rs[toks[i].End:toks[i+1].Start] {
				if r == '\n' {
					brk = true
					break
				}
			}
		}
		if brk {
			starts = append(starts, i+1)
		}
	}
	return starts
}

func (m *Model) tagTokens(text string, toks []token, starts []int) []Entity {
	if len(toks) == 0 {
		return nil
	}
	s := m.scratch()
	var words []string
	for si, st := range starts {
		end := len(toks)
		if si+1 < len(starts) {
			end = starts[si+1]
		}
		words = words[:0]
		for _, t := range toks[st:end] {
			words = append(words, t.Text)
		}
		m.prepare(s, si, words)
	}
	m.tagDoc(s, len(starts))
	var ents []Entity
	var rs []rune
	tags := make([]string, 0, 64)
	for si, st := range starts {
		d := &s.sents[si]
		tags = tags[:0]
		for _, id := range d.pred {
			tags = append(tags, labels[id])
		}
		for _, sp := range Spans(tags) {
			// an entity does not start or end on punctuation
			a, b := sp.Start, sp.End
			for a < b && d.ws[a].shape == shPunct {
				a++
			}
			for b > a && d.ws[b-1].shape == shPunct {
				b--
			}
			if a == b {
				continue
			}
			if rs == nil {
				rs = []rune(text)
			}
			first, last := toks[st+a], toks[st+b-1]
			ents = append(ents, Entity{
				Type: sp.Type, Start: first.Start, End: last.End,
				Text:       string(rs[first.Start:last.End]),
				Norm:       m.entityNorm(toks[st+a : st+b]),
				FirstToken: st + a, LastToken: st + b - 1,
			})
		}
	}
	m.pool.Put(s)
	return ents
}

// entityNorm joins the entity's words in normal form, without the
// proclitics of the first word and without punctuation tokens.
func (m *Model) entityNorm(toks []token) string {
	var b strings.Builder
	for i, t := range toks {
		n := trimPunct(normWord(t.Text))
		if n == "" {
			continue
		}
		if i == 0 {
			n = m.stripProclitics(n)
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(n)
	}
	return b.String()
}

// stripProclitics removes the proclitics the segmenter finds on a word in
// normal form (بالموصل → الموصل, للرقة → الرقة).
func (m *Model) stripProclitics(n string) string {
	pre, stem := m.lex.segment(keyWord(n))
	if pre == "" {
		return n
	}
	k := utf8.RuneCountInString(pre)
	rest := n
	for ; k > 0; k-- {
		_, sz := utf8.DecodeRuneInString(rest)
		rest = rest[sz:]
	}
	if strings.HasPrefix(stem, "ال") && !strings.HasPrefix(rest, "ال") {
		rest = "ا" + rest // لل → ل + ال
	}
	return rest
}
