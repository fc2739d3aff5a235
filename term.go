package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"
	"unicode/utf8"

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

// progress is an ingest's progress line on a terminal's stderr: counts,
// rate and time left, redrawn in place at most every progressEvery. It
// does nothing when stderr is not a terminal, so piped output stays
// clean. (A line of our own: the progress bar library it replaces cost
// every briefbot process 0.2 ms of package initialisation.)
type progress struct {
	w     io.Writer // nil when stderr is not a terminal
	width int
	total int
	done  int
	start time.Time
	drawn time.Time // when the line was last drawn; zero when it is not shown
	now   func() time.Time
}

// progressEvery is the shortest time between two redraws of the line.
const progressEvery = 100 * time.Millisecond

func newProgress(w io.Writer, total int) *progress {
	width := terminalWidth(w)
	if width == 0 {
		return &progress{}
	}
	return newProgressLine(w, width, total, time.Now)
}

// newProgressLine is a progress line on w, width columns wide, whatever
// w is; tests give it a buffer and a clock.
func newProgressLine(w io.Writer, width, total int, now func() time.Time) *progress {
	return &progress{w: w, width: width, total: total, start: now(), now: now}
}

// add moves the line to done articles, growing the total when feeds hold
// more articles than there were sources.
func (p *progress) add(done int) {
	if p.w == nil {
		return
	}
	p.done = done
	p.total = max(p.total, done)
	now := p.now()
	if !p.drawn.IsZero() && now.Sub(p.drawn) < progressEvery && done < p.total {
		return
	}
	p.drawn = now
	fmt.Fprint(p.w, "\r"+p.line(now)+"\x1b[K")
}

// line is the progress line as of now, cut to the terminal's width so
// that it never wraps (a wrapped line could not be redrawn in place).
func (p *progress) line(now time.Time) string {
	pct := 100 * p.done / max(p.total, 1)
	s := fmt.Sprintf("ingest %3d%% (%d/%d articles", pct, p.done, p.total)
	if el := now.Sub(p.start); el > 0 && p.done > 0 {
		rate := float64(p.done) / el.Seconds()
		s += fmt.Sprintf(", %.1f articles/s", rate)
		if left := p.total - p.done; left > 0 {
			s += fmt.Sprintf(", %v left", (time.Duration(float64(left) / rate * float64(time.Second))).Round(time.Second))
		}
	}
	s += ")"
	if r := []rune(s); len(r) > p.width-1 {
		s = string(r[:p.width-1])
	}
	return s
}

// clear takes the line off the terminal before a report line is printed.
func (p *progress) clear() {
	if p.w != nil && !p.drawn.IsZero() {
		fmt.Fprint(p.w, "\r\x1b[K")
		p.drawn = time.Time{}
	}
}

// finish takes the line away: the report lines and the summary say what
// was loaded.
func (p *progress) finish() { p.clear() }
