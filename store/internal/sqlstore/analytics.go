package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/marsad/marsad/analysis"
	"github.com/marsad/marsad/store"
)

// What the API and exports ask beyond search: counts of events, events by
// place and actor, one place or actor, time series, and documents in a
// fixed order.

// CountEvents implements store.Store.
func (s *DB) CountEvents(ctx context.Context, f store.Filter) (int, error) {
	n, _, err := s.eventTotals(ctx, f)
	return n, err
}

// eventTotals counts the events passing f and sums their fatalities.
func (s *DB) eventTotals(ctx context.Context, f store.Filter) (events, fatalities int, err error) {
	b := &sqlb{}
	cond, err := s.eventFilter(ctx, f, b)
	if err != nil {
		return 0, 0, err
	}
	var n, fat int64
	if err := s.db.QueryRowContext(ctx, `SELECT count(*), coalesce(sum(e.fatalities), 0)
		FROM events e JOIN documents d ON d.seq = e.doc WHERE `+cond, b.args...).Scan(&n, &fat); err != nil {
		return 0, 0, fmt.Errorf("count events: %w", err)
	}
	return int(n), int(fat), nil
}

// EventPlaces implements store.Store.
func (s *DB) EventPlaces(ctx context.Context, f store.Filter, page store.Page) ([]store.PlaceCount, error) {
	b := &sqlb{}
	cond, err := s.eventFilter(ctx, f, b)
	if err != nil {
		return nil, err
	}
	lim, off := limit(page)
	rows, err := s.db.QueryContext(ctx, `SELECT e.loc_ref, max(e.loc_name), max(e.loc_name_en), max(e.loc_country), max(e.loc_admin1),
		max(e.lat), max(e.lon), count(*) AS n, coalesce(sum(e.fatalities), 0), count(DISTINCT e.doc)
		FROM events e JOIN documents d ON d.seq = e.doc WHERE `+cond+` AND e.loc_ref IS NOT NULL
		GROUP BY e.loc_ref ORDER BY n DESC, e.loc_ref LIMIT `+b.arg(lim)+` OFFSET `+b.arg(off), b.args...)
	if err != nil {
		return nil, fmt.Errorf("event places: %w", err)
	}
	var out []store.PlaceCount
	var refs []string
	for rows.Next() {
		var pc store.PlaceCount
		var name, nameEn, country, admin1 sql.NullString
		var lat, lon sql.NullFloat64
		var n, fat, docs int64
		p := &pc.Place
		if err := rows.Scan(&p.Ref, &name, &nameEn, &country, &admin1, &lat, &lon, &n, &fat, &docs); err != nil {
			rows.Close()
			return nil, err
		}
		p.Name, p.NameEn, p.Country, p.Admin1 = name.String, analysis.Str(nameEn.String), analysis.Str(country.String), analysis.Str(admin1.String)
		p.Lat, p.Lon = lat.Float64, lon.Float64
		pc.Events, pc.Fatalities, pc.Documents = int(n), int(fat), int(docs)
		out = append(out, pc)
		refs = append(refs, p.Ref)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	kinds, err := s.kinds(ctx, "places", refs)
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i].Place.Kind = kinds[out[i].Place.Ref].kind
	}
	return out, nil
}

type kindCountry struct{ kind, country string }

// kinds looks up the kind (and country) of places or actors by ref.
func (s *DB) kinds(ctx context.Context, table string, refs []string) (map[string]kindCountry, error) {
	out := map[string]kindCountry{}
	for len(refs) > 0 {
		n := min(len(refs), 500)
		ph, args := placeholders(1, refs[:n])
		rows, err := s.db.QueryContext(ctx, `SELECT ref, max(kind), max(country) FROM `+table+` WHERE ref IN (`+ph+`) GROUP BY ref`, args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var ref string
			var kind, country sql.NullString
			if err := rows.Scan(&ref, &kind, &country); err != nil {
				rows.Close()
				return nil, err
			}
			out[ref] = kindCountry{kind.String, country.String}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
		refs = refs[n:]
	}
	return out, nil
}

// EventActors implements store.Store.
func (s *DB) EventActors(ctx context.Context, f store.Filter, page store.Page) ([]store.ActorCount, error) {
	b := &sqlb{}
	cond, err := s.eventFilter(ctx, f, b)
	if err != nil {
		return nil, err
	}
	lim, off := limit(page)
	// One row per actor and event, whatever its roles in the event.
	rows, err := s.db.QueryContext(ctx, `SELECT x.ref, max(x.name), max(x.name_en), count(*) AS n, sum(x.fat), count(DISTINCT x.doc)
		FROM (SELECT xa.ref, max(xa.name) AS name, max(xa.name_en) AS name_en, e.doc, max(coalesce(e.fatalities, 0)) AS fat
			FROM events e JOIN documents d ON d.seq = e.doc
			JOIN event_actors xa ON xa.doc = e.doc AND xa.event_n = e.n
			WHERE `+cond+` AND xa.ref IS NOT NULL GROUP BY xa.ref, e.doc, e.n) x
		GROUP BY x.ref ORDER BY n DESC, x.ref LIMIT `+b.arg(lim)+` OFFSET `+b.arg(off), b.args...)
	if err != nil {
		return nil, fmt.Errorf("event actors: %w", err)
	}
	var out []store.ActorCount
	var refs []string
	for rows.Next() {
		var ac store.ActorCount
		var name, nameEn sql.NullString
		var n, fat, docs int64
		a := &ac.Actor
		if err := rows.Scan(&a.Ref, &name, &nameEn, &n, &fat, &docs); err != nil {
			rows.Close()
			return nil, err
		}
		a.Name, a.NameEn = name.String, analysis.Str(nameEn.String)
		ac.Events, ac.Fatalities, ac.Documents = int(n), int(fat), int(docs)
		out = append(out, ac)
		refs = append(refs, a.Ref)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	kinds, err := s.kinds(ctx, "actors", refs)
	if err != nil {
		return nil, err
	}
	for i := range out {
		k := kinds[out[i].Actor.Ref]
		out[i].Actor.Kind, out[i].Actor.Country = k.kind, analysis.Str(k.country)
	}
	return out, nil
}

// Place implements store.Store.
func (s *DB) Place(ctx context.Context, ref string) (*store.PlaceCount, error) {
	var pc store.PlaceCount
	var name, nameEn, kind, country, admin1 sql.NullString
	var lat, lon sql.NullFloat64
	var mentions, docs int64
	if err := s.db.QueryRowContext(ctx, `SELECT max(p.name), max(p.name_en), max(p.kind), max(p.country), max(p.admin1),
		max(p.lat), max(p.lon), coalesce(sum(p.mentions), 0), count(DISTINCT p.doc)
		FROM places p JOIN documents d ON d.seq = p.doc WHERE p.ref = $1 AND d.duplicate_of IS NULL`, ref).Scan(
		&name, &nameEn, &kind, &country, &admin1, &lat, &lon, &mentions, &docs); err != nil {
		return nil, fmt.Errorf("place %q: %w", ref, err)
	}
	if !name.Valid {
		// Not named as a place by any document: maybe only an event location.
		if err := s.db.QueryRowContext(ctx, `SELECT max(loc_name), max(loc_name_en), max(loc_country), max(loc_admin1), max(lat), max(lon)
			FROM events WHERE loc_ref = $1`, ref).Scan(&name, &nameEn, &country, &admin1, &lat, &lon); err != nil {
			return nil, fmt.Errorf("place %q: %w", ref, err)
		}
		if !name.Valid {
			return nil, fmt.Errorf("place %q: %w", ref, store.ErrNotFound)
		}
	}
	p := &pc.Place
	p.Ref, p.Name, p.NameEn, p.Kind, p.Country, p.Admin1 = ref, name.String, analysis.Str(nameEn.String), kind.String, analysis.Str(country.String), analysis.Str(admin1.String)
	p.Lat, p.Lon, p.Mentions = lat.Float64, lon.Float64, int(mentions)
	pc.Documents = int(docs)
	var err error
	if pc.Events, pc.Fatalities, err = s.eventTotals(ctx, store.Filter{Places: []string{ref}}); err != nil {
		return nil, err
	}
	return &pc, nil
}

// Actor implements store.Store.
func (s *DB) Actor(ctx context.Context, ref string) (*store.ActorCount, error) {
	var ac store.ActorCount
	var name, nameEn, kind, country sql.NullString
	var mentions, docs int64
	if err := s.db.QueryRowContext(ctx, `SELECT max(a.name), max(a.name_en), max(a.kind), max(a.country), coalesce(sum(a.mentions), 0), count(DISTINCT a.doc)
		FROM actors a JOIN documents d ON d.seq = a.doc WHERE a.ref = $1 AND d.duplicate_of IS NULL`, ref).Scan(
		&name, &nameEn, &kind, &country, &mentions, &docs); err != nil {
		return nil, fmt.Errorf("actor %q: %w", ref, err)
	}
	if !name.Valid {
		if err := s.db.QueryRowContext(ctx, `SELECT max(name), max(name_en) FROM event_actors WHERE ref = $1`, ref).Scan(&name, &nameEn); err != nil {
			return nil, fmt.Errorf("actor %q: %w", ref, err)
		}
		if !name.Valid {
			return nil, fmt.Errorf("actor %q: %w", ref, store.ErrNotFound)
		}
	}
	a := &ac.Actor
	a.Ref, a.Name, a.NameEn, a.Kind, a.Country, a.Mentions = ref, name.String, analysis.Str(nameEn.String), kind.String, analysis.Str(country.String), int(mentions)
	ac.Documents = int(docs)
	var err error
	if ac.Events, ac.Fatalities, err = s.eventTotals(ctx, store.Filter{Actors: []string{ref}}); err != nil {
		return nil, err
	}
	return &ac, nil
}

// maxFilledBins bounds the bins a series is filled with zeros over (an
// event misdated by a century would otherwise ask for 36,500 days).
const maxFilledBins = 5000

// Timeseries implements store.Store.
func (s *DB) Timeseries(ctx context.Context, f store.Filter, o store.SeriesOptions) (*store.Timeseries, error) {
	if o.Interval == "" {
		o.Interval = "month"
	}
	if o.Metric == "" {
		o.Metric = "events"
	}
	if o.Interval != "day" && o.Interval != "week" && o.Interval != "month" {
		return nil, fmt.Errorf("interval %q: want day, week or month", o.Interval)
	}
	if o.Metric != "events" && o.Metric != "fatalities" {
		return nil, fmt.Errorf("metric %q: want events or fatalities", o.Metric)
	}
	b := &sqlb{}
	cond, err := s.eventFilter(ctx, f, b)
	if err != nil {
		return nil, err
	}
	var q string
	switch o.By {
	case "type":
		q = `SELECT e.day, e.type, '', count(*), coalesce(sum(e.fatalities), 0) FROM events e JOIN documents d ON d.seq = e.doc
			WHERE ` + cond + ` AND e.day IS NOT NULL GROUP BY e.day, e.type`
	case "country":
		q = `SELECT e.day, e.loc_country, '', count(*), coalesce(sum(e.fatalities), 0) FROM events e JOIN documents d ON d.seq = e.doc
			WHERE ` + cond + ` AND e.day IS NOT NULL AND e.loc_country IS NOT NULL GROUP BY e.day, e.loc_country`
	case "actor":
		// An actor counts an event once, whatever its roles in it.
		q = `SELECT x.day, x.k, max(x.name), count(*), sum(x.fat) FROM (
			SELECT e.day, coalesce(xa.ref, xa.name_key) AS k, max(xa.name) AS name, max(coalesce(e.fatalities, 0)) AS fat
			FROM events e JOIN documents d ON d.seq = e.doc JOIN event_actors xa ON xa.doc = e.doc AND xa.event_n = e.n
			WHERE ` + cond + ` AND e.day IS NOT NULL AND coalesce(xa.ref, xa.name_key) IS NOT NULL
			GROUP BY e.day, coalesce(xa.ref, xa.name_key), e.doc, e.n) x GROUP BY x.day, x.k`
	case "":
		q = `SELECT e.day, 'all', '', count(*), coalesce(sum(e.fatalities), 0) FROM events e JOIN documents d ON d.seq = e.doc
			WHERE ` + cond + ` AND e.day IS NOT NULL GROUP BY e.day`
	default:
		return nil, fmt.Errorf("by %q: want type, actor, country or nothing", o.By)
	}
	rows, err := s.db.QueryContext(ctx, q, b.args...)
	if err != nil {
		return nil, fmt.Errorf("timeseries: %w", err)
	}
	type acc struct {
		label string
		total int
		bins  map[string]int
	}
	series := map[string]*acc{}
	first, last := "", ""
	for rows.Next() {
		var day, key string
		var label sql.NullString
		var n, fat int64
		if err := rows.Scan(&day, &key, &label, &n, &fat); err != nil {
			rows.Close()
			return nil, err
		}
		t, err := time.Parse("2006-01-02", day)
		if err != nil {
			continue // not a day: left out of the series
		}
		bin := binOf(t, o.Interval).Format("2006-01-02")
		v := int(n)
		if o.Metric == "fatalities" {
			v = int(fat)
		}
		a := series[key]
		if a == nil {
			a = &acc{bins: map[string]int{}}
			series[key] = a
		}
		if label.String != "" {
			a.label = label.String
		}
		a.total += v
		a.bins[bin] += v
		if first == "" || bin < first {
			first = bin
		}
		if bin > last {
			last = bin
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	keys := make([]string, 0, len(series))
	for k := range series {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if series[keys[i]].total != series[keys[j]].total {
			return series[keys[i]].total > series[keys[j]].total
		}
		return keys[i] < keys[j]
	})
	if o.Limit > 0 && len(keys) > o.Limit {
		keys = keys[:o.Limit]
	}
	var bins []string
	if first != "" {
		t, _ := time.Parse("2006-01-02", first)
		for d := t; len(bins) <= maxFilledBins; d = nextBin(d, o.Interval) {
			s := d.Format("2006-01-02")
			if s > last {
				break
			}
			bins = append(bins, s)
		}
		if len(bins) > maxFilledBins {
			bins = nil // too many to fill: only the bins with data
		}
	}
	out := &store.Timeseries{Interval: o.Interval, By: o.By, Metric: o.Metric, Series: []store.Series{}}
	for _, k := range keys {
		a := series[k]
		sr := store.Series{Key: k, Label: a.label, Total: a.total}
		if bins != nil {
			sr.Points = make([]store.Point, len(bins))
			for i, t := range bins {
				sr.Points[i] = store.Point{T: t, V: a.bins[t]}
			}
		} else {
			for t, v := range a.bins {
				sr.Points = append(sr.Points, store.Point{T: t, V: v})
			}
			sort.Slice(sr.Points, func(i, j int) bool { return sr.Points[i].T < sr.Points[j].T })
		}
		out.Series = append(out.Series, sr)
	}
	if o.By == "actor" {
		if err := s.actorLabels(ctx, out.Series); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// actorLabels names actor series by the catalogue's name where the event
// rows had none.
func (s *DB) actorLabels(ctx context.Context, series []store.Series) error {
	var refs []string
	for _, sr := range series {
		if strings.HasPrefix(sr.Key, "actor:") {
			refs = append(refs, sr.Key)
		}
	}
	if len(refs) == 0 {
		return nil
	}
	ph, args := placeholders(1, refs)
	rows, err := s.db.QueryContext(ctx, `SELECT ref, max(name) FROM actors WHERE ref IN (`+ph+`) GROUP BY ref`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	names := map[string]string{}
	for rows.Next() {
		var ref string
		var name sql.NullString
		if err := rows.Scan(&ref, &name); err != nil {
			return err
		}
		names[ref] = name.String
	}
	for i := range series {
		if n := names[series[i].Key]; n != "" {
			series[i].Label = n
		}
	}
	return rows.Err()
}

// binOf is the first day of the bin holding t: the day, its week's Monday,
// or the first of its month.
func binOf(t time.Time, interval string) time.Time {
	switch interval {
	case "day":
		return t
	case "week":
		return t.AddDate(0, 0, -((int(t.Weekday()) + 6) % 7))
	}
	return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
}

func nextBin(t time.Time, interval string) time.Time {
	switch interval {
	case "day":
		return t.AddDate(0, 0, 1)
	case "week":
		return t.AddDate(0, 0, 7)
	}
	return t.AddDate(0, 1, 0)
}

// Documents implements store.Store.
func (s *DB) Documents(ctx context.Context, f store.Filter, after store.DocKey, limit int) ([]store.DocMatch, error) {
	if limit <= 0 {
		limit = 100
	}
	b := &sqlb{}
	var cond string
	restrict := f.RestrictsEvents()
	if restrict {
		ec, err := s.eventFilter(ctx, f, b)
		if err != nil {
			return nil, err
		}
		cond = "d.seq IN (SELECT e.doc FROM events e JOIN documents d ON d.seq = e.doc WHERE " + ec + ")"
	} else {
		dc, err := s.docFilter(ctx, store.Filter{Sources: f.Sources, IncludeDuplicates: f.IncludeDuplicates}, b)
		if err != nil {
			return nil, err
		}
		cond = dc
	}
	day, id := b.arg(after.Day), b.arg(after.ID)
	rows, err := s.db.QueryContext(ctx, `SELECT coalesce(d.day, ''), `+storedCols+` WHERE `+cond+`
		AND (coalesce(d.day, '') > `+day+` OR (coalesce(d.day, '') = `+day+` AND d.id > `+id+`))
		ORDER BY coalesce(d.day, ''), d.id LIMIT `+b.arg(limit), b.args...)
	if err != nil {
		return nil, fmt.Errorf("documents: %w", err)
	}
	var out []store.DocMatch
	bySeq := map[int64]int{}
	for rows.Next() {
		var m store.DocMatch
		st, err := scanStored(prefixScanner{rows, &m.Key.Day})
		if err != nil {
			rows.Close()
			return nil, err
		}
		m.Stored, m.Key.ID = st, st.Doc.ID
		bySeq[st.Seq] = len(out)
		out = append(out, m)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if !restrict || len(out) == 0 {
		return out, nil
	}
	seqs := make([]int64, 0, len(out))
	for _, m := range out {
		seqs = append(seqs, m.Seq)
	}
	b = &sqlb{}
	ec, err := s.eventFilter(ctx, f, b)
	if err != nil {
		return nil, err
	}
	ph, args := placeholders(len(b.args)+1, seqs)
	rows, err = s.db.QueryContext(ctx, `SELECT e.doc, e.n FROM events e JOIN documents d ON d.seq = e.doc
		WHERE `+ec+` AND e.doc IN (`+ph+`) ORDER BY e.doc, e.n`, append(b.args, args...)...)
	if err != nil {
		return nil, fmt.Errorf("documents: events: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var seq int64
		var n int
		if err := rows.Scan(&seq, &n); err != nil {
			return nil, err
		}
		if i, ok := bySeq[seq]; ok {
			out[i].Events = append(out[i].Events, n)
		}
	}
	return out, rows.Err()
}

// prefixScanner scans one leading column into first, the rest as asked.
type prefixScanner struct {
	s     scanner
	first *string
}

func (p prefixScanner) Scan(dest ...any) error {
	return p.s.Scan(append([]any{p.first}, dest...)...)
}
