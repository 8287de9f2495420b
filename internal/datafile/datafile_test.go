package datafile

import (
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
)

func TestFields(t *testing.T) {
	src := "# a comment line\n\nقصف\tbattles # the rest is a comment\n  سوف\tfuture\t\t\r\nwith spaces inside \t  x  \n"
	var got [][]string
	var lines []int
	if err := Fields(src, func(n int, f []string) error {
		got = append(got, f)
		lines = append(lines, n)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"قصف", "battles"}, {"سوف", "future"}, {"with spaces inside", "x"}}
	if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(lines, []int{3, 4, 5}) {
		t.Errorf("fields %q at lines %v, want %q at [3 4 5]", got, lines, want)
	}
}

func TestErrorsNameTheLine(t *testing.T) {
	bad := func(n int, f []string) error {
		if f[0] == "bad" {
			return errUnknown
		}
		return nil
	}
	if err := Fields("ok\n#\nbad\n", bad); err == nil || err.Error() != "line 3: unknown" {
		t.Errorf("Fields error %v, want line 3: unknown", err)
	}
	fsys := fstest.MapFS{"data/x.tsv": {Data: []byte("ok\nbad\n")}}
	if err := File(fsys, "data/x.tsv", bad); err == nil || err.Error() != "data/x.tsv:2: unknown" {
		t.Errorf("File error %v, want data/x.tsv:2: unknown", err)
	}
	if err := File(fsys, "data/none.tsv", bad); err == nil || !strings.Contains(err.Error(), "none.tsv") {
		t.Errorf("a missing file gave %v", err)
	}
}

type errString string

func (e errString) Error() string { return string(e) }

const errUnknown = errString("unknown")
