package store

import "fmt"

// SetLoadHook installs f to run between the steps of LoadSource, so that
// tests can make a load fail half-way; it returns a function restoring
// the previous hook.
func SetLoadHook(f func(step string) error) (restore func()) {
	old := loadHook
	loadHook = f
	return func() { loadHook = old }
}

// SetScoping turns views on or off: off, every read sees every source,
// as before sources had guilds, for benchmarks to compare with. It
// returns a function restoring the previous setting.
func SetScoping(on bool) (restore func()) {
	old := scopingOff
	scopingOff = !on
	return func() { scopingOff = old }
}

// SetExactTotalLimit sets the size under which FindEvents collects all
// matches, so that tests can run both of its plans; it returns a function
// restoring the previous value.
func SetExactTotalLimit(n int) (restore func()) {
	old := exactTotalLimit
	exactTotalLimit = n
	return func() { exactTotalLimit = old }
}

// SetRankWindow sets how many matches Search ranks for its first pages;
// it returns a function restoring the previous value.
func SetRankWindow(n int) (restore func()) {
	old := rankWindow
	rankWindow = n
	return func() { rankWindow = old }
}

// SetMigrationFilter makes Open apply only the migrations f accepts; it
// returns a function restoring the default of applying all.
func SetMigrationFilter(f func(name string) bool) (restore func()) {
	old := migrationFilter
	migrationFilter = f
	return func() { migrationFilter = old }
}

// ExecRaw runs SQL on the write connection, for tests that build
// databases of an older schema.
func (db *DB) ExecRaw(q string, args ...any) error {
	_, err := db.wdb.Exec(q, args...)
	return err
}

// QueryRows runs q on the write connection and returns its rows, each
// formatted with fmt.Sprint, for tests that compare tables.
func (db *DB) QueryRows(q string, args ...any) ([]string, error) {
	rows, err := db.wdb.Query(q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	var out []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		out = append(out, fmt.Sprint(vals...))
	}
	return out, rows.Err()
}

// SetIncrementalHappenings turns off (or on) the update of happenings
// from their aggregates: off, every happening that gains reports is
// worked out from all of them. It returns a function restoring the
// previous setting.
func SetIncrementalHappenings(on bool) (restore func()) {
	old := incrementalOff
	incrementalOff = !on
	return func() { incrementalOff = old }
}

// SetRoleFold turns off (or on) the fold of a role's groups that differ
// only in their end day (endedRoleGroups): off, roles are worked out
// from every group. It returns a function restoring the previous
// setting.
func SetRoleFold(on bool) (restore func()) {
	old := roleFoldOff
	roleFoldOff = !on
	return func() { roleFoldOff = old }
}

// OpenConns returns the number of open connections of the write and the
// read pool.
func (db *DB) OpenConns() (write, read int) {
	return db.wdb.Stats().OpenConnections, db.rdb.Stats().OpenConnections
}
