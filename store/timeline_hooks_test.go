package store

// SetLazyWalkRows sets how many rows per wanted event FindEvents' lazy
// walk reads before it gives up; it returns a function restoring the
// previous value.
func SetLazyWalkRows(n int) (restore func()) {
	old := lazyWalkRows
	lazyWalkRows = n
	return func() { lazyWalkRows = old }
}
