package store

// SetLazyWalkRows sets how many rows per wanted event FindEvents' lazy
// walk reads before it gives up; it returns a function restoring the
// previous value.
func SetLazyWalkRows(n int) (restore func()) {
	old := lazyWalkRows
	lazyWalkRows = n
	return func() { lazyWalkRows = old }
}

// WordsKey is the event_words rowid of a report (see migration 061).
func WordsKey(date string, id int64) int64 { return wordsKey(date, id) }

// WordsPair is the date and id an event_words rowid encodes.
func WordsPair(key int64) (string, int64) {
	p := wordsPair(key)
	return p.date, p.id
}
