package temporal

import (
	"context"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/marsad/marsad/analysis"
	"github.com/marsad/marsad/arabic"
)

// Stage fills an analysis's times[]: every date expression of the text,
// resolved to ISO 8601 against the published date, sorted by start. It
// satisfies pipeline.Stage.
type Stage struct {
	lx *Lexicon
}

// NewStage returns the temporal stage with the embedded lexicon.
func NewStage() (*Stage, error) {
	lx, err := Default()
	if err != nil {
		return nil, err
	}
	return &Stage{lx: lx}, nil
}

// Name is "temporal".
func (*Stage) Name() string { return "temporal" }

// Run adds the document's times to st.Out.Times. It settles where a date
// and an earlier stage's name overlap: a date inside a name is no date
// (inName), and a one-word name inside a longer date is no name
// (dropNamesIn).
func (s *Stage) Run(ctx context.Context, st *analysis.State) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	for _, f := range s.lx.Find(st.Tokens, st.Sentences, st.Published) {
		if inName(st.Out.Entities, f.Start, f.End) {
			continue
		}
		dropNamesIn(st.Out, f.Start, f.End)
		st.Out.Times = append(st.Out.Times, analysis.Time{
			Text:      st.Slice(f.Start, f.End),
			Start:     f.Start,
			End:       f.End,
			Value:     analysis.Str(f.Value),
			Precision: f.Precision,
		})
	}
	slices.SortStableFunc(st.Out.Times, func(a, b analysis.Time) int { return a.Start - b.Start })
	dropMonthPersons(st.Out, st.Tokens, s.lx)
	return nil
}

// dropMonthPersons removes the one-word person's names that are a Hijri
// month named alone (رمضان in العشر الأواخر من رمضان or انتهى رمضان, which
// the tagger reads as the given name and which is too bare to be a date),
// unless the document names a person with that word in a longer name
// (رمضان صبحي, after whom رمضان alone is he) or a word that may be the
// rest of a name follows it (رمضان | قاديروف, one name the tagger cut).
func dropMonthPersons(out *analysis.Analysis, toks []arabic.Token, lx *Lexicon) {
	var longer map[string]bool
	kept := out.Entities[:0]
	for _, e := range out.Entities {
		if e.Type == "PER" && !strings.ContainsFunc(e.Norm, unicode.IsSpace) && lx.HijriMonth(e.Norm) {
			if longer == nil {
				longer = map[string]bool{}
				for _, o := range out.Entities {
					if ws := strings.Fields(o.Norm); o.Type == "PER" && len(ws) > 1 {
						for _, w := range ws {
							longer[arabic.Key(w)] = true
						}
					}
				}
			}
			if !longer[arabic.Key(e.Norm)] && !nameMayFollow(toks, e.End) {
				continue
			}
		}
		kept = append(kept, e)
	}
	out.Entities = kept
}

// inName reports whether the expression [start, end) lies within the name
// of a person, a place or an organisation (أحمد الخميس, a surname that is
// a weekday; مدينة السادس من أكتوبر; the carmaker «نيسان»), which is no
// date. A year in the name of a war or a tournament (حرب 1967, MISC) is
// still one.
func inName(entities []analysis.Entity, start, end int) bool {
	for _, e := range entities {
		if e.Start <= start && end <= e.End && e.Type != "MISC" {
			return true
		}
	}
	return false
}

// nameMayFollow reports whether the word after position end may be the
// rest of a person's name: an Arabic word that is neither a stop word nor
// an epithet of a month (رمضان الزهراني, رمضان قاديروف; not رمضان المبارك,
// من رمضان حيث).
func nameMayFollow(toks []arabic.Token, end int) bool {
	i := sort.Search(len(toks), func(i int) bool { return toks[i].Start >= end })
	if i == len(toks) {
		return false
	}
	t := toks[i]
	return t.Kind == arabic.Word && !arabic.IsStopWord(t.Norm) && !monthEpithets[arabic.Key(t.Norm)]
}

var monthEpithets = map[string]bool{}

func init() {
	for _, w := range []string{"المبارك", "الكريم", "المعظم", "المقبل", "الماضي", "القادم", "الفائت", "المنصرم", "الحالي", "الجاري"} {
		monthEpithets[arabic.Key(w)] = true
	}
}

// dropNamesIn removes the one-word names of persons, places and
// organisations that lie inside the longer date expression [start, end)
// (نيسان in أبريل (نيسان) الماضي, رمضان in شهر رمضان, السنة in السنة
// الماضية): the words around make it a date.
func dropNamesIn(out *analysis.Analysis, start, end int) {
	kept := out.Entities[:0]
	for _, e := range out.Entities {
		inside := start <= e.Start && e.End <= end && e.End-e.Start < end-start
		if !(inside && e.Type != "MISC" && !strings.ContainsFunc(e.Text, unicode.IsSpace)) {
			kept = append(kept, e)
		}
	}
	out.Entities = kept
}
