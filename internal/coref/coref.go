// Package coref scores coreference: a system's clusters of mentions (the
// response) against gold clusters (the key), with the metrics of the
// CoNLL-2011/2012 shared tasks as the reference scorer computes them
// (Pradhan et al. 2014, "Scoring Coreference Partitions of Predicted
// Mentions: A Reference Implementation"):
//
//   - MUC (Vilain et al. 1995), link-based;
//   - B³ (Bagga and Baldwin 1998), mention-based;
//   - CEAF-e (Luo 2005), entity-based CEAF with the φ4 similarity and the
//     best one-to-one alignment of key and response clusters, found with
//     the Kuhn-Munkres (Hungarian) algorithm;
//   - the CoNLL score, the mean of the three F1s.
//
// Mentions are opaque keys (for example "doc:start:end"). A mention may be
// in the key only or in the response only; as in the reference scorer,
// such mentions count as their own singleton partition for MUC, add to
// the denominator of B³ recall (key only) or precision (response only)
// with nothing in the numerator, and enlarge their cluster for CEAF-e.
// Singleton clusters count for B³ and CEAF-e and, having no links, add
// nothing to MUC.
package coref

import (
	"fmt"
	"math"
	"sort"
)

// Metric is one metric's recall and precision.
type Metric struct {
	Recall, Precision float64
}

// F1 is the harmonic mean of recall and precision, 0 when both are 0.
func (m Metric) F1() float64 {
	if m.Recall+m.Precision == 0 {
		return 0
	}
	return 2 * m.Recall * m.Precision / (m.Recall + m.Precision)
}

// Result holds the three metrics.
type Result struct {
	MUC, B3, CEAFe Metric
}

// CoNLL is the mean of the MUC, B³ and CEAF-e F1s.
func (r Result) CoNLL() float64 {
	return (r.MUC.F1() + r.B3.F1() + r.CEAFe.F1()) / 3
}

// String prints the F1s, as percentages with one decimal.
func (r Result) String() string {
	return fmt.Sprintf("MUC F1 %.1f B3 F1 %.1f CEAF-e F1 %.1f CoNLL F1 %.1f",
		100*r.MUC.F1(), 100*r.B3.F1(), 100*r.CEAFe.F1(), 100*r.CoNLL())
}

// Clusters groups mentions by label: the clusters of a map from mention
// to its entity (or event) label, each sorted, in the order of their
// smallest mention.
func Clusters(labels map[string]string) [][]string {
	by := map[string][]string{}
	for m, l := range labels {
		by[l] = append(by[l], m)
	}
	out := make([][]string, 0, len(by))
	for _, c := range by {
		sort.Strings(c)
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i][0] < out[j][0] })
	return out
}

// Score scores response against key. Empty clusters are ignored; a
// mention in two clusters of the same side is an error.
func Score(key, response [][]string) (Result, error) {
	k, err := index(key)
	if err != nil {
		return Result{}, fmt.Errorf("key: %w", err)
	}
	r, err := index(response)
	if err != nil {
		return Result{}, fmt.Errorf("response: %w", err)
	}
	var res Result
	res.MUC = Metric{Recall: muc(k, r), Precision: muc(r, k)}
	res.B3 = Metric{Recall: b3(k, r), Precision: b3(r, k)}
	res.CEAFe = ceafe(k, r)
	return res, nil
}

// partition is one side: its non-empty clusters and the cluster of each
// mention.
type partition struct {
	clusters [][]string
	of       map[string]int
}

func index(cs [][]string) (partition, error) {
	p := partition{of: map[string]int{}}
	for _, c := range cs {
		if len(c) == 0 {
			continue
		}
		i := len(p.clusters)
		for _, m := range c {
			if _, dup := p.of[m]; dup {
				return p, fmt.Errorf("mention %q in two clusters (or twice in one)", m)
			}
			p.of[m] = i
		}
		p.clusters = append(p.clusters, c)
	}
	return p, nil
}

// muc is MUC recall of response against key (precision with the sides
// swapped): Σ(|K| − |p(K)|) / Σ(|K| − 1), where p(K) partitions K by the
// response's clusters and a mention the response lacks is a part alone.
func muc(key, response partition) float64 {
	var num, den int
	for _, c := range key.clusters {
		parts := map[int]bool{}
		missing := 0
		for _, m := range c {
			if j, ok := response.of[m]; ok {
				parts[j] = true
			} else {
				missing++
			}
		}
		num += len(c) - len(parts) - missing
		den += len(c) - 1
	}
	if den == 0 {
		return 0
	}
	return float64(num) / float64(den)
}

// b3 is B³ recall of response against key (precision with the sides
// swapped): the mean over key mentions of |K ∩ R| / |K|, for the key
// cluster K and response cluster R of each, computed per cluster pair as
// Σ |K ∩ R|² / |K| over Σ |K|.
func b3(key, response partition) float64 {
	var num float64
	var den int
	for _, c := range key.clusters {
		overlap := map[int]int{}
		for _, m := range c {
			if j, ok := response.of[m]; ok {
				overlap[j]++
			}
		}
		for _, n := range overlap {
			num += float64(n*n) / float64(len(c))
		}
		den += len(c)
	}
	if den == 0 {
		return 0
	}
	return num / float64(den)
}

// ceafe is entity-based CEAF: the best one-to-one alignment of key and
// response clusters by φ4(K, R) = 2|K ∩ R| / (|K| + |R|), its total
// similarity divided by the number of key clusters (recall) and of
// response clusters (precision).
//
// Clusters that share no mention have similarity 0, so the alignment is
// found separately within each connected component of the graph linking
// overlapping clusters, which gives the same total as one assignment over
// all clusters at a fraction of the cost.
func ceafe(key, response partition) Metric {
	nk, nr := len(key.clusters), len(response.clusters)
	if nk == 0 || nr == 0 {
		return Metric{}
	}
	// Overlaps between key cluster i and response cluster j.
	overlap := make([]map[int]int, nk)
	for i, c := range key.clusters {
		overlap[i] = map[int]int{}
		for _, m := range c {
			if j, ok := response.of[m]; ok {
				overlap[i][j]++
			}
		}
	}
	// Components by union-find over key clusters 0..nk-1 and response
	// clusters nk..nk+nr-1.
	parent := make([]int, nk+nr)
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(x int) int {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	for i := range overlap {
		for j := range overlap[i] {
			parent[find(i)] = find(nk + j)
		}
	}
	keys, resps := map[int][]int{}, map[int][]int{}
	for i := 0; i < nk; i++ {
		keys[find(i)] = append(keys[find(i)], i)
	}
	for j := 0; j < nr; j++ {
		resps[find(nk+j)] = append(resps[find(nk+j)], j)
	}
	var total float64
	for root, ks := range keys {
		rs := resps[root]
		if len(rs) == 0 {
			continue
		}
		w := make([][]float64, len(ks))
		for a, i := range ks {
			w[a] = make([]float64, len(rs))
			for b, j := range rs {
				if n := overlap[i][j]; n > 0 {
					w[a][b] = 2 * float64(n) / float64(len(key.clusters[i])+len(response.clusters[j]))
				}
			}
		}
		_, sim := MaxAssignment(w)
		total += sim
	}
	return Metric{Recall: total / float64(nk), Precision: total / float64(nr)}
}

// MaxAssignment finds the one-to-one assignment of rows to columns of the
// weight matrix w (n rows of m columns each, n and m may differ) with the
// largest total weight, by the Kuhn-Munkres algorithm in its O(n²m) form
// with potentials. It returns, for each row, the column assigned (-1 when
// there are more rows than columns and the row is left out), and the
// total.
func MaxAssignment(w [][]float64) (cols []int, total float64) {
	n := len(w)
	if n == 0 {
		return nil, 0
	}
	m := len(w[0])
	if m == 0 {
		cols = make([]int, n)
		for i := range cols {
			cols[i] = -1
		}
		return cols, 0
	}
	if n > m {
		// Solve the transpose: the algorithm needs rows ≤ columns.
		t := make([][]float64, m)
		for j := range t {
			t[j] = make([]float64, n)
			for i := range w {
				t[j][i] = w[i][j]
			}
		}
		rows, total := MaxAssignment(t)
		cols = make([]int, n)
		for i := range cols {
			cols[i] = -1
		}
		for j, i := range rows {
			if i >= 0 {
				cols[i] = j
			}
		}
		return cols, total
	}
	// Minimise cost = -weight. Rows and columns are 1-based; p[j] is the
	// row matched to column j, u and v the potentials.
	inf := math.Inf(1)
	u := make([]float64, n+1)
	v := make([]float64, m+1)
	p := make([]int, m+1)
	way := make([]int, m+1)
	minv := make([]float64, m+1)
	used := make([]bool, m+1)
	for i := 1; i <= n; i++ {
		p[0] = i
		j0 := 0
		for j := range minv {
			minv[j] = inf
			used[j] = false
		}
		for {
			used[j0] = true
			i0, delta, j1 := p[j0], inf, 0
			for j := 1; j <= m; j++ {
				if used[j] {
					continue
				}
				cur := -w[i0-1][j-1] - u[i0] - v[j]
				if cur < minv[j] {
					minv[j], way[j] = cur, j0
				}
				if minv[j] < delta {
					delta, j1 = minv[j], j
				}
			}
			for j := 0; j <= m; j++ {
				if used[j] {
					u[p[j]] += delta
					v[j] -= delta
				} else {
					minv[j] -= delta
				}
			}
			j0 = j1
			if p[j0] == 0 {
				break
			}
		}
		for {
			j1 := way[j0]
			p[j0] = p[j1]
			j0 = j1
			if j0 == 0 {
				break
			}
		}
	}
	cols = make([]int, n)
	for j := 1; j <= m; j++ {
		if p[j] > 0 {
			cols[p[j]-1] = j - 1
			total += w[p[j]-1][j-1]
		}
	}
	return cols, total
}
