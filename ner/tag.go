package ner

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/marsad/marsad/arabic"
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
	// Score is the probability, under the model, that the sentence has this
	// entity (its type, from its first word to its last), with the model's
	// fitted temperature; 0 when the model has none (ModelInfo.ScoreTemperature).
	Score float64 `json:"score,omitempty"`
}

// TagText tokenises a raw text with the arabic package, splits it into
// sentences and returns its entities in text order.
func (m *Model) TagText(text string) []Entity {
	toks := arabic.Tokenize(text)
	return m.Tag(text, toks, arabic.Sentences(toks))
}

// Tag returns the entities of a text, given its tokens and sentences from
// arabic.Tokenize and arabic.Sentences, in text order. The text is one
// document: the second stage looks at nearby sentences. Spans are code
// points of text and cover whole tokens (بالموصل), never punctuation at
// either end.
func (m *Model) Tag(text string, toks []arabic.Token, sents []arabic.Sentence) []Entity {
	if len(toks) == 0 || len(sents) == 0 {
		return nil
	}
	s := m.scratch()
	defer m.pool.Put(s)
	var words []string
	for si, st := range sents {
		words = words[:0]
		for _, t := range toks[st.First:st.Last] {
			words = append(words, t.Text)
		}
		m.prepare(s, si, words)
	}
	s.scores = true
	m.tagDoc(s, len(sents))
	s.scores = false
	var ents []Entity
	var byteAt []int
	tags := make([]string, 0, 64)
	for si, st := range sents {
		d := &s.sents[si]
		tags = tags[:0]
		for _, id := range d.pred {
			tags = append(tags, bioTag[id])
		}
		for _, sp := range Spans(tags) {
			for _, pc := range m.lex.listItems(toks[st.First:st.Last], sp) {
				ents = m.appendEntity(ents, text, &byteAt, toks, st, d, sp, pc[0], pc[1])
			}
		}
	}
	return ents
}

// listItems splits a name of a person, place or organisation at a comma or
// semicolon inside it into the names of a list (عادل، أسامة، معاذ: the
// tagger ran three sons into one name); a MISC title keeps its punctuation.
// A person's name is also split before a word that is و and a given name,
// when the word is no given name itself (سعود وفيصل, عمرو وصالح القميزي:
// two men; وليد, وسام and the surname وهبي stay).
func (lx *lexicon) listItems(toks []arabic.Token, sp Span) [][2]int {
	var out [][2]int
	a := sp.Start
	if sp.Type != "MISC" {
		for i := sp.Start + 1; i < sp.End; i++ {
			switch toks[i].Text {
			case "،", ",", "؛", ";":
				if i < sp.End-1 {
					out = append(out, [2]int{a, i})
					a = i + 1
				}
				continue
			}
			if sp.Type == "PER" && i > a && lx.andGivenName(toks[i].Text) {
				out = append(out, [2]int{a, i})
				a = i
			}
		}
	}
	return append(out, [2]int{a, sp.End})
}

// andGivenName reports whether a word is the conjunction و before a given
// name and not a given name itself.
func (lx *lexicon) andGivenName(w string) bool {
	if !strings.HasPrefix(w, "و") {
		return false
	}
	k := arabic.Key(w)
	rest, ok := strings.CutPrefix(k, "و")
	if !ok || utf8.RuneCountInString(rest) < 3 {
		return false
	}
	return lx.words[rest].gaz&gazFirst != 0 && lx.words[k].gaz&gazFirst == 0
}

// appendEntity appends the entity of span sp's tokens [a, b) of sentence
// st (tagged d), trimmed of punctuation, of English words without a
// capital at its front and of unpaired brackets, if any is left.
func (m *Model) appendEntity(ents []Entity, text string, byteAt *[]int, toks []arabic.Token, st arabic.Sentence, d *docSent, sp Span, a, b int) []Entity {
	for {
		// a name begins with no punctuation, nor with an English word
		// without a capital (lowerLatin)
		for a < b && (d.ws[a].shape == shPunct || lowerLatin(toks[st.First+a].Text)) {
			a++
		}
		for b > a && d.ws[b-1].shape == shPunct {
			b--
		}
		a2, b2 := balance(toks[st.First:st.Last], a, b)
		if a2 == a && b2 == b {
			break
		}
		a, b = a2, b2
	}
	if a == b {
		return ents
	}
	if *byteAt == nil {
		*byteAt = codePointBytes(text)
	}
	first, last := toks[st.First+a], toks[st.First+b-1]
	if first.Start < 0 || last.End >= len(*byteAt) || first.Start > last.End {
		return ents // tokens that do not belong to this text
	}
	score := 0.0
	if len(d.conf) > sp.Start && m.Info.ScoreTemperature > 0 {
		score = float64(d.conf[sp.Start])
	}
	return append(ents, Entity{
		Type: sp.Type, Start: first.Start, End: last.End, Score: score,
		Text:       text[(*byteAt)[first.Start]:(*byteAt)[last.End]],
		Norm:       m.entityNorm(toks[st.First+a : st.First+b]),
		FirstToken: st.First + a, LastToken: st.First + b - 1,
	})
}

// lowerLatin reports whether a word is written in Latin letters without a
// capital (radius, in, the): English text inside an Arabic article, where
// the tagger, which learned names from Arabic, takes words at random; a
// name in English begins with a capital or holds one (iPhone). ANERcorp
// begins no name with such a word. Tag cuts them off the front of a name
// (mbc وليد البراهيم → وليد البراهيم, of the American Society → American
// Society).
func lowerLatin(w string) bool {
	latin := false
	for _, r := range w {
		switch {
		case r < 0x80 && unicode.IsLower(r):
			latin = true
		case unicode.IsLetter(r):
			return false
		}
	}
	return latin
}

// closers pairs the brackets and quotation marks that open with those that
// close them.
var closers = map[string]string{"«": "»", "(": ")", "[": "]", "“": "”", "‹": "›", "﴿": "﴾"}

var openers = func() map[string]string {
	m := map[string]string{}
	for o, c := range closers {
		m[c] = o
	}
	return m
}()

// balance cuts tokens [a, b) of a name at the first bracket or quotation
// mark whose partner is not inside it, keeping the longer side, the right
// one on a tie: منظمة «أوبك → أوبك, since the tagger took the word before
// an opening quotation mark with the name in it. It returns a and b
// unchanged when every mark inside has its partner.
func balance(toks []arabic.Token, a, b int) (int, int) {
	for i := a; i < b; i++ {
		t := toks[i].Text
		partner, isOpen := closers[t]
		if !isOpen {
			var ok bool
			if partner, ok = openers[t]; !ok {
				continue
			}
		}
		lo, hi := a, i
		if isOpen {
			lo, hi = i+1, b
		}
		matched := false
		for j := lo; j < hi && !matched; j++ {
			matched = toks[j].Text == partner
		}
		if matched {
			continue
		}
		if i-a > b-i-1 {
			return a, i
		}
		return i + 1, b
	}
	return a, b
}

// codePointBytes maps each code point offset of s (and len) to its byte
// offset.
func codePointBytes(s string) []int {
	out := make([]int, 0, len(s)+1)
	for i := range s {
		out = append(out, i)
	}
	return append(out, len(s))
}

// entityNorm joins the entity's words in normal form (arabic.Norm), without
// the proclitics of the first word (see lexicon.split) and without
// punctuation tokens.
func (m *Model) entityNorm(toks []arabic.Token) string {
	var b strings.Builder
	for i, t := range toks {
		if t.Kind == arabic.Punct || t.Kind == arabic.Symbol {
			continue
		}
		n := t.Norm
		if i == 0 && t.Kind == arabic.Word {
			n = m.lex.stripProclitics(t.Text, n)
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(n)
	}
	return b.String()
}

// stripProclitics returns a word in arabic.Norm form without the
// proclitics the tagger's segmentation cuts (بالموصل → الموصل, لداعش →
// داعش, للرقة → الرقة), keeping names it does not know whole (فيصل).
func (lx *lexicon) stripProclitics(raw, norm string) string {
	key := arabic.Key(raw)
	pre, rest := lx.cutProclitics(raw, key)
	if pre == "" {
		return norm
	}
	if strings.HasPrefix(rest, "ال") {
		// س, the future marker, never stands before the article: سالم and
		// سالزبورغ are names (وسالم is و + سالم)
		if i := strings.Index(pre, "س"); i >= 0 {
			return strings.TrimPrefix(norm, pre[:i])
		}
		// ك, ب or ف before an article is part of the name when the
		// clitics' corpus has the word but never the rest: كاليفورنيا,
		// فالنسيا, بالتيمور (و and ل are cut: والسلوفاك, للماوردي)
		if !strings.ContainsAny(pre, "ول") && lx.words[rest].freq == 0 && lx.words[key].freq > 0 {
			return norm
		}
	}
	seg := arabic.Segment(raw)
	stem := seg.Stem + seg.Enclitic
	if seg.HasArticle() {
		stem = "ال" + stem
	}
	return stem
}
