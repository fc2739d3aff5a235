package extract

import (
	"slices"
	"testing"
)

// grown is the capacity a full slice of have ints gets when room for
// want in all is asked of append: growByDensity asks for want, and
// append rounds up to its growth rule and the allocator's size class.
func grown(have, want int) int {
	return cap(slices.Grow(make([]int, have), want-have))
}

// TestGrowByDensity checks that a full slice grows to what the density so
// far predicts, within eight times what it holds and the limit, keeping
// its items, and that a slice with room, a short one or a scan at its
// ends is left alone.
func TestGrowByDensity(t *testing.T) {
	full := func(n int) []int {
		s := make([]int, n)
		for i := range s {
			s[i] = i
		}
		return s[:n:n]
	}
	for _, c := range []struct {
		name           string
		s              []int
		i, n, limit    int
		minCap, maxCap int
	}{
		// 5,000 items in the first tenth: about ten times as many to
		// come, but at most eight times what there is.
		{"dense start", full(5000), 1000, 10000, 1 << 30, 40000, grown(5000, 40000)},
		// Half the scan: about twice as many.
		{"half way", full(5000), 5000, 10000, 1 << 30, 10000, grown(5000, 10625)},
		// The limit bounds what is asked for (append may round it up).
		{"limit", full(5000), 1000, 10000, 7000, 7000, grown(5000, 7000)},
		// Nearly done: no more than appending would give.
		{"nearly done", full(5000), 9900, 10000, 1 << 30, 5000, 5000},
		{"room left", make([]int, 5000, 6000), 1000, 10000, 1 << 30, 6000, 6000},
		{"short", full(100), 10, 10000, 1 << 30, 100, 100},
		{"scan over", full(5000), 10000, 10000, 1 << 30, 5000, 5000},
	} {
		got := growByDensity(c.s, c.i, c.n, c.limit)
		if cap(got) < c.minCap || cap(got) > c.maxCap {
			t.Errorf("%s: cap %d, want %d–%d", c.name, cap(got), c.minCap, c.maxCap)
		}
		if len(got) != len(c.s) {
			t.Errorf("%s: len %d, want %d", c.name, len(got), len(c.s))
		}
		for k := range got {
			if got[k] != c.s[k] {
				t.Fatalf("%s: item %d changed", c.name, k)
			}
		}
	}
}

// TestBlockList checks that a blockList gives back what was added, in
// order, across many blocks, and nil when nothing was.
func TestBlockList(t *testing.T) {
	var empty blockList[int]
	if got := empty.flat(); got != nil {
		t.Errorf("empty list: flat = %v, want nil", got)
	}
	for _, n := range []int{1, 8, 9, 100, 3 * blockListMax, 5*blockListMax + 7} {
		var l blockList[int]
		for i := 0; i < n; i++ {
			l.add(i)
		}
		got := l.flat()
		if len(got) != n {
			t.Fatalf("%d items: flat has %d", n, len(got))
		}
		for i, x := range got {
			if x != i {
				t.Fatalf("%d items: item %d is %d", n, i, x)
			}
		}
		if n > 8 && len(l.blocks) != 0 {
			t.Errorf("%d items: flat kept %d blocks", n, len(l.blocks))
		}
	}
}

// TestAppendDoubling checks that a long list grows to twice its length at
// a time, no more, keeping what it held: one copy of garbage per doubling
// rather than the several of append's quarter steps.
func TestAppendDoubling(t *testing.T) {
	var s []int32
	grows := 0
	for i := range int32(100_000) {
		before := cap(s)
		s = appendDoubling(s, i)
		if cap(s) != before {
			grows++
			if before >= 4096 && cap(s) != 2*before {
				t.Fatalf("a full list of %d grew to a capacity of %d, want %d", before, cap(s), 2*before)
			}
		}
	}
	for i, x := range s {
		if x != int32(i) {
			t.Fatalf("item %d is %d", i, x)
		}
	}
	if grows > 20 {
		t.Errorf("%d allocations for 100,000 items", grows)
	}
}
