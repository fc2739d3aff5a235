package merge

import (
	"math"
	"regexp"
	"strconv"
	"strings"
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
	moneyRE     = regexp.MustCompile(`(?i)(US|USD|A|AU|C|CA|NZ|HK|S)?\s?([$€£¥])\s?(\d[\d,]*(?:\.\d+)?)(?:\s?(trillion|billion|million|thousand|bn|tn|mn|m|k)\b)?`)
	wordMoneyRE = regexp.MustCompile(`(?i)\b(\d[\d,]*(?:\.\d+)?)\s?(trillion|billion|million|thousand)?\s(dollars|euros|pounds|yen|rupees|rand)\b`)
	durationRE  = regexp.MustCompile(`(?i)\b(\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eighteen|twenty|thirty|a|an)[\s-](day|week|month|year)s?\b`)
	percentRE   = regexp.MustCompile(`(?i)\b(\d+(?:\.\d+)?)\s?(%|per\s?cent\b|percent\b)`)
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
	for _, m := range moneyRE.FindAllStringSubmatchIndex(text, -1) {
		g := func(i int) string {
			if m[2*i] < 0 {
				return ""
			}
			return text[m[2*i]:m[2*i+1]]
		}
		cur := currencies[g(2)]
		if p := strings.ToLower(g(1)); p != "" && g(2) == "$" {
			cur = dollarPrefixes[p]
		}
		n, ok := parseNumber(g(3))
		if !ok {
			continue
		}
		n *= scaleOf(g(4))
		out = append(out, Figure{Kind: "amount", Value: cur + " " + formatNumber(n), Text: strings.TrimSpace(text[m[0]:m[1]])})
	}
	for _, m := range wordMoneyRE.FindAllStringSubmatch(text, -1) {
		n, ok := parseNumber(m[1])
		if !ok {
			continue
		}
		n *= scaleOf(m[2])
		out = append(out, Figure{Kind: "amount", Value: currencies[strings.ToLower(m[3])] + " " + formatNumber(n), Text: m[0]})
	}
	for _, m := range durationRE.FindAllStringSubmatch(text, -1) {
		n, ok := numberWords[strings.ToLower(m[1])]
		if !ok {
			var err error
			if n, err = strconv.ParseFloat(m[1], 64); err != nil {
				continue
			}
		}
		unit := strings.ToLower(m[2])
		// Durations are compared in months where they can be, so that
		// "18 months" and "a year and a half" could meet, and "two years"
		// is P24M against "18 months" P18M.
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
		out = append(out, Figure{Kind: "duration", Value: v, Text: m[0]})
	}
	for _, m := range percentRE.FindAllStringSubmatch(text, -1) {
		n, ok := parseNumber(m[1])
		if !ok {
			continue
		}
		out = append(out, Figure{Kind: "percentage", Value: formatNumber(n) + "%", Text: m[0]})
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
