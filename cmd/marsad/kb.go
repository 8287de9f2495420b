package main

import (
	"archive/zip"
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/marsad/marsad/arabic"
	"github.com/marsad/marsad/ingest"
	"github.com/marsad/marsad/kb"
)

func init() {
	register(&command{
		name:    "kb",
		summary: "the knowledge base: look names up, find places and actors, import GeoNames, stats, eval",
		run:     runKB,
	})
}

const kbUsage = `Usage: marsad kb COMMAND [flags] [args]

The knowledge base of places and actors (see kb/data). Every command takes
--kb DIR to read a directory that overlays the embedded data (also $MARSAD_KB).

Commands:
  lookup NAME...        candidates for a place (or, with --actors, an actor) name, with scores
  find [FILE]           the places and actors found in a text, resolved (stdin without FILE)
  import-geonames ALL ALT
                        write a gazetteer from the GeoNames dumps (allCountries.txt or a
                        country file, and alternateNamesV2.txt; .zip accepted)
  stats                 counts of places by source and kind, actors by kind
  check                 load and validate the knowledge base (with --kb DIR: yours)
  eval --gold FILE --docs PATH
                        place resolution against a gold file (gold/snn-dev.jsonl)
`

func runKB(ctx context.Context, e *env, args []string) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		w := e.stderr
		if len(args) > 0 {
			w = e.stdout
		}
		fmt.Fprint(w, kbUsage)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	switch args[0] {
	case "lookup":
		return kbLookup(e, args[1:])
	case "find":
		return kbFind(e, args[1:])
	case "import-geonames":
		return kbImport(ctx, e, args[1:])
	case "stats":
		return kbStats(e, args[1:])
	case "check":
		return kbCheck(e, args[1:])
	case "eval":
		return kbEval(ctx, e, args[1:])
	}
	errf(e.stderr, "kb", "unknown command %q\n\n%s", args[0], kbUsage)
	return 2
}

func openKB(e *env, cmd, dir string) *kb.KB {
	k, err := kb.Open(dir)
	if err != nil {
		errf(e.stderr, cmd, "%v", err)
		return nil
	}
	return k
}

func jsonEncoder(w io.Writer) *json.Encoder {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc
}

// placeJSON is a place as lookup and find print it.
type placeJSON struct {
	Ref        string   `json:"ref"`
	Name       string   `json:"name"`
	NameEn     string   `json:"name_en"`
	Kind       string   `json:"kind"`
	Country    string   `json:"country"`
	Admin1     string   `json:"admin1,omitempty"`
	Lat        float64  `json:"lat"`
	Lon        float64  `json:"lon"`
	Population int64    `json:"population,omitempty"`
	Score      float64  `json:"score"`
	Matched    string   `json:"matched,omitempty"`
	Why        []string `json:"why,omitempty"`
}

func kbLookup(e *env, args []string) int {
	fs := newFlags(e, "kb lookup", "[--kb DIR] [--json] [--actors] [--all] NAME...", `Prints the places a name may refer to, best first, with the score of each
and the reasons for it, as the matcher sees the name in a text (proclitics,
a word such as محافظة before it, ريف X). English names are looked up too.`)
	dir := fs.String("kb", "", "knowledge-base directory overlaying the embedded data")
	asJSON := fs.Bool("json", false, "one JSON object per candidate")
	actors := fs.Bool("actors", false, "look the name up in the actor catalogue instead")
	all := fs.Bool("all", false, "show every candidate (default: the best 10)")
	names, err := parseArgs(fs, args)
	if err != nil {
		return usageStatus(err)
	}
	if len(names) == 0 {
		fs.Usage()
		return 2
	}
	k := openKB(e, "kb lookup", *dir)
	if k == nil {
		return 1
	}
	out := bufio.NewWriter(e.stdout)
	defer out.Flush()
	enc := jsonEncoder(out)
	status := 0
	for _, name := range names {
		if *actors {
			cs := k.LookupActor(name)
			if len(cs) == 0 {
				status = 1
				if !*asJSON {
					fmt.Fprintf(out, "%s: no actor\n", name)
				}
			}
			for i, c := range cs {
				if i == 10 && !*all {
					break
				}
				a := c.Actor
				if *asJSON {
					enc.Encode(map[string]any{"query": name, "ref": a.Ref, "name": a.Name, "name_en": a.NameEn,
						"kind": a.Kind, "country": a.Country, "parent": a.Parent, "wikidata": a.Wikidata, "score": round3(c.Score), "why": c.Why})
					continue
				}
				fmt.Fprintf(out, "%-6.3f %-28s %s | %s | %s %s", c.Score, a.Ref, a.Name, a.NameEn, a.Kind, a.Country)
				if a.Parent != "" {
					fmt.Fprintf(out, " (in %s)", a.Parent)
				}
				fmt.Fprintf(out, "\n       %s\n", strings.Join(c.Why, "; "))
			}
			continue
		}
		cs := k.LookupPlace(name)
		if len(cs) == 0 {
			status = 1
			if !*asJSON {
				fmt.Fprintf(out, "%s: no place\n", name)
			}
		}
		for i, c := range cs {
			if i == 10 && !*all {
				if !*asJSON {
					fmt.Fprintf(out, "… %d more (--all)\n", len(cs)-10)
				}
				break
			}
			p := c.Place
			if *asJSON {
				enc.Encode(struct {
					Query string `json:"query"`
					placeJSON
				}{name, placeJSON{p.Ref, p.Name, p.NameEn, p.Kind, p.Country, p.Admin1, p.Lat, p.Lon, p.Population, round3(c.Score), c.Name, c.Why}})
				continue
			}
			fmt.Fprintf(out, "%-6.3f %-24s %s | %s | %s %s", c.Score, p.Ref, p.Name, p.NameEn, p.Kind, p.Country)
			if p.Admin1 != "" {
				fmt.Fprintf(out, ", %s", p.Admin1)
			}
			fmt.Fprintf(out, " (%.4f, %.4f)", p.Lat, p.Lon)
			if p.Population > 0 {
				fmt.Fprintf(out, " pop %d", p.Population)
			}
			fmt.Fprintf(out, "\n       matched %q: %s\n", c.Name, strings.Join(c.Why, "; "))
		}
	}
	return status
}

func round3(x float64) float64 { return float64(int(x*1000+0.5)) / 1000 }

func kbFind(e *env, args []string) int {
	fs := newFlags(e, "kb find", "[--kb DIR] [--json] [FILE]", `Prints the places and actors found in a text (FILE, or stdin), each mention
with its code-point span and what it was resolved to.`)
	dir := fs.String("kb", "", "knowledge-base directory overlaying the embedded data")
	asJSON := fs.Bool("json", false, "one JSON object per mention")
	files, err := parseArgs(fs, args)
	if err != nil {
		return usageStatus(err)
	}
	text, code := readOneText(e, "kb find", files)
	if code != 0 {
		return code
	}
	k := openKB(e, "kb find", *dir)
	if k == nil {
		return 1
	}
	places, actors, _ := k.Find(text, arabic.Tokenize(text))
	out := bufio.NewWriter(e.stdout)
	defer out.Flush()
	enc := jsonEncoder(out)
	for _, m := range places {
		p := m.Place
		typ := "place"
		if m.Institution {
			typ = "institution" // شرطة جدة: the place an institution serves, no place mention
		}
		if *asJSON {
			enc.Encode(map[string]any{"type": typ, "text": m.Text, "start": m.Start, "end": m.End, "norm": m.Norm,
				"ref": p.Ref, "name": p.Name, "name_en": p.NameEn, "kind": p.Kind, "country": p.Country, "admin1": p.Admin1,
				"lat": p.Lat, "lon": p.Lon, "score": round3(m.Score)})
			continue
		}
		fmt.Fprintf(out, "%s %5d-%-5d %-20s → %-24s %s | %s %s (%.3f, %.3f) %.2f\n", typ, m.Start, m.End, m.Text, p.Ref, p.NameEn, p.Kind, p.Country, p.Lat, p.Lon, m.Score)
	}
	for _, m := range actors {
		a := m.Actor
		if *asJSON {
			enc.Encode(map[string]any{"type": "actor", "text": m.Text, "start": m.Start, "end": m.End, "norm": m.Norm,
				"ref": a.Ref, "name": a.Name, "name_en": a.NameEn, "kind": a.Kind, "country": a.Country, "score": round3(m.Score)})
			continue
		}
		fmt.Fprintf(out, "actor %5d-%-5d %-20s → %-24s %s | %s %s %.2f\n", m.Start, m.End, m.Text, a.Ref, a.NameEn, a.Kind, a.Country, m.Score)
	}
	return 0
}

func kbImport(ctx context.Context, e *env, args []string) int {
	fs := newFlags(e, "kb import-geonames", "[--out DIR] [--countries CC,CC] allCountries.txt alternateNamesV2.txt", `Reads the GeoNames dumps (https://download.geonames.org/export/dump/:
allCountries.txt or a country file such as SY.txt, and alternateNamesV2.txt;
either may be the .zip GeoNames serves) and writes DIR/geonames.tsv: every
populated place, province, district, region and conflict-relevant site that
has an Arabic name, in the format of the embedded gazetteer. Load it with
--kb DIR (or MARSAD_KB=DIR): it replaces the embedded GeoNames towns, and
the hand-written places and corrections still apply. Both files are
streamed; only the Arabic names are held in memory. The output is GeoNames
data under CC BY 4.0: keep the attribution.`)
	outDir := fs.String("out", ".", "directory to write geonames.tsv to")
	countries := fs.String("countries", "", "comma-separated ISO codes to keep (default: all)")
	files, err := parseArgs(fs, args)
	if err != nil {
		return usageStatus(err)
	}
	if len(files) != 2 {
		fs.Usage()
		return 2
	}
	alt, closeAlt, err := openDump(files[1], "alternateNames")
	if err != nil {
		errf(e.stderr, "kb import-geonames", "%v", err)
		return 1
	}
	defer closeAlt()
	all, closeAll, err := openDump(files[0], "")
	if err != nil {
		errf(e.stderr, "kb import-geonames", "%v", err)
		return 1
	}
	defer closeAll()
	o := kb.ImportOptions{Source: "GeoNames dumps " + filepath.Base(files[0]) + " and " + filepath.Base(files[1])}
	if *countries != "" {
		o.Countries = map[string]bool{}
		for _, c := range strings.Split(*countries, ",") {
			o.Countries[strings.ToUpper(strings.TrimSpace(c))] = true
		}
	}
	if err := os.MkdirAll(*outDir, 0o755); err != nil {
		errf(e.stderr, "kb import-geonames", "%v", err)
		return 1
	}
	path := filepath.Join(*outDir, "geonames.tsv")
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		errf(e.stderr, "kb import-geonames", "%v", err)
		return 1
	}
	st, err := kb.ImportGeoNames(ctx, all, alt, f, o)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp)
		errf(e.stderr, "kb import-geonames", "%v", err)
		return 1
	}
	if err := os.Rename(tmp, path); err != nil {
		errf(e.stderr, "kb import-geonames", "%v", err)
		return 1
	}
	kinds := make([]string, 0, len(st.ByKind))
	for k := range st.ByKind {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	var parts []string
	for _, k := range kinds {
		parts = append(parts, fmt.Sprintf("%s %d", k, st.ByKind[k]))
	}
	fmt.Fprintf(e.stderr, "marsad kb import-geonames: %d Arabic names, %d rows read, %d places written to %s (%s)\n",
		st.AltNames, st.Rows, st.Written, path, strings.Join(parts, ", "))
	if st.BadLines > 0 {
		fmt.Fprintf(e.stderr, "marsad kb import-geonames: %d malformed lines skipped; the first: %s\n", st.BadLines, st.FirstError)
	}
	return 0
}

// openDump opens a GeoNames dump, reading the .txt inside a .zip (the one
// whose name starts with prefer, when there are several).
func openDump(path, prefer string) (io.Reader, func(), error) {
	if !strings.EqualFold(filepath.Ext(path), ".zip") {
		f, err := os.Open(path)
		if err != nil {
			return nil, nil, err
		}
		return bufio.NewReaderSize(f, 1<<20), func() { f.Close() }, nil
	}
	zr, err := zip.OpenReader(path)
	if err != nil {
		return nil, nil, err
	}
	var pick *zip.File
	for _, f := range zr.File {
		if !strings.HasSuffix(f.Name, ".txt") || strings.HasPrefix(f.Name, "readme") {
			continue
		}
		if pick == nil || prefer != "" && strings.HasPrefix(f.Name, prefer) {
			pick = f
		}
	}
	if pick == nil {
		zr.Close()
		return nil, nil, fmt.Errorf("%s: no .txt file inside", path)
	}
	rc, err := pick.Open()
	if err != nil {
		zr.Close()
		return nil, nil, err
	}
	return bufio.NewReaderSize(rc, 1<<20), func() { rc.Close(); zr.Close() }, nil
}

func kbStats(e *env, args []string) int {
	fs := newFlags(e, "kb stats", "[--kb DIR] [--json]", "Counts places by source file and kind, and actors by kind.")
	dir := fs.String("kb", "", "knowledge-base directory overlaying the embedded data")
	asJSON := fs.Bool("json", false, "print JSON")
	if _, err := parseArgs(fs, args); err != nil {
		return usageStatus(err)
	}
	k := openKB(e, "kb stats", *dir)
	if k == nil {
		return 1
	}
	st := k.Stats()
	if *asJSON {
		jsonEncoder(e.stdout).Encode(st)
		return 0
	}
	out := bufio.NewWriter(e.stdout)
	defer out.Flush()
	fmt.Fprintf(out, "files:\n")
	for _, f := range k.Files() {
		fmt.Fprintf(out, "  %-22s %6d rows  (%s)\n", f.Name, f.Rows, f.Origin)
	}
	fmt.Fprintf(out, "places: %d (%d names)\n", st.Places, st.PlaceNames)
	printCounts(out, "  by source", st.PlacesBySource)
	printCounts(out, "  by kind", st.PlacesByKind)
	fmt.Fprintf(out, "  written or corrected by hand: %d\n", st.HandPlaces)
	fmt.Fprintf(out, "actors: %d (%d names, %d with a Wikidata id)\n", st.Actors, st.ActorNames, st.WithWikidata)
	printCounts(out, "  by kind", st.ActorsByKind)
	if len(k.Unused()) > 0 {
		fmt.Fprintf(out, "corrections to GeoNames places not loaded: %d\n", len(k.Unused()))
	}
	return 0
}

func printCounts(w io.Writer, title string, m map[string]int) {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if m[keys[i]] != m[keys[j]] {
			return m[keys[i]] > m[keys[j]]
		}
		return keys[i] < keys[j]
	})
	fmt.Fprintf(w, "%s:", title)
	for _, k := range keys {
		fmt.Fprintf(w, " %s %d;", k, m[k])
	}
	fmt.Fprintln(w)
}

func kbCheck(e *env, args []string) int {
	fs := newFlags(e, "kb check", "[--kb DIR]", `Loads the knowledge base (the embedded data overlaid with DIR) and reports
every problem as file:line: column: problem.`)
	dir := fs.String("kb", "", "knowledge-base directory overlaying the embedded data")
	if _, err := parseArgs(fs, args); err != nil {
		return usageStatus(err)
	}
	k, err := kb.Open(*dir)
	if err != nil {
		fmt.Fprintln(e.stderr, err)
		return 1
	}
	st := k.Stats()
	fmt.Fprintf(e.stdout, "ok: %d places, %d actors\n", st.Places, st.Actors)
	for _, u := range k.Unused() {
		fmt.Fprintf(e.stdout, "note: %s corrects a GeoNames place that is not loaded\n", u)
	}
	return 0
}

func kbEval(ctx context.Context, e *env, args []string) int {
	fs := newFlags(e, "kb eval", "[--kb DIR] --gold FILE --docs PATH [--errors]", `Resolves the places of the gold documents and scores them: precision and
recall per mention and per distinct place, and the distance to the
annotated coordinates. The gold is standoff JSON Lines (gold/snn-dev.jsonl);
the documents are read from PATH (SaudiNewsNet zips, a folder, any input
marsad analyze reads), positional ids snn:<file>:<index>.`)
	dir := fs.String("kb", "", "knowledge-base directory overlaying the embedded data")
	goldPath := fs.String("gold", "", "gold JSON Lines file")
	docs := fs.String("docs", "", "documents: a file or folder (SaudiNewsNet zips)")
	showErrors := fs.Bool("errors", false, "list wrong, extra and missed mentions")
	if _, err := parseArgs(fs, args); err != nil {
		return usageStatus(err)
	}
	if *goldPath == "" || *docs == "" {
		fs.Usage()
		return 2
	}
	f, err := os.Open(*goldPath)
	if err != nil {
		errf(e.stderr, "kb eval", "%v", err)
		return 1
	}
	gold, err := kb.ReadGold(f)
	f.Close()
	if err != nil {
		errf(e.stderr, "kb eval", "%v", err)
		return 1
	}
	want := map[string]bool{}
	for _, g := range gold {
		want[g.ID] = true
	}
	texts := map[string]string{}
	err = ingest.Read(ctx, *docs, e.stdin, &ingest.Options{PositionalIDs: "snn:"}, func(it ingest.Item) error {
		if it.Err == nil && want[it.Doc.ID] {
			texts[it.Doc.ID] = it.Doc.AnalysedText()
		}
		return nil
	})
	if err != nil {
		errf(e.stderr, "kb eval", "%v", err)
		return 1
	}
	k := openKB(e, "kb eval", *dir)
	if k == nil {
		return 1
	}
	ev := kb.EvalPlaces(k, gold, texts)
	fmt.Fprint(e.stdout, ev)
	if *showErrors {
		for _, s := range ev.Errors {
			fmt.Fprintln(e.stdout, s)
		}
	}
	if ev.Docs < len(gold) {
		fmt.Fprintf(e.stderr, "marsad kb eval: %d of %d gold documents not found in %s\n", len(gold)-ev.Docs, len(gold), *docs)
	}
	return 0
}
