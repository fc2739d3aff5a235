package extract

import (
	"strings"
	"testing"
	"time"
	"unsafe"
)

// TestNerCandSize keeps a candidate at 64 bytes: 10 MiB of "U.S. " makes 2
// million of them, held with the tokens through grouping and output.
func TestNerCandSize(t *testing.T) {
	if s := unsafe.Sizeof(nerCand{}); s > 64 {
		t.Errorf("nerCand takes %d bytes, want at most 64", s)
	}
}

// TestCandKeysAndPlaces checks what a candidate keeps in packed form
// against what it stands for: the key against nerKey of its tokens (one
// of them longer than a 16-bit length), the kind against the kinds made,
// and the places of a gazetteer name against the gazetteer's.
func TestCandKeysAndPlaces(t *testing.T) {
	long := strings.Repeat("Alpha ", 12000) + "Corp"
	for _, text := range []string{
		"Russian President Vladimir Putin met Oslo Energi chief Kari Nordmann in Springfield, Illinois, on Monday. The U.S. State Department said so.",
		long + " said on Monday.",
	} {
		sents := SplitSentences(text)
		n := newNER(text, sents, FindTimes(text, sents, time.Date(2025, 10, 22, 0, 0, 0, 0, time.UTC)))
		n.findCandidates()
		if len(n.cands) == 0 {
			t.Fatalf("no candidates in %.40q", text)
		}
		longKeys := 0
		for c := range n.cands {
			cd := &n.cands[c]
			if got, want := n.keyOf(cd), nerKey(n.toks, cd.ts, cd.te); got != want {
				t.Errorf("key of candidate %d: got %.40q (%d bytes), want %.40q (%d bytes)", c, got, len(got), want, len(want))
			}
			if k := cd.kind(); k != "" && k != Person && k != Org && k != Place {
				t.Errorf("candidate %d has kind %q", c, k)
			}
			if cd.gaz != nil && cd.pl < 0 {
				if got, want := strings.Join(n.placesOf(c), "|"), strings.Join(cd.gaz.places, "|"); got != want {
					t.Errorf("places of %q: got %q, want the gazetteer's %q", n.keyOf(cd), got, want)
				}
			}
			if cd.kn == keyLong {
				longKeys++
			}
		}
		if text != long+" said on Monday." {
			continue
		}
		if longKeys == 0 {
			t.Errorf("no candidate with a key of %d bytes or more: keyOf's count is not tried", keyLong)
		}
	}
	var c nerCand
	c.setKind(Org)
	if c.kind() != Org {
		t.Errorf("setKind(Org) then kind() gives %q", c.kind())
	}
}
