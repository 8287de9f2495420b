package main

import (
	"flag"
	"fmt"
	"io"
	"strings"
)

// newFlags returns a FlagSet for a subcommand whose usage text goes to w.
func newFlags(e *env, name, args, about string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: marsad %s %s\n\n%s\n", name, args, about)
		if hasFlags(fs) {
			fmt.Fprintln(fs.Output(), "\nFlags:")
			fs.PrintDefaults()
		}
	}
	return fs
}

func hasFlags(fs *flag.FlagSet) bool {
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	return n > 0
}

// parseArgs parses flags that may come before or after the positional
// arguments ("marsad analyze a.json --published 2015-08-06"); "--" ends
// the flags. It returns the positional arguments, or an error already
// reported on the FlagSet's output (status 2 for the caller); -h gives
// flag.ErrHelp (status 0).
func parseArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if len(args) > 0 && len(rest) < len(args) && args[len(args)-len(rest)-1] == "--" {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// usageStatus is the exit status for a flag parsing error.
func usageStatus(err error) int {
	if err == flag.ErrHelp {
		return 0
	}
	return 2
}

// errf prints "marsad CMD: message" on stderr.
func errf(w io.Writer, cmd, format string, a ...any) {
	fmt.Fprintf(w, "marsad %s: %s\n", cmd, strings.TrimRight(fmt.Sprintf(format, a...), "\n"))
}
