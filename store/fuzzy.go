package store

import (
	"context"
	"sort"
	"strings"
)

// nameIndex holds every normalised name and alias with its entity, for
// near-spelling matches that SQL indexes cannot answer. It is rebuilt
// after writes, when first needed.
type nameIndex struct {
	names []indexedName
}

type indexedName struct {
	norm   string
	tokens []string
	id     int64
	count  int
}

// nameIndex returns the current index, rebuilding it inside tx when a
// write has committed since it was built.
func (db *DB) nameIndex(ctx context.Context, tx *Tx) (*nameIndex, error) {
	gen := db.gen.Load()
	db.namesMu.Lock()
	defer db.namesMu.Unlock()
	if db.names != nil && db.namesGen == gen {
		return db.names, nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT e.id, m.norm, e.mention_count FROM (
			SELECT id, norm FROM entities UNION SELECT entity_id, norm FROM entity_names
		) m JOIN entities e ON e.id = m.id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	idx := &nameIndex{}
	for rows.Next() {
		var n indexedName
		if err := rows.Scan(&n.id, &n.norm, &n.count); err != nil {
			return nil, err
		}
		n.tokens = strings.Fields(n.norm)
		idx.names = append(idx.names, n)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	db.names, db.namesGen = idx, gen
	return idx, nil
}

// maxDistance is the edit distance a near spelling of n may have: none
// for short words, where one edit makes another name, one up to seven
// letters, two beyond.
func maxDistance(n string) int {
	switch l := len([]rune(n)); {
	case l < 4:
		return 0
	case l < 8:
		return 1
	default:
		return 2
	}
}

type scored struct {
	id    int64
	dist  int
	count int
}

// distance is the smallest edit distance from q to the name or, for a
// one-word q, to any word of the name.
func (n *indexedName) distance(q []rune, oneWord bool, max int) int {
	best := levenshtein(q, []rune(n.norm), max)
	if oneWord && len(n.tokens) > 1 {
		for _, t := range n.tokens {
			if d := levenshtein(q, []rune(t), max); d < best {
				best = d
			}
		}
	}
	return best
}

// rank scores the entities with a name within max of q, nearest first;
// skip, when not nil, leaves out the names a view does not see.
func (idx *nameIndex) rank(q string, max int, skip func(id int64, norm string) bool) []scored {
	qr := []rune(q)
	oneWord := !strings.Contains(q, " ")
	best := map[int64]scored{}
	for i := range idx.names {
		n := &idx.names[i]
		d := n.distance(qr, oneWord, max)
		if d <= max && skip != nil && skip(n.id, n.norm) {
			continue
		}
		if d > max {
			continue
		}
		if s, ok := best[n.id]; !ok || d < s.dist {
			best[n.id] = scored{id: n.id, dist: d, count: n.count}
		}
	}
	out := make([]scored, 0, len(best))
	for _, s := range best {
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.dist != b.dist {
			return a.dist < b.dist
		}
		if a.count != b.count {
			return a.count > b.count
		}
		return a.id < b.id
	})
	return out
}

// near returns the entities at the smallest distance within max of q.
func (idx *nameIndex) near(q string, max int, skip func(id int64, norm string) bool) ([]int64, int) {
	if max <= 0 {
		return nil, 0
	}
	r := idx.rank(q, max, skip)
	if len(r) == 0 {
		return nil, 0
	}
	var ids []int64
	for _, s := range r {
		if s.dist == r[0].dist {
			ids = append(ids, s.id)
		}
	}
	return ids, r[0].dist
}

// suggest returns up to n entities within max of q, nearest first.
func (idx *nameIndex) suggest(q string, max, n int, skip func(id int64, norm string) bool) []int64 {
	var ids []int64
	for _, s := range idx.rank(q, max, skip) {
		if len(ids) == n {
			break
		}
		ids = append(ids, s.id)
	}
	return ids
}

// levenshtein returns the edit distance of a and b, or max+1 as soon as it
// must exceed max.
func levenshtein(a, b []rune, max int) int {
	if d := len(a) - len(b); d > max || -d > max {
		return max + 1
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			rowMin = min(rowMin, cur[j])
		}
		if rowMin > max {
			return max + 1
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
