package store

// SetLoadHook installs f to run between the steps of LoadSource, so that
// tests can make a load fail half-way; it returns a function restoring
// the previous hook.
func SetLoadHook(f func(step string) error) (restore func()) {
	old := loadHook
	loadHook = f
	return func() { loadHook = old }
}
