package ner

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Sentence is one sentence of a CoNLL file: Tokens[i] is tagged Tags[i], a
// BIO tag over the types PER, LOC, ORG and MISC ("O", "B-PER", "I-LOC", …).
type Sentence struct {
	Tokens []string
	Tags   []string
}

// ReadStats says what the reader had to repair.
type ReadStats struct {
	Lines     int            // lines read
	Sentences int            // sentences returned
	Tokens    int            // tokens returned
	Dropped   int            // records dropped (empty token after removing marks)
	Split     int            // lines holding two records (". Oالإصابة O")
	Relabeled map[string]int // original tag → count, for tags not already canonical
}

// ReadCoNLL reads "TOKEN TAG" lines (space or tab separated, the tag last), a
// blank line between sentences. It copes with the quirks of the corpora
// marsad trains and evaluates on:
//
//   - ANERcorp: U+200F/U+200E marks and BOMs are removed, records whose token
//     is then empty are dropped; the PERS label is read as PER; a line
//     holding two records (". Oالإصابة O") is split; · and • read as ".".
//   - AQMAR: MIS0–MIS3 (and typos MIS, MIS-1, MISS1, MIS1`) read as MISC,
//     "I--ORG" as I-ORG, "IO"/"OO" as O, the language tags B-ENGLISH and
//     B-SPANISH as B-MISC.
//   - a file without any blank line (ANERCorp.txt) is cut into sentences
//     after every run of "." tokens, as in the CAMeL split recipe.
//
// A tag that cannot be understood is an error naming its line.
func ReadCoNLL(r io.Reader) ([]Sentence, ReadStats, error) {
	st := ReadStats{Relabeled: map[string]int{}}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 4*1024*1024)
	var sents []Sentence
	var cur Sentence
	blank := false
	flush := func() {
		if len(cur.Tokens) > 0 {
			sents = append(sents, cur)
		}
		cur = Sentence{}
	}
	add := func(tok, tag string, line int) error {
		t, err := canonicalTag(tag)
		if err != nil {
			return fmt.Errorf("ner: conll line %d: %w", line, err)
		}
		if t != tag {
			st.Relabeled[tag]++
		}
		tok = strings.Map(func(r rune) rune {
			switch r {
			case '·', '•':
				return '.'
			}
			return r
		}, tok)
		cur.Tokens = append(cur.Tokens, tok)
		cur.Tags = append(cur.Tags, t)
		return nil
	}
	for sc.Scan() {
		st.Lines++
		fields := strings.Fields(stripMarks(sc.Text()))
		if len(fields) == 0 {
			blank = true
			flush()
			continue
		}
		if len(fields) == 1 {
			// a tag with an empty token (" O"), or a token without a tag
			if _, err := canonicalTag(fields[0]); err == nil {
				st.Dropped++
				continue
			}
			return nil, st, fmt.Errorf("ner: conll line %d: no tag after %q", st.Lines, fields[0])
		}
		tag := fields[len(fields)-1]
		if len(fields) == 3 {
			// two records on one line: ". Oالإصابة O"
			if t1, rest, ok := splitGluedTag(fields[1]); ok {
				if err := add(fields[0], t1, st.Lines); err != nil {
					return nil, st, err
				}
				if err := add(rest, tag, st.Lines); err != nil {
					return nil, st, err
				}
				st.Split++
				continue
			}
		}
		if err := add(strings.Join(fields[:len(fields)-1], ""), tag, st.Lines); err != nil {
			return nil, st, err
		}
	}
	if err := sc.Err(); err != nil {
		return nil, st, fmt.Errorf("ner: conll: %w", err)
	}
	flush()
	if !blank {
		sents = splitAtPeriods(sents)
	}
	for _, s := range sents {
		st.Tokens += len(s.Tokens)
	}
	st.Sentences = len(sents)
	return sents, st, nil
}

// ReadCoNLLPath reads a CoNLL file, or every *.txt and *.conll file of a
// directory in name order (AQMAR is one file per article).
func ReadCoNLLPath(path string) ([]Sentence, ReadStats, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, ReadStats{}, err
	}
	files := []string{path}
	if fi.IsDir() {
		files = nil
		for _, pat := range []string{"*.txt", "*.conll"} {
			m, _ := filepath.Glob(filepath.Join(path, pat))
			files = append(files, m...)
		}
		sort.Strings(files)
		if len(files) == 0 {
			return nil, ReadStats{}, fmt.Errorf("ner: no *.txt or *.conll files in %s", path)
		}
	}
	var all []Sentence
	total := ReadStats{Relabeled: map[string]int{}}
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			return nil, total, err
		}
		s, st, err := ReadCoNLL(fh)
		fh.Close()
		if err != nil {
			return nil, total, fmt.Errorf("%s: %w", f, err)
		}
		all = append(all, s...)
		total.Lines += st.Lines
		total.Sentences += st.Sentences
		total.Tokens += st.Tokens
		total.Dropped += st.Dropped
		total.Split += st.Split
		for k, v := range st.Relabeled {
			total.Relabeled[k] += v
		}
	}
	return all, total, nil
}

// WriteCoNLL writes sentences as "TOKEN TAG" lines with a blank line after
// each sentence.
func WriteCoNLL(w io.Writer, sents []Sentence) error {
	bw := bufio.NewWriter(w)
	for _, s := range sents {
		for i, t := range s.Tokens {
			bw.WriteString(t)
			bw.WriteByte(' ')
			bw.WriteString(s.Tags[i])
			bw.WriteByte('\n')
		}
		bw.WriteByte('\n')
	}
	return bw.Flush()
}

func stripMarks(s string) string {
	if !strings.ContainsAny(s, "\u200e\u200f\ufeff\u202a\u202b\u202c\u202d\u202e") {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch r {
		case '\u200e', '\u200f', '\ufeff', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e':
			return -1
		}
		return r
	}, s)
}

// splitGluedTag recognises a field that is a tag glued to the next token
// ("Oالإصابة").
func splitGluedTag(f string) (tag, rest string, ok bool) {
	for _, t := range []string{"B-PERS", "I-PERS", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC", "O"} {
		if strings.HasPrefix(f, t) && len(f) > len(t) {
			rest = f[len(t):]
			if rest[0] >= 0x80 { // the glued token is Arabic
				return t, rest, true
			}
		}
	}
	return "", "", false
}

// canonicalTag maps a corpus tag to the tagger's label set.
func canonicalTag(t string) (string, error) {
	switch t {
	case "O", "IO", "OO":
		return "O", nil
	}
	t = strings.TrimRight(t, "`'")
	prefix, typ, ok := strings.Cut(t, "-")
	if !ok || (prefix != "B" && prefix != "I") {
		return "", fmt.Errorf("unknown tag %q", t)
	}
	typ = strings.TrimLeft(typ, "-")
	switch {
	case typ == "PER" || typ == "PERS" || typ == "PERSON":
		typ = "PER"
	case typ == "LOC" || typ == "ORG" || typ == "MISC":
	case strings.HasPrefix(typ, "MIS"): // AQMAR MIS0–MIS3 and typos
		typ = "MISC"
	case typ == "ENGLISH" || typ == "SPANISH":
		typ = "MISC"
	default:
		return "", fmt.Errorf("unknown tag %q", t)
	}
	return prefix + "-" + typ, nil
}

// splitAtPeriods cuts sentences after every run of "." tokens.
func splitAtPeriods(sents []Sentence) []Sentence {
	var out []Sentence
	for _, s := range sents {
		start := 0
		for i, t := range s.Tokens {
			if t == "." && (i+1 == len(s.Tokens) || s.Tokens[i+1] != ".") {
				out = append(out, Sentence{Tokens: s.Tokens[start : i+1], Tags: s.Tags[start : i+1]})
				start = i + 1
			}
		}
		if start < len(s.Tokens) {
			out = append(out, Sentence{Tokens: s.Tokens[start:], Tags: s.Tags[start:]})
		}
	}
	return out
}
