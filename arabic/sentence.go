package arabic

// Sentence is a run of tokens toks[First:Last] spanning the code points
// [Start, End) of the original text.
type Sentence struct {
	Start, End  int
	First, Last int
}

// SentenceOf returns the index of the sentence of sents (in order, as
// Sentences gives them) that holds token tok, or -1.
func SentenceOf(sents []Sentence, tok int) int {
	lo, hi := 0, len(sents)
	for lo < hi {
		m := (lo + hi) / 2
		switch {
		case tok < sents[m].First:
			hi = m
		case tok >= sents[m].Last:
			lo = m + 1
		default:
			return m
		}
	}
	return -1
}

// Sentences groups tokens (from Tokenize) into sentences. A sentence ends
// at . ! ? ؟ … (with the closing quotes and brackets that follow them) and
// at a line break. A dot does not end a sentence after a single letter
// (the abbreviations د. م. ق. and initials), inside a number (3.5) or in a
// URL, which are single tokens.
func Sentences(toks []Token) []Sentence {
	var out []Sentence
	first := 0
	emit := func(last int) {
		if last > first {
			out = append(out, Sentence{Start: toks[first].Start, End: toks[last-1].End, First: first, Last: last})
		}
		first = last
	}
	for i := 0; i < len(toks); i++ {
		if i > first && toks[i].breaks > 0 {
			emit(i)
		}
		if !endsSentence(toks, i) {
			continue
		}
		j := i + 1
		for j < len(toks) && toks[j].breaks == 0 && isCloser(toks[j].Text) &&
			(toks[j].Start == toks[j-1].End || toks[j].Text != "\"" && toks[j].Text != "'") {
			j++
		}
		emit(j)
		i = j - 1
	}
	emit(len(toks))
	return out
}

func endsSentence(toks []Token, i int) bool {
	t := &toks[i]
	if t.Kind != Punct {
		return false
	}
	switch t.Norm {
	case "!", "?", "…", "!!", "؟":
		return true
	}
	if t.Norm == "" || t.Norm[0] != '.' {
		return false
	}
	if len(t.Norm) > 1 {
		return true // an ellipsis written as dots
	}
	if i == 0 {
		return false
	}
	prev := &toks[i-1]
	if prev.End != t.Start {
		return true // "word ." with a space still ends the sentence
	}
	if (prev.Kind == Word || prev.Kind == Latin) && len([]rune(prev.Norm)) == 1 {
		return false // د. محمد، U.S.
	}
	if prev.Kind == Latin && isLatinAbbrev(prev.Norm) {
		return false
	}
	return true
}

func isLatinAbbrev(s string) bool {
	switch s {
	case "Dr", "Mr", "Mrs", "Ms", "Prof", "Gen", "Col", "Lt", "Sgt", "St", "vs", "No", "Jr", "Sr", "Inc", "Co", "etc":
		return true
	}
	return false
}

func isCloser(s string) bool {
	switch s {
	case "»", "\"", "”", "’", "'", ")", "]", "}", "›":
		return true
	}
	return false
}
