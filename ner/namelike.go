package ner

import (
	"math"
	"sort"
)

// nameModel says how much a word's letters look like a name of the lists
// (places, countries, organisations and persons: most are transliterated
// foreign names such as شوماخر or مايكروسوفت) rather than a common word of
// the clusters' corpus. It is a naive-Bayes log-likelihood ratio over the
// character trigrams of the word without proclitics and article, learned
// when a model is trained and stored in it: per trigram, the log ratio of
// its share among name types to its share among common word types, times
// nameScale. A name the training data never shows still gets the signal
// that its letters are foreign.
type nameModel map[[3]rune]int8

// nameScale is the fixed-point scale of a trigram's log ratio.
const nameScale = 8

// learnNameModel counts trigrams of the lexicon's one-word names against
// the words of the clusters' corpus that are in no list.
func learnNameModel(lx *lexicon) nameModel {
	const names = gazLOC | gazORG | gazPER | gazCountry
	cn, cc := map[[3]rune]int{}, map[[3]rune]int{}
	var tn, tc int
	for k, e := range lx.words {
		switch {
		case e.gaz&names != 0:
			tn += eachTrigram(withoutArticle(k), func(t [3]rune) { cn[t]++ })
		case e.freq > 0 && e.gaz == 0:
			tc += eachTrigram(withoutArticle(k), func(t [3]rune) { cc[t]++ })
		}
	}
	if tn == 0 || tc == 0 {
		return nil
	}
	seen := map[[3]rune]bool{}
	for t := range cn {
		seen[t] = true
	}
	for t := range cc {
		seen[t] = true
	}
	const alpha = 0.5
	v := float64(len(seen))
	nm := nameModel{}
	for t := range seen {
		if cn[t]+cc[t] < 3 {
			continue
		}
		pn := (float64(cn[t]) + alpha) / (float64(tn) + alpha*v)
		pc := (float64(cc[t]) + alpha) / (float64(tc) + alpha*v)
		q := math.Round(nameScale * math.Log(pn/pc))
		q = max(-127, min(127, q))
		if q != 0 {
			nm[t] = int8(q)
		}
	}
	return nm
}

// eachTrigram calls fn with each trigram of "#w#" and returns how many.
func eachTrigram(w string, fn func([3]rune)) int {
	var win [3]rune
	n := 0
	emit := func(r rune) {
		win[0], win[1], win[2] = win[1], win[2], r
		n++
		if n >= 3 {
			fn(win)
		}
	}
	emit('#')
	for _, r := range w {
		emit(r)
	}
	emit('#')
	return max(0, n-2)
}

// bucket returns the word's mean trigram log ratio in half-nat steps,
// from -6 to 6 (0 for a model without a name model).
func (nm nameModel) bucket(core string) int8 {
	if len(nm) == 0 {
		return 0
	}
	sum := 0
	n := eachTrigram(core, func(t [3]rune) { sum += int(nm[t]) })
	if n == 0 {
		return 0
	}
	b := math.Round(2 * float64(sum) / float64(n*nameScale))
	return int8(max(-6, min(6, b)))
}

// sortedTrigrams lists the model's trigrams in a fixed order, for files.
func (nm nameModel) sortedTrigrams() [][3]rune {
	ts := make([][3]rune, 0, len(nm))
	for t := range nm {
		ts = append(ts, t)
	}
	sort.Slice(ts, func(i, j int) bool {
		a, b := ts[i], ts[j]
		if a[0] != b[0] {
			return a[0] < b[0]
		}
		if a[1] != b[1] {
			return a[1] < b[1]
		}
		return a[2] < b[2]
	})
	return ts
}
