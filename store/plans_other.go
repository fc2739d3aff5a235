//go:build !cgo

package store

// stablePlans does nothing here: see plans.go.
func stablePlans() {}

func newConnStable() (on, ok bool) { return false, false }
