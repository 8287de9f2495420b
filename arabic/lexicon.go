package arabic

import (
	"embed"
	"fmt"
	"io/fs"
	"strings"
	"sync"

	"github.com/marsad/marsad/internal/datafile"
)

// The word lists the text layer needs are data, not code: plain UTF-8 files
// in data/, one entry per line, '#' starts a comment. They are embedded in
// the binary; users extend them by editing the files (or, for names, by
// handing more to NewSegmenter).
//
//	names.txt     names that clitic and suffix stripping must never cut,
//	              one per line; "canonical|variant|variant" makes variants
//	              stem to the canonical name (سوريا|سورية)
//	words.txt     common words whose first letters look like clitics but
//	              are not (وزير، بيان، فريق، سيارة): no proclitic is cut
//	maqsura.txt   words whose final ى must not become ي (على ≠ علي)
//	stopwords.txt function words the search analyser skips (generated)
//	pronouns.txt  personal pronouns, alone or after ل or ب (أنا، لي، بها)
//	common-nouns.txt nouns and phrases never a name on their own
//	              (ميليشيات، حسن_الجوار)
//	institution-adjectives.txt adjectives that end an institution's name
//	              named after a person, never the person's (الدولي)
//	nationality-adjectives.txt nationality adjectives not formed from the
//	              country's name by a rule (أمريكي، إيفواري، بوركينابي)
//	titles.txt    titles before a person's name, never its first word
//	              (اللواء، السفير، الصحابي)
//	offices.txt   offices and trades a nationality adjective follows
//	              (الرئيس، السفير، اللاعب)
//	place-prefixes.txt words that begin a place's compound name and are
//	              no place alone (سان، ليتل، كفر)
//
//go:embed data/*.txt
var dataFS embed.FS

type lexicon struct {
	names   map[string]string // key → canonical key
	words   map[string]bool   // keys of common words never cut at the front
	front   map[string]bool   // keys of the words of longer names: not cut at the front
	maqsura map[string]bool   // folded forms that keep their final ى
	stop    map[string]bool   // keys of stop words
	pron    map[string]bool   // keys of pronouns, alone or after ل or ب
	common  map[string]bool   // keys of nouns and phrases never a name on their own
	phrase1 map[string]bool   // keys of the first words of those phrases
	inst    map[string]bool   // keys of adjectives that end institutions' names
	nation  map[string]bool   // keys of nationality adjectives
	title   map[string]bool   // keys of titles before a person's name
	office  map[string]bool   // keys of offices and trades a nationality adjective follows
	prefix  map[string]bool   // keys of the first words of places' compound names
}

// addName adds one line of names.txt ("canonical|variant|…"). A name of one
// word is protected whole; the words of a longer name are protected only at
// the front (بشار الأسد: بشار is not ب + شار), since the segmenter sees one
// word at a time and الأسد alone is a common noun.
func (l *lexicon) addName(line string, keyOf func(string) string) error {
	parts := strings.Split(line, "|")
	canon := keyOf(strings.TrimSpace(parts[0]))
	if canon == "" {
		return fmt.Errorf("empty name")
	}
	for _, p := range parts {
		k := keyOf(strings.TrimSpace(p))
		if k == "" {
			return fmt.Errorf("empty variant in %q", line)
		}
		if !strings.Contains(k, " ") {
			if !strings.Contains(canon, " ") {
				l.names[k] = canon
			} else {
				l.names[k] = k
			}
			continue
		}
		for _, w := range strings.Fields(k) {
			if _, isName := l.names[w]; !isName && !strings.HasPrefix(w, "ال") {
				l.front[w] = true
			}
		}
	}
	return nil
}

var (
	lexOnce sync.Once
	lexVal  *lexicon
)

// lex returns the embedded lexicon; the data files are checked by tests, so
// a malformed file is a build-time bug and panics here.
func lex() *lexicon {
	lexOnce.Do(func() {
		l, err := loadLexicon(dataFS)
		if err != nil {
			panic("arabic: embedded data: " + err.Error())
		}
		lexVal = l
	})
	return lexVal
}

func loadLexicon(fsys fs.FS) (*lexicon, error) {
	l := &lexicon{
		names:   map[string]string{},
		words:   map[string]bool{},
		front:   map[string]bool{},
		maqsura: map[string]bool{},
		stop:    map[string]bool{},
		pron:    map[string]bool{},
		common:  map[string]bool{},
		phrase1: map[string]bool{},
		inst:    map[string]bool{},
		nation:  map[string]bool{},
		title:   map[string]bool{},
		office:  map[string]bool{},
		prefix:  map[string]bool{},
	}
	// maqsura first: Key depends on it.
	if err := eachLine(fsys, "data/maqsura.txt", func(line string) error {
		w := FoldString(line)
		if !strings.HasSuffix(w, "ى") {
			return fmt.Errorf("%q does not end in ى", line)
		}
		l.maqsura[w] = true
		return nil
	}); err != nil {
		return nil, err
	}
	keyOf := func(s string) string { return normWordsWith(l, FoldString(s), true) }
	if err := eachLine(fsys, "data/names.txt", func(line string) error {
		return l.addName(line, keyOf)
	}); err != nil {
		return nil, err
	}
	// word lists: words separated by spaces or lines
	addWords := func(file string, set map[string]bool) error {
		return eachLine(fsys, file, func(line string) error {
			for _, w := range strings.Fields(line) {
				set[keyOf(w)] = true
			}
			return nil
		})
	}
	if err := addWords("data/words.txt", l.words); err != nil {
		return nil, err
	}
	if err := eachLine(fsys, "data/stopwords.txt", func(line string) error {
		l.stop[keyOf(line)] = true
		return nil
	}); err != nil {
		return nil, err
	}
	if err := addWords("data/pronouns.txt", l.pron); err != nil {
		return nil, err
	}
	if err := addWords("data/institution-adjectives.txt", l.inst); err != nil {
		return nil, err
	}
	if err := addWords("data/nationality-adjectives.txt", l.nation); err != nil {
		return nil, err
	}
	if err := addWords("data/titles.txt", l.title); err != nil {
		return nil, err
	}
	if err := addWords("data/offices.txt", l.office); err != nil {
		return nil, err
	}
	if err := addWords("data/place-prefixes.txt", l.prefix); err != nil {
		return nil, err
	}
	// common nouns: a phrase is written with _ between its words
	if err := eachLine(fsys, "data/common-nouns.txt", func(line string) error {
		for _, w := range strings.Fields(line) {
			words := strings.Split(w, "_")
			for i := range words {
				words[i] = keyOf(words[i])
			}
			l.common[strings.Join(words, " ")] = true
			if len(words) > 1 {
				l.phrase1[words[0]] = true
			}
		}
		return nil
	}); err != nil {
		return nil, err
	}
	return l, nil
}

// eachLine calls fn with every line of a data file that is not empty once
// its comment is cut (see internal/datafile); errors name file and line.
func eachLine(fsys fs.FS, name string, fn func(string) error) error {
	return datafile.File(fsys, name, func(_ int, f []string) error { return fn(strings.Join(f, "\t")) })
}

// KeyLists looks words up, by their Key forms, in the word lists that say
// what is never a name (the tagger checks every name it finds with them).
type KeyLists struct{ l *lexicon }

// Lists returns the lookups of the embedded word lists.
func Lists() KeyLists { return KeyLists{lex()} }

// Pronoun reports whether key is a personal pronoun, alone or after the
// preposition ل or ب (أنا، هو، لي، بها; data/pronouns.txt): a word that is
// never a name on its own, though لي is also a surname.
func (k KeyLists) Pronoun(key string) bool { return k.l.pron[key] }

// InstitutionAdjective reports whether key is an adjective that ends the
// name of an institution named after a person (الدولي of مطار الملك خالد
// الدولي, التخصصي of مستشفى الملك فهد التخصصي) and never a person's name
// (data/institution-adjectives.txt).
func (k KeyLists) InstitutionAdjective(key string) bool { return k.l.inst[key] }

// NationalityAdjective reports whether key, a word without proclitics and
// article, is a nationality adjective in data/nationality-adjectives.txt
// (أمريكي, إيفواري): those not formed from the country's name by a rule.
func (k KeyLists) NationalityAdjective(key string) bool { return k.l.nation[key] }

// FrontWord reports whether key is a common word whose first letters look
// like proclitics or the article but belong to it (وزير, فريق, لغات, باكرا;
// data/words.txt): no proclitic is to be cut off it.
func (k KeyLists) FrontWord(key string) bool { return k.l.words[key] }

// Title reports whether key, a word without proclitics, is a title or a
// description that stands before a person's name and is never its first
// word (اللواء, السفير, الصحابي; data/titles.txt).
func (k KeyLists) Title(key string) bool { return k.l.title[key] }

// Office reports whether key, a word without proclitics, is the word for
// an office or a trade that a nationality adjective follows (الرئيس,
// السفير, اللاعب; data/offices.txt).
func (k KeyLists) Office(key string) bool { return k.l.office[key] }

// PlacePrefix reports whether key is a word that begins a place's compound
// name and is no place alone (سان, ليتل, كفر; data/place-prefixes.txt).
func (k KeyLists) PlacePrefix(key string) bool { return k.l.prefix[key] }

// CommonNoun reports whether one key, a word without its proclitics and
// article, is a noun that is never a name on its own, though news
// annotations tag it as one at times (ميليشيات, "militias"), or whether
// keys, the first without its proclitics, are such a phrase (حسن الجوار,
// "good neighbourliness", not a man named Hassan; data/common-nouns.txt).
func (k KeyLists) CommonNoun(keys ...string) bool {
	switch {
	case len(keys) == 1:
		return k.l.common[keys[0]]
	case len(keys) == 0 || !k.l.phrase1[keys[0]]:
		return false
	}
	return k.l.common[strings.Join(keys, " ")]
}

// IsStopWord reports whether a word is one of the function words the search
// analyser skips (من، في، على، التي …). Checked on the word as written, so
// that على (a preposition) is a stop word and علي (a name) is not.
func IsStopWord(word string) bool {
	return lex().stop[Key(word)]
}
