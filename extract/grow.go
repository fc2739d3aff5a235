package extract

import (
	"slices"
	"sort"
)

// growByDensity makes room in a full slice s for the items still to come,
// when items are found in a scan of n units (tokens) and the next one is
// found at unit i. Appending would grow s by a quarter at a time, holding
// each old copy with the new until the collector runs: a long text dense
// with names or dates has hundreds of thousands, and would hold several
// times their size. Once there are many, growByDensity extrapolates
// instead from how densely the scan so far found them: at most eight times
// as many as so far, and no more than limit in all.
func growByDensity[T any](s []T, i, n, limit int) []T {
	have := len(s)
	if have < cap(s) || have < 4096 || i <= 0 || i >= n {
		return s
	}
	want := have * n / i
	want = min(want+want/16, 8*have, limit)
	if want > have+have/4 {
		s = slices.Grow(s, want-have)
	}
	return s
}

// blockList collects items in blocks instead of one growing slice, so that
// a scan finding hundreds of thousands never holds an old copy of them
// beside the new: each block is allocated once at its full size, as large
// as all the blocks before it up to blockListMax items. flat joins them at
// the end, when the scan's own data can be let go first.
type blockList[T any] struct {
	blocks [][]T
	starts []int // index of each block's first item, for at
	n      int
}

const blockListMax = 4096

// add appends x.
func (l *blockList[T]) add(x T) {
	if k := len(l.blocks) - 1; k < 0 || len(l.blocks[k]) == cap(l.blocks[k]) {
		l.blocks = append(l.blocks, make([]T, 0, min(blockListMax, max(8, l.n))))
		l.starts = append(l.starts, l.n)
	}
	k := len(l.blocks) - 1
	l.blocks[k] = append(l.blocks[k], x)
	l.n++
}

// at returns the i-th item added.
func (l *blockList[T]) at(i int) *T {
	k := sort.Search(len(l.starts), func(k int) bool { return l.starts[k] > i }) - 1
	return &l.blocks[k][i-l.starts[k]]
}

// flat returns the items as one slice, nil when there are none. It lets
// go of each block once copied, so that the collector can take the
// blocks back while the copy is made rather than hold both.
func (l *blockList[T]) flat() []T {
	switch len(l.blocks) {
	case 0:
		return nil
	case 1:
		return l.blocks[0]
	}
	out := make([]T, 0, l.n)
	for i, b := range l.blocks {
		out = append(out, b...)
		l.blocks[i] = nil
	}
	l.blocks = nil
	return out
}

// appendDoubling appends x to s, doubling the capacity of a full slice of
// thousands: append grows a large slice by a quarter at a time, and the
// old copies of a list growing to millions (one entity's candidates in 10
// MiB of "U.S. ") would add up to four times its size in garbage.
func appendDoubling[T any](s []T, x T) []T {
	if len(s) == cap(s) && len(s) >= 4096 {
		// Not slices.Grow, which grows by quarters up to the size asked
		// for and may pass it by half as much again.
		s = append(make([]T, 0, 2*len(s)), s...)
	}
	return append(s, x)
}
