package store

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"time"

	"briefbot/merge"
)

// maxCandidateEntities is how many of a report's participants are used
// to find the happenings it may belong to; maxCandidates caps the
// reports read per new report, so that a famous name does not make a
// load read its whole history.
const (
	maxCandidateEntities = 6
	maxCandidates        = 64
)

// candidatePoints returns the sort_start values of the reports a report
// with day range [ss, se] may be merged with: the same day and days
// nearby (sources may disagree on a date by a day or two), and the first
// days of the week, month, quarter, half and year that contain it (a
// report saying "in June"), plus, for a coarse date, the range it covers
// (reports finer than it). Looking up points keeps the search on the
// (entity_id, sort_start) index whatever the size of the store.
func candidatePoints(ss, se, precision string) (points []string, from, to string) {
	s, err1 := time.Parse(time.DateOnly, ss)
	e, err2 := time.Parse(time.DateOnly, se)
	if err1 != nil || err2 != nil {
		return nil, "", ""
	}
	seen := map[string]bool{}
	add := func(t time.Time) {
		v := t.Format(time.DateOnly)
		if !seen[v] {
			seen[v] = true
			points = append(points, v)
		}
	}
	y, m := s.Year(), s.Month()
	add(time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC))
	add(time.Date(y, m, 1, 0, 0, 0, 0, time.UTC))
	add(time.Date(y, ((m-1)/3)*3+1, 1, 0, 0, 0, 0, time.UTC))
	add(time.Date(y, ((m-1)/6)*6+1, 1, 0, 0, 0, 0, time.UTC))
	add(s.AddDate(0, 0, -((int(s.Weekday()) + 6) % 7))) // Monday of its week
	switch precision {
	case "day":
		for d := -nearDays; d <= nearDays; d++ {
			add(s.AddDate(0, 0, d))
		}
		return points, "", ""
	case "year":
		add(time.Date(y-1, 1, 1, 0, 0, 0, 0, time.UTC))
		add(time.Date(y+1, 1, 1, 0, 0, 0, 0, time.UTC))
	}
	return points, ss, e.Format(time.DateOnly)
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
			if s := merge.Compare(r, o); s.Same() && s.Score() > bestScore {
				bestScore, best = s.Score(), ids[j]
			}
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

type candidate struct {
	*merge.Report
	happening int64
}

// candidates returns stored reports of other sources that r could be
// merged with: sharing a participant, with a date at one of
// candidatePoints.
func (l *loader) candidates(r *merge.Report) ([]candidate, error) {
	if len(r.Entities) == 0 || r.SortStart == "" {
		return nil, nil
	}
	points, from, to := candidatePoints(r.SortStart, r.SortEnd, r.Precision)
	ents := r.Entities
	if len(ents) > maxCandidateEntities {
		ents = ents[:maxCandidateEntities]
	}
	args := make([]any, 0, len(ents)+len(points)+4)
	for _, e := range ents {
		args = append(args, e)
	}
	for _, p := range points {
		args = append(args, p)
	}
	q := `SELECT DISTINCT event_id FROM event_entities WHERE entity_id IN (` + placeholders(len(ents)) + `) AND sort_start IN (` + placeholders(len(points)) + `)`
	if from != "" {
		q = `SELECT event_id FROM (` + q + ` UNION SELECT event_id FROM event_entities WHERE entity_id IN (` + placeholders(len(ents)) + `) AND sort_start BETWEEN ? AND ?)`
		for _, e := range ents {
			args = append(args, e)
		}
		args = append(args, from, to)
	}
	q += ` LIMIT ` + fmt.Sprint(maxCandidates)
	key := rowsKey{"cand:" + q, 0}
	st := l.rows[key]
	if st == nil {
		var err error
		if st, err = l.tx.PrepareContext(l.ctx, q); err != nil {
			return nil, err
		}
		l.rows[key] = st
	}
	rows, err := st.QueryContext(l.ctx, args...)
	if err != nil {
		return nil, err
	}
	var evIDs []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, err
		}
		evIDs = append(evIDs, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(evIDs) == 0 {
		return nil, nil
	}
	reps, hids, err := readReports(l.ctx, l.tx, `e.id IN (`+placeholders(len(evIDs))+`) AND e.source_id != ?`, append(idArgs(evIDs), l.src)...)
	if err != nil {
		return nil, err
	}
	out := make([]candidate, len(reps))
	for i := range reps {
		out[i] = candidate{reps[i], hids[i]}
	}
	return out, nil
}

func idArgs(ids []int64) []any {
	a := make([]any, len(ids))
	for i, id := range ids {
		a[i] = id
	}
	return a
}

// readReports reads the reports (events rows) matching cond, with their
// participants, and each one's happening.
func readReports(ctx context.Context, tx *Tx, cond string, args ...any) ([]*merge.Report, []int64, error) {
	rows, err := tx.QueryContext(ctx, `SELECT e.id, e.source_id, s.published, e.date, e.precision, e.sort_start, e.sort_end,
		e.sentence, e.start, e.clause_start, e.clause_end, e.sent_index, e.time_text, e.inferred, e.happening_id
		FROM events e JOIN sources s ON s.id = e.source_id WHERE `+cond, args...)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	var out []*merge.Report
	var hids []int64
	byID := map[int64]*merge.Report{}
	for rows.Next() {
		r := &merge.Report{}
		var start, cs, ce int
		var timeText string
		var hid int64
		if err := rows.Scan(&r.ID, &r.SourceID, &r.Published, &r.Date, &r.Precision, &r.SortStart, &r.SortEnd,
			&r.Sentence, &start, &cs, &ce, &r.SentIndex, &timeText, &r.Inferred, &hid); err != nil {
			return nil, nil, err
		}
		r.Published = dayOf(r.Published)
		r.Clause = clauseOf(r.Sentence, start, cs, ce)
		r.Dated = timeText != ""
		out = append(out, r)
		hids = append(hids, hid)
		byID[r.ID] = r
	}
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	rows.Close()
	if len(out) == 0 {
		return nil, nil, nil
	}
	ids := make([]int64, len(out))
	for i, r := range out {
		ids[i] = r.ID
	}
	for chunk := range chunks(ids, 500) {
		erows, err := tx.QueryContext(ctx, `SELECT event_id, entity_id FROM event_entities WHERE event_id IN (`+placeholders(len(chunk))+`)`, idArgs(chunk)...)
		if err != nil {
			return nil, nil, err
		}
		for erows.Next() {
			var ev, en int64
			if err := erows.Scan(&ev, &en); err != nil {
				erows.Close()
				return nil, nil, err
			}
			byID[ev].Entities = append(byID[ev].Entities, en)
		}
		erows.Close()
		if err := erows.Err(); err != nil {
			return nil, nil, err
		}
	}
	return out, hids, nil
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

// clauseOf cuts a report's clause out of its sentence (which starts at
// byte start of the source text).
func clauseOf(sentence string, start, cs, ce int) string {
	a, b := cs-start, ce-start
	if a < 0 || b > len(sentence) || a >= b {
		return sentence
	}
	return sentence[a:b]
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
// count and disagreements as merge.Summarize works them out.
func refreshHappenings(ctx context.Context, tx *Tx, ids []int64) error {
	for chunk := range chunks(ids, 200) {
		reps, hids, err := readReports(ctx, tx, `e.happening_id IN (`+placeholders(len(chunk))+`)`, idArgs(chunk)...)
		if err != nil {
			return err
		}
		by := map[int64][]*merge.Report{}
		for i, r := range reps {
			by[hids[i]] = append(by[hids[i]], r)
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
	if len(reports) == 0 {
		_, err := tx.ExecContext(ctx, `DELETE FROM happenings WHERE id = ?`, id)
		return err
	}
	// Reports in a stable order, so that ties resolve the same way
	// whatever order they were read in.
	sort.Slice(reports, func(i, j int) bool { return reports[i].ID < reports[j].ID })
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
	var summary string
	if err := tx.QueryRowContext(ctx, `SELECT summary FROM events WHERE id = ?`, best.ID).Scan(&summary); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO happenings (id, date, precision, sort_start, sort_end, summary, best_event_id, first_event_id,
		first_published, last_published, source_count, report_count, inferred, disputed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		id, h.Date, h.Precision, h.SortStart, h.SortEnd, summary, best.ID, reports[h.First].ID, first, last,
		h.Sources, len(reports), h.Inferred, len(h.Disagreements) > 0); err != nil {
		return err
	}
	for _, d := range h.Disagreements {
		vals, err := json.Marshal(toStoredValues(d.Values))
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO disagreements (happening_id, about, vals) VALUES (?, ?, ?)`, id, d.About, string(vals)); err != nil {
			return err
		}
	}
	return nil
}

type storedValue struct {
	Value   string  `json:"value"`
	Text    string  `json:"text"`
	Sources []int64 `json:"sources"`
}

func toStoredValues(vs []merge.Value) []storedValue {
	out := make([]storedValue, len(vs))
	for i, v := range vs {
		out[i] = storedValue{v.Value, v.Text, v.Sources}
	}
	return out
}

// singleHappening writes the row of a happening told by one new report,
// without reading it back.
func singleHappening(ctx context.Context, tx *Tx, id int64, r *merge.Report, summary string) error {
	h := merge.Summarize([]*merge.Report{r})
	_, err := tx.ExecContext(ctx, `INSERT INTO happenings (id, date, precision, sort_start, sort_end, summary, best_event_id, first_event_id,
		first_published, last_published, source_count, report_count, inferred, disputed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 1, ?, 0)`,
		id, h.Date, h.Precision, h.SortStart, h.SortEnd, summary, r.ID, r.ID, r.Published, r.Published, r.Inferred)
	return err
}

// sourceHappenings lists the happenings a source's reports belong to, for
// refreshing them when it is reloaded or removed.
func sourceHappenings(ctx context.Context, tx *Tx, sourceID int64) ([]int64, error) {
	rows, err := tx.QueryContext(ctx, `SELECT DISTINCT happening_id FROM events WHERE source_id = ? AND happening_id != 0`, sourceID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}
