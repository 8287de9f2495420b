// Command storebench measures marsad's search over SaudiNewsNet: latency
// (p50/p95) and recall against a ground truth computed from the raw text,
// side by side with PostgreSQL's own 'arabic' text-search configuration on
// the same queries.
//
//	marsad ingest --db /tmp/snn.db --ids-from-position snn: ../shared/data/saudinewsnet/
//	go run ./tools/storebench --db /tmp/snn.db [--db-pg postgres://…] [--pg postgres://…]
//
// --db (and --db-pg) are marsad stores holding the corpus (ids
// snn:<day>:<index>); --pg is a PostgreSQL server where the tool builds a
// table of to_tsvector('arabic', title || text) for the comparison (once;
// it is reused while it holds the whole corpus).
//
// The ground truth of a query is the set of documents whose raw text
// (diacritics and tatweel removed, أ/إ/آ read as ا) matches a regular
// expression written for it here: the query's word after any clitics
// (و ف ب ك ل and the article) with its inflection suffixes, words next to
// each other for a phrase, and the query's AND/OR/NOT. It does not use
// marsad's analyser. Recall is |found ∩ truth| / |truth|, precision
// |found ∩ truth| / |found|; near-duplicates are counted like any
// document.
//
// The corpus is read from ../shared and never leaves it: nothing of it is
// written by this tool except counts.
package main

import (
	"archive/zip"
	"context"
	"database/sql"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"

	"github.com/marsad/marsad/pipeline"
	"github.com/marsad/marsad/store"
	_ "github.com/marsad/marsad/store/postgres"
	_ "github.com/marsad/marsad/store/sqlite"
)

// Pieces of the ground-truth expressions, over folded text.
const (
	b  = `(?:^|[^\p{L}\p{N}])`        // start of a word
	e  = `(?:$|[^\p{L}\p{N}])`        // end of a word
	p  = `[وف]?(?:[بك]?ال|لل|[بلك])?` // proclitics and the article, all optional
	pa = `[وف]?(?:[بك]?ال|لل)`        // proclitics, the article required (names written with it)
	pn = `[وف]?[بلك]?`                // proclitics, no article (names written without it)
	s  = `[\s\p{P}]+`                 // between the words of a phrase
)

// truth is a ground-truth predicate.
type truth func(text string) bool

func re(expr string) truth {
	r := regexp.MustCompile(expr)
	return r.MatchString
}

func and(ts ...truth) truth {
	return func(x string) bool {
		for _, t := range ts {
			if !t(x) {
				return false
			}
		}
		return true
	}
}

func or(ts ...truth) truth {
	return func(x string) bool {
		for _, t := range ts {
			if t(x) {
				return true
			}
		}
		return false
	}
}

func not(t truth) truth { return func(x string) bool { return !t(x) } }

type benchQuery struct {
	q     string // marsad's query
	pg    string // the same for PostgreSQL: websearch_to_tsquery('arabic', pg), or to_tsquery when raw
	raw   bool
	truth truth
}

var queries = []benchQuery{
	{q: "الموصل", pg: "الموصل", truth: re(b + pa + `موصل` + e)},
	{q: "داعش", pg: "داعش", truth: re(b + pn + `داعش` + e)},
	{q: "الحوثيين", pg: "الحوثيين", truth: re(b + p + `حوثي(?:ين|ون|ه|ة)?` + e)},
	{q: "اليمن", pg: "اليمن", truth: re(b + pa + `يمن` + e)},
	{q: "أبها", pg: "أبها", truth: re(b + pn + `ابها` + e)},
	{q: "القطيف", pg: "القطيف", truth: re(b + pa + `قطيف` + e)},
	{q: "الأسد", pg: "الأسد", truth: re(b + pa + `اسد` + e)},
	{q: "انتحاري", pg: "انتحاري", truth: re(b + p + `انتحاري(?:ين|ون|ه|ة|ان)?` + e)},
	{q: "تفجير", pg: "تفجير", truth: re(b + p + `تفجير(?:ات|ين|ان)?` + e)},
	{q: "الإرهاب", pg: "الإرهاب", truth: re(b + p + `ارهاب` + e)},
	{q: "مسجد", pg: "مسجد", truth: re(b + p + `مسجد(?:ا|ين|ان)?` + e)},
	{q: "التحالف", pg: "التحالف", truth: re(b + p + `تحالف(?:ات)?` + e)},
	{q: "الشرطة", pg: "الشرطة", truth: re(b + p + `شرط[ةه]` + e)},
	{q: `"عاصفة الحزم"`, pg: `"عاصفة الحزم"`, truth: re(b + p + `عاصف[ةه]` + s + `الحزم` + e)},
	{q: `"إعادة الأمل"`, pg: `"إعادة الأمل"`, truth: re(b + p + `اعاد[ةه]` + s + `الامل` + e)},
	{q: `"وزارة الداخلية"`, pg: `"وزارة الداخلية"`, truth: re(b + p + `وزار[ةه]` + s + `الداخلي[ةه]` + e)},
	{q: `"خادم الحرمين"`, pg: `"خادم الحرمين"`, truth: re(b + p + `خادم` + s + `الحرمين` + e)},
	{q: "إيران OR النووي", pg: "إيران or النووي", truth: or(re(b+pn+`ايران`+e), re(b+p+`نووي(?:ه|ة|ين|ون)?`+e))},
	{q: "قتلى OR مقتل", pg: "قتلى or مقتل", truth: or(re(b+p+`قتل[ىي]`+e), re(b+p+`مقتل`+e))},
	{q: "سوريا -داعش", pg: "سوريا -داعش", truth: and(re(b+pn+`سوري[اةه]`+e), not(re(b+pn+`داعش`+e)))},
	{q: "الرياض جدة", pg: "الرياض جدة", truth: and(re(b+pa+`رياض`+e), re(b+pn+`جد[ةه]`+e))},
	{q: "مسلح*", pg: "مسلح:*", raw: true, truth: re(b + p + `مسلح\p{L}*` + e)},
	{q: "إرهابي*", pg: "إرهابي:*", raw: true, truth: re(b + p + `ارهابي\p{L}*` + e)},
}

// fold removes harakat, tatweel and the superscript alef, and reads
// أ إ آ ٱ as ا: the ground truth's only normalisation.
func fold(x string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 0x064B && r <= 0x0652, r == 0x0670, r == 0x0640:
			return -1
		case r == 'أ', r == 'إ', r == 'آ', r == 'ٱ':
			return 'ا'
		}
		return r
	}, x)
}

type article struct {
	id, text string
}

// readCorpus reads the SaudiNewsNet zips as marsad ingest does: ids
// snn:<file>:<index>, text title + "\n\n" + content.
func readCorpus(dir string) ([]article, error) {
	zips, _ := filepath.Glob(filepath.Join(dir, "*.zip"))
	sort.Strings(zips)
	if len(zips) == 0 {
		return nil, fmt.Errorf("no .zip in %s", dir)
	}
	var out []article
	for _, z := range zips {
		zr, err := zip.OpenReader(z)
		if err != nil {
			return nil, err
		}
		for _, f := range zr.File {
			rc, err := f.Open()
			if err != nil {
				return nil, err
			}
			raw, err := io.ReadAll(rc)
			rc.Close()
			if err != nil {
				return nil, err
			}
			var recs []struct{ Title, Content string }
			if err := json.Unmarshal(raw, &recs); err != nil {
				return nil, fmt.Errorf("%s!%s: %w", z, f.Name, err)
			}
			day := strings.TrimSuffix(filepath.Base(f.Name), filepath.Ext(f.Name))
			for i, r := range recs {
				if strings.TrimSpace(r.Title) == "" && strings.TrimSpace(r.Content) == "" {
					continue
				}
				text := r.Content
				if r.Title != "" {
					text = r.Title + "\n\n" + r.Content
				}
				out = append(out, article{fmt.Sprintf("snn:%s:%d", day, i), text})
			}
		}
		zr.Close()
	}
	return out, nil
}

type scores struct {
	found, correct int
	recall, prec   float64
	lat            []time.Duration
}

func score(found []string, want map[string]bool) scores {
	var sc scores
	sc.found = len(found)
	for _, id := range found {
		if want[id] {
			sc.correct++
		}
	}
	sc.recall, sc.prec = 1, 1
	if len(want) > 0 {
		sc.recall = float64(sc.correct) / float64(len(want))
	}
	if sc.found > 0 {
		sc.prec = float64(sc.correct) / float64(sc.found)
	}
	return sc
}

func pct(ds []time.Duration, q float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := append([]time.Duration{}, ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[min(len(s)-1, int(q*float64(len(s))))]
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f", float64(d.Microseconds())/1000) }

func main() {
	dbDSN := flag.String("db", "", "a marsad store holding the corpus (required)")
	dbPG := flag.String("db-pg", "", "a second marsad store (PostgreSQL) holding the corpus")
	pgDSN := flag.String("pg", "", "PostgreSQL for the 'arabic' configuration's side (a table bench_snn_arabic is made there)")
	corpus := flag.String("corpus", "../shared/data/saudinewsnet", "the SaudiNewsNet zips")
	runs := flag.Int("runs", 7, "timed runs of each query (after one warm-up)")
	noSnippets := flag.Bool("no-snippets", false, "time marsad's pages without snippets (PostgreSQL's side never makes any)")
	misses := flag.Bool("misses", false, "for each query, the word forms of the ground truth in the documents the first side missed (to debug the analyser)")
	flag.Parse()
	if *dbDSN == "" {
		fmt.Fprintln(os.Stderr, "storebench: --db is required")
		os.Exit(2)
	}
	ctx := context.Background()
	die := func(err error) {
		if err != nil {
			fmt.Fprintln(os.Stderr, "storebench:", err)
			os.Exit(1)
		}
	}
	arts, err := readCorpus(*corpus)
	die(err)
	folded := make([]string, len(arts))
	for i, a := range arts {
		folded[i] = fold(a.text)
	}
	fmt.Printf("corpus: %d articles with text in %s\n\n", len(arts), *corpus)

	p, err := pipeline.New()
	die(err)
	ix := store.NewIndexer(p.Segmenter())
	type side struct {
		name string
		run  func(q benchQuery, limit int) ([]string, error)
	}
	var sides []side
	for _, dsn := range []string{*dbDSN, *dbPG} {
		if dsn == "" {
			continue
		}
		st, err := store.Open(ctx, dsn, store.Options{Indexer: ix})
		die(err)
		defer st.Close()
		stats, err := st.Stats(ctx)
		die(err)
		fmt.Printf("marsad %s: %d documents (%d near-duplicates), %.1f MB\n", stats.Backend, stats.Documents, stats.NearDuplicates, float64(stats.SizeBytes)/1e6)
		sides = append(sides, side{"marsad " + stats.Backend, func(q benchQuery, limit int) ([]string, error) {
			res, err := st.Search(ctx, store.Query{Text: q.q, Limit: limit, NoSnippets: limit == 0 || *noSnippets, Filter: store.Filter{IncludeDuplicates: true}})
			if err != nil {
				return nil, err
			}
			ids := make([]string, len(res.Hits))
			for i, h := range res.Hits {
				ids[i] = h.ID
			}
			return ids, nil
		}})
	}
	if *pgDSN != "" {
		db, err := sql.Open("pgx", *pgDSN)
		die(err)
		defer db.Close()
		die(buildArabic(ctx, db, arts))
		sides = append(sides, side{"PostgreSQL arabic", func(q benchQuery, limit int) ([]string, error) {
			fn := "websearch_to_tsquery"
			if q.raw {
				fn = "to_tsquery"
			}
			lim := "ALL"
			if limit > 0 {
				lim = fmt.Sprint(limit)
			}
			rows, err := db.QueryContext(ctx, `SELECT id FROM bench_snn_arabic, `+fn+`('arabic', $1) q WHERE tsv @@ q
				ORDER BY ts_rank(tsv, q, 1) DESC LIMIT `+lim, q.pg)
			if err != nil {
				return nil, err
			}
			defer rows.Close()
			var ids []string
			for rows.Next() {
				var id string
				rows.Scan(&id)
				ids = append(ids, id)
			}
			return ids, rows.Err()
		}})
	}
	fmt.Println()

	all := make([][]time.Duration, len(sides))
	sums := make([][2]float64, len(sides))
	head := "| query | truth |"
	line := "|---|---:|"
	for _, sd := range sides {
		head += fmt.Sprintf(" %s found | recall | precision | p50 ms |", sd.name)
		line += "---:|---:|---:|---:|"
	}
	fmt.Println(head)
	fmt.Println(line)
	for _, q := range queries {
		want := map[string]bool{}
		for i, f := range folded {
			if q.truth(f) {
				want[arts[i].id] = true
			}
		}
		row := fmt.Sprintf("| `%s` | %d |", q.q, len(want))
		for si, sd := range sides {
			found, err := sd.run(q, 0)
			die(err)
			sc := score(found, want)
			sd.run(q, 20) // warm-up
			for r := 0; r < *runs; r++ {
				t0 := time.Now()
				_, err := sd.run(q, 20)
				die(err)
				sc.lat = append(sc.lat, time.Since(t0))
			}
			if *misses && si == 0 {
				missed(q, found, want, arts, folded)
			}
			all[si] = append(all[si], sc.lat...)
			sums[si][0] += sc.recall
			sums[si][1] += sc.prec
			row += fmt.Sprintf(" %d | %.3f | %.3f | %s |", sc.found, sc.recall, sc.prec, ms(pct(sc.lat, 0.5)))
		}
		fmt.Println(row)
	}
	fmt.Println()
	for si, sd := range sides {
		n := float64(len(queries))
		fmt.Printf("%s: mean recall %.3f, mean precision %.3f; latency of a 20-hit page over %d runs: p50 %s ms, p95 %s ms\n",
			sd.name, sums[si][0]/n, sums[si][1]/n, len(all[si]), ms(pct(all[si], 0.5)), ms(pct(all[si], 0.95)))
	}
}

// buildArabic makes (once) the comparison table: PostgreSQL's 'arabic'
// configuration over the same texts.
func buildArabic(ctx context.Context, db *sql.DB, arts []article) error {
	var n int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM bench_snn_arabic`).Scan(&n); err == nil && n == len(arts) {
		fmt.Printf("PostgreSQL arabic: table bench_snn_arabic reused (%d rows)\n", n)
		return nil
	}
	t0 := time.Now()
	if _, err := db.ExecContext(ctx, `DROP TABLE IF EXISTS bench_snn_arabic; CREATE TABLE bench_snn_arabic (id text PRIMARY KEY, tsv tsvector NOT NULL)`); err != nil {
		return err
	}
	for i := 0; i < len(arts); i += 500 {
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		for _, a := range arts[i:min(i+500, len(arts))] {
			if _, err := tx.ExecContext(ctx, `INSERT INTO bench_snn_arabic VALUES ($1, to_tsvector('arabic', $2))`, a.id, a.text); err != nil {
				tx.Rollback()
				return err
			}
		}
		if err := tx.Commit(); err != nil {
			return err
		}
	}
	if _, err := db.ExecContext(ctx, `CREATE INDEX ON bench_snn_arabic USING GIN (tsv); ANALYZE bench_snn_arabic`); err != nil {
		return err
	}
	var size int64
	db.QueryRowContext(ctx, `SELECT pg_total_relation_size('bench_snn_arabic')`).Scan(&size)
	fmt.Printf("PostgreSQL arabic: %d rows indexed in %.1f s, %.1f MB (tsvector and index, no text)\n", len(arts), time.Since(t0).Seconds(), float64(size)/1e6)
	return nil
}

// missed prints the most frequent word forms the ground truth matched in
// the documents a search did not find (single words, on stderr).
func missed(q benchQuery, found []string, want map[string]bool, arts []article, folded []string) {
	got := map[string]bool{}
	for _, id := range found {
		got[id] = true
	}
	words := regexp.MustCompile(`[\p{L}\p{M}]+`)
	forms := map[string]int{}
	n := 0
	for i, a := range arts {
		if !want[a.id] || got[a.id] {
			continue
		}
		n++
		seen := map[string]bool{}
		for _, w := range words.FindAllString(folded[i], -1) {
			if !seen[w] && q.truth(" "+w+" ") {
				seen[w] = true
				forms[w]++
			}
		}
	}
	if n == 0 {
		return
	}
	type fc struct {
		f string
		c int
	}
	var list []fc
	for f, c := range forms {
		list = append(list, fc{f, c})
	}
	sort.Slice(list, func(i, j int) bool { return list[i].c > list[j].c })
	fmt.Fprintf(os.Stderr, "%s: %d missed; forms:", q.q, n)
	for _, x := range list[:min(len(list), 8)] {
		fmt.Fprintf(os.Stderr, " %s×%d", x.f, x.c)
	}
	fmt.Fprintln(os.Stderr)
}
