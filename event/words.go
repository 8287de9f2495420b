package event

import (
	_ "embed"
	"fmt"
	"strings"

	"github.com/marsad/marsad/arabic"
)

//go:embed data/words.tsv
var wordsTSV string

// The word lists of data/words.tsv (its header says what each is for),
// keyed by search stem, except attackTriggers, vague and ownDead, which hold
// trigger phrases as the trigger table writes them.
var (
	exposedTo      = map[string]bool{}
	targetMarkers  = map[string]bool{}
	civilianWords  = map[string]bool{}
	armedWords     = map[string]bool{}
	casualtyWords  = map[string]string{} // stem → "fatalities" or "injuries"
	singularPerson = map[string]bool{}
	attackTriggers = map[string]bool{}
	vague          = map[string]bool{}
	sameDay        = map[string]bool{}
	strikeHeads    = map[string]bool{}
	strikeWords    = map[string]bool{}
	forceNouns     = map[string]bool{}
	strikeVerbs    = map[string]bool{}
	speechVerbs    = map[string]bool{}
	memberNouns    = map[string]bool{}
	siteNouns      = map[string]bool{}
	claimWords     = map[string]bool{}
	handStems      = map[string]bool{}
	battleWords    = map[string]bool{}
	aircraft       = map[string]bool{}
	ownDead        = map[string]bool{}
	soldierNouns   = map[string]bool{}
	passiveDeath   = map[string]bool{}
	clauseOpeners  = map[string]bool{}
	separateCues   = map[string]bool{} // two words' stems joined by a space
)

// wordLists names each list of data/words.tsv: the set its words go to,
// and whether they are kept as written (trigger phrases) or by stem.
var wordLists = map[string]struct {
	set     map[string]bool
	written bool
}{
	"exposed-to": {exposedTo, false}, "target-marker": {targetMarkers, false}, "civilian": {civilianWords, false},
	"armed": {armedWords, false}, "singular-person": {singularPerson, false}, "attack-trigger": {attackTriggers, true},
	"vague": {vague, true}, "same-day": {sameDay, false}, "strike-head": {strikeHeads, false},
	"strike-word": {strikeWords, false}, "force-noun": {forceNouns, false}, "strike-verb": {strikeVerbs, false}, "speech-verb": {speechVerbs, false},
	"member-noun": {memberNouns, false}, "site-noun": {siteNouns, false}, "claim-verb": {claimWords, false},
	"hand": {handStems, false}, "battle-word": {battleWords, false}, "aircraft": {aircraft, false}, "own-dead": {ownDead, true},
	"soldier": {soldierNouns, false}, "passive-death": {passiveDeath, true},
	"clause-opener": {clauseOpeners, false},
}

func init() {
	if err := readWords(wordsTSV); err != nil {
		panic(fmt.Sprintf("event: data/words.tsv: %v", err))
	}
}

// readWords fills the word lists from a table in the format of
// data/words.tsv; an error names the line and the problem.
func readWords(tsv string) error {
	for n, line := range strings.Split(tsv, "\n") {
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		list, words, ok := strings.Cut(line, "\t")
		if !ok || strings.TrimSpace(words) == "" {
			return fmt.Errorf("line %d: want a list's name, a tab and its words", n+1)
		}
		for _, w := range strings.Fields(words) {
			w = strings.ReplaceAll(w, "_", " ")
			switch list {
			case "fatality":
				casualtyWords[arabic.Stem(w)] = "fatalities"
				continue
			case "injury":
				casualtyWords[arabic.Stem(w)] = "injuries"
				continue
			case "separate":
				ws := strings.Fields(w)
				if len(ws) != 2 {
					return fmt.Errorf("line %d: %q: a separate-incident cue is two words", n+1, w)
				}
				separateCues[arabic.Stem(ws[0])+" "+arabic.Stem(ws[1])] = true
				continue
			}
			l, known := wordLists[list]
			if !known {
				return fmt.Errorf("line %d: unknown list %q", n+1, list)
			}
			if l.written {
				l.set[w] = true
			} else {
				l.set[arabic.Stem(w)] = true
			}
		}
	}
	return nil
}
