package store

import (
	"context"
	"encoding/json"
	"slices"
	"sort"
	"strings"
)

// Report is one source's telling of a merged event: its sentence and
// where it is, and the date as that source gives it.
type Report struct {
	EventID   int64      `json:"event"`
	Source    *SourceRef `json:"source"`
	Date      string     `json:"date"`
	Precision string     `json:"precision"`
	Sentence  string     `json:"sentence"`
	// Start and End locate the sentence in the source text, ClauseStart
	// and ClauseEnd the clause the report was read from.
	Start       int  `json:"start"`
	End         int  `json:"end"`
	ClauseStart int  `json:"clause_start"`
	ClauseEnd   int  `json:"clause_end"`
	Inferred    bool `json:"inferred,omitempty"`
}

// Disagreement is a point on which the sources of one merged event
// differ: its date, or a figure ("amount", "duration", "percentage",
// "count").
type Disagreement struct {
	About  string               `json:"about"`
	Values []*DisagreementValue `json:"values"`
	// More counts the values a list leaves out: it reads the
	// listValues best supported, and a date told a day apart by every
	// round of a recurring feed has hundreds.
	More int `json:"more,omitempty"`
}

// listValues is how many values of each disagreement a list (a timeline
// page, a profile) reads: the best supported, as stored first. The
// loader stores that many beside all the values (disagreements.head,
// migration 064, which wrote the heads of older rows with 5).
const listValues = 5

// DisagreementValue is one side of a disagreement: the value (a TimeML
// date or a normalised figure such as "USD 13400000000"), as the first
// source wrote it, and the sources that give it.
type DisagreementValue struct {
	Value   string       `json:"value"`
	Text    string       `json:"text"`
	Sources []*SourceRef `json:"sources"`
	// Count is how many sources give it (Sources may list fewer).
	Count int `json:"count"`
}

// happeningRow is a row of happenings.
type happeningRow struct {
	id                                  int64
	date, precision, sortStart, sortEnd string
	summary                             string
	best, first                         int64
	sources, reports                    int
	inferred, disputed                  bool
	// guildReports counts its reports from guild-owned sources.
	guildReports int
}

// happeningIDs maps report (event) ids to their happenings, keeping the
// order of the first report of each and dropping the rest, and the
// reports of sources the view v does not see.
func happeningIDs(ctx context.Context, tx *Tx, v *view, ids []int64) ([]int64, error) {
	hid := make(map[int64]int64, len(ids))
	for chunk := range chunks(ids, 500) {
		rows, err := tx.QueryContext(ctx, `SELECT id, happening_id, source_id FROM events INDEXED BY events_byid WHERE id IN (`+placeholders(len(chunk))+`)`, idArgs(chunk)...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var id, h, src int64
			if err := rows.Scan(&id, &h, &src); err != nil {
				rows.Close()
				return nil, err
			}
			if !v.sees(src) {
				continue
			}
			if h == 0 {
				h = -id // a report not yet merged stands alone
			}
			hid[id] = h
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	seen := make(map[int64]bool, len(ids))
	out := make([]int64, 0, len(ids))
	for _, id := range ids {
		h, ok := hid[id]
		if !ok || seen[h] {
			continue
		}
		seen[h] = true
		out = append(out, h)
	}
	return out, nil
}

// happeningEvents loads merged events by happening id (a negative id is a
// lone report, -event id), in the order given: each with the clearest
// report's wording, the date most reports support, every report (earliest
// first) and the disagreements.
//
// maxReports, when positive, bounds the reports read per happening (the
// earliest stored, and the clearest): a story told by a hundred feeds
// lists a few of them, and ReportCount says how many there are.
//
// The view v shows a happening as the reports of the sources it sees
// tell it, and leaves out one none of them tells (see seeHappenings).
func happeningEvents(ctx context.Context, tx *Tx, v *view, hids []int64, maxReports int) ([]*Event, error) {
	if len(hids) == 0 {
		return nil, nil
	}
	var real, lone []int64
	for _, h := range hids {
		if h < 0 {
			lone = append(lone, -h)
		} else {
			real = append(real, h)
		}
	}
	rowsByID, seen, err := v.happeningRowsIn(ctx, tx, real)
	if err != nil {
		return nil, err
	}
	// hidden counts the reports of each happening the view sees in part
	// that it does not see.
	hidden := map[int64]int{}
	for id, sh := range seen {
		if sh.row == nil {
			delete(rowsByID, id)
		} else {
			hidden[id] = rowsByID[id].reports - sh.row.reports
			rowsByID[id] = sh.row
		}
	}
	// The reports of those happenings: all, or the first few of each
	// and its clearest; of one the view sees in part, those it sees.
	var reps []*Event
	add := func(hcol, cond string, args ...any) error {
		evs, err := reportsWhere(ctx, tx, hcol, cond, args...)
		reps = append(reps, evs...)
		return err
	}
	if maxReports > 0 {
		// Those of the happenings a view sees in part that list the
		// reports it sees are read by id, all at once.
		var listed []int64
		// Those the view sees whole are read in one query: each one's
		// first reports and its clearest.
		var whole []int64
		for _, hid := range real {
			if seen[hid] == nil {
				whole = append(whole, hid)
			}
		}
		// SQLite takes at most 500 terms in a compound SELECT, two a
		// happening here.
		for chunk := range chunks(whole, 200) {
			parts := make([]string, 0, 2*len(chunk))
			args := make([]any, 0, 3*len(chunk))
			for _, hid := range chunk {
				parts = append(parts, `SELECT id FROM (SELECT id FROM events INDEXED BY events_happening WHERE happening_id = ? ORDER BY happening_id, id LIMIT ?)`)
				args = append(args, hid, maxReports)
				if h := rowsByID[hid]; h != nil && h.best != 0 {
					parts = append(parts, `SELECT ?`)
					args = append(args, h.best)
				}
			}
			if err := add("e.happening_id", `e.id IN (`+strings.Join(parts, " UNION ")+`)`, args...); err != nil {
				return nil, err
			}
		}
		for _, hid := range real {
			sh := seen[hid]
			if sh == nil || sh.row == nil {
				continue
			}
			n := len(reps)
			cond, want := `e.happening_id = ?`, maxReports
			if maxReports == listReports && len(sh.reports) > 0 {
				listed = append(listed, sh.reports...)
				continue
			}
			// The first maxReports it sees are among the first
			// maxReports+hidden; past a few, the query skips the
			// others itself.
			if k := hidden[hid]; k <= 4*maxReports {
				want += k
			} else {
				cond += ` AND ` + v.probe("e.source_id")
			}
			if err := add("e.happening_id", cond+` ORDER BY e.happening_id, e.id LIMIT ?`, hid, want); err != nil {
				return nil, err
			}
			if want > maxReports {
				kept, seenHere := reps[:n], 0
				for _, r := range reps[n:] {
					if v.sees(r.Source.ID) && seenHere < maxReports {
						kept = append(kept, r)
						seenHere++
					}
				}
				reps = kept
			}
			h := rowsByID[hid]
			if h == nil || h.best == 0 || slices.ContainsFunc(reps[n:], func(e *Event) bool { return e.ID == h.best }) {
				continue
			}
			if err := add("e.happening_id", `e.id = ?`, h.best); err != nil {
				return nil, err
			}
		}
		for chunk := range chunks(listed, 500) {
			if err := add("e.happening_id", `e.id IN (`+placeholders(len(chunk))+`)`, idArgs(chunk)...); err != nil {
				return nil, err
			}
		}
	} else {
		for chunk := range chunks(real, 500) {
			if err := add("e.happening_id", `e.happening_id IN (`+placeholders(len(chunk))+`)`, idArgs(chunk)...); err != nil {
				return nil, err
			}
		}
	}
	for chunk := range chunks(lone, 500) {
		if err := add("-e.id", `e.id IN (`+placeholders(len(chunk))+`)`, idArgs(chunk)...); err != nil {
			return nil, err
		}
	}
	if v.scoped() {
		// Whatever the queries, nothing of a source the view does not
		// see goes out.
		kept := reps[:0]
		for _, r := range reps {
			if v.sees(r.Source.ID) {
				kept = append(kept, r)
			}
		}
		reps = kept
	}
	if err := loadEventEntities(ctx, tx, v, reps); err != nil {
		return nil, err
	}
	byH := map[int64][]*Event{}
	for _, r := range reps {
		byH[r.HappeningID] = append(byH[r.HappeningID], r)
	}
	var disputed []int64
	for _, h := range rowsByID {
		if h.disputed && seen[h.id] == nil {
			disputed = append(disputed, h.id)
		}
	}
	raw, err := readDisagreements(ctx, tx, disputed, maxReports)
	if err != nil {
		return nil, err
	}
	for id, sh := range seen {
		if sh.row != nil && len(sh.dis) > 0 {
			raw[id] = sh.dis
		}
	}
	dis, err := resolveDisagreements(ctx, tx, raw, maxReports)
	if err != nil {
		return nil, err
	}

	out := make([]*Event, 0, len(hids))
	for _, hid := range hids {
		rs := byH[hid]
		if len(rs) == 0 || hid > 0 && rowsByID[hid] == nil && seen[hid] != nil {
			continue
		}
		// Earliest report first: by publication, then position.
		sort.SliceStable(rs, func(i, j int) bool {
			a, b := dayOf(rs[i].Source.Published), dayOf(rs[j].Source.Published)
			if a != b {
				return a < b
			}
			return rs[i].ID < rs[j].ID
		})
		h := rowsByID[hid]
		best := rs[0]
		if h != nil {
			for _, r := range rs {
				if r.ID == h.best {
					best = r
				}
			}
		}
		e := *best
		e.Reports = make([]*Report, len(rs))
		srcs := map[int64]bool{}
		ents := map[string]bool{}
		e.Entities = nil
		for i, r := range rs {
			srcs[r.Source.ID] = true
			e.Reports[i] = &Report{EventID: r.ID, Source: r.Source, Date: r.Date, Precision: r.Precision, Sentence: r.Sentence,
				Start: r.Start, End: r.End, ClauseStart: r.ClauseStart, ClauseEnd: r.ClauseEnd, Inferred: r.Inferred}
			for _, n := range r.Entities {
				if !ents[n] {
					ents[n] = true
					e.Entities = append(e.Entities, n)
				}
			}
		}
		sort.Strings(e.Entities)
		if e.Entities == nil {
			e.Entities = []string{}
		}
		e.Sources = len(srcs)
		e.ReportCount = len(rs)
		if h != nil {
			e.Sources, e.ReportCount = max(h.sources, e.Sources), max(h.reports, e.ReportCount)
			e.Date, e.Precision, e.SortStart, e.SortEnd = h.date, h.precision, h.sortStart, h.sortEnd
			e.Summary, e.Inferred = h.summary, h.inferred
			e.Disagreements = dis[hid]
		} else {
			e.HappeningID = 0
		}
		out = append(out, &e)
	}
	return out, nil
}

// happeningRows reads the happenings rows of ids.
func happeningRows(ctx context.Context, tx *Tx, ids []int64) (map[int64]*happeningRow, error) {
	out := make(map[int64]*happeningRow, len(ids))
	for chunk := range chunks(ids, 500) {
		rows, err := tx.QueryContext(ctx, `SELECT id, date, precision, sort_start, sort_end, summary, best_event_id, first_event_id,
			source_count, report_count, inferred, disputed, guild_reports FROM happenings WHERE id IN (`+placeholders(len(chunk))+`)`, idArgs(chunk)...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			h := &happeningRow{}
			if err := rows.Scan(&h.id, &h.date, &h.precision, &h.sortStart, &h.sortEnd, &h.summary, &h.best, &h.first,
				&h.sources, &h.reports, &h.inferred, &h.disputed, &h.guildReports); err != nil {
				rows.Close()
				return nil, err
			}
			out[h.id] = h
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// readDisagreements reads the stored disagreements of happenings ids:
// all their values, or for a list (maxReports positive) the first
// listValues of each (they are stored best supported first) and how
// many there are, as the loader keeps them beside the values, so that a
// value list hundreds long is not decoded at all.
func readDisagreements(ctx context.Context, tx *Tx, ids []int64, maxReports int) (map[int64][]storedDisagreement, error) {
	out := map[int64][]storedDisagreement{}
	cols := `vals, 0`
	if maxReports > 0 && maxReports <= listReports {
		// The first listValues values and their count, kept with vals
		// (migration 064), each with its first listReports sources and
		// their count (065).
		cols = `head, n`
	}
	for chunk := range chunks(ids, 500) {
		rows, err := tx.QueryContext(ctx, `SELECT happening_id, about, `+cols+` FROM disagreements d WHERE happening_id IN (`+placeholders(len(chunk))+`) ORDER BY id`, idArgs(chunk)...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var hid int64
			var about, vals string
			var n int
			if err := rows.Scan(&hid, &about, &vals, &n); err != nil {
				rows.Close()
				return nil, err
			}
			d := storedDisagreement{About: about}
			if err := json.Unmarshal([]byte(vals), &d.Vals); err != nil {
				rows.Close()
				return nil, err
			}
			d.More = max(n-len(d.Vals), 0)
			out[hid] = append(out[hid], d)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// resolveDisagreements turns stored disagreements into the API's, with
// their sources read at once: all, or when maxSources is positive, that
// many per value, of the first listValues values.
func resolveDisagreements(ctx context.Context, tx *Tx, raw map[int64][]storedDisagreement, maxSources int) (map[int64][]*Disagreement, error) {
	out := map[int64][]*Disagreement{}
	if len(raw) == 0 {
		return out, nil
	}
	capped := func(v storedValue) []int64 {
		if maxSources > 0 && len(v.Sources) > maxSources {
			return v.Sources[:maxSources]
		}
		return v.Sources
	}
	if maxSources > 0 {
		// What a view stores holds every value: a list keeps the
		// first few here.
		for _, ds := range raw {
			for i := range ds {
				if n := len(ds[i].Vals); n > listValues {
					ds[i].Vals, ds[i].More = ds[i].Vals[:listValues], ds[i].More+n-listValues
				}
			}
		}
	}
	need := map[int64]bool{}
	for _, ds := range raw {
		for _, d := range ds {
			for _, v := range d.Vals {
				for _, s := range capped(v) {
					need[s] = true
				}
			}
		}
	}
	refs, err := sourceRefs(ctx, tx, need)
	if err != nil {
		return nil, err
	}
	for hid, ds := range raw {
		for _, d := range ds {
			dd := &Disagreement{About: d.About, More: d.More}
			for _, v := range d.Vals {
				dv := &DisagreementValue{Value: v.Value, Text: v.Text, Count: max(v.Count, len(v.Sources))}
				for _, s := range capped(v) {
					if r := refs[s]; r != nil {
						dv.Sources = append(dv.Sources, r)
					}
				}
				dd.Values = append(dd.Values, dv)
			}
			out[hid] = append(out[hid], dd)
		}
	}
	return out, nil
}

// sourceRefs reads the references of sources ids.
func sourceRefs(ctx context.Context, tx *Tx, ids map[int64]bool) (map[int64]*SourceRef, error) {
	out := map[int64]*SourceRef{}
	list := make([]int64, 0, len(ids))
	for id := range ids {
		list = append(list, id)
	}
	for chunk := range chunks(list, 500) {
		rows, err := tx.QueryContext(ctx, `SELECT id, name, title, url, published FROM sources INDEXED BY sources_ref WHERE id IN (`+placeholders(len(chunk))+`)`, idArgs(chunk)...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			s := &SourceRef{}
			if err := rows.Scan(&s.ID, &s.Name, &s.Title, &s.URL, &s.Published); err != nil {
				rows.Close()
				return nil, err
			}
			out[s.ID] = s
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// reportsWhere reads the reports matching cond with their sources and
// happenings (hcol: the column that names it).
func reportsWhere(ctx context.Context, tx *Tx, hcol, cond string, args ...any) ([]*Event, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+eventCols+`, e.inferred, `+hcol+` FROM events e JOIN sources s INDEXED BY sources_ref ON s.id = e.source_id WHERE `+cond, args...)
	if err != nil {
		return nil, err
	}
	return scanEventsHappening(rows)
}

func scanEventsHappening(rows rowScanner) ([]*Event, error) {
	defer rows.Close()
	var out []*Event
	for rows.Next() {
		e := &Event{Source: &SourceRef{}}
		if err := rows.Scan(&e.ID, &e.Date, &e.Precision, &e.SortStart, &e.SortEnd, &e.Summary, &e.Sentence, &e.Start, &e.End,
			&e.ClauseStart, &e.ClauseEnd, &e.TimeText, &e.SentIndex, &e.Source.ID, &e.Source.Name, &e.Source.Title, &e.Source.URL, &e.Source.Published,
			&e.Inferred, &e.HappeningID); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}
