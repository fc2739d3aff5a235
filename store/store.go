// Package store keeps briefbot's sources and the facts extracted from them
// in SQLite. It is the only package with SQL. Every public method runs in
// one transaction; private helpers take a *Tx.
//
// Build and test with -tags sqlite_fts5: search uses an FTS5 table.
package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"path"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/mattn/go-sqlite3"

	"briefbot/merge"
)

// writerDriver is the driver of the write connection: SQLite with its
// temporary files in memory, and its log checkpointed every 64 MiB
// rather than every 4. A load's statements change many rows of a
// transaction that may be rolled back statement by statement, so SQLite
// keeps a statement journal of every page each changes; as a temporary
// file that was 580 KB of writes per article at 10,000 articles, more
// than the database and its log together. A batch of loads dirties
// thousands of pages, more as the store grows; checkpointed after every
// batch, the pages each batch changes again (the upper levels of every
// index) were copied back each time.
const writerDriver = "sqlite3_briefbot_writer"

func init() {
	sql.Register(writerDriver, &sqlite3.SQLiteDriver{ConnectHook: func(c *sqlite3.SQLiteConn) error {
		_, err := c.Exec(`PRAGMA temp_store = MEMORY; PRAGMA wal_autocheckpoint = 16384`, nil)
		return err
	}})
}

//go:embed migration/*.sql
var migrationFS embed.FS

// Errors the store returns; callers test them with errors.Is.
var (
	ErrNotFound = errors.New("not found")
	ErrConflict = errors.New("already exists")
	ErrInvalid  = errors.New("invalid input")
	// ErrNewerSchema is returned by Open for a database that a newer
	// briefbot has migrated: this binary would misread tables it does
	// not know, or write rows their triggers never see.
	ErrNewerSchema = errors.New("database written by a newer briefbot")
)

// DB is the briefbot database. Writes go through a single connection that
// takes the write lock at BEGIN (so concurrent writers queue on the busy
// timeout instead of failing on a lock upgrade); reads use a pool of their
// own.
type DB struct {
	wdb *sql.DB
	rdb *sql.DB

	// Path is the database file.
	Path string

	// Now returns the current time; tests replace it.
	Now func() time.Time

	// gen counts committed writes so that in-memory caches (the fuzzy
	// name index) know when to rebuild.
	gen atomic.Int64

	namesMu  sync.Mutex
	names    *nameIndex
	namesGen int64

	// reports caches stored reports read as merge candidates, parsed,
	// across loads: a feed's articles arrive one transaction each, and
	// the same few reports of a running story are weighed against each.
	// Loads publish what they read when they commit; a commit that
	// removed facts empties it.
	reportsMu sync.Mutex
	reports   map[int64]candidate

	// owned caches the guild of every guild-owned source, as of a write
	// generation (see Tx.owners).
	owned atomic.Pointer[owners]

	// aggs caches happenings' aggregates (see migration 058), parsed, as
	// committed: a story a feed follows gains a report from most of its
	// articles, and parsing the aggregate of a long-running one cost
	// more than updating it. Loads publish what they wrote when they
	// commit; a happening worked out from its reports is forgotten.
	aggsMu sync.Mutex
	aggs   map[int64]*merge.Aggregate
}

// maxSharedAggregates bounds the DB's cache of aggregates.
const maxSharedAggregates = 20000

// cachedAggregate returns a copy of the aggregate of happening id as the
// DB has it cached.
func (db *DB) cachedAggregate(id int64) (*merge.Aggregate, bool) {
	db.aggsMu.Lock()
	defer db.aggsMu.Unlock()
	a, ok := db.aggs[id]
	if !ok {
		return nil, false
	}
	return a.Clone(), true
}

// publishAggregates applies to the DB's cache of aggregates what a
// committed transaction wrote.
func (db *DB) publishAggregates(tx *Tx) {
	if len(tx.aggsGone) == 0 && len(tx.aggs) == 0 {
		return
	}
	db.aggsMu.Lock()
	defer db.aggsMu.Unlock()
	for id := range tx.aggsGone {
		delete(db.aggs, id)
	}
	if db.aggs == nil || len(db.aggs)+len(tx.aggs) > maxSharedAggregates {
		db.aggs = make(map[int64]*merge.Aggregate, len(tx.aggs))
	}
	for id, a := range tx.aggs {
		db.aggs[id] = a
	}
}

// maxSharedReports bounds the DB's cache of candidate reports.
const maxSharedReports = 20000

// cachedReport returns a candidate report the DB has cached.
func (db *DB) cachedReport(id int64) (candidate, bool) {
	db.reportsMu.Lock()
	defer db.reportsMu.Unlock()
	c, ok := db.reports[id]
	return c, ok
}

// publishReports adds the reports a committed load read to the DB's
// cache, or empties it when the transaction removed facts.
func (db *DB) publishReports(tx *Tx) {
	db.reportsMu.Lock()
	defer db.reportsMu.Unlock()
	if tx.deleted {
		db.reports = nil
	}
	if tx.loader == nil || len(tx.loader.reports) == 0 {
		return
	}
	if db.reports == nil || len(db.reports)+len(tx.loader.reports) > maxSharedReports {
		db.reports = make(map[int64]candidate, len(tx.loader.reports))
	}
	for id, c := range tx.loader.reports {
		db.reports[id] = c
	}
}

// NewDB returns a DB for the file at path. Call Open before using it.
func NewDB(path string) *DB {
	return &DB{Path: path, Now: time.Now}
}

func (db *DB) dsn(txlock string) string {
	q := url.Values{}
	q.Set("_journal_mode", "WAL")
	q.Set("_foreign_keys", "on")
	q.Set("_busy_timeout", "5000")
	q.Set("_synchronous", "NORMAL")
	// Commands and loads run the same statements over and over; the
	// driver keeps them prepared instead of parsing each anew.
	q.Set("_stmt_cache_size", "256")
	if txlock != "" {
		q.Set("_txlock", txlock)
		// The writer touches many indexes per load; a 128 MiB page
		// cache keeps their upper levels in memory, and holds the pages
		// a batch of loads dirties (about 13,000 at 100,000 articles),
		// which 64 MiB did not: a batch then read its pages again.
		q.Set("_cache_size", "-131072")
		// A load's multi-row statements come in several sizes (seven
		// per table), and all of a load's statements stay prepared
		// across its transactions (see Tx).
		q.Set("_stmt_cache_size", "256")
	}
	return "file:" + db.Path + "?" + q.Encode()
}

// Open opens the database file, creating it if needed, and applies any
// migrations not yet applied.
func (db *DB) Open() (err error) {
	if db.Path == "" {
		return fmt.Errorf("open db: %w: path required", ErrInvalid)
	}
	stablePlans()
	// sql.Open connects nothing: each pool makes its first connection
	// when first used, and each connection reads the whole schema then.
	if db.wdb, err = sql.Open(writerDriver, db.dsn("immediate")); err != nil {
		return fmt.Errorf("open db: %w", err)
	}
	db.wdb.SetMaxOpenConns(1)
	if db.rdb, err = sql.Open("sqlite3", db.dsn("")); err != nil {
		db.wdb.Close()
		return fmt.Errorf("open db: %w", err)
	}
	db.rdb.SetMaxOpenConns(4)
	db.rdb.SetMaxIdleConns(4)
	if err := db.migrate(); err != nil {
		db.Close(context.Background())
		return fmt.Errorf("migrate: %w", err)
	}
	return nil
}

// Close closes the database.
func (db *DB) Close(ctx context.Context) error {
	var errs []error
	if db.rdb != nil {
		errs = append(errs, db.rdb.Close())
	}
	if db.wdb != nil {
		errs = append(errs, db.wdb.Close())
	}
	return errors.Join(errs...)
}

// migrationFilter, when set by tests, picks the migrations Open applies,
// to build databases of an older schema.
var migrationFilter func(name string) bool

// migrate applies the embedded migrations in name order, each in its own
// transaction together with its row in the migrations table, so that a
// failed migration leaves nothing behind and reopening is a no-op.
//
// An up-to-date database (every `briefbot ask`) is checked through the
// read pool alone, whose connection the first query then reuses: the
// write connection, with its own reading of the schema, is made only
// when something is written.
func (db *DB) migrate() error {
	names, err := fs.Glob(migrationFS, "migration/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	// A new database has no migrations table yet: the writer makes it.
	if applied, err := appliedMigrations(db.rdb); err == nil {
		if err := checkKnown(names, applied); err != nil {
			return err
		}
		if len(pendingMigrations(names, applied)) == 0 {
			return nil
		}
	}
	if _, err := db.wdb.Exec(`CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)`); err != nil {
		return fmt.Errorf("create migrations table: %w", err)
	}
	applied, err := appliedMigrations(db.wdb)
	if err != nil {
		return err
	}
	if err := checkKnown(names, applied); err != nil {
		return err
	}
	for _, name := range pendingMigrations(names, applied) {
		// migrateFile checks again in its transaction, for another
		// process opening the database at the same time.
		if err := db.migrateFile(name); err != nil {
			return fmt.Errorf("migration %s: %w", name, err)
		}
	}
	return nil
}

// appliedMigrations reads the names of the applied migrations in one
// query.
func appliedMigrations(q *sql.DB) (map[string]bool, error) {
	applied := map[string]bool{}
	rows, err := q.Query(`SELECT name FROM migrations`)
	if err != nil {
		return nil, fmt.Errorf("read migrations: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, fmt.Errorf("read migrations: %w", err)
		}
		applied[name] = true
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read migrations: %w", err)
	}
	return applied, nil
}

// checkKnown refuses a database with applied migrations that are not
// among names, the ones this binary embeds.
func checkKnown(names []string, applied map[string]bool) error {
	known := make(map[string]bool, len(names))
	for _, name := range names {
		known[name] = true
	}
	var unknown []string
	for name := range applied {
		if !known[name] {
			unknown = append(unknown, path.Base(name))
		}
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		return fmt.Errorf("%w: it has migration %s, which this binary does not know; use the newer briefbot or another --db", ErrNewerSchema, strings.Join(unknown, ", "))
	}
	return nil
}

// pendingMigrations lists, in order, the migrations of names not yet
// applied (of those migrationFilter lets through, when set).
func pendingMigrations(names []string, applied map[string]bool) []string {
	var pending []string
	for _, name := range names {
		if !applied[name] && (migrationFilter == nil || migrationFilter(name)) {
			pending = append(pending, name)
		}
	}
	return pending
}

func (db *DB) migrateFile(name string) error {
	tx, err := db.wdb.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRow(`SELECT COUNT(*) FROM migrations WHERE name = ?`, name).Scan(&n); err != nil {
		return err
	} else if n != 0 {
		return nil
	}
	buf, err := fs.ReadFile(migrationFS, name)
	if err != nil {
		return err
	}
	if _, err := tx.Exec(string(buf)); err != nil {
		return err
	}
	if _, err := tx.Exec(`INSERT INTO migrations (name, applied_at) VALUES (?, ?)`, name, time.Now().UTC().Format(time.RFC3339)); err != nil {
		return err
	}
	return tx.Commit()
}

// Tx is a transaction with the time it started, so that every row it
// writes carries the same timestamp.
//
// Statements run through it directly (QueryContext, ExecContext), not
// prepared per transaction: the driver keeps what runs prepared on its
// connection (_stmt_cache_size) across transactions, while a statement
// prepared in a transaction is compiled again in each — for a view's
// wide statements that cost more than running them, and for a load's
// statements (triggers included) about a twentieth of a batch.
type Tx struct {
	*sql.Tx
	db  *DB
	now time.Time
	// gen is the DB's write generation when the transaction began, and
	// write is set for a write transaction.
	gen   int64
	write bool
	// own is the guild of every guild-owned source the transaction
	// sees, once Tx.owners has read it.
	own *owners

	loader *loader // the state of a load, kept across the transaction's sources
	// deleted is set when the transaction removes a source's facts: the
	// DB's cache of reports must not be trusted in it, and is emptied
	// when it commits.
	deleted bool
	// aggs are the aggregates the transaction updated, by happening,
	// stored when it commits (flushAggregates); aggsGone the happenings
	// whose aggregates it wrote from their reports (or deleted), which
	// the DB's cache forgets.
	aggs     map[int64]*merge.Aggregate
	aggsGone map[int64]bool
	// termTexts counts the sentences the transaction added (+1 each)
	// and removed (-1 each) by wording, for sentence_terms (noteText).
	termTexts map[string]int64
	// unindexed holds the ids of the sentences the transaction inserted
	// that sentences_fts does not hold yet (see indexSentences), and
	// unworded those of the events whose words event_word_groups does
	// not hold yet (see indexEventWords).
	unindexed, unworded idRange

	// conn is the connection of a load's transaction (beginLoad), whose
	// driver the loader's inserts call directly (execRows); ctx is the
	// context the transaction began with, and nv the arguments of the
	// last execRows, kept for the next.
	conn *sql.Conn
	ctx  context.Context
	nv   []driver.NamedValue
}

// beginWrite starts a write transaction; commitWrite bumps the generation
// so caches notice.
func (db *DB) beginWrite(ctx context.Context) (*Tx, error) {
	gen := db.gen.Load()
	tx, err := db.wdb.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	return &Tx{Tx: tx, db: db, now: db.Now().UTC(), gen: gen, write: true}, nil
}

// beginLoad starts a write transaction, as beginWrite does, on a
// connection of its own, so that execRows can reach the connection's
// driver. Rollback (deferred by the caller, as for beginWrite) gives the
// connection back.
func (db *DB) beginLoad(ctx context.Context) (*Tx, error) {
	gen := db.gen.Load()
	conn, err := db.wdb.Conn(ctx)
	if err != nil {
		return nil, err
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		conn.Close()
		return nil, err
	}
	return &Tx{Tx: tx, db: db, now: db.Now().UTC(), gen: gen, write: true, conn: conn, ctx: ctx}, nil
}

// Rollback rolls tx back unless it is done, and gives back the
// connection of a load's transaction.
func (tx *Tx) Rollback() error {
	err := tx.Tx.Rollback()
	if tx.conn != nil {
		tx.conn.Close()
		tx.conn = nil
	}
	return err
}

// execRows runs q, an INSERT of many rows, with args in tx. In a load's
// transaction it calls the driver itself: database/sql converts every
// argument of every statement into a new []driver.NamedValue (a tenth of
// all the bytes an ingest allocated, most of them for the loader's
// multi-row inserts of up to 64 rows of up to 13 columns); here one slice
// serves all of a transaction's statements (namedValues).
func (tx *Tx) execRows(ctx context.Context, q string, args []any) error {
	if tx.conn == nil {
		_, err := tx.ExecContext(ctx, q, args...)
		return err
	}
	err := tx.onDriver(args, func(dc any, nv []driver.NamedValue) error {
		c, ok := dc.(driver.ExecerContext)
		if !ok {
			return driver.ErrSkip
		}
		_, err := c.ExecContext(ctx, q, nv)
		return err
	})
	if errors.Is(err, driver.ErrSkip) {
		_, err = tx.ExecContext(ctx, q, args...)
	}
	return err
}

// onDriver calls f with the driver connection of tx's load and args as
// database/sql would pass them to it, in tx.nv. The transaction rolls
// back when its context is done (the Raw call holds the connection, so
// not while f runs): a statement after that would run outside it, so f
// is not called then.
func (tx *Tx) onDriver(args []any, f func(dc any, nv []driver.NamedValue) error) error {
	nv, err := tx.namedValues(args)
	if err != nil {
		return err
	}
	err = tx.conn.Raw(func(dc any) error {
		if err := tx.ctx.Err(); err != nil {
			return err
		}
		return f(dc, nv)
	})
	clear(nv) // the values are not the slice's to keep alive
	return err
}

// namedValues puts args into tx.nv as database/sql would pass them to
// the driver (driver.DefaultParameterConverter; the driver has no checker
// of its own).
func (tx *Tx) namedValues(args []any) ([]driver.NamedValue, error) {
	nv := tx.nv[:0]
	for i, a := range args {
		switch a.(type) {
		case nil, int64, float64, bool, []byte, string, time.Time:
		default:
			v, err := driver.DefaultParameterConverter.ConvertValue(a)
			if err != nil {
				return nil, fmt.Errorf("argument %d: %w", i+1, err)
			}
			a = v
		}
		nv = append(nv, driver.NamedValue{Ordinal: i + 1, Value: a})
	}
	tx.nv = nv
	return nv, nil
}

// driverRows runs q, a query, on the driver connection of tx's load
// (see onDriver) and calls each with every row's values, which it must
// not keep, until the rows end or each returns an error. It returns
// driver.ErrSkip when the driver cannot query by itself.
func (tx *Tx) driverRows(ctx context.Context, q string, args []any, each func([]driver.Value) error) error {
	return tx.onDriver(args, func(dc any, nv []driver.NamedValue) error {
		c, ok := dc.(driver.QueryerContext)
		if !ok {
			return driver.ErrSkip
		}
		rows, err := c.QueryContext(ctx, q, nv)
		if err != nil {
			return err
		}
		defer rows.Close()
		dest := make([]driver.Value, len(rows.Columns()))
		for {
			if err := rows.Next(dest); err == io.EOF {
				return rows.Close()
			} else if err != nil {
				return err
			}
			if err := each(dest); err != nil {
				return err
			}
		}
	})
}

// errOddRow stops driverRows at a value that database/sql's Scan might
// read otherwise than a plain type assertion does (a NULL, another
// type): readRows then reads the rows again through database/sql.
var errOddRow = errors.New("row read through database/sql")

// readRows runs q with args in tx and hands each row to fast as the
// driver gives it when tx is a load's (see queryID), without database/
// sql's Rows and the goroutine each starts. Outside a load, where the
// driver cannot be reached, or when fast returns errOddRow for a value
// it would read otherwise than Scan does, reset clears what fast
// gathered and the rows are read through database/sql with slow, which
// scans the current row.
func (tx *Tx) readRows(ctx context.Context, q string, args []any, fast func([]driver.Value) error, reset func(), slow func(*sql.Rows) error) error {
	if tx.conn != nil {
		err := tx.driverRows(ctx, q, args, fast)
		if err == nil || !errors.Is(err, driver.ErrSkip) && !errors.Is(err, errOddRow) {
			return err
		}
		reset()
	}
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := slow(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// errFirstRow stops driverRows after the row queryID wants.
var errFirstRow = errors.New("first row read")

// queryID runs q, a query of one row of one integer column, with args in
// tx and returns its value, ok false when it is NULL; sql.ErrNoRows when
// there is no row. In a load's transaction it calls the driver itself,
// as execRows does: database/sql's Rows start a goroutine each that
// watches the transaction's context, for each of the dozen lookups of an
// entity by name a load makes per article.
func (tx *Tx) queryID(ctx context.Context, q string, args []any) (int64, bool, error) {
	var id sql.NullInt64
	if tx.conn == nil {
		err := tx.QueryRowContext(ctx, q, args...).Scan(&id)
		return id.Int64, id.Valid, err
	}
	var v driver.Value
	found := false
	err := tx.driverRows(ctx, q, args, func(row []driver.Value) error {
		v, found = row[0], true
		return errFirstRow
	})
	switch {
	case errors.Is(err, errFirstRow):
	case err == nil:
		return 0, false, sql.ErrNoRows
	case !errors.Is(err, driver.ErrSkip):
		return 0, false, err
	}
	if found {
		switch v := v.(type) {
		case int64:
			return v, true, nil
		case nil:
			return 0, false, nil
		}
	}
	// Another type, or no direct query: as database/sql would scan it.
	err = tx.QueryRowContext(ctx, q, args...).Scan(&id)
	return id.Int64, id.Valid, err
}

// queryInts runs q, a query of integer columns, with args in tx and
// calls row with each row's values, which it must not keep. In a load's
// transaction it reads the driver's rows itself (see queryID); row then
// runs while the connection is held, so it must not use tx. A NULL or
// a value of another type is an error, as database/sql's Scan into an
// int64 makes it.
func (tx *Tx) queryInts(ctx context.Context, q string, args []any, row func([]int64) error) error {
	if tx.conn == nil {
		return tx.queryIntsSQL(ctx, q, args, row)
	}
	var vals []int64
	err := tx.driverRows(ctx, q, args, func(dest []driver.Value) error {
		if vals == nil {
			vals = make([]int64, len(dest))
		}
		for i, v := range dest {
			n, ok := v.(int64)
			if !ok {
				return fmt.Errorf("sql: Scan error on column index %d: want an integer, have %T", i, v)
			}
			vals[i] = n
		}
		return row(vals)
	})
	if errors.Is(err, driver.ErrSkip) {
		return tx.queryIntsSQL(ctx, q, args, row)
	}
	return err
}

// queryIntsSQL is queryInts through database/sql.
func (tx *Tx) queryIntsSQL(ctx context.Context, q string, args []any, row func([]int64) error) error {
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return err
	}
	vals := make([]int64, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		if err := row(vals); err != nil {
			return err
		}
	}
	return rows.Err()
}

// commitWrite commits tx. The generation is odd while the commit is under
// way and moves on by two: a reader that finds it even and unchanged
// after its snapshot began knows that its snapshot is of that generation
// (see Tx.owners).
func (tx *Tx) commitWrite() error {
	ctx := context.Background()
	if tx.loader != nil {
		ctx = tx.loader.ctx
	}
	if err := tx.indexSentences(ctx); err != nil {
		return err
	}
	if err := tx.indexEventWords(ctx); err != nil {
		return err
	}
	if len(tx.aggs) > 0 {
		if err := flushAggregates(ctx, tx); err != nil {
			return err
		}
	}
	// The words of the sentences it added or removed count before it
	// commits, so that no reader sees sentence_terms behind sentences.
	if err := tx.foldSentenceTerms(ctx); err != nil {
		return err
	}
	tx.db.gen.Add(1)
	defer tx.db.gen.Add(1)
	if err := tx.Tx.Commit(); err != nil {
		return err
	}
	if tx.deleted || tx.loader != nil {
		tx.db.publishReports(tx)
	}
	tx.db.publishAggregates(tx)
	return nil
}

// beginRead starts a read-only transaction, which sees one snapshot of the
// database for all its queries.
func (db *DB) beginRead(ctx context.Context) (*Tx, error) {
	gen := db.gen.Load()
	tx, err := db.rdb.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, err
	}
	return &Tx{Tx: tx, db: db, now: db.Now().UTC(), gen: gen}, nil
}

func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

func parseTime(s string) time.Time {
	t, _ := time.Parse(time.RFC3339, s)
	return t
}
