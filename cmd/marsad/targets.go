package main

import (
	"context"
	"fmt"
	"io"
)

// Command groups: "marsad train TARGET …" and "marsad eval TARGET …". Each
// component adds its targets from an init function in its own file, e.g.
//
//	func init() { evalTargets["events"] = &target{summary: "…", run: runEvalEvents} }
//
// so that this file never needs editing when a component adds one.

// target is one entry of a command group; run gets the arguments after the
// target name.
type target struct {
	summary string
	run     func(ctx context.Context, e *env, args []string) int
}

var (
	trainTargets = map[string]*target{}
	evalTargets  = map[string]*target{}
)

func init() {
	register(&command{name: "train", summary: "train a model: marsad train TARGET [flags] (see marsad train -h)",
		run: groupRunner("train", trainTargets)})
	register(&command{name: "eval", summary: "score against gold data: marsad eval TARGET [flags] (see marsad eval -h)",
		run: groupRunner("eval", evalTargets)})
}

func groupRunner(group string, targets map[string]*target) func(context.Context, *env, []string) int {
	return func(ctx context.Context, e *env, args []string) int {
		if len(args) == 0 {
			groupUsage(e.stderr, group, targets)
			return 2
		}
		switch args[0] {
		case "-h", "-help", "--help", "help":
			groupUsage(e.stdout, group, targets)
			return 0
		}
		t, ok := targets[args[0]]
		if !ok {
			fmt.Fprintf(e.stderr, "marsad %s: unknown target %q\n\n", group, args[0])
			groupUsage(e.stderr, group, targets)
			return 2
		}
		return t.run(ctx, e, args[1:])
	}
}

func groupUsage(w io.Writer, group string, targets map[string]*target) {
	fmt.Fprintf(w, "Usage: marsad %s TARGET [flags]\n\nTargets:\n", group)
	summaries := map[string]string{}
	for n, t := range targets {
		summaries[n] = t.summary
	}
	listSummaries(w, summaries)
	fmt.Fprintf(w, "\nRun \"marsad %s TARGET -h\" for the flags of one target.\n", group)
}
