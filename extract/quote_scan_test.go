package extract

import (
	"slices"
	"strings"
	"testing"
)

// TestTokensMaxMatchesScan checks the windows tokensMax takes from the
// scan of the whole text: the first n tokens of the window whatever n, the
// tokens a scan of the window itself finds where its end cuts no word, and
// no copy for an afterQuote window whose end cuts a word past the count.
func TestTokensMaxMatchesScan(t *testing.T) {
	for _, text := range []string{
		strings.Repeat("Jane Doe said “x” ", 300),
		strings.Repeat("“Growth slowed,” the U.S. Federal Reserve's chair, Ms. Lane-Smith, said on Tuesday. ", 40),
		strings.Repeat("\"It's over\", said Bob's aide; “no,” Ann said, and left ", 60),
	} {
		c := newQuoteCtx(text, SplitSentences(text), nil, nil, scanQuotes(text))
		all := c.allTokens().toks
		if all == nil {
			t.Fatalf("no scan of the whole text of %.30q…: the windows would not be taken from it", text)
		}
		// inWord reports whether p falls inside a word of the whole scan,
		// where a scan of a window ending at p may split the word in
		// pieces tokensMax does not make ("Lane-" gives "Lane" and "-").
		inWord := func(p int) bool {
			for _, tk := range all {
				if int(tk.s) < p && p < int(tk.e) {
					return true
				}
			}
			return false
		}
		for a := 0; a < len(text); a += 7 {
			for _, size := range []int{3, 40, 400} {
				b := min(len(text), a+size)
				whole := c.tokensMax(a, b, -1)
				if !inWord(b) {
					k := c.spanAfter(a)
					if k > 0 && int(c.spans[k-1].closeEnd) > a {
						k--
					}
					if want := c.scanTokens(a, b, -1, k); !slices.Equal(whole, want) {
						t.Fatalf("tokens(%d, %d) of %.30q…:\n got %v\nwant %v", a, b, text, whole, want)
					}
				}
				for _, n := range []int{0, 1, 3, 25} {
					if got, want := c.tokensMax(a, b, n), whole[:min(n, len(whole))]; !slices.Equal(got, want) {
						t.Fatalf("tokensMax(%d, %d, %d) of %.30q…:\n got %v\nwant %v", a, b, n, text, got, want)
					}
				}
			}
		}
		// afterQuote's window: 25 tokens in the 400 bytes after the
		// closing mark, the last of them cut short by the window's end.
		for _, sp := range c.spans {
			a := int(sp.closeEnd)
			b := a + 400
			if b >= len(text) || !inWord(b) {
				continue
			}
			got := c.tokensMax(a, b, 25)
			if len(got) < 25 || int(got[24].e) >= b {
				continue
			}
			if g := slices.Index(all, got[0]); g < 0 || &got[0] != &all[g] {
				t.Fatalf("tokensMax(%d, %d, 25) copied its 25 tokens rather than share the whole scan's", a, b)
			}
		}
	}
}
