package store

import (
	"path/filepath"
	"testing"
)

// TestStablePlans checks that once a DB is open, every new connection
// plans without looking at bound values, so that statements the driver
// caches are not compiled again on each run (see stablePlans).
func TestStablePlans(t *testing.T) {
	db := NewDB(filepath.Join(t.TempDir(), "plans.db"))
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	defer db.Close(t.Context())
	on, ok := newConnStable()
	if !ok {
		t.Skip("SQLite cannot say (no cgo)")
	}
	if !on {
		t.Error("a connection opened after Open plans with bound values (SQLITE_DBCONFIG_ENABLE_QPSG is off)")
	}
}
