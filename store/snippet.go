package store

import (
	"unicode"
)

// SnippetWidth is the length of a snippet in code points, about.
const SnippetWidth = 200

// snippetChunk is how much text is analysed at a time looking for the
// first match: most matches are near the top of a news article, and
// analysing only what is needed keeps a page of hits fast.
const snippetChunk = 2500

// Snippet returns a passage of text (a document's analysed text) around
// its best match for m, with the matched words' ranges. Matches are found
// by the same analyser as the index, on the original text, so that the
// highlight covers بالموصل for a query الموصل. Untrusted text is returned
// as it is: callers escape it for wherever they show it.
func (ix *Indexer) Snippet(text string, m *Matcher, width int) Snippet {
	if width <= 0 {
		width = SnippetWidth
	}
	rs := []rune(text)
	var matches [][2]int
	for pos := 0; pos < len(rs) && len(matches) == 0; {
		end := min(pos+snippetChunk, len(rs))
		for end < len(rs) && end-pos < 2*snippetChunk && !unicode.IsSpace(rs[end]) {
			end++
		}
		for _, t := range ix.seg.Terms(string(rs[pos:end])) {
			if m != nil && m.Match(IndexToken(t.Stem)) {
				matches = append(matches, [2]int{pos + t.Start, pos + t.End})
			}
		}
		pos = end
	}
	// The window holding the most distinct matched words, earliest first.
	best, bestN := 0, 0
	for i := range matches {
		seen := map[string]bool{}
		for j := i; j < len(matches) && matches[j][1]-matches[i][0] <= width*3/4; j++ {
			seen[string(rs[matches[j][0]:matches[j][1]])] = true
		}
		if len(seen) > bestN {
			best, bestN = i, len(seen)
		}
	}
	start := 0
	if len(matches) > 0 {
		start = max(matches[best][0]-width/5, 0)
	}
	if start < width/3 {
		start = 0 // near the top: show the top
	}
	start = snapStart(rs, start)
	end := min(start+width, len(rs))
	for n := 0; end < len(rs) && n < 20 && !unicode.IsSpace(rs[end]); n++ {
		end++
	}
	// Copy the window with runs of white space as one space; map offsets.
	var out []rune
	at := make([]int, end-start+1)
	if start > 0 {
		out = append(out, '…', ' ')
	}
	for i := start; i < end; i++ {
		at[i-start] = len(out)
		r := rs[i]
		if unicode.IsSpace(r) {
			if len(out) == 0 || out[len(out)-1] == ' ' {
				continue
			}
			r = ' '
		}
		out = append(out, r)
	}
	at[end-start] = len(out)
	for len(out) > 0 && out[len(out)-1] == ' ' {
		out = out[:len(out)-1]
	}
	if end < len(rs) {
		out = append(out, ' ', '…')
	}
	var sn Snippet
	for _, mt := range matches {
		if mt[0] >= start && mt[1] <= end {
			sn.Highlights = append(sn.Highlights, [2]int{at[mt[0]-start], at[mt[1]-start]})
		}
	}
	sn.Text = string(out)
	return sn
}

// snapStart moves a window's start to the beginning of a word: back to
// the white space before it, within 20 code points, else forward.
func snapStart(rs []rune, i int) int {
	if i <= 0 {
		return 0
	}
	for j := i; j > 0 && i-j < 20; j-- {
		if unicode.IsSpace(rs[j-1]) {
			return j
		}
	}
	for j := i; j < len(rs) && j-i < 20; j++ {
		if unicode.IsSpace(rs[j]) {
			return j + 1
		}
	}
	return i
}
