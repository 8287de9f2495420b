package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/marsad/marsad/eval"
	"github.com/marsad/marsad/internal/metric"
	"github.com/marsad/marsad/pipeline"
)

func init() {
	evalTargets["events"] = &target{
		summary: "score events, dates, numbers and relevance on an annotated dev set",
		run:     runEvalEvents,
	}
}

func runEvalEvents(ctx context.Context, e *env, args []string) int {
	fs := newFlags(e, "eval events", "--gold FILE --docs PATH [--json] [--errors]", `Analyses the documents a gold file names (standoff annotations, see
gold/README.md) and scores marsad against it:
  events      precision/recall of type + place (within 25 km) + date, with
              looser matches (type; type + place) for diagnosis, sub-type
              agreement, and exact fatality and injury figures among matches
  times       recall/precision of date expressions (overlapping span, same value)
  quantities  recall/precision of numbers (overlapping span, same value), role accuracy
  relevance   accuracy, precision and recall of the relevant/irrelevant decision
  places      the annotated place mentions found as LOC entities (overlapping
              span; exact span; found as an entity of any type), and the share
              of LOC entities that are annotated places
--errors lists, document by document, the gold events no prediction matched
("missed") and the predicted events no gold event matched ("extra"), each
with its type, date, place, figures and evidence sentence; then the
annotated places no LOC entity found (with the type they were found as)
and the LOC entities that are no annotated place.
--docs is what holds the documents: a file, an archive or a folder (the
SaudiNewsNet folder of day archives is read day by day).`)
	goldPath := fs.String("gold", "gold/snn-dev.jsonl", "gold annotations (JSON Lines)")
	docs := fs.String("docs", "../shared/data/saudinewsnet", "the documents the gold refers to")
	prefix := fs.String("ids-from-position", "", `id prefix for documents without ids (default "snn:" when the gold ids are snn:…)`)
	asJSON := fs.Bool("json", false, "print the report as JSON")
	showErrors := fs.Bool("errors", false, "list the missed and extra events of each document")
	if _, err := parseArgs(fs, args); err != nil {
		return usageStatus(err)
	}
	gold, err := eval.LoadGold(*goldPath)
	if err != nil {
		errf(e.stderr, "eval events", "%v", err)
		return 1
	}
	if *prefix == "" && len(gold) > 0 && strings.HasPrefix(gold[0].ID, "snn:") {
		*prefix = "snn:"
	}
	p, err := pipeline.New()
	if err != nil {
		errf(e.stderr, "eval events", "%v", err)
		return 1
	}
	start := time.Now()
	rep, err := eval.Run(ctx, gold, *docs, *prefix, p)
	if err != nil {
		errf(e.stderr, "eval events", "%v", err)
		return 1
	}
	ev, tm, qt, rl, pl := rep.Events, rep.Times, rep.Quantities, rep.Relevance, rep.Places
	if *asJSON {
		out := map[string]any{
			"documents": rep.Docs,
			"events": map[string]any{
				"gold": ev.Gold, "predicted": ev.Pred,
				"precision": ev.Precision(), "recall": ev.Recall(), "f1": ev.F1(),
				"type_recall": metric.Ratio(ev.Type, ev.Gold), "type_precision": metric.Ratio(ev.Type, ev.Pred),
				"type_place_recall": metric.Ratio(ev.TypePlace, ev.Gold), "type_place_precision": metric.Ratio(ev.TypePlace, ev.Pred),
				"sub_type_agreement": metric.Ratio(ev.SubType, ev.Full),
				"fatalities_exact":   metric.Ratio(ev.Fatalities, ev.Full),
				"injuries_exact":     metric.Ratio(ev.Injuries, ev.Full),
				"matched":            ev.Full,
			},
			"times":      map[string]any{"gold": tm.Gold, "predicted": tm.Pred, "recall": tm.Recall(), "precision": tm.Precision(), "value_accuracy": tm.ValueAccuracy()},
			"quantities": map[string]any{"gold": qt.Gold, "predicted": qt.Pred, "recall": qt.Recall(), "precision": qt.Precision(), "role_accuracy": qt.RoleAccuracy(), "unit_accuracy": qt.UnitAccuracy()},
			"relevance":  map[string]any{"accuracy": rl.Accuracy(), "precision": rl.Precision(), "recall": rl.Recall(), "tp": rl.TP, "fp": rl.FP, "fn": rl.FN, "tn": rl.TN},
			"places": map[string]any{"gold": pl.Gold, "loc_entities": pl.LOC, "recall": pl.Recall(), "precision": pl.Precision(),
				"exact_span_recall": metric.Ratio(pl.Exact, pl.Gold), "any_type_recall": metric.Ratio(pl.AnyType, pl.Gold)},
			"seconds": time.Since(start).Seconds(),
		}
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		_ = enc.Encode(out)
		return 0
	}
	w := e.stdout
	if *showErrors {
		printEventErrors(w, gold, rep)
		printPlaceErrors(w, gold, rep)
	}
	fmt.Fprintf(w, "documents   %d (%s)\n\n", rep.Docs, *goldPath)
	fmt.Fprintf(w, "events      gold %d, predicted %d\n", ev.Gold, ev.Pred)
	fmt.Fprintf(w, "  type+place+date   P %.3f  R %.3f  F1 %.3f  (%d matched)\n", ev.Precision(), ev.Recall(), ev.F1(), ev.Full)
	fmt.Fprintf(w, "  type+place        P %.3f  R %.3f\n", metric.Ratio(ev.TypePlace, ev.Pred), metric.Ratio(ev.TypePlace, ev.Gold))
	fmt.Fprintf(w, "  type              P %.3f  R %.3f\n", metric.Ratio(ev.Type, ev.Pred), metric.Ratio(ev.Type, ev.Gold))
	fmt.Fprintf(w, "  among matches: sub-type %.3f, fatalities exact %.3f, injuries exact %.3f\n\n",
		metric.Ratio(ev.SubType, ev.Full), metric.Ratio(ev.Fatalities, ev.Full), metric.Ratio(ev.Injuries, ev.Full))
	fmt.Fprintf(w, "times       R %.3f  P %.3f  value accuracy %.3f  (gold %d, predicted %d)\n", tm.Recall(), tm.Precision(), tm.ValueAccuracy(), tm.Gold, tm.Pred)
	fmt.Fprintf(w, "quantities  R %.3f  P %.3f  role accuracy %.3f  (gold %d, predicted %d)\n", qt.Recall(), qt.Precision(), qt.RoleAccuracy(), qt.Gold, qt.Pred)
	fmt.Fprintf(w, "relevance   accuracy %.3f  P %.3f  R %.3f  (tp %d fp %d fn %d tn %d)\n", rl.Accuracy(), rl.Precision(), rl.Recall(), rl.TP, rl.FP, rl.FN, rl.TN)
	fmt.Fprintf(w, "places      R %.3f  P %.3f  exact span R %.3f  as any entity R %.3f  (gold %d, LOC entities %d)\n",
		pl.Recall(), pl.Precision(), metric.Ratio(pl.Exact, pl.Gold), metric.Ratio(pl.AnyType, pl.Gold), pl.Gold, pl.LOC)
	return 0
}

// printEventErrors lists each document's unmatched gold and predicted
// events, for error analysis.
func printEventErrors(w io.Writer, gold []eval.Gold, rep *eval.Report) {
	count := func(n *int) string {
		if n == nil {
			return "-"
		}
		return strconv.Itoa(*n)
	}
	for _, g := range gold {
		a := rep.PerDoc[g.ID]
		if a == nil {
			continue
		}
		m := eval.MissedEvents(g.Events, a.Events)
		if len(m.Gold) == 0 && len(m.Pred) == 0 {
			continue
		}
		fmt.Fprintf(w, "%s\n", g.ID)
		text := []rune(rep.Texts[g.ID])
		for _, i := range m.Gold {
			ev := g.Events[i]
			place := "(no place)"
			if l := ev.Location; l != nil {
				place = fmt.Sprintf("%s %s (%.3f,%.3f)", l.NameEn, l.Country, l.Lat, l.Lon)
			}
			evidence := ""
			if s, t := ev.Evidence.Start, ev.Evidence.End; 0 <= s && s < t && t <= len(text) {
				evidence = oneLine(string(text[s:t]))
			}
			fmt.Fprintf(w, "  missed  %s/%s  %s  %s  killed %s injured %s\n          %s\n",
				ev.Type, ev.SubType, ev.Date, place, count(ev.Fatalities), count(ev.Injuries), evidence)
		}
		for _, j := range m.Pred {
			ev := a.Events[j]
			place := "(no place)"
			if l := ev.Location; l != nil {
				place = fmt.Sprintf("%s %s %s (%.3f,%.3f)", l.Name, string(l.NameEn), string(l.Country), l.Lat, l.Lon)
			}
			fmt.Fprintf(w, "  extra   %s/%s  %s  %s  killed %s injured %s\n          %s\n",
				ev.Type, string(ev.SubType), string(ev.Date), place, count(ev.Fatalities), count(ev.Injuries), oneLine(ev.Evidence.Text))
		}
		fmt.Fprintln(w)
	}
}

// printPlaceErrors lists each document's annotated places that no LOC
// entity found and its LOC entities that are no annotated place.
func printPlaceErrors(w io.Writer, gold []eval.Gold, rep *eval.Report) {
	for _, g := range gold {
		a := rep.PerDoc[g.ID]
		if a == nil {
			continue
		}
		m := eval.MissedPlaces(g.Places, a.Entities)
		if len(m.Gold) == 0 && len(m.Pred) == 0 {
			continue
		}
		fmt.Fprintf(w, "%s places\n", g.ID)
		text := []rune(rep.Texts[g.ID])
		for k, i := range m.Gold {
			p := g.Places[i]
			surface := ""
			if 0 <= p.Start && p.Start < p.End && p.End <= len(text) {
				surface = oneLine(string(text[p.Start:p.End]))
			}
			as := "not found"
			if m.GoldType[k] != "" {
				as = "found as " + m.GoldType[k]
			}
			fmt.Fprintf(w, "  missed  %s  [%d,%d)  %s (%s)  %s\n", surface, p.Start, p.End, p.NameEn, p.Country, as)
		}
		for _, j := range m.Pred {
			e := a.Entities[j]
			fmt.Fprintf(w, "  extra   %s  [%d,%d)  LOC\n", oneLine(e.Text), e.Start, e.End)
		}
		fmt.Fprintln(w)
	}
}
