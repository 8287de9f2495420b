// Package ingest reads documents from files, folders, archives and feeds:
// JSON (an object or an array of objects), JSON Lines, CSV with a header,
// HTML pages (main text extracted), plain text, .zip archives of any of
// these, in UTF-8 or the legacy encodings Arabic news still comes in.
//
// Readers never stop at a bad record: each document, good or bad, reaches
// the caller as an Item in input order, a bad one with an error that names
// where it was and what is wrong.
package ingest

import (
	"archive/zip"
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/marsad/marsad/analysis"
)

// Options control how records become documents.
type Options struct {
	// FieldMap maps input field names to contract fields (from --map).
	FieldMap map[string]string
	// Published is the date given to documents that carry none.
	Published string
	// PositionalIDs gives a document without an id the id
	// PREFIX<file stem>:<index> instead of a content hash, where index
	// counts records from 0 in their file. SaudiNewsNet's ids
	// (snn:2015-08-07:192) are made this way with prefix "snn:".
	PositionalIDs string
	// MaxBytes caps the size of one file or archive entry read whole
	// (JSON, HTML, text); 0 means 256 MiB.
	MaxBytes int64
}

// Item is one document read, or the error that kept it from being read.
type Item struct {
	Doc      analysis.Document
	Where    string   // file, file:line, archive.zip!entry[index]
	Warnings []string // problems that did not stop the document
	Err      error
}

// Read reads every document under path (a file, a folder read
// recursively in name order, or "-" for one plain-text document on stdin)
// and hands each to fn in order. It returns fn's first error, or an error
// when path itself cannot be read; bad documents are Items with Err set.
func Read(ctx context.Context, p string, stdin io.Reader, o *Options, fn func(Item) error) error {
	if o == nil {
		o = &Options{}
	}
	if p == "-" {
		b, err := io.ReadAll(io.LimitReader(stdin, o.maxBytes()+1))
		if err != nil {
			return fmt.Errorf("stdin: %w", err)
		}
		return unwrap(readText(ctx, "stdin", "", b, o, fn))
	}
	st, err := os.Stat(p)
	if err != nil {
		return err
	}
	if !st.IsDir() {
		return unwrap(readFile(ctx, p, o, fn))
	}
	var files []string
	err = filepath.WalkDir(p, func(q string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if q != p && strings.HasPrefix(name, ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() {
			files = append(files, q)
		}
		return nil
	})
	if err != nil {
		return err
	}
	sort.Strings(files)
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := readFile(ctx, f, o, fn); err != nil {
			if errors.Is(err, errStop) || ctx.Err() != nil {
				return unwrap(err)
			}
			// a folder goes on past a file it cannot open
			if ferr := fn(Item{Where: f, Err: err}); ferr != nil {
				return ferr
			}
		}
	}
	return nil
}

// errStop marks an error returned by the caller's fn, which ends reading.
var errStop = errors.New("stopped")

type stopErr struct{ err error }

func (s stopErr) Error() string { return s.err.Error() }
func (s stopErr) Unwrap() []error {
	return []error{s.err, errStop}
}

// call hands an item to fn and wraps fn's error so that readers pass it up
// unchanged.
func call(fn func(Item) error, it Item) error {
	if err := fn(it); err != nil {
		return stopErr{err}
	}
	return nil
}

func (o *Options) maxBytes() int64 {
	if o.MaxBytes > 0 {
		return o.MaxBytes
	}
	return 256 << 20
}

func readFile(ctx context.Context, p string, o *Options, fn func(Item) error) error {
	f, err := os.Open(p)
	if err != nil {
		return err
	}
	defer f.Close()
	ext := strings.ToLower(filepath.Ext(p))
	switch ext {
	case ".zip":
		st, err := f.Stat()
		if err != nil {
			return err
		}
		return readZip(ctx, p, f, st.Size(), o, fn)
	case ".jsonl", ".ndjson":
		return readJSONL(ctx, p, f, o, fn)
	}
	b, err := io.ReadAll(io.LimitReader(f, o.maxBytes()+1))
	if err != nil {
		return err
	}
	return readBytes(ctx, p, ext, b, o, fn)
}

// unwrap returns the caller's own error out of a stopErr.
func unwrap(err error) error {
	var s stopErr
	if errors.As(err, &s) {
		return s.err
	}
	return err
}

// readBytes reads one whole file or archive entry by its extension.
func readBytes(ctx context.Context, where, ext string, b []byte, o *Options, fn func(Item) error) error {
	if int64(len(b)) > o.maxBytes() {
		return call(fn, Item{Where: where, Err: fmt.Errorf("larger than %d bytes; split it or raise the limit", o.maxBytes())})
	}
	switch ext {
	case ".json":
		return readJSON(ctx, where, b, o, fn)
	case ".jsonl", ".ndjson":
		return readJSONL(ctx, where, bytes.NewReader(b), o, fn)
	case ".csv", ".tsv":
		return readCSV(ctx, where, ext, b, o, fn)
	}
	return readText(ctx, where, ext, b, o, fn)
}

// readText reads a plain-text or HTML file as one document whose id is
// the file's base name.
func readText(_ context.Context, where, ext string, b []byte, o *Options, fn func(Item) error) error {
	name := where
	if i := strings.LastIndex(name, "!"); i >= 0 {
		name = name[i+1:] // an archive entry: its own name
	}
	id := path.Base(filepath.ToSlash(name))
	if where == "stdin" {
		id = ""
	}
	if len(bytes.TrimSpace(b)) == 0 {
		return call(fn, Item{Where: where, Doc: analysis.Document{ID: id}, Err: errors.New("empty document")})
	}
	s, cs, err := Decode(b)
	if err != nil {
		return call(fn, Item{Where: where, Doc: analysis.Document{ID: id}, Err: err})
	}
	it := Item{Where: where}
	if cs != "utf-8" {
		it.Warnings = append(it.Warnings, "decoded from "+cs)
	}
	d := analysis.Document{ID: id, Text: s}
	if ext == ".html" || ext == ".htm" || ext == ".xhtml" || IsHTML(s) {
		page, err := MainText(s, "")
		if err != nil {
			return call(fn, Item{Where: where, Doc: d, Err: err})
		}
		d.Title, d.Text, d.Published, d.Lang = page.Title, page.Text, page.Published, page.Lang
		if page.Site != "" {
			d.Source = page.Site
		}
	}
	if d.Published == "" {
		d.Published = o.Published
	}
	if d.ID == "" {
		d.ID = ContentID(&d)
	}
	it.Doc = d
	return call(fn, it)
}

// readJSON reads a JSON file holding one object or an array of objects,
// element by element so that big arrays do not need twice their size in
// memory.
func readJSON(ctx context.Context, where string, b []byte, o *Options, fn func(Item) error) error {
	s, cs, err := Decode(b)
	if err != nil {
		return call(fn, Item{Where: where, Err: err})
	}
	var warns []string
	if cs != "utf-8" {
		warns = append(warns, "decoded from "+cs)
	}
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	tok, err := dec.Token()
	if err != nil {
		if err == io.EOF {
			err = errors.New("empty document")
		}
		return call(fn, Item{Where: where, Err: fmt.Errorf("not JSON: %w", err)})
	}
	if d, ok := tok.(json.Delim); ok && d == '{' {
		// one object: decode it whole from the start
		dec = json.NewDecoder(strings.NewReader(s))
		dec.UseNumber()
		var rec map[string]any
		if err := dec.Decode(&rec); err != nil {
			return call(fn, Item{Where: where, Err: fmt.Errorf("bad JSON object: %w", err)})
		}
		return call(fn, record(where, rec, 0, o, warns))
	}
	if d, ok := tok.(json.Delim); !ok || d != '[' {
		return call(fn, Item{Where: where, Err: fmt.Errorf("JSON holds %v, want an object or an array of objects", tok)})
	}
	for i := 0; dec.More(); i++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		var raw json.RawMessage
		elem := fmt.Sprintf("%s[%d]", where, i)
		if err := dec.Decode(&raw); err != nil {
			return call(fn, Item{Where: elem, Err: fmt.Errorf("bad JSON: %v; the rest of the array cannot be read", err)})
		}
		var rec map[string]any
		d := json.NewDecoder(bytes.NewReader(raw))
		d.UseNumber()
		if err := d.Decode(&rec); err != nil || rec == nil {
			if err := call(fn, Item{Where: elem, Err: fmt.Errorf("array element is %s, want an object", firstWord(raw))}); err != nil {
				return err
			}
			continue
		}
		if err := call(fn, record(where, rec, i, o, warns)); err != nil {
			return err
		}
	}
	return nil
}

func firstWord(raw []byte) string {
	s := strings.TrimSpace(string(raw))
	switch {
	case s == "null":
		return "null"
	case strings.HasPrefix(s, "["):
		return "an array"
	case strings.HasPrefix(s, `"`):
		return "a string"
	}
	return "a " + fmt.Sprintf("%.10s", s)
}

// record turns one decoded record into an Item.
func record(where string, rec map[string]any, index int, o *Options, warns []string) Item {
	it := Item{Where: fmt.Sprintf("%s[%d]", where, index), Warnings: warns}
	d, w, err := FromRecord(rec, o)
	it.Warnings = append(it.Warnings, w...)
	if o.PositionalIDs != "" && !hasID(rec, o) {
		d.ID = fmt.Sprintf("%s%s:%d", o.PositionalIDs, stem(where), index)
	}
	it.Doc, it.Err = d, err
	return it
}

func hasID(rec map[string]any, o *Options) bool {
	for k, v := range rec {
		if (strings.EqualFold(k, "id") || o.FieldMap[k] == "id") && v != nil && v != "" {
			return true
		}
	}
	return false
}

// stem is the base name of the innermost file of where, without extension:
// a/b/2015-08-07.zip!2015-08-07.json → 2015-08-07.
func stem(where string) string {
	if i := strings.LastIndex(where, "!"); i >= 0 {
		where = where[i+1:]
	}
	base := path.Base(filepath.ToSlash(where))
	return strings.TrimSuffix(base, path.Ext(base))
}

// readJSONL reads one JSON object per line; a bad line is an Item with an
// error and reading goes on.
func readJSONL(ctx context.Context, where string, r io.Reader, o *Options, fn func(Item) error) error {
	br := bufio.NewReaderSize(r, 1<<16)
	line := 0
	index := 0
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		b, err := br.ReadBytes('\n')
		if len(b) == 0 && err != nil {
			if err == io.EOF {
				return nil
			}
			return err
		}
		line++
		b = bytes.TrimRight(b, "\r\n")
		if line == 1 {
			b = bytes.TrimPrefix(b, []byte{0xEF, 0xBB, 0xBF})
		}
		if len(bytes.TrimSpace(b)) == 0 {
			continue
		}
		at := fmt.Sprintf("%s:%d", where, line)
		s, cs, derr := Decode(b)
		var it Item
		if derr != nil {
			it = Item{Where: at, Err: derr}
		} else {
			var rec map[string]any
			d := json.NewDecoder(strings.NewReader(s))
			d.UseNumber()
			if jerr := d.Decode(&rec); jerr != nil || rec == nil {
				if jerr == nil {
					jerr = errors.New("not an object")
				}
				it = Item{Where: at, Err: fmt.Errorf("bad JSON line: %v", jerr)}
			} else {
				it = record(where, rec, index, o, nil)
				it.Where = at
				if cs != "utf-8" {
					it.Warnings = append(it.Warnings, "decoded from "+cs)
				}
			}
		}
		index++
		if err := call(fn, it); err != nil {
			return err
		}
	}
}

// readCSV reads a CSV (or TSV) file with a header row; each row is a
// record whose fields are named by the header.
func readCSV(ctx context.Context, where, ext string, b []byte, o *Options, fn func(Item) error) error {
	s, _, err := Decode(b)
	if err != nil {
		return call(fn, Item{Where: where, Err: err})
	}
	cr := csv.NewReader(strings.NewReader(s))
	if ext == ".tsv" {
		cr.Comma = '\t'
	}
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = false
	header, err := cr.Read()
	if err != nil {
		return call(fn, Item{Where: where, Err: fmt.Errorf("no CSV header: %w", err)})
	}
	for i := range header {
		header[i] = strings.TrimSpace(strings.TrimPrefix(header[i], "\ufeff"))
	}
	for index := 0; ; index++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		row, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			at := where
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				at = fmt.Sprintf("%s:%d", where, pe.StartLine)
			}
			if cerr := call(fn, Item{Where: at, Err: fmt.Errorf("bad CSV row: %w", err)}); cerr != nil {
				return cerr
			}
			if pe != nil && pe.Err == csv.ErrQuote || pe != nil && pe.Err == csv.ErrBareQuote {
				return nil // the reader cannot find the next row after a broken quote
			}
			continue
		}
		line, _ := cr.FieldPos(0)
		at := fmt.Sprintf("%s:%d", where, line)
		if len(row) != len(header) {
			if cerr := call(fn, Item{Where: at, Err: fmt.Errorf("row has %d fields, the header %d", len(row), len(header))}); cerr != nil {
				return cerr
			}
			continue
		}
		rec := make(map[string]any, len(header))
		for i, h := range header {
			rec[h] = row[i]
		}
		it := record(where, rec, index, o, nil)
		it.Where = at
		if err := call(fn, it); err != nil {
			return err
		}
	}
}

// readZip reads every file in a .zip archive in name order, as if each
// were a file of its own (nested archives are not opened).
func readZip(ctx context.Context, where string, r io.ReaderAt, size int64, o *Options, fn func(Item) error) error {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return (call(fn, Item{Where: where, Err: fmt.Errorf("bad zip archive: %w", err)}))
	}
	files := append([]*zip.File(nil), zr.File...)
	sort.Slice(files, func(i, j int) bool { return files[i].Name < files[j].Name })
	for _, zf := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		name := zf.Name
		base := path.Base(name)
		if zf.FileInfo().IsDir() || strings.HasPrefix(base, ".") || strings.HasPrefix(name, "__MACOSX/") {
			continue
		}
		at := where + "!" + name
		ext := strings.ToLower(path.Ext(name))
		if ext == ".zip" {
			if err := call(fn, Item{Where: at, Err: errors.New("nested archive not read; unpack it first")}); err != nil {
				return err
			}
			continue
		}
		if int64(zf.UncompressedSize64) > o.maxBytes() {
			if err := call(fn, Item{Where: at, Err: fmt.Errorf("entry larger than %d bytes", o.maxBytes())}); err != nil {
				return err
			}
			continue
		}
		rc, err := zf.Open()
		var b []byte
		if err == nil {
			b, err = io.ReadAll(io.LimitReader(rc, o.maxBytes()+1))
			rc.Close()
		}
		if err != nil {
			if err := call(fn, Item{Where: at, Err: fmt.Errorf("bad zip entry: %w", err)}); err != nil {
				return err
			}
			continue
		}
		if err := readBytes(ctx, at, ext, b, o, fn); err != nil {
			return err
		}
	}
	return nil
}

// ReadFrom reads documents from r as if it were a file with the given name
// (its extension picks the format).
func ReadFrom(ctx context.Context, name string, r io.Reader, o *Options, fn func(Item) error) error {
	if o == nil {
		o = &Options{}
	}
	ext := strings.ToLower(filepath.Ext(name))
	if ext == ".jsonl" || ext == ".ndjson" {
		return unwrap(readJSONL(ctx, name, r, o, fn))
	}
	b, err := io.ReadAll(io.LimitReader(r, o.maxBytes()+1))
	if err != nil {
		return err
	}
	return unwrap(readBytes(ctx, name, ext, b, o, fn))
}
