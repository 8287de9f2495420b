package pipeline

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/marsad/marsad/analysis"
)

// report is one line of testdata/reports-2020s.jsonl: a short report the
// team wrote in the style of current agencies (the wars since 2020), with
// the facts a reader checks in what marsad says about it. A field left out
// is not checked.
type report struct {
	analysis.Document
	Relevant *bool    `json:"relevant"`
	Refs     []string `json:"refs"` // entities that must carry these refs
	Event    *struct {
		SubType     string   `json:"sub_type"`
		Actors      []string `json:"actors"`      // refs among the event's actors
		NotActors   []string `json:"not_actors"`  // refs that must not be actors
		Targets     []string `json:"targets"`     // refs among its targets
		NotTargets  []string `json:"not_targets"` // refs that must not be targets
		NoCivilians bool     `json:"no_civilians"`
		Place       string   `json:"place"`
		Date        string   `json:"date"`
		Fatalities  *int     `json:"fatalities"`
		Injuries    *int     `json:"injuries"`
	} `json:"event"`
}

// TestReports2020s runs the whole default pipeline over the team's
// reports and checks, for each, that it is judged relevant where it should
// be, that the names the report gives are linked to the catalogue, and that
// one of its events has the type, parties, place, date and figures a reader
// would code. It guards the rules found on these reports (who struck whom:
// a country's adjective, a site or a member of a group, "at the hands of",
// a claim, a cited source; dawn is no detonation…).
func TestReports2020s(t *testing.T) {
	f, err := os.Open("testdata/reports-2020s.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	p, err := New()
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	n := 0
	for sc.Scan() {
		var r report
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("line %d: %v", n+1, err)
		}
		n++
		a, err := p.Analyze(context.Background(), &r.Document)
		if err != nil {
			t.Errorf("%s: %v", r.ID, err)
			continue
		}
		if problems := r.check(a); len(problems) > 0 {
			t.Errorf("%s: %s\n  %s", r.ID, strings.Join(problems, "; "), r.Text)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if n < 30 {
		t.Fatalf("%d reports read, want 30", n)
	}
}

// check returns what a differs in from the report's facts.
func (r *report) check(a *analysis.Analysis) []string {
	var out []string
	if r.Relevant != nil && (a.Relevance == nil || a.Relevance.Relevant != *r.Relevant) {
		out = append(out, fmt.Sprintf("relevance %+v, want relevant=%v", a.Relevance, *r.Relevant))
	}
	for _, ref := range r.Refs {
		if !slices.ContainsFunc(a.Entities, func(e analysis.Entity) bool { return string(e.Ref) == ref }) {
			out = append(out, "no entity with "+ref)
		}
	}
	if r.Event == nil {
		return out
	}
	var why []string
	for _, ev := range a.Events {
		miss := r.eventMisses(ev)
		if len(miss) == 0 {
			return out
		}
		why = append(why, fmt.Sprintf("%s/%s: %s", ev.Type, ev.SubType, strings.Join(miss, ", ")))
	}
	if len(why) == 0 {
		why = []string{"no events"}
	}
	return append(out, "no event as coded: "+strings.Join(why, " | "))
}

// eventMisses lists the expected facts event ev does not have.
func (r *report) eventMisses(ev analysis.Event) []string {
	want := r.Event
	refs := func(list []analysis.ActorRef) []string {
		var s []string
		for _, x := range list {
			s = append(s, string(x.Ref))
		}
		return s
	}
	actors, targets := refs(ev.Actors), refs(ev.Targets)
	var miss []string
	if want.SubType != "" && string(ev.SubType) != want.SubType {
		miss = append(miss, "sub-type")
	}
	miss = append(miss, roles("actor", want.Actors, want.NotActors, actors)...)
	miss = append(miss, roles("target", want.Targets, want.NotTargets, targets)...)
	if want.NoCivilians && slices.ContainsFunc(ev.Targets, func(x analysis.ActorRef) bool { return x.NameEn == "civilians" }) {
		miss = append(miss, "civilians are no target")
	}
	if want.Place != "" && (ev.Location == nil || string(ev.Location.Ref) != want.Place) {
		miss = append(miss, "place")
	}
	if want.Date != "" && string(ev.Date) != want.Date {
		miss = append(miss, "date "+string(ev.Date))
	}
	if want.Fatalities != nil && (ev.Fatalities == nil || *ev.Fatalities != *want.Fatalities) {
		miss = append(miss, "fatalities")
	}
	if want.Injuries != nil && (ev.Injuries == nil || *ev.Injuries != *want.Injuries) {
		miss = append(miss, "injuries")
	}
	return miss
}

// roles lists the refs of yes that have lacks and the refs of no it has,
// as the role (actor, target) they were wanted or not wanted in.
func roles(role string, yes, no, has []string) []string {
	var miss []string
	for _, a := range yes {
		if !slices.Contains(has, a) {
			miss = append(miss, role+" "+a+" (has "+list(has)+")")
		}
	}
	for _, a := range no {
		if slices.Contains(has, a) {
			miss = append(miss, role+" "+a+" is none")
		}
	}
	return miss
}

// list writes refs for a message.
func list(refs []string) string {
	if len(refs) == 0 {
		return "none"
	}
	return strings.Join(refs, " ")
}
