package export

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/marsad/marsad/analysis"
)

// Source is a stream of analyses: Next returns the next one, or io.EOF
// after the last. The exporters call Next until io.EOF and keep nothing of
// an analysis once they have written it, so a Source backed by a database
// cursor exports any corpus in constant memory.
type Source interface {
	Next(ctx context.Context) (*analysis.Analysis, error)
}

// SourceFunc adapts a function to Source.
type SourceFunc func(ctx context.Context) (*analysis.Analysis, error)

// Next calls f.
func (f SourceFunc) Next(ctx context.Context) (*analysis.Analysis, error) { return f(ctx) }

// Slice returns a Source over analyses already in memory (tests, small
// API answers).
func Slice(as []*analysis.Analysis) Source {
	i := 0
	return SourceFunc(func(ctx context.Context) (*analysis.Analysis, error) {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if i == len(as) {
			return nil, io.EOF
		}
		i++
		return as[i-1], nil
	})
}

// MaxLineBytes bounds one line of JSON Lines input (an analysis with its
// text is a few hundred kilobytes; a line longer than this is not one).
const MaxLineBytes = 64 << 20

// LineError is an input line that is not an analysis.
type LineError struct {
	Name string // the input's name, e.g. the file
	Line int    // 1-based
	Err  error
}

func (e *LineError) Error() string {
	return fmt.Sprintf("%s:%d: %v", e.Name, e.Line, e.Err)
}

func (e *LineError) Unwrap() error { return e.Err }

// JSONL reads analyses written as JSON Lines by "marsad analyze": one
// marsad.analysis/v1 object per line. Blank lines are skipped, and so are
// the {"id":…,"error":…} lines marsad analyze writes for documents it
// could not analyse (counted in Skipped and reported to OnSkip). Any other
// line that is not an analysis stops the stream with a *LineError naming
// the line.
type JSONL struct {
	r    *bufio.Reader
	name string
	line int
	err  error
	// Skipped counts the error lines passed over so far.
	Skipped int
	// OnSkip, when set, is told of each error line passed over.
	OnSkip func(line int, id, msg string)
}

// NewJSONL returns a Source reading JSON Lines from r; name (a file name,
// or "-" for stdin) prefixes error messages.
func NewJSONL(r io.Reader, name string) *JSONL {
	return &JSONL{r: bufio.NewReaderSize(r, 1<<16), name: name}
}

// jsonlLine is an analysis, or the error line written in its place.
type jsonlLine struct {
	analysis.Analysis
	Error *string `json:"error"`
}

// Next returns the next analysis, or io.EOF after the last line.
func (j *JSONL) Next(ctx context.Context) (*analysis.Analysis, error) {
	for j.err == nil {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		b, err := j.readLine()
		if err != nil {
			if err != io.EOF {
				err = &LineError{j.name, j.line, err}
			}
			j.err = err
			break
		}
		if j.line == 1 {
			b = bytes.TrimPrefix(b, []byte("\ufeff"))
		}
		b = bytes.TrimSpace(b)
		if len(b) == 0 {
			continue
		}
		a, skip, err := decodeLine(b)
		if err != nil {
			j.err = &LineError{j.name, j.line, err}
			break
		}
		if skip != nil {
			j.Skipped++
			if j.OnSkip != nil {
				j.OnSkip(j.line, skip.ID, skip.Error)
			}
			continue
		}
		return a, nil
	}
	return nil, j.err
}

// readLine returns the next line without its end, counting lines; io.EOF
// only when there is nothing left.
func (j *JSONL) readLine() ([]byte, error) {
	var long []byte
	for {
		part, err := j.r.ReadSlice('\n')
		if err == bufio.ErrBufferFull {
			if len(long)+len(part) > MaxLineBytes {
				j.line++
				return nil, fmt.Errorf("line longer than %d bytes", MaxLineBytes)
			}
			long = append(long, part...)
			continue
		}
		if err != nil && err != io.EOF {
			j.line++
			return nil, err
		}
		if err == io.EOF && len(part) == 0 && long == nil {
			return nil, io.EOF
		}
		j.line++
		if long != nil {
			part = append(long, part...)
		}
		return part, nil
	}
}

// decodeLine decodes one non-blank line: an analysis, or an error line to
// skip.
func decodeLine(b []byte) (*analysis.Analysis, *analysis.ErrorLine, error) {
	if b[0] != '{' {
		return nil, nil, errors.New("not a JSON object")
	}
	var l jsonlLine
	if err := json.Unmarshal(b, &l); err != nil {
		return nil, nil, fmt.Errorf("invalid analysis: %v", err)
	}
	if l.Error != nil && l.Schema == "" {
		return nil, &analysis.ErrorLine{ID: l.ID, Error: *l.Error}, nil
	}
	if !strings.HasPrefix(l.Schema, "marsad.analysis/") {
		if l.Schema == "" {
			return nil, nil, errors.New(`not a marsad analysis (no "schema")`)
		}
		return nil, nil, fmt.Errorf("schema %q is not marsad.analysis/…", l.Schema)
	}
	if l.ID == "" {
		return nil, nil, errors.New(`analysis without an "id"`)
	}
	a := l.Analysis
	return &a, nil, nil
}
