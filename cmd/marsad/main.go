// Command marsad is the one binary of the marsad observatory: it analyses Arabic
// news about armed conflict, stores and searches it, serves it and exports it.
//
// Each subcommand lives in its own file in this package and registers itself
// with register() from an init function, so that adding a command never means
// editing this file. Subcommands parse their flags, wire packages together and
// do nothing else: the work is in the packages they call.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

// env is what a subcommand may touch of the outside world; tests build one
// with buffers instead of the process's streams.
type env struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

type command struct {
	name    string // as typed after "marsad"
	summary string // one line for "marsad help"
	// run executes the command with the arguments after its name and returns
	// the process exit status: 0 success, 1 some input failed, 2 usage error.
	run func(ctx context.Context, e *env, args []string) int
}

var commands = map[string]*command{}

func register(c *command) {
	if _, dup := commands[c.name]; dup {
		panic("marsad: command registered twice: " + c.name)
	}
	commands[c.name] = c
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := runMain(ctx, &env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr}, os.Args[1:])
	stop()
	os.Exit(code)
}

func runMain(ctx context.Context, e *env, args []string) int {
	if len(args) == 0 {
		usage(e.stderr)
		return 2
	}
	name := args[0]
	switch name {
	case "help", "-h", "-help", "--help":
		if len(args) > 1 {
			if c, ok := commands[args[1]]; ok {
				return c.run(ctx, e, []string{"-h"})
			}
		}
		usage(e.stdout)
		return 0
	case "version", "-version", "--version":
		fmt.Fprintln(e.stdout, "marsad", version)
		return 0
	}
	c, ok := commands[name]
	if !ok {
		fmt.Fprintf(e.stderr, "marsad: unknown command %q\n\n", name)
		usage(e.stderr)
		return 2
	}
	return c.run(ctx, e, args[1:])
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "marsad — an Arabic-first observatory for news about armed conflict")
	fmt.Fprintln(w, "\nUsage: marsad COMMAND [flags] [args]\n\nCommands:")
	summaries := map[string]string{}
	for n, c := range commands {
		summaries[n] = c.summary
	}
	listSummaries(w, summaries)
	fmt.Fprintln(w, "\nRun \"marsad COMMAND -h\" for the flags of one command.")
}

// listSummaries writes names in order, each with its one-line summary,
// the summaries aligned.
func listSummaries(w io.Writer, summaries map[string]string) {
	names := make([]string, 0, len(summaries))
	width := 0
	for n := range summaries {
		names = append(names, n)
		width = max(width, len(n))
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %s%s  %s\n", n, strings.Repeat(" ", width-len(n)), summaries[n])
	}
}
