package kb

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// LoadError is a problem in one line of a knowledge-base file. Its message
// reads "file:line: column: problem" like a compiler's, so that editors can
// jump to it.
type LoadError struct {
	File   string
	Line   int    // 1-based; 0 when the problem is with the file as a whole
	Column string // the TSV column, when the problem is in one
	Msg    string
}

func (e *LoadError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	b.WriteString(": ")
	if e.Column != "" {
		b.WriteString(e.Column)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// maxErrors is how many problems one load reports before giving up: enough
// to fix a file in one go, not so many that the first is lost.
const maxErrors = 20

// errList gathers LoadErrors.
type errList struct{ errs []error }

func (l *errList) add(file string, line int, col, format string, args ...any) {
	if len(l.errs) < maxErrors {
		l.errs = append(l.errs, &LoadError{File: file, Line: line, Column: col, Msg: fmt.Sprintf(format, args...)})
	}
}

func (l *errList) full() bool { return len(l.errs) >= maxErrors }

func (l *errList) err() error { return errors.Join(l.errs...) }

// row is one data line of a TSV file, with access to fields by column name.
type row struct {
	file   string
	line   int
	cols   map[string]int
	fields []string
	errs   *errList
}

// get returns the trimmed value of column c ("" when the column is absent
// or the line is short).
func (r *row) get(c string) string {
	i, ok := r.cols[c]
	if !ok || i >= len(r.fields) {
		return ""
	}
	return strings.TrimSpace(r.fields[i])
}

// errorf records a problem with column c of this row.
func (r *row) errorf(c, format string, args ...any) {
	r.errs.add(r.file, r.line, c, format, args...)
}

// readTSV reads a tab-separated file: lines starting with '#' and blank
// lines are ignored, the first other line names the columns, and fn is
// called for each following line. Columns may come in any order; required
// lists those that must be present, and columns not in known are reported
// (a misspelt header would otherwise silently lose data).
func readTSV(file string, r io.Reader, required, known []string, errs *errList, fn func(*row)) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	var cols map[string]int
	line := 0
	for sc.Scan() {
		line++
		text := sc.Text()
		if line == 1 {
			text = strings.TrimPrefix(text, "\ufeff")
		}
		text = strings.TrimRight(text, "\r")
		if strings.TrimSpace(text) == "" || strings.HasPrefix(text, "#") {
			continue
		}
		if !utf8.ValidString(text) {
			errs.add(file, line, "", "not valid UTF-8")
			continue
		}
		fields := strings.Split(text, "\t")
		if cols == nil {
			cols = map[string]int{}
			for i, f := range fields {
				f = strings.TrimSpace(f)
				if _, dup := cols[f]; dup {
					errs.add(file, line, f, "column named twice")
				}
				cols[f] = i
				if !contains(known, f) {
					errs.add(file, line, f, "unknown column (known: %s)", strings.Join(known, ", "))
				}
			}
			for _, c := range required {
				if _, ok := cols[c]; !ok {
					errs.add(file, line, c, "required column missing")
				}
			}
			if errs.full() {
				return
			}
			continue
		}
		if len(fields) > len(cols) {
			errs.add(file, line, "", "%d fields, but the header names %d columns", len(fields), len(cols))
			continue
		}
		fn(&row{file: file, line: line, cols: cols, fields: fields, errs: errs})
		if errs.full() {
			return
		}
	}
	if err := sc.Err(); err != nil {
		errs.add(file, line+1, "", "%v", err)
		return
	}
	if cols == nil {
		errs.add(file, 0, "", "no header line")
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// splitList splits a |-separated list, trimming spaces and dropping empty
// items.
func splitList(s string) []string {
	if s == "" {
		return nil
	}
	parts := strings.Split(s, "|")
	out := parts[:0]
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
