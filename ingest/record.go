package ingest

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/marsad/marsad/analysis"
)

// fieldAliases maps input field names (lower case) to the contract's
// document fields, besides the fields' own names.
var fieldAliases = map[string]string{
	"content":        "text",
	"body":           "text",
	"article":        "text",
	"date":           "published",
	"date_extracted": "published",
	"published_at":   "published",
	"pubdate":        "published",
	"headline":       "title",
	"link":           "url",
	"language":       "lang",
}

var contractFields = map[string]bool{"id": true, "title": true, "text": true, "published": true, "source": true, "url": true, "lang": true}

// ParseFieldMap reads a --map value, "text=content,published=date_extracted":
// each pair names a contract field and the input field it comes from.
func ParseFieldMap(s string) (map[string]string, error) {
	m := map[string]string{}
	if strings.TrimSpace(s) == "" {
		return m, nil
	}
	for _, pair := range strings.Split(s, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(pair), "=")
		k, v = strings.TrimSpace(k), strings.TrimSpace(v)
		if !ok || k == "" || v == "" {
			return nil, fmt.Errorf("--map: %q is not FIELD=INPUT_FIELD", pair)
		}
		if !contractFields[k] {
			return nil, fmt.Errorf("--map: %q is not a document field (id, title, text, published, source, url, lang)", k)
		}
		m[v] = k
	}
	return m, nil
}

// FromRecord turns one input record (a JSON object or a CSV row) into a
// Document: the contract's fields by name, by alias (content/body → text,
// date/date_extracted → published …) or by the caller's field map; every
// other field is kept in Meta. A record without text is an error.
func FromRecord(rec map[string]any, o *Options) (analysis.Document, []string, error) {
	var d analysis.Document
	var warns []string
	// Each contract field takes the input field that names it most
	// explicitly: the caller's --map, then the field's own name, then an
	// alias (so "text" wins over "content" when both are there).
	type pick struct {
		name string
		rank int
	}
	picks := map[string]pick{}
	for name := range rec {
		field, rank := "", 0
		if o != nil && o.FieldMap[name] != "" {
			field, rank = o.FieldMap[name], 3
		} else if l := strings.ToLower(name); contractFields[l] {
			field, rank = l, 2
		} else if a := fieldAliases[l]; a != "" {
			field, rank = a, 1
		}
		if field == "" {
			continue
		}
		if p, ok := picks[field]; !ok || rank > p.rank || rank == p.rank && name < p.name {
			picks[field] = pick{name, rank}
		}
	}
	used := map[string]bool{}
	for field, p := range picks {
		v := rec[p.name]
		s, ok := scalarString(v)
		if !ok {
			return d, nil, fmt.Errorf("field %q is %s, want a string", p.name, jsonKind(v))
		}
		used[p.name] = true
		switch field {
		case "id":
			d.ID = strings.TrimSpace(s)
		case "title":
			// kept as written: spans index into title + "\n\n" + text
			d.Title = s
		case "text":
			d.Text = s
		case "published":
			d.Published = strings.TrimSpace(s)
		case "source":
			d.Source = strings.TrimSpace(s)
		case "url":
			d.URL = strings.TrimSpace(s)
		case "lang":
			d.Lang = strings.TrimSpace(s)
		}
	}
	for name, v := range rec {
		if !used[name] {
			if d.Meta == nil {
				d.Meta = map[string]any{}
			}
			d.Meta[name] = v
		}
	}
	if strings.TrimSpace(d.Text) == "" {
		if strings.TrimSpace(d.Title) == "" {
			return d, nil, fmt.Errorf("no text (looked for fields %s)", textFieldNames(o))
		}
	}
	if d.Published != "" {
		if t, err := analysis.ParseDate(d.Published); err != nil {
			warns = append(warns, err.Error()+"; treated as unknown")
			if d.Meta == nil {
				d.Meta = map[string]any{}
			}
			d.Meta["published_raw"] = d.Published
			d.Published = ""
		} else if !strings.Contains(d.Published, "T") || len(d.Published) < 20 {
			// a bare date or a crawler's "YYYY-MM-DD hh:mm:ss": keep the day
			d.Published = t.Format("2006-01-02")
		}
	}
	if o != nil && d.Published == "" && o.Published != "" {
		d.Published = o.Published
	}
	if d.ID == "" {
		d.ID = ContentID(&d)
	}
	return d, warns, nil
}

func textFieldNames(o *Options) string {
	names := []string{"text"}
	for k, v := range fieldAliases {
		if v == "text" {
			names = append(names, k)
		}
	}
	if o != nil {
		for k, v := range o.FieldMap {
			if v == "text" {
				names = append(names, k)
			}
		}
	}
	sort.Strings(names[1:])
	return strings.Join(names, "/")
}

// ContentID is the stable id of a document that has none: a hash of its
// analysed text.
func ContentID(d *analysis.Document) string {
	h := sha256.Sum256([]byte(d.AnalysedText()))
	return "sha256:" + hex.EncodeToString(h[:8])
}

func scalarString(v any) (string, bool) {
	switch x := v.(type) {
	case nil:
		return "", true
	case string:
		return x, true
	case json.Number:
		return x.String(), true
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64), true
	case bool:
		return strconv.FormatBool(x), true
	}
	return "", false
}

func jsonKind(v any) string {
	switch v.(type) {
	case map[string]any:
		return "an object"
	case []any:
		return "an array"
	}
	return fmt.Sprintf("%T", v)
}
