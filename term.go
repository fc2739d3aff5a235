package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// Exit statuses, as `briefbot ask --help` documents them.
const (
	exitFailure  = 1
	exitUsage    = 2
	exitNotFound = 3
)

// exitError ends the process with code; its output already said why, so
// it prints nothing more unless err is set.
type exitError struct {
	code int
	err  error
	// shown says the message is already on stderr (the flag package
	// prints its own with the usage), so main does not print it twice.
	shown bool
}

func (e exitError) Error() string {
	if e.err == nil {
		return ""
	}
	return e.err.Error()
}

func (e exitError) Unwrap() error { return e.err }

// usageErrorf is a mistake in how briefbot was called: exit status 2.
func usageErrorf(format string, args ...any) error {
	return exitError{code: exitUsage, err: fmt.Errorf(format, args...)}
}

// exitCode is the process status for err.
func exitCode(err error) int {
	var ee exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	if err != nil {
		return exitFailure
	}
	return 0
}

// terminalWidth is the width of w when it is a terminal, else 0 (piped
// output is not wrapped).
func terminalWidth(w any) int {
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return 0
	}
	width, _, err := term.GetSize(int(f.Fd()))
	if err != nil || width < 20 {
		return 0
	}
	return width
}

// wrap breaks lines longer than width at spaces, indenting the rest of
// a line as deep as its first word.
func wrap(text string, width int) string {
	var b strings.Builder
	for _, line := range strings.SplitAfter(text, "\n") {
		nl := strings.HasSuffix(line, "\n")
		line = strings.TrimSuffix(line, "\n")
		indent := line[:len(line)-len(strings.TrimLeft(line, " "))]
		for utf8.RuneCountInString(line) > width {
			cut := cutAt(line, width)
			if cut <= len(indent) {
				break
			}
			b.WriteString(strings.TrimRight(line[:cut], " ") + "\n")
			line = indent + "  " + strings.TrimLeft(line[cut:], " ")
		}
		b.WriteString(line)
		if nl {
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// cutAt is the byte offset of the last space within the first width runes
// of line, or 0 when there is none.
func cutAt(line string, width int) int {
	last, n := 0, 0
	for i, r := range line {
		if n >= width {
			break
		}
		if r == ' ' {
			last = i
		}
		n++
	}
	return last
}

// progress is an ingest's progress bar on a terminal's stderr: counts,
// rate and time left. It does nothing when stderr is not a terminal, so
// piped output stays clean.
type progress struct {
	bar   *progressbar.ProgressBar
	total int
}

func newProgress(w io.Writer, total int) *progress {
	if terminalWidth(w) == 0 {
		return &progress{}
	}
	bar := progressbar.NewOptions(total,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription("ingest"),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("articles"),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
	)
	return &progress{bar: bar, total: total}
}

// add moves the bar to done articles, growing it when feeds hold more
// articles than there were sources.
func (p *progress) add(done int) {
	if p.bar == nil {
		return
	}
	if done > p.total {
		p.total = done
		p.bar.ChangeMax(p.total)
	}
	p.bar.Set(done)
}

// clear takes the bar off the line before a report line is printed.
func (p *progress) clear() {
	if p.bar != nil {
		p.bar.Clear()
	}
}

func (p *progress) finish() {
	if p.bar != nil {
		p.bar.Finish()
	}
}
