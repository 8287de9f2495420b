package main

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// progress draws a one-line progress bar on a terminal's stderr and keeps
// other messages from mixing with it: everything written to stderr while
// it is shown goes through Printf.
type progress struct {
	w      io.Writer
	on     bool // a terminal: draw the bar
	total  int  // files to read (0: unknown)
	start  time.Time
	last   time.Time
	drawn  bool
	status func() string
}

func newProgress(w io.Writer, on bool, total int, status func() string) *progress {
	now := time.Now()
	return &progress{w: w, on: on, total: total, start: now, status: status}
}

// Printf prints a message on its own line, above the bar.
func (p *progress) Printf(format string, a ...any) {
	p.clear()
	fmt.Fprintf(p.w, format, a...)
}

func (p *progress) clear() {
	if p.drawn {
		fmt.Fprint(p.w, "\r\033[K")
		p.drawn = false
	}
}

// Update redraws the bar, at most five times a second: done files of
// total, and the status line.
func (p *progress) Update(done int) {
	if !p.on || time.Since(p.last) < 200*time.Millisecond {
		return
	}
	p.last = time.Now()
	bar := ""
	if p.total > 0 {
		const width = 24
		n := min(width, done*width/p.total)
		bar = fmt.Sprintf("[%s%s] %d/%d files  ", strings.Repeat("#", n), strings.Repeat(".", width-n), done, p.total)
	}
	fmt.Fprintf(p.w, "\r\033[K%s%s", bar, p.status())
	p.drawn = true
}

// Done removes the bar.
func (p *progress) Done() { p.clear() }

// rate is a count per second since start.
func rate(n int, since time.Time) float64 {
	s := time.Since(since).Seconds()
	if s <= 0 {
		return 0
	}
	return float64(n) / s
}
