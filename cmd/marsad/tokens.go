package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/marsad/marsad/arabic"
	"github.com/marsad/marsad/ingest"
	"github.com/marsad/marsad/pipeline"
)

func init() {
	register(&command{
		name:    "tokens",
		summary: "show the analyser's tokens, norms and stems (why a search matched)",
		run:     runTokens,
	})
}

// tokenJSON is one line of "marsad tokens --json".
type tokenJSON struct {
	Text  string  `json:"text"`
	Start int     `json:"start"`
	End   int     `json:"end"`
	Norm  string  `json:"norm"`
	Stem  *string `json:"stem"`
	Kind  string  `json:"kind"`
	Stop  bool    `json:"stop,omitempty"`
}

func runTokens(ctx context.Context, e *env, args []string) int {
	fs := newFlags(e, "tokens", "[--stem] [--json] [FILE]", `Prints the tokens marsad's analyser finds in a text (FILE, or stdin), like
Elasticsearch's _analyze: code-point offsets into the text, the token as
written, its normal form and, with --stem, the stem the search index
stores. Stop words are marked; punctuation has no stem.`)
	stem := fs.Bool("stem", false, "show each token's search stem (always present in --json)")
	asJSON := fs.Bool("json", false, `one JSON object per token: {"text","start","end","norm","stem","kind"}`)
	files, err := parseArgs(fs, args)
	if err != nil {
		return usageStatus(err)
	}
	text, code := readOneText(e, "tokens", files)
	if code != 0 {
		return code
	}
	p, err := pipeline.New()
	if err != nil {
		errf(e.stderr, "tokens", "%v", err)
		return 1
	}
	seg := p.Segmenter()
	out := bufio.NewWriter(e.stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	for _, t := range arabic.Tokenize(text) {
		var st *string
		stop := false
		if t.Kind != arabic.Punct && t.Kind != arabic.Symbol {
			s := seg.Stem(t.Text)
			st = &s
			stop = t.Kind == arabic.Word && arabic.IsStopWord(t.Text)
		}
		if *asJSON {
			if err := enc.Encode(tokenJSON{Text: t.Text, Start: t.Start, End: t.End, Norm: t.Norm, Stem: st, Kind: t.Kind.String(), Stop: stop}); err != nil {
				errf(e.stderr, "tokens", "%v", err)
				return 1
			}
			continue
		}
		line := fmt.Sprintf("%d\t%d\t%s\t%s\t%s", t.Start, t.End, t.Kind, t.Text, t.Norm)
		if *stem {
			switch {
			case st == nil:
				line += "\t-"
			case stop:
				line += "\t(stop)"
			default:
				line += "\t" + *st
			}
		}
		fmt.Fprintln(out, line)
	}
	return 0
}

// readOneText reads the text a command works on: FILE, or stdin when there
// is none or it is "-", decoded to UTF-8 (legacy encodings detected as
// ingest does). On failure it prints what went wrong, naming the input,
// and returns the exit status (2 for more than one FILE).
func readOneText(e *env, cmd string, files []string) (string, int) {
	if len(files) > 1 {
		errf(e.stderr, cmd, "one FILE at most")
		return "", 2
	}
	name := "stdin"
	var raw []byte
	var err error
	if len(files) == 0 || files[0] == "-" {
		raw, err = io.ReadAll(e.stdin)
	} else {
		name = files[0]
		raw, err = os.ReadFile(name)
	}
	if err != nil {
		errf(e.stderr, cmd, "%v", err)
		return "", 1
	}
	text, _, err := ingest.Decode(raw)
	if err != nil {
		errf(e.stderr, cmd, "%s: %v", name, err)
		return "", 1
	}
	return text, 0
}
