package extract

import "slices"

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
