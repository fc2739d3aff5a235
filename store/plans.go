//go:build cgo

package store

/*
typedef struct sqlite3 sqlite3;
extern int sqlite3_auto_extension(void (*)(void));
extern int sqlite3_db_config(sqlite3 *, int, ...);
extern int sqlite3_open_v2(const char *, sqlite3 **, int, const char *);
extern int sqlite3_close(sqlite3 *);

// briefbot_stable_plan_conn turns on SQLITE_DBCONFIG_ENABLE_QPSG (1007)
// for a new connection. A failure leaves the connection as it was: the
// plans it makes are right either way.
static int briefbot_stable_plan_conn(sqlite3 *db, char **err, const void *api) {
	(void)err;
	(void)api;
	sqlite3_db_config(db, 1007, 1, (int *)0);
	return 0;
}

static int briefbot_stable_plans(void) {
	return sqlite3_auto_extension((void (*)(void))briefbot_stable_plan_conn);
}

// briefbot_new_conn_stable reports whether a connection opened now has
// the guarantee: 1 yes, 0 no, -1 it could not tell.
static int briefbot_new_conn_stable(void) {
	sqlite3 *db = 0;
	int on = -1;
	if (sqlite3_open_v2(":memory:", &db, 0x02 | 0x80, 0) == 0) { // READWRITE | MEMORY
		if (sqlite3_db_config(db, 1007, -1, &on) != 0) {
			on = -1;
		}
	}
	sqlite3_close(db);
	return on;
}
*/
import "C"

import "sync"

// stablePlans makes every SQLite connection the process opens from now
// on plan its statements without looking at the values bound to them
// (the query planner stability guarantee).
//
// Why: the driver keeps statements prepared across transactions and
// clears their bindings when it puts one back, and SQLite expires a
// statement whose plan looked at a bound value whenever its bindings
// are cleared. SQLite 3.54 looks at many: every LIMIT ?, every LIKE ?,
// and every "column = ?" that its index does not take (to guess how
// many rows pass). Such a statement was compiled again on every run:
// at 100,000 articles an eighth to two fifths of the CPU of a /who or
// /timeline call, the 20-arm compound SELECT of a page's reports the
// dearest. With the guarantee SQLite marks no binding as one that
// changes the plan, so a statement taken from the cache runs as it is.
// The plans lose little: LIKE ? here is on a column without an index
// (events.terms) or with a case-sensitive one, which LIKE cannot use.
//
// It runs once, from Open, and not at package init: registering an
// auto-extension initializes SQLite, which must come after
// ShortLivedPageCache's configuration.
func stablePlans() {
	stablePlansOnce.Do(func() { C.briefbot_stable_plans() })
}

var stablePlansOnce sync.Once

// newConnStable reports whether a connection opened now plans without
// looking at bound values (ok is false when SQLite could not tell).
func newConnStable() (on, ok bool) {
	switch C.briefbot_new_conn_stable() {
	case 1:
		return true, true
	case 0:
		return false, true
	}
	return false, false
}
