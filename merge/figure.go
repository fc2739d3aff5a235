package merge

import (
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Figure is a quantity a clause gives: an amount of money, a duration, a
// percentage or a count of units, normalised so that "$13.4 billion" and
// "US$13.4bn" are equal.
type Figure struct {
	// Kind is "amount", "duration" or "percentage".
	Kind string
	// Value is the normalised value: "USD 13400000000", "P18M", "12.5%".
	Value string
	// Text is the figure as written.
	Text string
}

var (
	wordMoneyRE = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)\b(\d[\d,]*(?:\.\d+)?)\s?(trillion|billion|million|thousand)?\s(dollars|euros|pounds|yen|rupees|rand)\b`)
	})
	percentRE = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)\b(\d+(?:\.\d+)?)\s?(%|per\s?cent\b|percent\b)`)
	})
)

var numberWords = map[string]float64{"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
	"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "eighteen": 18, "twenty": 20, "thirty": 30}

var scales = map[string]float64{"trillion": 1e12, "tn": 1e12, "billion": 1e9, "bn": 1e9, "million": 1e6, "mn": 1e6, "m": 1e6, "thousand": 1e3, "k": 1e3}

var currencies = map[string]string{"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "dollars": "USD", "euros": "EUR", "pounds": "GBP", "yen": "JPY", "rupees": "INR", "rand": "ZAR"}

var dollarPrefixes = map[string]string{"us": "USD", "usd": "USD", "a": "AUD", "au": "AUD", "c": "CAD", "ca": "CAD", "nz": "NZD", "hk": "HKD", "s": "SGD"}

// Figures returns the figures a clause gives, in order. A bare dollar
// sign is taken for US dollars, as news copy uses it: "$13.4 billion"
// and "US$13.4 billion" are one value.
func Figures(text string) []Figure {
	var out []Figure
	// The expressions backtrack; each runs only on clauses holding the
	// words it needs.
	lower := strings.ToLower(text)
	hasDigit := strings.ContainsAny(text, "0123456789")
	money := hasDigit && strings.ContainsAny(text, "$€£¥")
	wordMoney := hasDigit && containsAny(lower, "dollar", "euro", "pound", "yen", "rupee", "rand")
	duration := containsAny(lower, "day", "week", "month", "year")
	percent := hasDigit && (strings.Contains(text, "%") || strings.Contains(lower, "cent"))
	if !money && !wordMoney && !duration && !percent && !hasDigit {
		return nil
	}
	if money {
		out = append(out, amounts(text)...)
	}
	for _, m := range when(wordMoney, func() [][]string { return wordMoneyRE().FindAllStringSubmatch(text, -1) }) {
		n, ok := parseNumber(m[1])
		if !ok {
			continue
		}
		n *= scaleOf(m[2])
		out = append(out, Figure{Kind: "amount", Value: currencies[strings.ToLower(m[3])] + " " + formatNumber(n), Text: m[0]})
	}
	if duration {
		out = append(out, durations(text)...)
	}
	for _, m := range when(percent, func() [][]string { return percentRE().FindAllStringSubmatch(text, -1) }) {
		n, ok := parseNumber(m[1])
		if !ok {
			continue
		}
		out = append(out, Figure{Kind: "percentage", Value: formatNumber(n) + "%", Text: m[0]})
	}
	if hasDigit {
		out = append(out, counts(text)...)
	}
	return out
}

func scaleOf(s string) float64 {
	if v, ok := scales[strings.ToLower(s)]; ok {
		return v
	}
	return 1
}

func parseNumber(s string) (float64, bool) {
	v, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", ""), 64)
	return v, err == nil && !math.IsInf(v, 0) && !math.IsNaN(v)
}

func formatNumber(v float64) string {
	return strconv.FormatFloat(v, 'f', -1, 64)
}

func containsAny(s string, words ...string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// when runs find only if ok.
func when[T any](ok bool, find func() []T) []T {
	if !ok {
		return nil
	}
	return find()
}

// durations finds "18 months", "two years", "a year", "six-week": a
// number (in digits or words) right before a unit. It looks only around
// the units, so a clause without one costs a few string searches.
func durations(text string) []Figure {
	lower := strings.ToLower(text)
	var out []Figure
	isWord := func(b byte) bool {
		return b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b >= 'A' && b <= 'Z' || b >= 0x80
	}
	for _, unit := range []string{"day", "week", "month", "year"} {
		for from := 0; ; {
			i := strings.Index(lower[from:], unit)
			if i < 0 {
				break
			}
			i += from
			from = i + len(unit)
			end := from
			if end < len(lower) && lower[end] == 's' {
				end++
			}
			// A whole word, after a space or hyphen and a number.
			if i < 2 || end < len(lower) && isWord(lower[end]) || lower[i-1] != ' ' && lower[i-1] != '-' {
				continue
			}
			j := i - 1
			k := j
			for k > 0 && (isWord(lower[k-1]) || lower[k-1] == '.' && k > 1 && lower[k-2] >= '0' && lower[k-2] <= '9') {
				k--
			}
			num := lower[k:j]
			if num == "" || k > 0 && lower[k-1] == '-' {
				continue
			}
			n, ok := numberWords[num]
			if !ok {
				v, err := strconv.ParseFloat(num, 64)
				if err != nil {
					continue
				}
				n = v
			}
			// Durations are compared in months where they can be, so
			// that "two years" is P24M against "18 months" P18M.
			var v string
			switch unit {
			case "year":
				v = "P" + formatNumber(n*12) + "M"
			case "month":
				v = "P" + formatNumber(n) + "M"
			case "week":
				v = "P" + formatNumber(n) + "W"
			case "day":
				v = "P" + formatNumber(n) + "D"
			}
			out = append(out, Figure{Kind: "duration", Value: v, Text: text[k:end]})
		}
	}
	if len(out) > 1 {
		sort.SliceStable(out, func(a, b int) bool { return strings.Index(text, out[a].Text) < strings.Index(text, out[b].Text) })
	}
	return out
}

// amounts finds "$13.4 billion", "US$17.4bn", "£2.1m", "€ 40 million"
// in one pass: a currency sign, an optional dollar prefix before it, a
// number after it and an optional scale word.
func amounts(text string) []Figure {
	var out []Figure
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		sign := string(r)
		cur, ok := currencies[sign]
		if !ok || sign == "dollars" {
			i += size
			continue
		}
		start := i
		// A dollar prefix right before the sign: "US$", "A$", "HK $".
		if sign == "$" {
			j := i
			if j > 0 && text[j-1] == ' ' {
				j--
			}
			k := j
			for k > 0 && (text[k-1] >= 'A' && text[k-1] <= 'Z' || text[k-1] >= 'a' && text[k-1] <= 'z') {
				k--
			}
			if p, ok := dollarPrefixes[strings.ToLower(text[k:j])]; ok && k < j && (k == 0 || !unicode.IsLetter(rune(text[k-1]))) {
				cur, start = p, k
			}
		}
		j := i + size
		if j < len(text) && text[j] == ' ' {
			j++
		}
		k := j
		for k < len(text) && (text[k] >= '0' && text[k] <= '9' || text[k] == ',' && k > j || text[k] == '.' && k > j && k+1 < len(text) && text[k+1] >= '0' && text[k+1] <= '9') {
			k++
		}
		if k == j {
			i += size
			continue
		}
		n, ok := parseNumber(strings.TrimRight(text[j:k], ","))
		if !ok {
			i = k
			continue
		}
		end := strings.TrimRight(text[:k], ",")
		endAt := len(end)
		// A scale word: "billion", "bn", "m".
		w := k
		if w < len(text) && text[w] == ' ' {
			w++
		}
		e := w
		for e < len(text) && (text[e] >= 'a' && text[e] <= 'z' || text[e] >= 'A' && text[e] <= 'Z') {
			e++
		}
		if sc, ok := scales[strings.ToLower(text[w:e])]; ok && e > w {
			n *= sc
			endAt = e
		}
		out = append(out, Figure{Kind: "amount", Value: cur + " " + formatNumber(n), Text: strings.TrimSpace(text[start:endAt])})
		i = max(endAt, i+size)
	}
	return out
}

// countStop are plural words after a number that are no count of
// things: units the other figures read, and words of dates.
var countStop = map[string]bool{"days": true, "weeks": true, "months": true, "years": true, "hours": true, "minutes": true,
	"seconds": true, "percent": true, "cents": true, "dollars": true, "euros": true, "pounds": true, "points": true, "times": true,
	"others": true, "ones": true, "is": true, "was": true, "has": true, "as": true, "this": true, "its": true, "his": true, "us": true}

// counts finds "340 jobs", "1,200 workers", "12 aircraft": a number in
// digits before a plural noun. Its kind names the noun ("count of
// jobs"), so that only counts of the same things can disagree; a year
// ("2009 models") is no count.
func counts(text string) []Figure {
	var out []Figure
	for i := 0; i < len(text); {
		if text[i] < '0' || text[i] > '9' || i > 0 && (isWordByte(text[i-1]) || text[i-1] == '$' || text[i-1] == '.' || text[i-1] == ',') {
			i++
			continue
		}
		j := i
		for j < len(text) && (text[j] >= '0' && text[j] <= '9' || text[j] == ',' && j+1 < len(text) && text[j+1] >= '0' && text[j+1] <= '9') {
			j++
		}
		num := text[i:j]
		if j >= len(text) || text[j] != ' ' {
			i = j
			continue
		}
		k := j + 1
		for k < len(text) && text[k] >= 'a' && text[k] <= 'z' {
			k++
		}
		noun := text[j+1 : k]
		i = k
		if len(noun) < 4 || !strings.HasSuffix(noun, "s") || countStop[noun] || k < len(text) && isWordByte(text[k]) {
			continue
		}
		if len(num) == 4 && (strings.HasPrefix(num, "19") || strings.HasPrefix(num, "20")) {
			continue // a year
		}
		if p := strings.TrimRight(text[:max(0, k-len(noun)-1-len(num))], " "); p != "" {
			// After a name it is a model: "Boeing 747 jets".
			w := p[strings.LastIndexAny(p, " (\"“")+1:]
			if w != "" && w[0] >= 'A' && w[0] <= 'Z' {
				continue
			}
		}
		n, ok := parseNumber(num)
		if !ok {
			continue
		}
		out = append(out, Figure{Kind: "count of " + noun, Value: formatNumber(n), Text: text[i-len(noun)-1-len(num) : i]})
	}
	return out
}

func isWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b >= 0x80
}
