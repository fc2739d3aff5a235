package extract

import (
	"strconv"
	"strings"
	"time"
)

// FindTimes finds the time expressions in text and normalises them against
// the publication date. sents are the sentences of text, used to read the
// tense that decides the direction of "Wednesday" or "on Monday"; when nil,
// text is split with SplitSentences.
//
// The text is cut into tokens once; at each token the matchers that can
// start there are tried and the longest match wins, so "Oct. 1, 2024" is one
// expression and the scan never backtracks over the text.
func FindTimes(text string, sents []Sentence, published time.Time) []Time {
	if text == "" {
		return nil
	}
	if sents == nil {
		sents = SplitSentences(text)
	}
	loadGazetteer()
	y, m, d := published.Date()
	p := &tparser{
		text: text,
		toks: tokenizeTimes(text, sents),
		pub:  time.Date(y, m, d, 0, 0, 0, 0, time.UTC),
	}
	// The tokens go back to tkPool when the times are found, unless
	// they are too many to keep.
	pooled := p.toks
	if cap(pooled) > maxPooledToks {
		pooled = nil
	}
	p.cues = make([][]tenseCue, len(sents)+1)
	p.cueDone = make([]bool, len(sents)+1)
	// The times are gathered in blocks and joined once the tokens are let
	// go: 10 MiB of "on Oct. 22, " has 870 000, 98 MB beside 170 MB of
	// tokens, and a growing slice would hold its last copy as well.
	var out blockList[Time]
	// Each value is kept once: a text naming the same day a million
	// times would otherwise hold a million copies of it.
	values := map[string]string{}
	lastDay := -1            // token index after the last expression with a day value
	lastDayVal := ""         // its day value
	mainDay := ""            // the first day value of the text: the story's day
	anaTok, anaVal := -1, "" // the last day named as a date, not as "today"
	lastDate := ""           // the last DATE value with a calendar year
	for i := 0; i < len(p.toks); {
		c, ok := p.match(i)
		if ok && c.typ == "SET" && strings.EqualFold(p.str(c.a), "a") && (strings.EqualFold(p.str(c.b), "earlier") || strings.EqualFold(p.str(c.b), "later")) && !p.comparedFrom(c.a) {
			// "A year later she moved": not "a year" as in "$5 a
			// year", but a year after the date last named.
			c.typ = "DURATION"
		}
		if ok && c.typ == "DURATION" && lastDate != "" && p.quoteOf(c.a) == 0 {
			// "four years later", "two days earlier": from the date last
			// named.
			// Not "from a year earlier", "than a year earlier": a
			// comparison with the same period before.
			pw := strings.ToLower(p.str(c.a - 1))
			if w := strings.ToLower(p.str(c.b)); (w == "later" || w == "earlier") && !strings.EqualFold(p.str(c.b+1), "than") &&
				pw != "from" && pw != "than" && pw != "with" && pw != "over" && pw != "on" {
				if v, pr, ok2 := shiftDate(lastDate, c.val, w == "earlier"); ok2 {
					c = cand{a: c.a, b: c.b + 1, typ: "DATE", val: v, prec: pr}
				}
			}
		}
		// "retired the following year": a year after the date last
		// named.
		// "a pay cut the previous month": a month before it.
		if lastDate != "" && strings.EqualFold(p.str(i), "the") && p.quoteOf(i) == 0 && p.followingOrPrevious(i+1) {
			back := !strings.EqualFold(p.str(i+1), "following")
			if dur, ok2 := followingUnits[strings.ToLower(p.str(i+2))]; ok2 {
				if pw := strings.ToLower(p.str(i - 1)); pw != "over" && pw != "for" && pw != "within" && pw != "during" {
					if v, pr, ok3 := shiftDate(lastDate, dur, back); ok3 {
						c, ok = cand{a: i, b: i + 3, typ: "DATE", val: v, prec: pr}, true
					}
				}
			}
		}
		if b, off, part, isAna := p.anaphor(i); isAna {
			// "the same day", "the next morning": the day last named in
			// this or the two sentences before, else the story's day.
			ref := mainDay
			if anaTok >= 0 && p.toks[i].sent-p.toks[anaTok].sent <= 2 {
				ref = anaVal
			}
			if d, err := time.Parse("2006-01-02", ref); err == nil {
				c, ok = cand{a: i, b: b, typ: "DATE", val: fmtDay(d.AddDate(0, 0, off)), prec: Day}, true
				if part != "" {
					c.typ, c.val = "TIME", c.val+"T"+part
				}
			}
		}
		if !ok {
			i++
			continue
		}
		if c.floating && lastDay >= 0 && c.a-lastDay <= 15 && p.toks[lastDay-1].sent == p.toks[c.a].sent {
			// "Monday at 3 p.m.": the time belongs to the day just named.
			c.val = lastDayVal + c.val[10:]
		} else if c.floating && anaTok >= 0 && p.quoteOf(c.a) == 0 && p.toks[c.a].sent > p.toks[anaTok].sent && p.toks[c.a].sent-p.toks[anaTok].sent <= 2 && p.pastOnly(c.a) {
			// "On the night of August 14, … The river burst its banks
			// shortly after midnight": a clock time with no day of its
			// own goes on the day the sentences just before told, as
			// "the same day" does, not on the publication date. Only
			// in the past tense: in "Talks ended on Monday. The new
			// round opens at noon." the noon is ahead.
			c.val = anaVal + c.val[10:]
		}
		if c.typ == "DATE" && c.prec == Day && lastDay >= 0 && p.toks[lastDay-1].sent == p.toks[c.a].sent {
			c.val = p.futureInPast(c, lastDay, lastDayVal)
		}
		if c.typ == "DATE" && len(c.val) >= 4 && isASCIIDigit(c.val[0]) && isASCIIDigit(c.val[3]) && (len(c.val) == 4 || c.val[4] == '-') && p.quoteOf(c.a) == 0 {
			lastDate = c.val
		}
		if c.typ == "DATE" && c.prec == Day {
			lastDay, lastDayVal = c.b, c.val[:10]
			if mainDay == "" {
				mainDay = lastDayVal
			}
			switch strings.ToLower(p.str(c.a)) {
			case "today", "tonight", "yesterday", "tomorrow", "now":
				// the day of the telling, not of a happening told
			default:
				anaTok, anaVal = c.b-1, lastDayVal
			}
		}
		if c.typ == "TIME" && len(c.val) > 10 && c.val[4] == '-' && c.a == i && p.toks[i].kind == tkWord && strings.EqualFold(p.str(i), "the") {
			anaTok, anaVal = c.b-1, c.val[:10] // "the next morning" goes on
		}
		s, e := int(p.toks[c.a].s), int(p.toks[c.b-1].e)
		val, seen := values[c.val]
		if !seen {
			val = c.val
			values[val] = val
		}
		out.add(Time{Start: s, End: e, Text: text[s:e], Type: c.typ, Value: val, Precision: c.prec, Mod: c.mod})
		i = c.b
	}
	if out.n > blockListMax {
		*p = tparser{}
		collectBetweenPasses(text)
	}
	times := out.flat()
	if pooled != nil {
		releaseToks(&tkPool, pooled)
	}
	return times
}

// followingUnits are the periods "the following ..." steps by.
var followingUnits = map[string]string{"year": "P1Y", "month": "P1M", "week": "P1W"}

// shiftDate moves the date value v by the duration dur ("P4Y", "P2D"):
// "four years later" than 1961 is 1965. The result keeps the precision
// both allow; ok is false when the duration is finer than the date.
func shiftDate(v, dur string, back bool) (string, Precision, bool) {
	if len(dur) < 3 || dur[0] != 'P' || dur[1] == 'T' {
		return "", "", false
	}
	n, err := strconv.Atoi(dur[1 : len(dur)-1])
	if err != nil || n <= 0 || n > 200 {
		return "", "", false
	}
	if back {
		n = -n
	}
	unit := dur[len(dur)-1]
	y, err := strconv.Atoi(v[:4])
	if err != nil {
		return "", "", false
	}
	switch {
	case unit == 'Y' && len(v) == 7 && (v[5] == 'Q' || v[5] == 'H'):
		// "the second quarter … a year earlier": the same quarter.
		return fmtYear(y+n) + v[4:], PrecisionOf(v), true
	case unit == 'Y':
		return fmtYear(y + n), Year, true
	case unit == 'M' && len(v) >= 7:
		m, err := strconv.Atoi(v[5:7])
		if err != nil {
			return "", "", false
		}
		t := time.Date(y, time.Month(m), 1, 0, 0, 0, 0, time.UTC).AddDate(0, n, 0)
		return fmtMonth(t.Year(), int(t.Month())), Month, true
	case (unit == 'D' || unit == 'W') && len(v) >= 10:
		t, err := time.Parse("2006-01-02", v[:10])
		if err != nil {
			return "", "", false
		}
		if unit == 'W' {
			n *= 7
		}
		return fmtDay(t.AddDate(0, 0, n)), Day, true
	}
	return "", "", false
}

// anaphor reads a time that refers to a day the text has named: "the
// same day", "that day", "the next day", "the following morning". It
// returns the token after it, the offset in days and the part of the day.
func (p *tparser) anaphor(i int) (b, off int, part string, ok bool) {
	if t := p.toks[i]; t.kind != tkWord || t.e-t.s != 3 && t.e-t.s != 4 || p.text[t.s]|0x20 != 't' {
		return 0, 0, "", false
	}
	w := func(k int) string {
		if k >= len(p.toks) || p.toks[k].kind != tkWord {
			return ""
		}
		return strings.ToLower(p.str(k))
	}
	first := w(i)
	if first != "the" && first != "that" {
		return 0, 0, "", false
	}
	if nw := w(i + 1); nw != "same" && nw != "next" && nw != "following" && nw != "day" || p.quoteOf(i) != 0 {
		return 0, 0, "", false // a speaker's "that day" is the speaker's
	}
	k := i + 1
	switch w(k) {
	case "same":
		k++
	case "next", "following":
		off = 1
		k++
	default:
		if first != "that" {
			return 0, 0, "", false
		}
	}
	if first == "that" && off == 1 {
		return 0, 0, "", false
	}
	switch n := w(k); n {
	case "day":
	case "morning", "afternoon", "evening", "night":
		if l := p.lx(k); l != nil && l.part != "" {
			part = l.part
		}
		if off == 0 && first == "the" {
			return 0, 0, "", false // "the same morning" reads well enough, "the morning" not
		}
	default:
		return 0, 0, "", false
	}
	// Not "the same day care", "that day's".
	if nk := k + 1; nk < len(p.toks) && p.toks[nk].kind == tkWord && p.toks[nk].sent == p.toks[i].sent {
		if nw := strings.ToLower(p.str(nk)); nw == "'s" || nw == "of" || nw == "one" || nw == "two" || p.toks[nk].kind == tkNum {
			return 0, 0, "", false // "that day's", "day one motions"
		}
	}
	return k + 1, off, part, true
}

// longest keeps the longest of the candidates tried at one token; the
// first one tried wins a tie.
type longest struct {
	c  cand
	ok bool
}

func (l *longest) try(c cand, ok bool) {
	if ok && c.b > c.a && (!l.ok || c.b > l.c.b) {
		l.c, l.ok = c, true
	}
}

// cand is a candidate expression over tokens [a, b).
type cand struct {
	a, b     int
	typ, val string
	prec     Precision
	mod      string
	allowThe bool // "the" before it belongs to the expression
	floating bool // a TIME whose day is not given: it takes the last day named

}

type tparser struct {
	text    string
	toks    []tk
	pub     time.Time
	cues    [][]tenseCue
	cueDone []bool
	// models holds the numbers the text writes after a name ("Model
	// 2000", "Windows 2000"), read on first use.
	models map[string]bool
	// quoteRuns is the quotation each token stands in (see quoteOf), as
	// the tokens where it changes, read on first use; quoteRead tells
	// whether it has been.
	quoteRuns []quoteRun
	quoteRead bool
}

// ---- token helpers ----

func (p *tparser) lx(i int) *lexEntry {
	if i < 0 || i >= len(p.toks) {
		return nil
	}
	return p.toks[i].lex()
}

func (p *tparser) word(i int) string {
	if l := p.lx(i); l != nil {
		return l.word
	}
	return ""
}

func (p *tparser) str(i int) string {
	if i < 0 || i >= len(p.toks) {
		return ""
	}
	return p.text[p.toks[i].s:p.toks[i].e]
}

func (p *tparser) punct(i int, s string) bool {
	return i >= 0 && i < len(p.toks) && p.toks[i].kind == tkPunct && p.str(i) == s
}

func (p *tparser) isHyphen(i int) bool {
	if i < 0 || i >= len(p.toks) || p.toks[i].kind != tkPunct {
		return false
	}
	s := p.str(i)
	return s == "-" || s == "–" || s == "‑"
}

// adj reports whether tokens i and i+1 touch, with no space between.
func (p *tparser) adj(i int) bool {
	return i >= 0 && i+1 < len(p.toks) && p.toks[i].e == p.toks[i+1].s
}

// hyphenAt reports whether token i is a hyphen glued to both neighbours.
func (p *tparser) hyphenAt(i int) bool {
	return p.isHyphen(i) && p.adj(i-1) && p.adj(i)
}

func (p *tparser) num(i int) (tk, bool) {
	if i < 0 || i >= len(p.toks) || p.toks[i].kind != tkNum {
		return tk{tkNumber: &tkNoNumber}, false
	}
	return p.toks[i], true
}

// yearAt reads a plain four-digit year at token i.
func (p *tparser) yearAt(i int) (int, bool) {
	t, ok := p.num(i)
	if !ok || t.ndig != 4 || t.suffix != "" {
		return 0, false
	}
	y := int(t.num)
	if y < 1000 || y > 2099 {
		return 0, false
	}
	return y, true
}

// dayAt reads a day of the month ("22", "22nd", "1st") at token i.
func (p *tparser) dayAt(i int) (int, bool) {
	t, ok := p.num(i)
	if !ok || t.ndig < 1 || t.ndig > 2 {
		return 0, false
	}
	switch t.suffix {
	case "", "st", "nd", "rd", "th":
	default:
		return 0, false
	}
	d := int(t.num)
	return d, d >= 1 && d <= 31
}

// ---- value formatting ----

func fmtDay(t time.Time) string  { return t.Format("2006-01-02") }
func fmtMonth(y, m int) string   { return pad4(y) + "-" + pad2(m) }
func fmtYear(y int) string       { return pad4(y) }
func fmtWeek(t time.Time) string { y, w := t.ISOWeek(); return pad4(y) + "-W" + pad2(w) }
func pad2(n int) string {
	if n < 10 && n >= 0 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}
func pad4(n int) string {
	s := strconv.Itoa(n)
	for len(s) < 4 {
		s = "0" + s
	}
	return s
}

func (p *tparser) addMonths(n int) (int, int) {
	idx := p.pub.Year()*12 + int(p.pub.Month()) - 1 + n
	return idx / 12, idx%12 + 1
}

func daysIn(y, m int) int {
	return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// resolveMonthDay picks the year for a month and day given without one: the
// latest on or before publication when dir < 0, the earliest on or after
// when dir > 0, otherwise the nearest.
func (p *tparser) resolveMonthDay(m, d, dir int) (time.Time, bool) {
	py := p.pub.Year()
	var best time.Time
	found := false
	for y := py - 1; y <= py+1; y++ {
		if d > daysIn(y, m) {
			continue
		}
		c := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
		switch {
		case dir < 0:
			if !c.After(p.pub) && (!found || c.After(best)) {
				best, found = c, true
			}
		case dir > 0:
			if !c.Before(p.pub) && (!found || c.Before(best)) {
				best, found = c, true
			}
		default:
			if !found || absDur(c.Sub(p.pub)) < absDur(best.Sub(p.pub)) {
				best, found = c, true
			}
		}
	}
	return best, found
}

func absDur(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}

// resolveMonth picks the year for a month named alone, like resolveMonthDay.
func (p *tparser) resolveMonth(m, dir int) int {
	py, pm := p.pub.Year(), int(p.pub.Month())
	switch {
	case dir < 0:
		if m <= pm {
			return py
		}
		return py - 1
	case dir > 0:
		if m >= pm {
			return py
		}
		return py + 1
	}
	diff := m - pm
	switch {
	case diff > 6:
		return py - 1
	case diff < -6:
		return py + 1
	}
	return py
}

// resolveWeekday finds the date of a weekday (1 Monday .. 7 Sunday). strict
// excludes the publication day itself ("last Friday", "next Thursday").
func (p *tparser) resolveWeekday(wd, dir int, strict bool) time.Time {
	pwd := int(p.pub.Weekday())
	if pwd == 0 {
		pwd = 7
	}
	back := (pwd - wd + 7) % 7
	fwd := (wd - pwd + 7) % 7
	if strict {
		if back == 0 {
			back = 7
		}
		if fwd == 0 {
			fwd = 7
		}
	}
	switch {
	case dir < 0:
		return p.pub.AddDate(0, 0, -back)
	case dir > 0:
		return p.pub.AddDate(0, 0, fwd)
	}
	if fwd < back {
		return p.pub.AddDate(0, 0, fwd)
	}
	return p.pub.AddDate(0, 0, -back)
}

// seasonIndex orders the seasons within their year; winter is the one that
// starts in December.
func seasonIndex(s string) int {
	switch s {
	case "SP":
		return 1
	case "SU":
		return 2
	case "FA":
		return 3
	}
	return 4
}

// pubSeason is the season of the publication date as (year, index).
func (p *tparser) pubSeason() (int, int) {
	y, m := p.pub.Year(), int(p.pub.Month())
	switch {
	case m <= 2:
		return y - 1, 4
	case m <= 5:
		return y, 1
	case m <= 8:
		return y, 2
	case m <= 11:
		return y, 3
	}
	return y, 4
}

func (p *tparser) resolveSeason(s string, dir int) int {
	py, pi := p.pubSeason()
	si := seasonIndex(s)
	switch {
	case dir < 0:
		if si <= pi {
			return py
		}
		return py - 1
	case dir > 0:
		if si >= pi {
			return py
		}
		return py + 1
	}
	return py
}

func durVal(n float64, u timeUnit) string {
	x := "X"
	if n >= 0 {
		x = strconv.FormatFloat(n, 'f', -1, 64)
	}
	mul := func(k float64) string {
		if n < 0 {
			return "X"
		}
		return strconv.FormatFloat(n*k, 'f', -1, 64)
	}
	switch u {
	case uSecond:
		return "PT" + x + "S"
	case uMinute:
		return "PT" + x + "M"
	case uHour:
		return "PT" + x + "H"
	case uDay:
		return "P" + x + "D"
	case uWeek:
		return "P" + x + "W"
	case uFortnight:
		return "P" + mul(2) + "W"
	case uMonth:
		return "P" + x + "M"
	case uQuarter:
		return "P" + mul(3) + "M"
	case uYear:
		return "P" + x + "Y"
	case uDecade:
		if n < 0 {
			return "PXDE"
		}
		return "P" + mul(10) + "Y"
	case uCentury:
		if n < 0 {
			return "PXCE"
		}
		return "P" + mul(100) + "Y"
	case uWeekend:
		return "P" + mul(2) + "D"
	}
	return "P" + x + "D"
}

// relative returns the date n units away from publication (n < 0 for the
// past) at the precision of the unit.
func (p *tparser) relative(n int, u timeUnit) (string, Precision) {
	switch u {
	case uSecond, uMinute, uHour, uDay:
		if u != uDay {
			n = 0
		}
		return fmtDay(p.pub.AddDate(0, 0, n)), Day
	case uWeek, uFortnight:
		if u == uFortnight {
			n *= 2
		}
		return fmtDay(p.pub.AddDate(0, 0, 7*n)), Day
	case uMonth:
		y, m := p.addMonths(n)
		return fmtMonth(y, m), Month
	case uQuarter:
		y, m := p.addMonths(3 * n)
		return pad4(y) + "-Q" + strconv.Itoa((m-1)/3+1), Quarter
	case uYear:
		return fmtYear(p.pub.Year() + n), Year
	case uDecade:
		return fmtYear(p.pub.Year() + 10*n), Year
	case uCentury:
		return fmtYear(p.pub.Year() + 100*n), Year
	}
	return fmtDay(p.pub), Day
}

// deicticValue is the DATE for "last/this/next <unit>".
func (p *tparser) deicticValue(dir int, u timeUnit) (string, Precision, bool) {
	switch u {
	case uDay:
		return fmtDay(p.pub.AddDate(0, 0, dir)), Day, true
	case uWeek:
		return fmtWeek(p.pub.AddDate(0, 0, 7*dir)), Week, true
	case uWeekend:
		return fmtWeek(p.pub.AddDate(0, 0, 7*dir)) + "-WE", Week, true
	case uMonth:
		y, m := p.addMonths(dir)
		return fmtMonth(y, m), Month, true
	case uQuarter:
		v, pr := p.relative(dir, uQuarter)
		return v, pr, true
	case uYear:
		return fmtYear(p.pub.Year() + dir), Year, true
	case uDecade:
		return strconv.Itoa(p.pub.Year()/10 + dir), Decade, true
	case uCentury:
		return pad2(p.pub.Year()/100 + dir), Century, true
	}
	return "", "", false
}

// ---- matching ----

// match returns the longest expression starting at token i.
func (p *tparser) match(i int) (cand, bool) {
	t := p.toks[i]
	if t.kind == tkPunct {
		if p.str(i) == "'" || p.str(i) == "’" {
			if c, ok := p.decade(i+1, true); ok && p.adj(i) {
				c.a = i
				return p.signal(c), true
			}
		}
		return cand{}, false
	}
	if t.kind == tkWord && t.lex() == nil && !quarterish(p.str(i)) {
		return cand{}, false
	}
	var best longest
	try := best.try
	try(p.core(i))
	if t.kind == tkWord && t.lex() != nil {
		switch w := t.lex().word; {
		case w == "the":
			try(p.the(i))
		case t.lex().has(fEdge):
			try(p.edge(i))
		case t.lex().has(fDurMod) || w == "more" || w == "less" || w == "at" || w == "up" || w == "just":
			try(p.durMod(i))
		}
	}
	if !best.ok {
		return cand{}, false
	}
	return p.signal(best.c), true
}

// signal reads the preposition before a date that bounds it: "by 2035" is
// BEFORE 2035, "after May 1" AFTER.
func (p *tparser) signal(c cand) cand {
	if c.typ != "DATE" || c.mod != "" {
		return c
	}
	switch p.word(c.a - 1) {
	case "by", "before":
		c.mod = "BEFORE"
	case "after":
		c.mod = "AFTER"
	}
	return c
}

// core tries the expressions that start with token i itself.
func (p *tparser) core(i int) (cand, bool) {
	if i < 0 || i >= len(p.toks) {
		return cand{}, false
	}
	t := p.toks[i]
	if t.kind == tkNum {
		return p.number(i)
	}
	if t.lex() == nil {
		return p.quarterTok(i)
	}
	l := t.lex()
	var best longest
	try := best.try
	if l.month > 0 {
		try(p.month(i))
	}
	if l.weekday > 0 {
		try(p.weekday(i, 0, false))
	}
	if l.has(fNumWord) {
		try(p.duration(i))
	}
	if l.has(fDeictic) {
		try(p.deictic(i))
	}
	if l.has(fOrdinal) {
		try(p.ordinal(i))
	}
	if l.has(fSeason) {
		try(p.season(i, 0, false))
	}
	if l.has(fSetAdv) {
		try(cand{a: i, b: i + 1, typ: "SET", val: durVal(1, l.unit)}, !t.cap || isSentenceStart(p.toks, i))
	}
	if l.has(fUnit) && l.plural {
		try(p.vaguePlural(i))
	}
	try(p.special(i))
	return best.c, best.ok
}

// quarterish reports whether w looks like "Q3", "H1" or "FY2025".
func quarterish(w string) bool {
	if len(w) == 2 && (w[0] == 'Q' || w[0] == 'H') && w[1] >= '1' && w[1] <= '4' {
		return true
	}
	return len(w) >= 4 && len(w) <= 6 && (w[:2] == "FY") && isASCIIDigit(w[2])
}

// quarterTok handles "Q3", "Q3 2025", "H1 2026", "FY2025".
func (p *tparser) quarterTok(i int) (cand, bool) {
	w := p.str(i)
	if !quarterish(w) {
		return cand{}, false
	}
	if w[0] == 'F' {
		digits := w[2:]
		y, err := strconv.Atoi(digits)
		if err != nil {
			return cand{}, false
		}
		if len(digits) == 2 {
			y += 2000
		} else if len(digits) != 4 {
			return cand{}, false
		}
		return cand{a: i, b: i + 1, typ: "DATE", val: "FY" + pad4(y), prec: Year}, true
	}
	n := int(w[1] - '0')
	kind := "Q"
	prec := Quarter
	if w[0] == 'H' {
		if n > 2 {
			return cand{}, false
		}
		kind, prec = "H", Half
	}
	if y, ok := p.yearAt(i + 1); ok {
		return cand{a: i, b: i + 2, typ: "DATE", val: pad4(y) + "-" + kind + strconv.Itoa(n), prec: prec}, true
	}
	if kind == "H" {
		return cand{}, false // "H2" alone is more often hydrogen than a half-year
	}
	y := p.resolvePart(n, 4, p.dir(i, i+1))
	return cand{a: i, b: i + 1, typ: "DATE", val: pad4(y) + "-Q" + strconv.Itoa(n), prec: Quarter}, true
}

// resolvePart picks the year of quarter or half n (of parts per year) named
// without a year.
func (p *tparser) resolvePart(n, parts, dir int) int {
	py := p.pub.Year()
	cur := (int(p.pub.Month())-1)/(12/parts) + 1
	switch {
	case dir < 0 && n > cur+1:
		// Past tense names a later part of this year often enough
		// ("cuts during the fourth quarter"); only a part well ahead of
		// publication is last year's.
		return py - 1
	case dir > 0 && n < cur:
		return py + 1
	}
	return py
}

// number handles expressions starting with a number token.
func (p *tparser) number(i int) (cand, bool) {
	t := p.toks[i]
	s := p.str(i)
	var best longest
	try := best.try
	// ISO date 2025-10-22.
	if t.ndig == 4 && p.hyphenAt(i+1) && p.hyphenAt(i+3) {
		if m, ok := p.num(i + 2); ok && m.ndig == 2 {
			if d, ok := p.num(i + 4); ok && d.ndig == 2 && d.suffix == "" {
				y, mm, dd := int(t.num), int(m.num), int(d.num)
				if mm >= 1 && mm <= 12 && dd >= 1 && dd <= daysIn(y, mm) {
					try(cand{a: i, b: i + 5, typ: "DATE", val: fmtMonth(y, mm) + "-" + pad2(dd), prec: Day}, true)
				}
			}
		}
	}
	if strings.IndexByte(s, '/') >= 0 {
		try(p.slashDate(i))
	}
	try(p.clock(i))
	if d, ok := p.dayAt(i); ok {
		try(p.dayMonth(i, d))
	}
	if t.ndig == 4 || (t.ndig == 2 && t.suffix == "s") {
		try(p.decade(i, false))
	}
	try(p.year(i))
	if t.num > 0 && (t.suffix == "" || t.suffix == "s" && t.ndig == 0) {
		try(p.durationFrom(i, i, t.num))
	}
	if t.intNum && t.num > 0 && (t.suffix == "st" || t.suffix == "nd" || t.suffix == "rd" || t.suffix == "th") {
		try(p.century(i, int(t.num)))
		try(p.bareOrdinalDay(i))
	}
	return best.c, best.ok
}

// bareOrdinalDays are the prepositions before "the 14th" that make it a
// day of a month the text leaves out: "told staff on the 14th".
var bareOrdinalDays = map[string]bool{"on": true, "by": true, "until": true, "since": true, "from": true, "before": true, "after": true}

// bareOrdinalDay reads "on the 14th", a day whose month is the
// publication month's, or the month before (after) it when the tense
// points back (ahead) past the publication day. The ordinal must end its
// phrase ("on the 14th that", "on the 19th,"), so that "on the 14th
// floor" and "the 3rd of March" are not read.
func (p *tparser) bareOrdinalDay(i int) (cand, bool) {
	t := p.toks[i]
	if t.ndig < 1 || t.ndig > 2 || t.suffix == "" || p.word(i-1) != "the" || i < 2 || !bareOrdinalDays[strings.ToLower(p.str(i-2))] {
		return cand{}, false
	}
	d := int(t.num)
	if d < 1 || d > 31 {
		return cand{}, false
	}
	if i+1 < len(p.toks) {
		nx := p.toks[i+1]
		switch w := strings.ToLower(p.str(i + 1)); {
		case nx.kind == tkWord && w != "that" && w != "and" && w != "when" && w != "but" && w != "after" && w != "before" && w != "to" && w != "at" && w != "in" && w != "with":
			return cand{}, false
		}
	}
	y, m := p.pub.Year(), int(p.pub.Month())
	switch dir := p.dir(i-1, i+1); {
	case dir < 0 && d > p.pub.Day():
		y, m = p.addMonths(-1)
	case dir > 0 && d < p.pub.Day():
		y, m = p.addMonths(1)
	}
	if d > daysIn(y, m) {
		return cand{}, false
	}
	return cand{a: i, b: i + 1, typ: "DATE", val: fmtMonth(y, m) + "-" + pad2(d), prec: Day, allowThe: true}, true
}

// slashDate reads 7/8/07 (month first) or 22/10/2025 (day first when the
// first number cannot be a month).
func (p *tparser) slashDate(i int) (cand, bool) {
	parts := strings.Split(p.str(i), "/")
	if len(parts) != 3 || p.toks[i].suffix != "" {
		return cand{}, false
	}
	a, e1 := strconv.Atoi(parts[0])
	b, e2 := strconv.Atoi(parts[1])
	y, e3 := strconv.Atoi(parts[2])
	if e1 != nil || e2 != nil || e3 != nil {
		return cand{}, false
	}
	switch len(parts[2]) {
	case 2:
		y += 2000
		if y > p.pub.Year()+10 {
			y -= 100
		}
	case 4:
	default:
		return cand{}, false
	}
	m, d := a, b
	if a > 12 {
		m, d = b, a
	}
	if m < 1 || m > 12 || d < 1 || d > daysIn(y, m) {
		return cand{}, false
	}
	return cand{a: i, b: i + 1, typ: "DATE", val: fmtMonth(y, m) + "-" + pad2(d), prec: Day}, true
}

// clock reads "3 p.m.", "10:30 a.m. ET", "08:30 UTC", "3pm", optionally
// followed by the day it is on ("12:00 UTC Monday").
func (p *tparser) clock(i int) (cand, bool) {
	t := p.toks[i]
	s := p.str(i)
	h, mi := -1, 0
	j := i + 1
	ampm := ""
	switch {
	case t.ndig == 0 && strings.Count(s, ":") == 1 && !strings.ContainsAny(s, ",./"):
		k := strings.IndexByte(s, ':')
		hh, e1 := strconv.Atoi(s[:k])
		mm, e2 := strconv.Atoi(s[k+1 : len(s)-len(t.suffix)])
		if e1 != nil || e2 != nil || len(s[k+1:len(s)-len(t.suffix)]) != 2 || hh > 24 || mm > 59 {
			return cand{}, false
		}
		h, mi = hh, mm
		ampm = t.suffix
	case t.ndig >= 1 && t.ndig <= 2 && t.num >= 1 && t.num <= 12:
		h = int(t.num)
		ampm = t.suffix
	case t.ndig == 4 && t.suffix == "" && int(t.num)/100 < 24 && int(t.num)%100 < 60:
		// Military style "1930 GMT", "0800 hours".
		switch p.word(j) {
		case "gmt", "utc", "hours", "hrs", "local", "et", "cet", "bst", "est", "edt", "msk", "eet":
		default:
			return cand{}, false
		}
		h, mi = int(t.num)/100, int(t.num)%100
		if p.word(j) == "hours" || p.word(j) == "hrs" {
			j++
		}
	default:
		return cand{}, false
	}
	if ampm != "" && ampm != "am" && ampm != "pm" {
		return cand{}, false
	}
	if ampm == "" {
		switch p.word(j) {
		case "a.m.", "a.m", "am":
			ampm = "am"
			j++
		case "p.m.", "p.m", "pm":
			ampm = "pm"
			j++
		}
	}
	if ampm == "" && !strings.Contains(s, ":") && t.ndig != 4 {
		return cand{}, false
	}
	if ampm == "pm" && h < 12 {
		h += 12
	} else if ampm == "am" && h == 12 {
		h = 0
	}
	zone := ""
	switch p.word(j) {
	case "utc", "gmt":
		zone = "Z"
		j++
	case "et", "est", "edt", "pt", "pst", "pdt", "ct", "cst", "cdt", "mst", "mdt", "bst", "cet", "cest", "jst", "aest", "msk", "eet":
		j++
	case "local":
		if p.word(j+1) == "time" {
			j += 2
		}
	}
	if ampm == "" && zone == "" && t.ndig == 0 {
		// A bare "10:30" needs something that makes it a clock time: a
		// preceding "at" or a following day.
		if p.word(i-1) != "at" && p.word(i-1) != "from" && p.word(i-1) != "until" && p.word(i-1) != "by" {
			if _, ok := p.dayRef(j); !ok {
				return cand{}, false
			}
		}
	}
	return p.attachDay(cand{a: i, b: j, typ: "TIME", prec: Day}, "T"+pad2(h)+":"+pad2(mi)+zone), true
}

// attachDay completes a clock time ending before token c.b with its day.
// "12:00 UTC Monday" is one expression; "3 p.m. on Monday" takes the day's
// date but leaves "Monday" to be found on its own; otherwise the day is the
// publication date until FindTimes sees a day named just before.
func (p *tparser) attachDay(c cand, clock string) cand {
	j := c.b
	if dc, ok := p.dayRef(j); ok {
		c.val = dc.val[:10] + clock
		c.b = dc.b
		return c
	}
	if p.punct(j, ",") || p.word(j) == "on" {
		if dc, ok := p.dayRef(j + 1); ok {
			c.val = dc.val[:10] + clock
			return c
		}
	}
	c.val = fmtDay(p.pub) + clock
	c.floating = true
	return c
}

// dayRef matches an expression naming one day at token i: a weekday, today,
// tomorrow, yesterday or a month and day.
func (p *tparser) dayRef(i int) (cand, bool) {
	// "at about 7pm on 3 March 2025": the day before its month.
	if d, ok := p.dayAt(i); ok {
		c, ok := p.dayMonth(i, d)
		return c, ok && c.prec == Day
	}
	l := p.lx(i)
	if l == nil {
		return cand{}, false
	}
	switch {
	case l.weekday > 0 && !l.plural:
		c, ok := p.weekday(i, 0, false)
		return c, ok && c.prec == Day
	case l.word == "today" || l.word == "tomorrow" || l.word == "yesterday":
		c, ok := p.special(i)
		return c, ok && c.prec == Day
	case l.month > 0:
		c, ok := p.month(i)
		return c, ok && c.prec == Day
	}
	return cand{}, false
}

// dayMonth reads "22 October 2025", "11 December", "22nd of October".
func (p *tparser) dayMonth(i, d int) (cand, bool) {
	j := i + 1
	if p.word(j) == "of" {
		j++
	}
	l := p.lx(j)
	if l == nil || l.month == 0 || !p.toks[j].cap {
		return cand{}, false
	}
	m := l.month
	j++
	if l.has(fMonthAbbr) && p.punct(j, ".") && p.adj(j-1) {
		j++
	}
	k := j
	if p.punct(k, ",") {
		k++
	}
	if y, ok := p.yearAt(k); ok && d <= daysIn(y, m) {
		return cand{a: i, b: k + 1, typ: "DATE", val: fmtMonth(y, m) + "-" + pad2(d), prec: Day}, true
	}
	if d > daysIn(2024, m) {
		return cand{}, false
	}
	dt, ok := p.resolveMonthDay(m, d, p.dir(i, j))
	if !ok {
		return cand{}, false
	}
	return cand{a: i, b: j, typ: "DATE", val: fmtDay(dt), prec: Day}, true
}

// decade reads "1990s", "2000s", "'90s" (apostrophe already seen when
// afterApos) and "the 90s"; "1800s" is a century.
func (p *tparser) decade(i int, afterApos bool) (cand, bool) {
	t, ok := p.num(i)
	if !ok {
		return cand{}, false
	}
	n := int(t.num)
	if t.suffix == "" && t.ndig == 4 && n%10 == 0 && p.word(i+1) == "'s" && p.adj(i) {
		// "the late 1980's"
		switch p.word(i - 1) {
		case "the", "early", "late", "mid", "in":
			return cand{a: i, b: i + 2, typ: "DATE", val: strconv.Itoa(n / 10), prec: Decade, allowThe: true}, true
		}
	}
	if t.suffix != "s" {
		return cand{}, false
	}
	switch t.ndig {
	case 4:
		if n < 1000 || n > 2090 || n%10 != 0 {
			return cand{}, false
		}
		if n%100 == 0 && n != 2000 {
			return cand{a: i, b: i + 1, typ: "DATE", val: pad2(n / 100), prec: Century, allowThe: true}, true
		}
		return cand{a: i, b: i + 1, typ: "DATE", val: strconv.Itoa(n / 10), prec: Decade, allowThe: true}, true
	case 2:
		if n%10 != 0 {
			return cand{}, false
		}
		prev := p.word(i - 1)
		listed := (prev == "and" || prev == "or" || prev == "to") && p.toks[max(i-2, 0)].kind == tkNum && p.toks[max(i-2, 0)].suffix == "s"
		if !afterApos && !listed && prev != "the" && prev != "early" && prev != "late" && prev != "mid" && !(p.hyphenAt(i-1) && p.word(i-2) == "mid") {
			return cand{}, false
		}
		if p.lx(i-1).has(fPossessive) || p.lx(i-2).has(fPossessive) {
			return cand{}, false
		}
		c := 19
		if n < 30 {
			c = 20
		}
		return cand{a: i, b: i + 1, typ: "DATE", val: strconv.Itoa(c*10 + n/10), prec: Decade, allowThe: true}, true
	}
	return cand{}, false
}

// year reads a four-digit year where the context allows one.
func (p *tparser) year(i int) (cand, bool) {
	y, ok := p.yearAt(i)
	if !ok {
		return cand{}, false
	}
	prev := p.lx(i - 1)
	if y < 1900 {
		switch p.word(i - 1) {
		case "in", "since", "until", "from", "before", "after", "during", "circa", "year", "of":
		default:
			return cand{}, false
		}
	}
	if i > 0 {
		pt := p.toks[i-1]
		switch {
		case pt.kind == tkPunct:
			switch p.str(i - 1) {
			case "$", "€", "£", "¥", "#", "№", "+", "×":
				return cand{}, false
			}
		case prev.has(fQuant):
			return cand{}, false
		case pt.kind == tkNum:
			return cand{}, false // "10 2025"
		}
	}
	if p.lx(i+1).has(fCountNoun) || p.punct(i+1, "%") {
		return cand{}, false // "2000 people", "2025%"
	}
	if p.productNumber(i) {
		return cand{}, false // "the 2000" after "the Model 2000"
	}
	if i > 0 && p.toks[i-1].kind == tkWord && numberNouns[strings.ToLower(p.str(i-1))] {
		return cand{}, false // "section 1983", "Flight 2014", "Room 2001"
	}
	// "the Mirage 2000", "runs Windows 2000": a number after a name is a
	// model; "at WWDC 2005", "Conference 2010", "Paris 2024" name events
	// of that year.
	if i >= 2 && p.capNameBefore(i) {
		switch p.word(i - 2) {
		case "the", "a", "its", "their", "this":
			return cand{}, false
		}
		pt := p.toks[i-1]
		name := strings.ToLower(p.str(i - 1))
		span := p.isHyphen(i+1) && p.adj(i) && i+2 < len(p.toks) && p.toks[i+2].kind == tkNum // "Steve Jobs 1955-2011"
		if !span && !eventNames[name] && strings.ToUpper(p.str(i-1)) != p.str(i-1) && nerGaz[name] == nil && !nerInnerCap(p.str(i-1)) && pt.e-pt.s > 2 {
			return cand{}, false
		}
	}
	return cand{a: i, b: i + 1, typ: "DATE", val: fmtYear(y), prec: Year}, true
}

// eventNames are the heads of events named with their year: "Conference
// 2010", "Expo 2020", "Vision 2030".
var eventNames = map[string]bool{
	"conference": true, "summit": true, "expo": true, "games": true, "olympics": true, "cup": true,
	"championship": true, "championships": true, "festival": true, "show": true, "forum": true,
	"congress": true, "week": true, "day": true, "awards": true, "election": true, "elections": true,
	"census": true, "budget": true, "vision": true, "agenda": true, "plan": true, "class": true,
	"season": true, "edition": true, "report": true, "survey": true, "index": true, "tour": true,
}

// numberNouns are nouns a number identifies rather than dates: "section
// 1983", "Gate 2001", "Route 1960".
var numberNouns = map[string]bool{
	"section": true, "article": true, "chapter": true, "clause": true, "paragraph": true, "rule": true,
	"page": true, "pages": true, "room": true, "suite": true, "gate": true, "platform": true, "route": true,
	"flight": true, "ward": true, "model": true, "bill": true, "code": true, "form": true, "no": true,
	"number": true, "exhibit": true, "item": true, "unit": true, "lot": true, "bus": true, "highway": true,
	"interstate": true, "channel": true, "box": true, "row": true, "seat": true, "figure": true,
	"volume": true, "vol": true, "issue": true, "episode": true, "resolution": true, "amendment": true,
}

// productNumber reports whether the number at token i, after a
// determiner, is a product the text names with it: "We built the 2000
// for refineries" in a story about the "Model 2000".
func (p *tparser) productNumber(i int) bool {
	switch p.word(i - 1) {
	case "the", "a", "its", "their", "this":
	default:
		return false
	}
	if i+1 < len(p.toks) && p.toks[i+1].kind == tkWord && p.toks[i+1].cap {
		return false // "the 2000 Olympics"
	}
	if p.models == nil {
		p.models = map[string]bool{}
		for k := 1; k < len(p.toks); k++ {
			if p.toks[k].kind == tkNum && p.capNameBefore(k) {
				p.models[p.str(k)] = true
			}
		}
	}
	return p.models[p.str(i)]
}

// capNameBefore reports whether the number at token k follows a
// capitalised word that is no date word, preposition or sentence opener:
// "Model 2000", "Windows 2000".
func (p *tparser) capNameBefore(k int) bool {
	if k < 1 {
		return false
	}
	pt := p.toks[k-1]
	return pt.kind == tkWord && pt.cap && !isSentenceStart(p.toks, k-1) && p.toks[k].s == pt.e+1 &&
		(pt.lex() == nil || !isDateWord(pt.lex()) && !pt.lex().has(fPrep|fUnit) && pt.lex().season == "")
}

// isDateWord reports whether a word can continue a date: a month, a
// weekday or a part of the day.
func isDateWord(l *lexEntry) bool {
	return l != nil && (l.month > 0 || l.weekday > 0 || l.has(fPartOfDay))
}

func isSentenceStart(toks []tk, i int) bool {
	return i == 0 || toks[i-1].sent != toks[i].sent
}

// durationFrom reads "<number> <unit>" where the number (value n) spans
// tokens [a, numEnd]: "90 days", "three-year", "two and a half years",
// "48 hours", and "<n> <unit> ago" as a date.
func (p *tparser) durationFrom(a, numEnd int, n float64) (cand, bool) {
	if n > 1e6 {
		return cand{}, false // no span of time news would count this way
	}
	j := numEnd + 1
	// "two and a half years"
	if p.word(j) == "and" && p.word(j+1) == "a" && p.word(j+2) == "half" {
		n += 0.5
		j += 3
	}
	hyph := false
	if p.hyphenAt(j) {
		hyph = true
		j++
	}
	l := p.lx(j)
	if l == nil || !l.has(fUnit) || p.toks[j].kind != tkWord {
		// "between 60 and 90 days": the first number borrows the unit.
		if !hyph && (p.word(j) == "and" || p.word(j) == "or" || p.word(j) == "to" || p.isHyphen(j)) {
			if t2, ok := p.num(j + 1); ok && t2.num > 0 {
				if l2 := p.lx(j + 2); l2.has(fUnit) && l2.plural && l2.unit != uQuarter && l2.unit != uWeekend {
					return cand{a: a, b: numEnd + 1, typ: "DURATION", val: durVal(n, l2.unit)}, true
				}
			}
			if l1 := p.lx(j + 1); l1.has(fNumWord) && l1.num > 0 {
				if l2 := p.lx(j + 2); l2.has(fUnit) && l2.plural && l2.unit != uQuarter && l2.unit != uWeekend {
					return cand{a: a, b: numEnd + 1, typ: "DURATION", val: durVal(n, l2.unit)}, true
				}
			}
		}
		return cand{}, false
	}
	u := l.unit
	switch u {
	case uWeekend:
		return cand{}, false
	case uQuarter:
		if !l.plural && !hyph {
			return cand{}, false // "a quarter of the staff"
		}
	case uSecond:
		if !l.plural && !hyph && p.toks[a].kind == tkWord {
			return cand{}, false // "a second term"
		}
	}
	if p.toks[j].cap && !isSentenceStart(p.toks, j) && !p.toks[a].cap {
		return cand{}, false
	}
	j++
	if hyph && p.hyphenAt(j) && p.word(j+1) == "old" {
		j += 2 // "27-year-old"
	}
	if p.word(j) == "ago" && n < 0 && !hyph {
		return cand{a: a, b: j + 1, typ: "DATE", val: "PAST_REF"}, true // "a few years ago"
	}
	if p.word(j) == "ago" && n >= 0 && !hyph {
		k := int(n)
		if float64(k) != n {
			return cand{}, false
		}
		v, pr := p.relative(-k, u)
		if u == uDecade || u == uCentury {
			return cand{a: a, b: j + 1, typ: "DATE", val: v, prec: pr, mod: "APPROX"}, true
		}
		return cand{a: a, b: j + 1, typ: "DATE", val: v, prec: pr}, true
	}
	if p.word(j) == "from" && p.word(j+1) == "now" && n >= 0 && n == float64(int(n)) {
		v, pr := p.relative(int(n), u)
		return cand{a: a, b: j + 2, typ: "DATE", val: v, prec: pr}, true
	}
	if p.word(a-1) == "in" && !hyph && n >= 0 && n == float64(int(n)) && u >= uDay && p.dir(a, j) > 0 {
		// "will be finished in two years": a date in the future.
		v, pr := p.relative(int(n), u)
		return cand{a: a, b: j, typ: "DATE", val: v, prec: pr}, true
	}
	return cand{a: a, b: j, typ: "DURATION", val: durVal(n, u)}, true
}

// duration handles durations starting with a number word or article: "a
// decade", "six months", "twenty-five years", "several years", "a couple of
// weeks".
func (p *tparser) duration(i int) (cand, bool) {
	if i < 0 || i >= len(p.toks) || p.toks[i].lex() == nil {
		return cand{}, false
	}
	l := p.lx(i)
	n := l.num
	j := i
	switch l.word {
	case "a", "an":
		switch p.word(i + 1) {
		case "few", "couple", "dozen", "half":
			j++
			n = p.lx(j).num
			if p.word(j) == "half" {
				n = 0.5
			}
			if p.word(j+1) == "of" {
				j++
			}
		}
	case "couple", "dozen":
		if p.word(i+1) == "of" {
			j++
		}
	case "many", "several", "few", "multiple", "numerous":
	}
	// "twenty-five"
	if n >= 20 && p.hyphenAt(j+1) {
		if l2 := p.lx(j + 2); l2.has(fNumWord) && l2.num > 0 && l2.num < 10 {
			n += l2.num
			j += 2
		}
	}
	if p.word(j+1) == "hundred" && n > 0 {
		n *= 100
		j++
	}
	c, ok := p.durationFrom(i, j, n)
	if !ok {
		return c, false
	}
	if (l.word == "a" || l.word == "an") && c.typ == "DURATION" {
		// "$5bn a year", "twice a day": a frequency.
		pw := p.word(i - 1)
		pt, isNum := p.num(i - 1)
		if pw == "once" || pw == "twice" || pw == "thrice" || pw == "times" || pw == "million" || pw == "billion" || pw == "trillion" || isNum && pt.num >= 0 || p.lx(i-1).has(fNumWord) && p.lx(i-1).num > 1 {
			c.typ = "SET"
			if pw == "once" || pw == "twice" || pw == "thrice" || pw == "times" {
				c.a = i - 1
				if pw == "times" {
					if _, ok := p.num(i - 2); ok || p.lx(i-2).has(fNumWord) {
						c.a = i - 2
					}
				}
			}
		}
	}
	return c, true
}

// vaguePlural handles "years", "decades" used as vague durations: "for
// years", "recent years", "decades-long".
func (p *tparser) vaguePlural(i int) (cand, bool) {
	l := p.lx(i)
	switch l.unit {
	case uQuarter, uWeekend, uSecond:
		return cand{}, false
	}
	if p.toks[i].cap {
		return cand{}, false
	}
	a := i
	switch p.word(i - 1) {
	case "for", "over", "within", "in":
	case "recent":
		a = i - 1
	default:
		if !(p.hyphenAt(i+1) && p.word(i+2) == "long") {
			return cand{}, false
		}
	}
	b := i + 1
	if p.hyphenAt(i+1) && p.word(i+2) == "long" {
		b = i + 3
	}
	return cand{a: a, b: b, typ: "DURATION", val: durVal(-1, l.unit)}, true
}

// month reads expressions that start with a month name.
func (p *tparser) month(i int) (cand, bool) {
	if i < 0 || i >= len(p.toks) || p.toks[i].lex() == nil {
		return cand{}, false
	}
	t := p.toks[i]
	l := t.lex()
	if !t.cap {
		return cand{}, false
	}
	m := l.month
	j := i + 1
	dotted := false
	if l.has(fMonthAbbr) {
		if p.punct(j, ".") && p.adj(i) {
			j++
			dotted = true
		} else if _, ok := p.dayAt(j); !ok {
			return cand{}, false
		}
	}
	// Month and day, optionally with a year.
	if d, ok := p.dayAt(j); ok && d > daysIn(2024, m) {
		return cand{}, false // "February 30" is no date
	}
	if d, ok := p.dayAt(j); ok && !p.lx(j+1).has(fCountNoun) {
		k := j + 1
		if p.punct(k, ",") {
			k++
		}
		if y, ok := p.yearAt(k); ok && d <= daysIn(y, m) {
			return cand{a: i, b: k + 1, typ: "DATE", val: fmtMonth(y, m) + "-" + pad2(d), prec: Day}, true
		}
		dt, ok := p.resolveMonthDay(m, d, p.dir(i, j+1))
		if !ok {
			return cand{}, false
		}
		return cand{a: i, b: j + 1, typ: "DATE", val: fmtDay(dt), prec: Day}, true
	}
	// Month and year.
	k := j
	if p.punct(k, ",") || p.word(k) == "of" {
		k++
	}
	if y, ok := p.yearAt(k); ok && !p.lx(k+1).has(fCountNoun) {
		return cand{a: i, b: k + 1, typ: "DATE", val: fmtMonth(y, m), prec: Month}, true
	}
	// "October of next year", "October last year"
	if k := j; p.word(k) == "of" || p.word(k+1) == "year" {
		if p.word(k) == "of" {
			k++
		}
		if dl := p.lx(k); p.word(k+1) == "year" && dl.has(fDeictic) && (dl.word == "last" || dl.word == "this" || dl.word == "next") {
			return cand{a: i, b: k + 2, typ: "DATE", val: fmtMonth(p.pub.Year()+dl.dir, m), prec: Month}, true
		}
	}
	// Month alone: names and verbs look like months, so it needs support.
	prev := p.word(i - 1)
	prevSupports := false
	switch prev {
	case "in", "since", "until", "till", "by", "during", "from", "through", "before", "after", "early", "late", "mid", "last", "next", "this", "of", "between", "and", "or", "to", "throughout", "end", "beginning", "start", "middle", "as", "each", "every", "past", "coming", "previous", "following":
		prevSupports = true
	case "the":
		// "washed out in the May floods": a month before a common noun.
		prevSupports = t.cap && j < len(p.toks) && p.toks[j].kind == tkWord && !p.toks[j].cap && p.toks[j].sent == t.sent && p.toks[j].lex() == nil
	}
	if p.hyphenAt(i - 1) {
		prevSupports = p.word(i-2) == "mid"
	}
	if l.has(fAmbiguous) && !prevSupports {
		return cand{}, false
	}
	if prev == "and" || prev == "or" || prev == "to" {
		// "April and May" but not "Smith and May": the word before the
		// conjunction must be a month too.
		if pl := p.lx(i - 2); pl == nil || pl.month == 0 {
			if l.has(fAmbiguous) {
				return cand{}, false
			}
		}
	}
	if nt := j; nt < len(p.toks) && p.toks[nt].kind == tkWord && p.toks[nt].cap && p.toks[nt].sent == t.sent {
		nl := p.toks[nt].lex()
		if nl == nil || (nl.month == 0 && nl.weekday == 0) {
			if !prevSupports || l.has(fAmbiguous) {
				return cand{}, false // "April Smith", "August Strindberg"
			}
		}
	}
	if !prevSupports && i > 0 && p.toks[i-1].kind == tkWord && p.toks[i-1].cap && !isSentenceStart(p.toks, i-1) && p.toks[i-1].lex() == nil {
		return cand{}, false // "Sarah April"
	}
	if dotted && !prevSupports {
		return cand{}, false
	}
	dir := p.dir(i, j)
	switch prev {
	case "last":
		dir = -1
	case "next":
		dir = 1
	}
	y := p.resolveMonth(m, dir)
	if prev == "last" && m == int(p.pub.Month()) {
		y--
	} else if prev == "next" && m == int(p.pub.Month()) {
		y++
	}
	c := cand{a: i, b: j, typ: "DATE", val: fmtMonth(y, m), prec: Month}
	if prev == "last" || prev == "next" || prev == "this" {
		c.a = i - 1
	}
	return c, true
}

// weekday reads "Wednesday", "Friday morning", "Monday, Oct. 20" and
// "Mondays". dir and strict come from a preceding "last"/"next".
func (p *tparser) weekday(i, dir int, strict bool) (cand, bool) {
	if i < 0 || i >= len(p.toks) || p.toks[i].lex() == nil {
		return cand{}, false
	}
	t := p.toks[i]
	l := t.lex()
	if !t.cap {
		return cand{}, false
	}
	j := i + 1
	if l.has(fWeekdayAbbr) {
		if !(p.punct(j, ".") && p.adj(i)) || p.word(i-1) == "the" {
			return cand{}, false // "The Sun."
		}
		j++
	}
	if i > 0 && p.toks[i-1].kind == tkWord && p.toks[i-1].cap && p.toks[i-1].lex() == nil && !isSentenceStart(p.toks, i-1) {
		return cand{}, false // "Fox News Sunday", "Good Friday Agreement"
	}
	if nt := j; p.word(i-1) == "the" && nt < len(p.toks) && p.toks[nt].kind == tkWord && p.toks[nt].cap && !isDateWord(p.toks[nt].lex()) {
		return cand{}, false // "the Sunday Times"
	}
	if l.plural {
		return cand{a: i, b: j, typ: "SET", val: "XXXX-WXX-" + strconv.Itoa(l.weekday)}, true
	}
	// "Monday, Oct. 20": the explicit date wins.
	if p.punct(j, ",") {
		if ml := p.lx(j + 1); ml != nil && ml.month > 0 {
			if c, ok := p.month(j + 1); ok && c.prec == Day {
				c.a = i
				return c, true
			}
		}
	}
	if p.lx(j) != nil && p.lx(j).month > 0 {
		if c, ok := p.month(j); ok && c.prec == Day {
			c.a = i
			return c, true
		}
	}
	// "on Thursday last week", "on Monday next week": that weekday of
	// the week named.
	if !strict && (strings.EqualFold(p.str(j), "last") || strings.EqualFold(p.str(j), "next")) && strings.EqualFold(p.str(j+1), "week") {
		pwd := (int(p.pub.Weekday()) + 6) % 7 // Monday 0
		mon := p.pub.AddDate(0, 0, -pwd)
		if strings.EqualFold(p.str(j), "last") {
			mon = mon.AddDate(0, 0, -7)
		} else {
			mon = mon.AddDate(0, 0, 7)
		}
		d := mon.AddDate(0, 0, (l.weekday+6)%7)
		return cand{a: i, b: j + 2, typ: "DATE", val: fmtDay(d), prec: Day}, true
	}
	if dir == 0 && !strict {
		switch p.word(i - 1) {
		case "earlier":
			dir = -1
		default:
			dir = p.dir(i, j)
		}
	}
	d := p.resolveWeekday(l.weekday, dir, strict)
	c := cand{a: i, b: j, typ: "DATE", val: fmtDay(d), prec: Day}
	if pl := p.lx(j); pl.has(fPartOfDay) {
		c.b = j + 1
		c.typ = "TIME"
		c.val += "T" + pl.part
	}
	return c, true
}

// deictic reads "last week", "this year", "next Thursday", "this summer",
// "last night", "next month", "the past two years" (via the), "this
// century".
func (p *tparser) deictic(i int) (cand, bool) {
	if i < 0 || i >= len(p.toks) || p.toks[i].lex() == nil {
		return cand{}, false
	}
	l := p.lx(i)
	w := l.word
	if w == "current" || w == "following" {
		return cand{}, false
	}
	j := i + 1
	dir := l.dir
	if w == "this" && (p.word(j) == "past" || p.word(j) == "coming") {
		// "this past weekend", "this coming Monday"
		w, dir = "last", -1
		if p.word(j) == "coming" {
			w, dir = "next", 1
		}
		j++
	}
	nl := p.lx(j)
	if nl == nil {
		if t, ok := p.num(j); ok && t.num > 0 && (w == "last" || w == "past" || w == "next" || w == "coming") {
			c, ok := p.durationFrom(j, j, t.num)
			if ok && c.typ == "DURATION" {
				c.a = i
				c.allowThe = true
				return c, true
			}
		}
		return cand{}, false
	}
	switch {
	case nl.has(fUnit) && nl.plural && p.word(i-1) == "the" && (w == "past" || w == "coming" || w == "next" || w == "last"):
		// "in the coming weeks"
		return cand{a: i, b: j + 1, typ: "DURATION", val: durVal(-1, nl.unit), allowThe: true}, true
	case nl.has(fUnit) && !nl.plural:
		if w == "past" || w == "coming" || w == "previous" {
			if p.word(i-1) != "the" {
				return cand{}, false
			}
		}
		if p.word(i-1) == "the" && (w == "past" || w == "next" || w == "coming") {
			// "the past decade", "the next year": a stretch of time.
			return cand{a: i, b: j + 1, typ: "DURATION", val: durVal(1, nl.unit), allowThe: true}, true
		}
		v, pr, ok := p.deicticValue(dir, nl.unit)
		if !ok {
			return cand{}, false
		}
		return cand{a: i, b: j + 1, typ: "DATE", val: v, prec: pr, allowThe: w == "previous" || w == "last" || w == "following"}, true
	case nl.weekday > 0 && !nl.plural:
		if w != "last" && w != "next" && w != "this" && w != "coming" {
			return cand{}, false
		}
		c, ok := p.weekday(j, dir, dir != 0)
		if ok {
			c.a = i
		}
		return c, ok
	case nl.month > 0:
		if w != "last" && w != "next" && w != "this" {
			return cand{}, false
		}
		return p.month(j)
	case nl.has(fSeason):
		if w != "last" && w != "next" && w != "this" && w != "past" && w != "coming" {
			return cand{}, false
		}
		return p.season(j, dir, true)
	case nl.has(fPartOfDay) && (w == "this" || w == "last"):
		d := p.pub
		if w == "last" {
			if nl.part != "NI" {
				return cand{}, false
			}
			d = d.AddDate(0, 0, -1)
		}
		return cand{a: i, b: j + 1, typ: "TIME", val: fmtDay(d) + "T" + nl.part, prec: Day}, true
	case nl.has(fNumWord) && nl.num != 1 && (w == "last" || w == "past" || w == "next" || w == "coming"):
		c, ok := p.duration(j)
		if ok && c.typ == "DURATION" {
			c.a = i
			c.allowThe = true
			return c, true
		}
	}
	return cand{}, false
}

// ordinal reads "fourth quarter (of 2026)", "first half of 2025",
// "19th century" spelled out.
func (p *tparser) ordinal(i int) (cand, bool) {
	if i < 0 || i >= len(p.toks) || p.toks[i].lex() == nil {
		return cand{}, false
	}
	l := p.lx(i)
	j := i + 1
	if p.hyphenAt(j) {
		j++
	}
	nw := p.word(j)
	switch {
	case nw == "quarter" || nw == "half":
		parts, kind, prec := 4, "Q", Quarter
		if nw == "half" {
			parts, kind, prec = 2, "H", Half
		}
		n := l.ord
		if n == 99 {
			n = parts
		}
		if n < 1 || n > parts {
			return cand{}, false
		}
		k := j + 1
		if p.word(k) == "of" {
			if y, ok := p.yearAt(k + 1); ok {
				return cand{a: i, b: k + 2, typ: "DATE", val: pad4(y) + "-" + kind + strconv.Itoa(n), prec: prec, allowThe: true}, true
			}
			if dl := p.lx(k + 1); dl.has(fDeictic) && p.word(k+2) == "year" {
				y := p.pub.Year() + dl.dir
				return cand{a: i, b: k + 3, typ: "DATE", val: pad4(y) + "-" + kind + strconv.Itoa(n), prec: prec, allowThe: true}, true
			}
			if p.word(k+1) == "the" && p.word(k+2) == "year" {
				return cand{a: i, b: k + 3, typ: "DATE", val: pad4(p.pub.Year()) + "-" + kind + strconv.Itoa(n), prec: prec, allowThe: true}, true
			}
			if nw == "half" && k+1 < len(p.toks) && p.toks[k+1].kind == tkWord && p.word(k+1) != "fiscal" {
				// "the first half of the season", "of the match": a half
				// of something other than a year is no date.
				return cand{}, false
			}
		}
		if nw == "half" && p.word(i-1) != "the" && !p.hyphenAt(i+1) {
			return cand{}, false // "first half" needs "the" or a hyphen
		}
		if nw == "quarter" && p.word(i-1) != "the" && !p.hyphenAt(i+1) && !p.lx(i-1).has(fPossessive) {
			return cand{}, false
		}
		y := p.resolvePart(n, parts, p.dir(i, k))
		return cand{a: i, b: k, typ: "DATE", val: pad4(y) + "-" + kind + strconv.Itoa(n), prec: prec, allowThe: true}, true
	case nw == "week" && p.word(j+1) == "of":
		// "the last week of March"
		mc, ok := p.month(j + 2)
		if !ok || mc.prec != Month || mc.a != j+2 || l.ord < 1 || l.ord > 5 && l.ord != 99 {
			return cand{}, false
		}
		y, _ := strconv.Atoi(mc.val[:4])
		m, _ := strconv.Atoi(mc.val[5:7])
		d := 1 + 7*(l.ord-1)
		if l.ord == 99 || d > daysIn(y, m) {
			d = daysIn(y, m) - 6 // the last week mostly inside the month
		}
		return cand{a: i, b: mc.b, typ: "DATE", val: fmtWeek(time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)), prec: Week, allowThe: true}, true
	case nw == "century":
		if l.ord < 1 || l.ord > 30 {
			return cand{}, false
		}
		return p.century(i, l.ord)
	}
	return cand{}, false
}

// century reads "<ordinal> century": the 19th century is 18xx, value "18".
func (p *tparser) century(i, n int) (cand, bool) {
	j := i + 1
	if p.hyphenAt(j) {
		j++
	}
	if p.word(j) != "century" || n < 1 || n > 30 {
		return cand{}, false
	}
	return cand{a: i, b: j + 1, typ: "DATE", val: pad2(n - 1), prec: Century, allowThe: true}, true
}

// season reads "summer", "spring 2026", "the fall of 2024"; alone it needs a
// preposition or a determiner before it, since "fall" and "spring" are
// common verbs and nouns.
func (p *tparser) season(i, dir int, deictic bool) (cand, bool) {
	if i < 0 || i >= len(p.toks) || p.toks[i].lex() == nil {
		return cand{}, false
	}
	l := p.lx(i)
	j := i + 1
	k := j
	if p.word(k) == "of" {
		k++
	}
	if y, ok := p.yearAt(k); ok {
		a := i
		if deictic {
			a = i - 1
		}
		return cand{a: a, b: k + 1, typ: "DATE", val: pad4(y) + "-" + l.season, prec: Season, allowThe: true}, true
	}
	if p.toks[i].cap && !isSentenceStart(p.toks, i) {
		return cand{}, false
	}
	if deictic {
		// "last summer" is never the current one, "this summer" always.
		y := p.resolveSeason(l.season, dir)
		if _, cur := p.pubSeason(); seasonIndex(l.season) == cur {
			y += dir
		}
		return cand{a: i - 1, b: j, typ: "DATE", val: pad4(y) + "-" + l.season, prec: Season}, true
	}
	switch p.word(i - 1) {
	case "the":
		switch p.word(i - 2) {
		case "in", "during", "by", "until", "since", "over", "through", "throughout", "before", "after":
		default:
			return cand{}, false
		}
	case "in", "during", "by", "until", "since", "early", "late", "mid", "before", "after", "this":
	default:
		if !(p.hyphenAt(i-1) && p.word(i-2) == "mid") {
			return cand{}, false
		}
	}
	if j < len(p.toks) && p.toks[j].kind == tkWord && !p.toks[j].cap && p.toks[j].sent == p.toks[i].sent &&
		!p.lx(j).has(fPrep) && p.word(j) != "'s" && !seasonClauseWords[strings.ToLower(p.str(j))] {
		return cand{}, false // "in spring training", "in the fall election": a noun compound
	}
	y := p.resolveSeason(l.season, p.dir(i, j))
	return cand{a: i, b: j, typ: "DATE", val: pad4(y) + "-" + l.season, prec: Season}, true
}

// seasonClauseWords may follow a season that ends its phrase: "due to
// begin in the autumn but was delayed".
var seasonClauseWords = map[string]bool{"and": true, "but": true, "or": true, "when": true, "while": true, "as": true, "because": true, "so": true, "then": true, "if": true, "although": true, "though": true, "which": true, "that": true, "who": true, "is": true, "was": true, "will": true, "would": true}

// special handles single words with fixed meanings: today, yesterday,
// tomorrow, tonight, now, recently, every/each, Christmas, noon.
func (p *tparser) special(i int) (cand, bool) {
	if i < 0 || i >= len(p.toks) || p.toks[i].lex() == nil {
		return cand{}, false
	}
	l := p.lx(i)
	one := func(typ, val string, prec Precision) (cand, bool) {
		return cand{a: i, b: i + 1, typ: typ, val: val, prec: prec}, true
	}
	withPart := func(d time.Time) (cand, bool) {
		if pl := p.lx(i + 1); pl.has(fPartOfDay) {
			return cand{a: i, b: i + 2, typ: "TIME", val: fmtDay(d) + "T" + pl.part, prec: Day}, true
		}
		return one("DATE", fmtDay(d), Day)
	}
	switch l.word {
	case "today":
		return withPart(p.pub)
	case "yesterday":
		return withPart(p.pub.AddDate(0, 0, -1))
	case "tomorrow":
		return withPart(p.pub.AddDate(0, 0, 1))
	case "tonight":
		return one("TIME", fmtDay(p.pub)+"TNI", Day)
	case "now":
		if p.word(i+1) == "that" || p.hyphenAt(i+1) {
			return cand{}, false
		}
		return one("DATE", "PRESENT_REF", "")
	case "currently", "nowadays", "presently":
		return one("DATE", "PRESENT_REF", "")
	case "present":
		if p.word(i-1) == "at" {
			return one("DATE", "PRESENT_REF", "")
		}
	case "recently", "lately":
		return one("DATE", "PAST_REF", "")
	case "soon":
		if p.word(i-1) == "as" || p.word(i+1) == "as" || p.word(i+1) == "after" {
			return cand{}, false
		}
		return one("DATE", "FUTURE_REF", "")
	case "every", "each":
		j := i + 1
		n := 1.0
		if t, ok := p.num(j); ok && t.num > 0 && t.intNum {
			n = t.num
			j++
		} else if nl := p.lx(j); nl.has(fNumWord) && nl.num > 1 {
			n = nl.num
			j++
		} else if p.word(j) == "other" {
			n = 2
			j++
		}
		nl := p.lx(j)
		switch {
		case nl.has(fUnit) && nl.unit != uQuarter && (nl.plural == (n > 1)):
			if nl.unit == uWeekend {
				return cand{a: i, b: j + 1, typ: "SET", val: "XXXX-WXX-WE"}, true
			}
			return cand{a: i, b: j + 1, typ: "SET", val: durVal(n, nl.unit)}, true
		case nl != nil && nl.weekday > 0 && !nl.plural && p.toks[j].cap:
			return cand{a: i, b: j + 1, typ: "SET", val: "XXXX-WXX-" + strconv.Itoa(nl.weekday)}, true
		case nl.has(fPartOfDay) && n == 1:
			return cand{a: i, b: j + 1, typ: "SET", val: "TXX" + nl.part}, true
		}
	case "per":
		if nl := p.lx(i + 1); nl.has(fUnit) && !nl.plural && nl.unit != uQuarter && nl.unit != uWeekend {
			return cand{a: i, b: i + 2, typ: "SET", val: durVal(1, nl.unit)}, true
		}
	case "noon", "midnight":
		v := "T12:00"
		if l.word == "midnight" {
			v = "T24:00"
		}
		return p.attachDay(cand{a: i, b: i + 1, typ: "TIME", prec: Day}, v), true
	case "christmas", "halloween", "new", "valentine's", "thanksgiving", "boxing", "easter":
		return p.holiday(i)
	case "recent":
		if nl := p.lx(i + 1); nl.has(fUnit) && nl.plural {
			return cand{a: i, b: i + 2, typ: "DURATION", val: durVal(-1, nl.unit)}, true
		}
	case "future":
		if p.word(i-1) == "the" {
			return cand{a: i - 1, b: i + 1, typ: "DATE", val: "FUTURE_REF"}, true
		}
		switch p.word(i - 1) {
		case "near", "immediate", "foreseeable", "distant":
			if p.word(i-2) == "the" {
				return cand{a: i - 2, b: i + 1, typ: "DATE", val: "FUTURE_REF"}, true
			}
		}
	case "past":
		if p.word(i-1) == "the" && p.lx(i+1) == nil && p.toks[min(i+1, len(p.toks)-1)].kind != tkNum {
			return cand{a: i - 1, b: i + 1, typ: "DATE", val: "PAST_REF"}, true
		}
	case "fiscal":
		if y, ok := p.yearAt(i + 1); ok {
			return cand{a: i, b: i + 2, typ: "DATE", val: "FY" + pad4(y), prec: Year}, true
		}
	}
	return cand{}, false
}

// holiday reads the few fixed holidays news mentions most.
func (p *tparser) holiday(i int) (cand, bool) {
	if i < 0 || i >= len(p.toks) || p.toks[i].lex() == nil {
		return cand{}, false
	}
	if !p.toks[i].cap {
		return cand{}, false
	}
	m, d := 0, 0
	j := i + 1
	switch p.lx(i).word {
	case "christmas":
		m, d = 12, 25
		switch strings.ToLower(p.str(j)) {
		case "day":
			j++
		case "eve":
			d = 24
			j++
		}
	case "halloween":
		m, d = 10, 31
	case "boxing":
		if strings.ToLower(p.str(j)) != "day" {
			return cand{}, false
		}
		m, d = 12, 26
		j++
	case "new":
		if p.word(j) != "year's" {
			return cand{}, false
		}
		j++
		switch strings.ToLower(p.str(j)) {
		case "day":
			m, d = 1, 1
			j++
		case "eve":
			m, d = 12, 31
			j++
		default:
			return cand{}, false
		}
	case "valentine's":
		if strings.ToLower(p.str(j)) != "day" {
			return cand{}, false
		}
		m, d = 2, 14
		j++
	case "easter":
		// Easter (Sunday), Easter Monday; "Easter" alone is the Sunday,
		// but "before Easter" and "at Easter" stay vague enough that the
		// day is what the text gives.
		off := 0
		switch strings.ToLower(p.str(j)) {
		case "sunday", "day":
			j++
		case "monday":
			off = 1
			j++
		case "saturday":
			off = -1
			j++
		}
		y := p.pub.Year()
		if yy, ok := p.yearAt(j); ok {
			y = yy
			j++
		} else {
			dir := p.dir(i, j)
			if e := easterSunday(y).AddDate(0, 0, off); dir < 0 && e.After(p.pub) {
				y--
			} else if dir > 0 && e.Before(p.pub) {
				y++
			}
		}
		return cand{a: i, b: j, typ: "DATE", val: fmtDay(easterSunday(y).AddDate(0, 0, off)), prec: Day}, true
	case "thanksgiving":
		// Fourth Thursday of November.
		y := p.pub.Year()
		if p.dir(i, j) < 0 && p.pub.Month() < 11 {
			y--
		}
		first := time.Date(y, 11, 1, 0, 0, 0, 0, time.UTC)
		off := (int(time.Thursday) - int(first.Weekday()) + 7) % 7
		return cand{a: i, b: j, typ: "DATE", val: fmtDay(first.AddDate(0, 0, off+21)), prec: Day}, true
	}
	if y, ok := p.yearAt(j); ok {
		return cand{a: i, b: j + 1, typ: "DATE", val: fmtMonth(y, m) + "-" + pad2(d), prec: Day}, true
	}
	dt, ok := p.resolveMonthDay(m, d, p.dir(i, j))
	if !ok {
		return cand{}, false
	}
	return cand{a: i, b: j, typ: "DATE", val: fmtDay(dt), prec: Day}, true
}

// the extends an expression that takes its article: "the fourth quarter",
// "the 1990s", "the past decade", "the 19th century".
func (p *tparser) the(i int) (cand, bool) {
	if i+1 >= len(p.toks) {
		return cand{}, false
	}
	if p.word(i+1) == "past" || p.word(i+1) == "future" {
		if c, ok := p.special(i + 1); ok {
			if c2, ok2 := p.core(i + 1); ok2 && c2.b > c.b {
				c2.a = i
				return c2, true
			}
			return c, true
		}
	}
	switch p.word(i + 1) {
	case "entire", "whole":
		// "the entire year": the current one.
		if l := p.lx(i + 2); l.has(fUnit) && !l.plural {
			if v, pr, ok := p.deicticValue(0, l.unit); ok {
				return cand{a: i, b: i + 3, typ: "DATE", val: v, prec: pr}, true
			}
		}
	case "long", "short", "medium", "near":
		if p.word(i+2) == "term" {
			return cand{a: i, b: i + 3, typ: "DATE", val: "FUTURE_REF"}, true // "in the long term"
		}
	}
	if p.word(i+1) == "new" && strings.EqualFold(p.str(i+2), "year") && !p.toks[i+1].cap {
		// "in the new year": the coming year, early in it.
		y := p.pub.Year()
		if p.pub.Month() >= 7 {
			y++
		}
		return cand{a: i, b: i + 3, typ: "DATE", val: fmtYear(y), prec: Year, mod: "START"}, true
	}
	if p.word(i+1) == "weekend" {
		// "over the weekend": the last one in a past sentence, else this
		// week's.
		wd := p.pub.Weekday()
		d := p.pub
		if p.dir(i, i+2) < 0 && wd != time.Saturday && wd != time.Sunday {
			d = d.AddDate(0, 0, -7)
		}
		return cand{a: i, b: i + 2, typ: "DATE", val: fmtWeek(d) + "-WE", prec: Week}, true
	}
	c, ok := p.core(i + 1)
	if !ok || !c.allowThe || c.a != i+1 {
		return cand{}, false
	}
	c.a = i
	return c, true
}

// edge reads "early 2027", "late 2025", "mid-2024", "early June", "late last
// year", "the end of this year", "earlier this year", "later today".
func (p *tparser) edge(i int) (cand, bool) {
	if i < 0 || i >= len(p.toks) || p.toks[i].lex() == nil {
		return cand{}, false
	}
	l := p.lx(i)
	j := i + 1
	switch l.word {
	case "end", "start", "beginning", "middle", "close", "turn", "dawn":
		// Only "(the) end of X"; the article is added by the caller.
		if p.word(j) != "of" {
			if p.hyphenAt(j) && l.word == "end" {
				j++
				break
			}
			return cand{}, false
		}
		j++
		if p.word(j) == "the" && (p.word(j+1) == "year" || p.word(j+1) == "month" || p.word(j+1) == "week" || p.word(j+1) == "decade" || p.word(j+1) == "century" || p.word(j+1) == "day") {
			v, pr, ok := p.deicticValue(0, p.lx(j+1).unit)
			if !ok {
				return cand{}, false
			}
			return p.withThe(cand{a: i, b: j + 2, typ: "DATE", val: v, prec: pr, mod: l.mod}), true
		}
	case "mid":
		if p.hyphenAt(j) {
			j++
		}
	case "earlier", "later":
		// "had told journalists earlier in the week", "later in the
		// month": the publication's week or month.
		if strings.EqualFold(p.str(j), "in") && p.word(j+1) == "the" {
			if ul := p.lx(j + 2); ul.has(fUnit) && !ul.plural {
				switch ul.unit {
				case uWeek:
					return cand{a: i, b: j + 3, typ: "DATE", val: fmtWeek(p.pub), prec: Week}, true
				case uMonth:
					return cand{a: i, b: j + 3, typ: "DATE", val: fmtMonth(p.pub.Year(), int(p.pub.Month())), prec: Month}, true
				}
			}
		}
		c, ok := p.core(j)
		if !ok || c.typ != "DATE" && c.typ != "TIME" {
			return cand{}, false
		}
		switch p.word(j) {
		case "this", "today", "tonight":
			c.a = i
			return c, true
		}
		return cand{}, false
	}
	c, ok := p.core(j)
	if !ok && p.word(j) == "the" {
		c, ok = p.the(j) // "the end of the first quarter"
	}
	if !ok || c.a != j || c.typ != "DATE" && c.typ != "TIME" || c.mod != "" {
		return cand{}, false
	}
	switch c.prec {
	case Day, Week, Month, Season, Quarter, Year, Decade, Century, Half:
	default:
		return cand{}, false
	}
	if c.typ == "TIME" {
		return cand{}, false
	}
	c.a = i
	c.mod = l.mod
	if l.word == "end" || l.word == "start" || l.word == "beginning" || l.word == "middle" || l.word == "close" || l.word == "turn" || l.word == "dawn" {
		c = p.withThe(c)
	}
	return c, true
}

func (p *tparser) withThe(c cand) cand {
	if p.word(c.a-1) == "the" {
		c.a--
	}
	return c
}

// durMod reads "more than two years", "nearly a decade", "at least 90
// days", "about 3 p.m.".
func (p *tparser) durMod(i int) (cand, bool) {
	if i < 0 || i >= len(p.toks) || p.toks[i].lex() == nil {
		return cand{}, false
	}
	l := p.lx(i)
	j := i + 1
	mod := l.mod
	switch l.word {
	case "more", "less":
		if p.word(j) != "than" {
			return cand{}, false
		}
		j++
		mod = "MORE_THAN"
		if l.word == "less" {
			mod = "LESS_THAN"
		}
	case "at":
		if p.word(j) != "least" {
			return cand{}, false
		}
		j++
		mod = "EQUAL_OR_MORE"
	case "up":
		if p.word(j) != "to" {
			return cand{}, false
		}
		j++
		mod = "EQUAL_OR_LESS"
	case "just":
		if p.word(j) != "over" && p.word(j) != "under" {
			return cand{}, false
		}
		mod = "MORE_THAN"
		if p.word(j) == "under" {
			mod = "LESS_THAN"
		}
		j++
	}
	c, ok := p.core(j)
	if !ok || c.a != j {
		return cand{}, false
	}
	switch c.typ {
	case "DURATION":
	case "TIME":
		if mod != "APPROX" {
			return cand{}, false
		}
	default:
		return cand{}, false
	}
	c.a = i
	c.mod = mod
	return c, true
}

// easterSunday returns the date of Easter Sunday in year y (the Gregorian
// computus, Meeus/Jones/Butcher).
func easterSunday(y int) time.Time {
	a, b, c := y%19, y/100, y%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return time.Date(y, time.Month(month), day, 0, 0, 0, 0, time.UTC)
}

// comparedFrom reports whether "from" or "than" stands in the six tokens
// before token a of its sentence: "fell to $48 million, from $71 million
// a year earlier" compares with the same period before rather than
// dating a happening.
func (p *tparser) comparedFrom(a int) bool {
	for k := a - 1; k >= 0 && k >= a-6 && p.toks[k].sent == p.toks[a].sent; k-- {
		if w := strings.ToLower(p.str(k)); w == "from" || w == "than" {
			return true
		}
	}
	return false
}

// pastOnly reports whether the sentence of token a has a verb in the past
// before a and no cue that looks ahead.
func (p *tparser) pastOnly(a int) bool {
	past := false
	for _, c := range p.sentenceCues(a) {
		if c.dir > 0 {
			return false
		}
		if c.dir < 0 && c.tok < a {
			past = true
		}
	}
	return past
}

// futureInPast re-reads a bare weekday that looks ahead from "would"
// ("The council said on Monday that the vote would take place on
// Thursday") from the day of the telling named earlier in the sentence
// (after token 'told', valued toldVal), not from the publication date:
// the first such weekday after that day. It returns c's value otherwise.
func (p *tparser) futureInPast(c cand, told int, toldVal string) string {
	l := p.lx(c.a)
	if l == nil || l.weekday == 0 || c.b != c.a+1 || p.quoteOf(c.a) != 0 || toldVal >= c.val {
		return c.val
	}
	day, err := time.Parse("2006-01-02", toldVal)
	if err != nil || !day.Before(p.pub) || p.pub.Sub(day) > 7*24*time.Hour {
		return c.val
	}
	would := false
	for k := told; k < c.a; k++ {
		switch strings.ToLower(p.str(k)) {
		case "would", "was", "were":
			// "would take place", "was to meet", "were due to vote"
			would = would || p.word(k) == "would" || p.word(k+1) == "to" || p.word(k+1) == "due"
		case "will", "is", "are":
			return c.val // a future told as still ahead
		}
	}
	if !would {
		return c.val
	}
	wd := (int(day.Weekday())+6)%7 + 1 // ISO, Monday 1
	ahead := (l.weekday - wd + 7) % 7
	if ahead == 0 {
		ahead = 7
	}
	return fmtDay(day.AddDate(0, 0, ahead))
}

// followingOrPrevious reports whether token i is "following",
// "previous" or "preceding".
func (p *tparser) followingOrPrevious(i int) bool {
	w := p.str(i)
	return strings.EqualFold(w, "following") || strings.EqualFold(w, "previous") || strings.EqualFold(w, "preceding")
}
