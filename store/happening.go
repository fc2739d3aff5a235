package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"briefbot/extract"
	"briefbot/merge"
)

// maxCandidateEntities is how many of a report's participants are used
// to find the happenings it may belong to; maxCandidates caps the
// reports read per new report, so that a famous name does not make a
// load read its whole history.
const (
	maxCandidateEntities = 3
	maxCandidates        = 12
)

// candidateWindow returns where the reports a report with day range
// [ss, se] may be merged with sort: the first days of the week, month,
// quarter and year that contain it (a report saying "in June"), and a
// day range: for a day, the days nearby (sources may disagree on a date
// by a few days); for a week, month or quarter, the range it covers
// (reports finer than it). A year meets other reports of the year, and
// of the years either side, at their first days; a month those of the
// months either side. Points and one range
// keep the search on the (entity_id, sort_start) index, a few seeks per
// participant whatever the size of the store.
func candidateWindow(ss, se, precision string) (points []string, from, to string) {
	s, err1 := time.Parse(time.DateOnly, ss)
	e, err2 := time.Parse(time.DateOnly, se)
	if err1 != nil || err2 != nil {
		return nil, "", ""
	}
	switch precision {
	case "day":
		from, to = s.AddDate(0, 0, -nearDays).Format(time.DateOnly), s.AddDate(0, 0, nearDays).Format(time.DateOnly)
	case "year":
	case "decade", "century":
		return []string{ss}, "", ""
	default:
		from, to = ss, e.Format(time.DateOnly)
	}
	// At most six points: the list is its own set of those seen.
	points = make([]string, 0, 6)
	add := func(t time.Time) {
		v := t.Format(time.DateOnly)
		if !slices.Contains(points, v) && (from == "" || v < from || v > to) {
			points = append(points, v)
		}
	}
	y, m := s.Year(), s.Month()
	add(time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC))
	add(time.Date(y, m, 1, 0, 0, 0, 0, time.UTC))
	add(time.Date(y, ((m-1)/3)*3+1, 1, 0, 0, 0, 0, time.UTC))
	add(s.AddDate(0, 0, -((int(s.Weekday()) + 6) % 7))) // Monday of its week
	switch precision {
	case "year":
		add(time.Date(y-1, 1, 1, 0, 0, 0, 0, time.UTC))
		add(time.Date(y+1, 1, 1, 0, 0, 0, 0, time.UTC))
	case "month":
		add(time.Date(y, m-1, 1, 0, 0, 0, 0, time.UTC))
		add(time.Date(y, m+1, 1, 0, 0, 0, 0, time.UTC))
	}
	return points, from, to
}

// nearDays mirrors merge's tolerance for dates sources disagree on.
const nearDays = 3

// assignHappenings decides the happening of each of a source's new
// reports (rs, in text order): the existing happening whose reports
// best match it (merge.Compare), else an earlier report of the same
// source, else a new one. It returns their ids (new ones allocated
// here) and the existing happenings that gained reports.
func (l *loader) assignHappenings(rs []*merge.Report) (ids []int64, touched []int64, err error) {
	ids = make([]int64, len(rs))
	if len(rs) == 0 {
		return ids, nil, nil
	}
	if l.nextHappening == 0 {
		if err := l.tx.QueryRowContext(l.ctx, `SELECT COALESCE(MAX(id), 0) + 1 FROM happenings`).Scan(&l.nextHappening); err != nil {
			return nil, nil, err
		}
	}
	l.sourceFirstHappening = l.nextHappening
	gained := map[int64]bool{}
	for i, r := range rs {
		bestScore, best := 0.0, int64(0)
		cands, err := l.candidates(r)
		if err != nil {
			return nil, nil, err
		}
		for _, c := range cands {
			if s := merge.Compare(r, c.Report); s.Same() && s.Score() > bestScore {
				bestScore, best = s.Score(), c.happening
			}
		}
		// The same article may tell a happening twice (lead and body);
		// never two clauses of one sentence.
		for j, o := range rs[:i] {
			if o.Sentence == r.Sentence && o.SentIndex == r.SentIndex {
				continue
			}
			s := merge.Compare(r, o)
			if !s.SameInArticle() || s.Score() <= bestScore {
				continue
			}
			// o joined a stored happening near its date; r, near o,
			// may not be near it (merge.Fits).
			if ids[j] < l.firstNewHappening() {
				unfit, err := l.unfitHappenings(r, []int64{ids[j]})
				if err != nil {
					return nil, nil, err
				}
				if unfit[ids[j]] {
					continue
				}
			}
			bestScore, best = s.Score(), ids[j]
		}
		if best == 0 {
			best = l.nextHappening
			l.nextHappening++
		} else if best < l.firstNewHappening() {
			gained[best] = true
		}
		ids[i] = best
	}
	for id := range gained {
		touched = append(touched, id)
	}
	sort.Slice(touched, func(i, j int) bool { return touched[i] < touched[j] })
	return ids, touched, nil
}

// firstNewHappening is the first id allocated in this transaction's
// current source; ids below it existed before.
func (l *loader) firstNewHappening() int64 { return l.sourceFirstHappening }

// maxReportsPerCandidate is how many reports of one happening a new
// report is compared with; maxCachedReports bounds the loader's cache
// of stored reports.
const (
	maxReportsPerCandidate = 2
	maxCachedReports       = 50000
)

type candidate struct {
	*merge.Report
	happening int64
}

// candidates returns stored reports of other sources that r could be
// merged with: sharing a participant, with a date at one of
// candidateWindow.
func (l *loader) candidates(r *merge.Report) ([]candidate, error) {
	// A report whose date it inherits from an earlier sentence is
	// merged within its article only: its own text does not date it.
	if len(r.Entities) == 0 || r.SortStart == "" || !r.Dated && !r.Inferred {
		return nil, nil
	}
	points, from, to := candidateWindow(r.SortStart, r.SortEnd, r.Precision)
	// People and organisations first: a place ("United States") is in
	// too many reports to find a happening by.
	ents := make([]int64, 0, len(r.Entities))
	for _, pass := range []bool{true, false} {
		for _, e := range r.Entities {
			k := l.kinds[e]
			if (k == extract.Person || k == extract.Org) == pass {
				ents = append(ents, e)
			}
		}
	}
	if len(ents) > maxCandidateEntities {
		ents = ents[:maxCandidateEntities]
	}
	// The reports at those points and in that range, with their
	// happenings, from the narrow indexes.
	// The source's own reports are not stored yet (a reload removed
	// the old ones first): every report found is another source's.
	q := candidateQuery(len(ents), len(points), from != "")
	if q == "" {
		return nil, nil
	}
	args := make([]any, 0, 2*len(ents)+len(points)+2)
	if len(points) > 0 {
		for _, e := range ents {
			args = append(args, e)
		}
		for _, p := range points {
			args = append(args, p)
		}
	}
	if from != "" {
		for _, e := range ents {
			args = append(args, e)
		}
		args = append(args, from, to)
	}
	// A happening told by many sources is weighed on a few of its
	// reports: the same story from twenty feeds costs two comparisons,
	// not twenty. The query returns at most 2×maxCandidates rows, so
	// the picks are kept in short slices, searched in place, rather
	// than maps.
	var picked, pickedHappening []int64
	var happenings []candidateCount
	err := l.tx.queryInts(l.ctx, q, args, func(r []int64) error {
		id, h := r[0], r[1]
		if slices.Contains(picked, id) {
			return nil
		}
		k := slices.IndexFunc(happenings, func(c candidateCount) bool { return c.happening == h })
		if k >= 0 && happenings[k].n >= maxReportsPerCandidate {
			return nil
		}
		if k < 0 {
			happenings = append(happenings, candidateCount{happening: h})
			k = len(happenings) - 1
		}
		happenings[k].n++
		picked = append(picked, id)
		pickedHappening = append(pickedHappening, h)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(picked) == 0 {
		return nil, nil
	}
	// A report joins only a happening whose own date it is near
	// (merge.Fits), else a story told daily about "today" chains into
	// one happening over years. The date is read from the happenings
	// row, which loads keep current (addToHappenings, writeHappening),
	// so it is read each time rather than cached.
	hs := make([]int64, len(happenings))
	for k, c := range happenings {
		hs[k] = c.happening
	}
	unfit, err := l.unfitHappenings(r, hs)
	if err != nil {
		return nil, err
	}
	if len(unfit) > 0 {
		kept := picked[:0]
		for k, id := range picked {
			if !unfit[pickedHappening[k]] {
				kept = append(kept, id)
			}
		}
		picked = kept
		if len(picked) == 0 {
			return nil, nil
		}
	}
	// Stored reports do not change while the transaction lasts (a
	// removal clears the cache), so each is read and tokenised once per
	// batch however many new reports it is weighed against.
	out := make([]candidate, 0, len(picked))
	var missing []int64
	for _, id := range picked {
		if c, ok := l.reports[id]; ok {
			out = append(out, c)
		} else if c, ok := l.tx.db.cachedReport(id); ok && !l.tx.deleted {
			out = append(out, c)
		} else {
			missing = append(missing, id)
		}
	}
	if len(missing) > 0 {
		reps, hids, err := readReports(l.ctx, l.tx, true, `e.id IN (`+placeholders(len(missing))+`)`, idArgs(missing)...)
		if err != nil {
			return nil, err
		}
		if l.reports == nil || len(l.reports) > maxCachedReports {
			l.reports = map[int64]candidate{}
		}
		for i := range reps {
			c := candidate{reps[i], hids[i]}
			l.reports[reps[i].ID] = c
			out = append(out, c)
		}
	}
	return out, nil
}

// candidateCount is how many reports of a happening candidates picked.
type candidateCount struct {
	happening int64
	n         int
}

// candidateShape is what candidates' statement depends on: the number
// of participants and of points, and whether there is a day range.
type candidateShape struct {
	ents, points int
	between      bool
}

// candidateQueries holds candidates' statements by shape, built once per
// process rather than once per report.
var candidateQueries sync.Map // candidateShape → string

// candidateQuery is the statement candidates runs for ents participants,
// points points and, when between, a day range; "" when there is
// neither a point nor a range to look at.
func candidateQuery(ents, points int, between bool) string {
	k := candidateShape{ents, points, between}
	if q, ok := candidateQueries.Load(k); ok {
		return q.(string)
	}
	const part = `SELECT event_id, happening_id FROM event_entities WHERE `
	var parts []string
	if points > 0 {
		parts = append(parts, `SELECT * FROM (`+part+`entity_id IN (`+placeholders(ents)+`) AND sort_start IN (`+placeholders(points)+`) LIMIT `+fmt.Sprint(maxCandidates)+`)`)
	}
	if between {
		parts = append(parts, `SELECT * FROM (`+part+`entity_id IN (`+placeholders(ents)+`) AND sort_start BETWEEN ? AND ? LIMIT `+fmt.Sprint(maxCandidates)+`)`)
	}
	q := strings.Join(parts, " UNION ALL ")
	candidateQueries.Store(k, q)
	return q
}

// unfitHappenings returns those of the happenings hs whose own date r
// may not join (see merge.Fits). A happening without a row (none should
// lack one) is not refused.
func (l *loader) unfitHappenings(r *merge.Report, hs []int64) (map[int64]bool, error) {
	ids := slices.DeleteFunc(hs, func(h int64) bool { return h == 0 })
	if len(ids) == 0 {
		return nil, nil
	}
	q := `SELECT id, date, precision, sort_start, sort_end FROM happenings WHERE id IN (` + placeholders(len(ids)) + `)`
	var unfit map[int64]bool
	mark := func(id int64, h merge.Happening) {
		if !merge.Fits(r, h) {
			if unfit == nil {
				unfit = map[int64]bool{}
			}
			unfit[id] = true
		}
	}
	// A load asks this for each report that has candidates: readRows
	// reads on the driver, as queryInts does, without database/sql's
	// Rows and their goroutine.
	err := l.tx.readRows(l.ctx, q, idArgs(ids), func(row []driver.Value) error {
		id, ok := row[0].(int64)
		h, ok2 := happeningDates(row[1:])
		if !ok || !ok2 {
			return errOddRow
		}
		mark(id, h)
		return nil
	}, func() { unfit = nil }, func(rows *sql.Rows) error {
		var id int64
		var h merge.Happening
		if err := rows.Scan(&id, &h.Date, &h.Precision, &h.SortStart, &h.SortEnd); err != nil {
			return err
		}
		mark(id, h)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return unfit, nil
}

// happeningDates reads date, precision, sort_start and sort_end, as the
// driver gives them, into a merge.Happening; ok is false unless all four
// are strings.
func happeningDates(v []driver.Value) (h merge.Happening, ok bool) {
	var ok1, ok2, ok3, ok4 bool
	h.Date, ok1 = v[0].(string)
	h.Precision, ok2 = v[1].(string)
	h.SortStart, ok3 = v[2].(string)
	h.SortEnd, ok4 = v[3].(string)
	return h, ok1 && ok2 && ok3 && ok4
}

func idArgs(ids []int64) []any {
	a := make([]any, len(ids))
	for i, id := range ids {
		a[i] = id
	}
	return a
}

// readReports reads the reports (events rows) matching cond as
// summaryReports does, with their participants when withEntities, and
// each one's happening.
func readReports(ctx context.Context, tx *Tx, withEntities bool, cond string, args ...any) ([]*merge.Report, []int64, error) {
	out, hids, err := summaryReports(ctx, tx, cond, args...)
	if err != nil {
		return nil, nil, err
	}
	if len(out) == 0 || !withEntities {
		return out, hids, nil
	}
	ids := make([]int64, len(out))
	byID := make(map[int64]*merge.Report, len(out))
	for i, r := range out {
		ids[i] = r.ID
		byID[r.ID] = r
	}
	for chunk := range chunks(ids, 500) {
		err := tx.queryInts(ctx, `SELECT event_id, entity_id FROM event_entities WHERE event_id IN (`+placeholders(len(chunk))+`)`, idArgs(chunk), func(r []int64) error {
			byID[r[0]].Entities = append(byID[r[0]].Entities, r[1])
			return nil
		})
		if err != nil {
			return nil, nil, err
		}
	}
	return out, hids, nil
}

// summaryReports reads the reports (events rows) matching cond as
// merging and summarising them need them, and each one's happening: their
// clauses, cut from the sentence in SQL (the whole sentence when the
// clause's offsets do not fall inside it), without their sentences.
//
// Two callers share this statement, so a per-statement profile does not
// tell them apart: candidates (through readReports) reads the stored
// reports a new one is compared with, and refreshHappenings the reports
// of the happenings addToHappenings could not update from their
// aggregates. At scale nearly all its reads are the candidates': a
// happening that already has an aggregate keeps taking reports through
// it, and those refreshed are mostly happenings told once gaining a
// second report, whose reports the loader holds.
func summaryReports(ctx context.Context, tx *Tx, cond string, args ...any) ([]*merge.Report, []int64, error) {
	q := `SELECT e.id, e.source_id, s.published, e.date, e.precision, e.sort_start, e.sort_end,
		CASE WHEN e.clause_start >= e.start AND e.clause_start < e.clause_end AND e.clause_end - e.start <= length(CAST(e.sentence AS BLOB))
			THEN CAST(substr(CAST(e.sentence AS BLOB), e.clause_start - e.start + 1, e.clause_end - e.clause_start) AS TEXT)
			ELSE e.sentence END,
		e.sent_index, e.time_text != '', e.inferred, e.happening_id, e.summary
		FROM events e JOIN sources s ON s.id = e.source_id WHERE ` + cond
	var out []*merge.Report
	var hids []int64
	// In a load the candidates of each new report are read here: on the
	// driver (see unfitHappenings).
	err := tx.readRows(ctx, q, args, func(row []driver.Value) error {
		r, hid, ok := summaryReportOf(row)
		if !ok {
			return errOddRow
		}
		out = append(out, r)
		hids = append(hids, hid)
		return nil
	}, func() { out, hids = nil, nil }, func(rows *sql.Rows) error {
		r := &merge.Report{}
		var hid int64
		if err := rows.Scan(&r.ID, &r.SourceID, &r.Published, &r.Date, &r.Precision, &r.SortStart, &r.SortEnd,
			&r.Clause, &r.SentIndex, &r.Dated, &r.Inferred, &hid, &r.Summary); err != nil {
			return err
		}
		r.Published = dayOf(r.Published)
		out = append(out, r)
		hids = append(hids, hid)
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	return out, hids, nil
}

// summaryReportOf reads a row of summaryReports' query as the driver
// gives it, as rows.Scan would; ok is false for any value Scan might
// read otherwise (a NULL, another type, a flag other than 0 or 1).
func summaryReportOf(v []driver.Value) (r *merge.Report, hid int64, ok bool) {
	r = &merge.Report{}
	strs := [...]*string{2: &r.Published, 3: &r.Date, 4: &r.Precision, 5: &r.SortStart, 6: &r.SortEnd, 7: &r.Clause, 12: &r.Summary}
	for i, p := range strs {
		if p == nil {
			continue
		}
		if *p, ok = v[i].(string); !ok {
			return nil, 0, false
		}
	}
	var sent, dated, inferred int64
	for i, p := range [...]*int64{0: &r.ID, 1: &r.SourceID, 8: &sent, 9: &dated, 10: &inferred, 11: &hid} {
		if p == nil {
			continue
		}
		if *p, ok = v[i].(int64); !ok {
			return nil, 0, false
		}
	}
	if dated != 0 && dated != 1 || inferred != 0 && inferred != 1 {
		return nil, 0, false
	}
	r.SentIndex, r.Dated, r.Inferred = int(sent), dated == 1, inferred == 1
	r.Published = dayOf(r.Published)
	return r, hid, true
}

// chunks yields ids n at a time, under SQLite's limit on bound
// parameters.
func chunks(ids []int64, n int) func(func([]int64) bool) {
	return func(yield func([]int64) bool) {
		for len(ids) > 0 {
			k := min(n, len(ids))
			if !yield(ids[:k]) {
				return
			}
			ids = ids[k:]
		}
	}
}

// dayOf is the day (YYYY-MM-DD) of a publication date, or "".
func dayOf(published string) string {
	if s, _, ok := DateRange(published); ok {
		return s
	}
	return ""
}

// refreshHappenings recomputes the rows of happenings ids from their
// reports: deleted when none are left, else their date, wording, source
// count and disagreements as merge.Summarize works them out. known, when
// not nil, gives the reports the caller already holds parsed (a load's
// new reports and cached candidates) by event id; the others are read.
func refreshHappenings(ctx context.Context, tx *Tx, ids []int64, known func(int64) *merge.Report) error {
	for chunk := range chunks(ids, 200) {
		// Which reports each happening has, from the narrow index.
		rows, err := tx.QueryContext(ctx, `SELECT happening_id, id FROM events INDEXED BY events_happening WHERE happening_id IN (`+placeholders(len(chunk))+`)`, idArgs(chunk)...)
		if err != nil {
			return err
		}
		by := map[int64][]*merge.Report{}
		var missing []int64
		for rows.Next() {
			var h, id int64
			if err := rows.Scan(&h, &id); err != nil {
				rows.Close()
				return err
			}
			if known == nil {
				missing = append(missing, id)
			} else if r := known(id); r != nil {
				by[h] = append(by[h], r)
			} else {
				missing = append(missing, id)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for part := range chunks(missing, 500) {
			reps, hids, err := summaryReports(ctx, tx, `e.id IN (`+placeholders(len(part))+`)`, idArgs(part)...)
			if err != nil {
				return err
			}
			for i, r := range reps {
				by[hids[i]] = append(by[hids[i]], r)
			}
		}
		for _, id := range chunk {
			if err := writeHappening(ctx, tx, id, by[id]); err != nil {
				return err
			}
		}
	}
	return nil
}

// writeHappening stores what reports (all of happening id's) say
// together, replacing its row and disagreements.
func writeHappening(ctx context.Context, tx *Tx, id int64, reports []*merge.Report) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM disagreements WHERE happening_id = ?`, id); err != nil {
		return err
	}
	delete(tx.aggs, id)
	if tx.aggsGone == nil {
		tx.aggsGone = map[int64]bool{}
	}
	tx.aggsGone[id] = true
	if len(reports) == 0 {
		if _, err := writeHappeningViews(ctx, tx, id, nil); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM happening_aggregates WHERE happening_id = ?`, id); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM happenings WHERE id = ?`, id)
		return err
	}
	// Reports in a stable order, so that ties resolve the same way
	// whatever order they were read in.
	sort.Slice(reports, func(i, j int) bool { return reports[i].ID < reports[j].ID })
	// The reports of guild-owned sources, which views that do not see
	// them all read as happening_views has them.
	guildReports, err := writeHappeningViews(ctx, tx, id, reports)
	if err != nil {
		return err
	}
	h := merge.Summarize(reports)
	first, last := "", ""
	for _, r := range reports {
		if r.Published != "" && (first == "" || r.Published < first) {
			first = r.Published
		}
		if r.Published > last {
			last = r.Published
		}
	}
	best := reports[h.Best]
	summary := best.Summary
	if _, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO happenings (id, date, precision, sort_start, sort_end, summary, best_event_id, first_event_id,
		first_published, last_published, source_count, report_count, inferred, disputed, guild_reports) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		id, h.Date, h.Precision, h.SortStart, h.SortEnd, summary, best.ID, reports[h.First].ID, first, last,
		h.Sources, len(reports), h.Inferred, len(h.Disagreements) > 0, guildReports); err != nil {
		return err
	}
	if err := insertDisagreements(ctx, tx, id, h.Disagreements); err != nil {
		return err
	}
	// The next source to tell it adds to this rather than reading the
	// reports again.
	state, err := json.Marshal(merge.NewAggregate(reports))
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT OR REPLACE INTO happening_aggregates (happening_id, state) VALUES (?, ?)`, id, string(state))
	return err
}

// listHead cuts values as a list shows them: the first listValues, each
// with its first listReports sources and their count. It reports
// whether it cut anything; values it cut are copies.
func listHead(vals []storedValue) ([]storedValue, bool) {
	head := vals[:min(len(vals), listValues)]
	cloned := false
	for i, v := range head {
		if len(v.Sources) <= listReports {
			continue
		}
		if !cloned {
			head, cloned = slices.Clone(head), true
		}
		head[i].cutSources()
	}
	return head, cloned || len(vals) > listValues
}

// cutSources keeps the first listReports sources of v, the most a list
// names, and in Count how many there are.
func (v *storedValue) cutSources() {
	if n := len(v.Sources); n > listReports {
		v.Sources, v.Count = v.Sources[:listReports:listReports], max(v.Count, n)
	}
}

// insertDisagreements stores the disagreements of happening id, which
// has none stored.
func insertDisagreements(ctx context.Context, tx *Tx, id int64, ds []merge.Disagreement) error {
	for _, d := range ds {
		stored := toStoredValues(d.Values)
		vals, err := json.Marshal(stored)
		if err != nil {
			return err
		}
		// What a list reads: the first values and how many there are,
		// each with its first sources and how many there are (migrations
		// 064 and 065).
		head := vals
		if hv, cut := listHead(stored); cut {
			if head, err = json.Marshal(hv); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO disagreements (happening_id, about, vals, n, head) VALUES (?, ?, ?, ?, ?)`,
			id, d.About, string(vals), len(stored), string(head)); err != nil {
			return err
		}
	}
	return nil
}

// incrementalOff makes every happening that gains reports be worked out
// from all of them, for tests to compare with.
var incrementalOff bool

// addToHappenings updates the happenings of ids, which existed before
// the current source and each gained its reports add[id], from their
// aggregates (see migration 058) without reading their other reports. It
// returns those it cannot update so: without an aggregate, with reports
// of guild-owned sources (whose views need every report), told by a
// guild-owned source, or gaining reports the aggregate cannot take (see
// merge.Aggregate.Add); refreshHappenings works them out.
func (l *loader) addToHappenings(ids []int64, add map[int64][]*merge.Report) (slow []int64, err error) {
	if incrementalOff || l.guild != "" {
		return ids, nil
	}
	const read = `SELECT a.state, h.guild_reports FROM happening_aggregates a
		JOIN happenings h ON h.id = a.happening_id WHERE a.happening_id = ?`
	for _, id := range ids {
		// The aggregate as this transaction last wrote it, else as the
		// last one did, else as stored. Only happenings without
		// guild-owned reports have one written by this path or cached.
		agg := l.tx.aggs[id]
		if agg == nil && !l.tx.aggsGone[id] {
			agg, _ = l.tx.db.cachedAggregate(id)
		}
		if agg == nil {
			var state string
			var guildReports int
			err := l.tx.QueryRowContext(l.ctx, read, id).Scan(&state, &guildReports)
			if errors.Is(err, sql.ErrNoRows) || err == nil && guildReports > 0 {
				slow = append(slow, id)
				continue
			} else if err != nil {
				return nil, err
			}
			agg = &merge.Aggregate{}
			if err := json.Unmarshal([]byte(state), agg); err != nil {
				return nil, fmt.Errorf("happening %d aggregate: %w", id, err)
			}
		}
		bestWas := agg.Best.ID
		before := agg.Happening().Disagreements
		if !agg.Add(add[id]) {
			delete(l.tx.aggs, id)
			slow = append(slow, id)
			continue
		}
		h := agg.Happening()
		summary := sql.NullString{}
		if agg.Best.ID != bestWas {
			for _, r := range add[id] {
				if r.ID == agg.Best.ID {
					summary = sql.NullString{String: r.Summary, Valid: true}
				}
			}
		}
		if _, err := l.exec(`UPDATE happenings SET date = ?, precision = ?, sort_start = ?, sort_end = ?,
			summary = COALESCE(?, summary), best_event_id = ?, first_event_id = ?, first_published = ?, last_published = ?,
			source_count = ?, report_count = ?, inferred = ?, disputed = ? WHERE id = ?`,
			h.Date, h.Precision, h.SortStart, h.SortEnd, summary, agg.Best.ID, agg.First.ID, agg.FirstPublished, agg.LastPublished,
			int64(h.Sources), int64(agg.Reports), h.Inferred, len(h.Disagreements) > 0, id); err != nil {
			return nil, err
		}
		if !reflect.DeepEqual(before, h.Disagreements) {
			if _, err := l.tx.ExecContext(l.ctx, `DELETE FROM disagreements WHERE happening_id = ?`, id); err != nil {
				return nil, err
			}
			if err := insertDisagreements(l.ctx, l.tx, id, h.Disagreements); err != nil {
				return nil, err
			}
		}
		// The aggregate is stored when the transaction commits (see
		// flushAggregates).
		if l.tx.aggs == nil {
			l.tx.aggs = map[int64]*merge.Aggregate{}
		}
		l.tx.aggs[id] = agg
	}
	return slow, nil
}

// flushAggregates stores the aggregates the transaction updated from
// its loads (tx.aggs), each once: in a batch of loads a running story
// gains a report from most rounds of its feeds, and its aggregate, which
// grows with the date ranges its sources give, was written (and encoded)
// again for each. Nothing reads a stored aggregate the transaction holds
// in tx.aggs, and writeHappening removes from it those it stores itself.
func flushAggregates(ctx context.Context, tx *Tx) error {
	ids := make([]int64, 0, len(tx.aggs))
	for id := range tx.aggs {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	for _, id := range ids {
		buf, err := json.Marshal(tx.aggs[id])
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE happening_aggregates SET state = ? WHERE happening_id = ?`, string(buf), id); err != nil {
			return err
		}
	}
	return nil
}

type storedValue struct {
	Value   string  `json:"value"`
	Text    string  `json:"text"`
	Sources []int64 `json:"sources"`
	// Count is how many sources give the value when Sources lists
	// only the first of them (in happening_views).
	Count int `json:"count,omitempty"`
}

func toStoredValues(vs []merge.Value) []storedValue {
	out := make([]storedValue, len(vs))
	for i, v := range vs {
		out[i] = storedValue{Value: v.Value, Text: v.Text, Sources: v.Sources}
	}
	return out
}

// singleHappeningRow is the happenings row of a happening told by one
// new report, for the loader's multi-row insert.
func singleHappeningRow(id int64, r *merge.Report, summary string, owned bool) []any {
	h := merge.Summarize([]*merge.Report{r})
	guildReports := 0
	if owned {
		guildReports = 1
	}
	return []any{id, h.Date, h.Precision, h.SortStart, h.SortEnd, summary, r.ID, r.ID, r.Published, r.Published, 1, 1, r.Inferred, false, guildReports}
}

// sourceHappenings lists the happenings a source's reports belong to, for
// refreshing them when it is reloaded or removed.
func sourceHappenings(ctx context.Context, tx *Tx, sourceID int64) ([]int64, error) {
	return queryIDs(ctx, tx, `SELECT DISTINCT happening_id FROM events WHERE source_id = ? AND happening_id != 0`, sourceID)
}
