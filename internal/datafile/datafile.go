// Package datafile reads marsad's knowledge files (stop words, lexicons,
// event triggers, calendars): UTF-8 text, one record a line, '#' starting a
// comment, fields separated by tabs.
package datafile

import (
	"fmt"
	"io/fs"
	"strings"
)

// Fields calls fn with the fields of every line of src that is not empty
// once its comment is cut, each field trimmed of spaces (trailing tabs make
// no empty fields); n is the line's number, from 1. An error from fn stops
// the reading and comes back as "line N: error".
func Fields(src string, fn func(n int, fields []string) error) error {
	if n, err := each(src, fn); err != nil {
		return fmt.Errorf("line %d: %w", n, err)
	}
	return nil
}

// File reads the file name of fsys as Fields reads a text; its errors name
// the file and the line ("data/units.tsv:12: error").
func File(fsys fs.FS, name string, fn func(n int, fields []string) error) error {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return err
	}
	if n, err := each(string(b), fn); err != nil {
		return fmt.Errorf("%s:%d: %w", name, n, err)
	}
	return nil
}

// each does the reading; it returns fn's error and the line it came from.
func each(src string, fn func(n int, fields []string) error) (int, error) {
	for i, line := range strings.Split(src, "\n") {
		if j := strings.IndexByte(line, '#'); j >= 0 {
			line = line[:j]
		}
		line = strings.TrimRight(line, " \t\r")
		if strings.TrimSpace(line) == "" {
			continue
		}
		f := strings.Split(line, "\t")
		for k := range f {
			f[k] = strings.TrimSpace(f[k])
		}
		if err := fn(i+1, f); err != nil {
			return i + 1, err
		}
	}
	return 0, nil
}
