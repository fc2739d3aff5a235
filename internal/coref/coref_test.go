package coref

import (
	"math"
	"math/rand"
	"strings"
	"testing"
)

// cl builds clusters from space-separated mention lists.
func cl(cs ...string) [][]string {
	var out [][]string
	for _, c := range cs {
		out = append(out, strings.Fields(c))
	}
	return out
}

const eps = 1e-9

func TestCorefScore(t *testing.T) {
	type want struct{ mucR, mucP, b3R, b3P, ceR, ceP float64 }
	tests := []struct {
		name          string
		key, response [][]string
		want          want
	}{
		{
			// Vilain et al. 1995: splitting a chain of four in two loses
			// one of three links.
			name: "vilain split", key: cl("A B C D"), response: cl("A B", "C D"),
			want: want{mucR: 2.0 / 3, mucP: 1, b3R: 0.5, b3P: 1, ceR: 2 * 2.0 / 6, ceP: (2*2.0/6 + 0) / 2},
		},
		{
			// Bagga and Baldwin 1998, figure: MUC cannot tell joining the
			// small chain to a big one (A) from joining the two big ones
			// (B); B³ precision can: 64/84 against 7/12.
			name: "bagga baldwin A", key: cl("1 2 3 4 5", "6 7", "8 9 10 11 12"), response: cl("1 2 3 4 5", "6 7 8 9 10 11 12"),
			want: want{mucR: 1, mucP: 0.9, b3R: 1, b3P: 64.0 / 84, ceR: (1 + 2*5.0/12) / 3, ceP: (1 + 2*5.0/12) / 2},
		},
		{
			name: "bagga baldwin B", key: cl("1 2 3 4 5", "6 7", "8 9 10 11 12"), response: cl("1 2 3 4 5 8 9 10 11 12", "6 7"),
			want: want{mucR: 1, mucP: 0.9, b3R: 1, b3P: 7.0 / 12, ceR: (1 + 2*5.0/15) / 3, ceP: (1 + 2*5.0/15) / 2},
		},
		{
			// Pradhan et al. 2014, the worked example of the reference
			// implementation (with response-only mentions h and i):
			// MUC 0.40/0.40, B³ 35/84 and 0.50, CEAF-e 0.65 and 0.43.
			name: "pradhan", key: cl("a b c", "d e f g"), response: cl("a b", "c d", "f g h i"),
			want: want{mucR: 0.4, mucP: 0.4, b3R: 35.0 / 84, b3P: 0.5, ceR: 1.3 / 2, ceP: 1.3 / 3},
		},
		{
			name: "identical", key: cl("a b c", "d e", "f"), response: cl("f", "e d", "c b a"),
			want: want{1, 1, 1, 1, 1, 1},
		},
		{
			// Only singletons on both sides: no links for MUC (0/0 is
			// 0, as in the reference scorer), perfect B³ and CEAF-e.
			name: "all singletons", key: cl("a", "b", "c"), response: cl("c", "b", "a"),
			want: want{0, 0, 1, 1, 1, 1},
		},
		{
			// Everything merged against all singletons.
			name: "one cluster vs singletons", key: cl("a", "b", "c", "d"), response: cl("a b c d"),
			want: want{mucR: 0, mucP: 0, b3R: 1, b3P: 0.25, ceR: 0.4 / 4, ceP: 0.4},
		},
		{
			name: "singletons vs one cluster", key: cl("a b c d"), response: cl("a", "b", "c", "d"),
			want: want{mucR: 0, mucP: 0, b3R: 0.25, b3P: 1, ceR: 0.4, ceP: 0.4 / 4},
		},
		{
			// A response-only mention joins a correct pair: MUC counts it
			// as its own part, B³ precision counts it with nothing
			// matched, CEAF-e sees a larger cluster.
			name: "twinless response mention", key: cl("a b"), response: cl("a b c"),
			want: want{mucR: 1, mucP: 0.5, b3R: 1, b3P: 4.0 / 9, ceR: 0.8, ceP: 0.8},
		},
		{
			// A key mention the response missed.
			name: "twinless key mention", key: cl("a b c"), response: cl("a b"),
			want: want{mucR: 0.5, mucP: 1, b3R: 4.0 / 9, b3P: 1, ceR: 0.8, ceP: 0.8},
		},
		{
			// Response-only singletons cost B³ and CEAF-e precision but
			// not MUC.
			name: "spurious singletons", key: cl("a b"), response: cl("a b", "x", "y"),
			want: want{mucR: 1, mucP: 1, b3R: 1, b3P: 0.5, ceR: 1, ceP: 1.0 / 3},
		},
		{
			name: "disjoint", key: cl("a b"), response: cl("c d"),
			want: want{},
		},
		{
			name: "empty response", key: cl("a b", "c"), response: nil,
			want: want{},
		},
		{
			name: "both empty", key: nil, response: cl(""),
			want: want{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Score(tt.key, tt.response)
			if err != nil {
				t.Fatal(err)
			}
			got := want{r.MUC.Recall, r.MUC.Precision, r.B3.Recall, r.B3.Precision, r.CEAFe.Recall, r.CEAFe.Precision}
			g := []float64{got.mucR, got.mucP, got.b3R, got.b3P, got.ceR, got.ceP}
			w := []float64{tt.want.mucR, tt.want.mucP, tt.want.b3R, tt.want.b3P, tt.want.ceR, tt.want.ceP}
			names := []string{"MUC R", "MUC P", "B3 R", "B3 P", "CEAF-e R", "CEAF-e P"}
			for i := range g {
				if math.Abs(g[i]-w[i]) > eps {
					t.Errorf("%s = %.6f, want %.6f", names[i], g[i], w[i])
				}
			}
		})
	}
}

func TestCorefPradhanF1(t *testing.T) {
	// The paper gives F1s of 0.40, 0.46 and 0.52; its B³ F1 is computed
	// from recall and precision rounded to 0.42 and 0.50, the exact
	// value being 2·(35/84)·0.5/(35/84+0.5) = 0.4545.
	r, err := Score(cl("a b c", "d e f g"), cl("a b", "c d", "f g h i"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name      string
		got, want float64
	}{{"MUC", r.MUC.F1(), 0.40}, {"B3", r.B3.F1(), 0.4545}, {"CEAF-e", r.CEAFe.F1(), 0.52}} {
		if math.Abs(c.got-c.want) > 0.0005 {
			t.Errorf("%s F1 = %.4f, want %.2f", c.name, c.got, c.want)
		}
	}
	if want := (r.MUC.F1() + r.B3.F1() + r.CEAFe.F1()) / 3; r.CoNLL() != want {
		t.Errorf("CoNLL = %v, want %v", r.CoNLL(), want)
	}
	if got := r.String(); got != "MUC F1 40.0 B3 F1 45.5 CEAF-e F1 52.0 CoNLL F1 45.8" {
		t.Errorf("String = %q", got)
	}
}

func TestCorefScoreDuplicate(t *testing.T) {
	if _, err := Score(cl("a b", "b c"), cl("a")); err == nil {
		t.Error("mention in two key clusters: no error")
	}
	if _, err := Score(cl("a"), cl("a a")); err == nil {
		t.Error("mention twice in a response cluster: no error")
	}
}

func TestCorefClusters(t *testing.T) {
	got := Clusters(map[string]string{"d1:0:3": "x", "d2:5:9": "x", "d1:7:9": "y"})
	if len(got) != 2 || strings.Join(got[0], ",") != "d1:0:3,d2:5:9" || strings.Join(got[1], ",") != "d1:7:9" {
		t.Errorf("Clusters = %q", got)
	}
}

func TestCorefMaxAssignment(t *testing.T) {
	tests := []struct {
		w     [][]float64
		total float64
		cols  []int
	}{
		{w: nil, total: 0, cols: nil},
		{w: [][]float64{{}}, total: 0, cols: []int{-1}},
		{w: [][]float64{{1, 2}, {3, 5}}, total: 6, cols: []int{0, 1}},
		// Greedy would take 8 and then 0.
		{w: [][]float64{{7, 1, 0}, {8, 6, 0}}, total: 13, cols: []int{0, 1}},
		{w: [][]float64{{7, 8}, {1, 6}, {0, 0}}, total: 13, cols: []int{0, 1, -1}},
		{w: [][]float64{{0.8, 0.4, 0}, {0, 1.0 / 3, 0.5}}, total: 1.3, cols: []int{0, 2}},
	}
	for _, tt := range tests {
		cols, total := MaxAssignment(tt.w)
		if math.Abs(total-tt.total) > eps || (tt.cols != nil && !equalInts(cols, tt.cols)) {
			t.Errorf("MaxAssignment(%v) = %v, %v; want %v, %v", tt.w, cols, total, tt.cols, tt.total)
		}
		if len(cols) != len(tt.w) {
			t.Errorf("MaxAssignment(%v) = %v: want one column per row", tt.w, cols)
			continue
		}
		sum, seen := 0.0, map[int]bool{}
		for i, j := range cols {
			if j < 0 {
				continue
			}
			if seen[j] {
				t.Errorf("MaxAssignment(%v) = %v: column %d twice", tt.w, cols, j)
			}
			seen[j] = true
			sum += tt.w[i][j]
		}
		if math.Abs(sum-total) > eps {
			t.Errorf("MaxAssignment(%v) = %v sums to %v, reported %v", tt.w, cols, sum, total)
		}
	}
}

// TestCorefMaxAssignmentBrute checks Kuhn-Munkres against trying every
// assignment of small random matrices, square and rectangular.
func TestCorefMaxAssignmentBrute(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for iter := 0; iter < 500; iter++ {
		n, m := 1+rng.Intn(5), 1+rng.Intn(5)
		w := make([][]float64, n)
		for i := range w {
			w[i] = make([]float64, m)
			for j := range w[i] {
				if rng.Intn(3) > 0 {
					w[i][j] = float64(rng.Intn(10)) / 9
				}
			}
		}
		_, got := MaxAssignment(w)
		if want := brute(w, 0, make([]bool, m)); math.Abs(got-want) > eps {
			t.Fatalf("MaxAssignment(%v) = %v, brute force %v", w, got, want)
		}
	}
}

func brute(w [][]float64, i int, used []bool) float64 {
	if i == len(w) {
		return 0
	}
	best := brute(w, i+1, used) // row i left out
	for j := range used {
		if !used[j] {
			used[j] = true
			best = math.Max(best, w[i][j]+brute(w, i+1, used))
			used[j] = false
		}
	}
	return best
}

// TestCorefCEAFeComponents checks that aligning within components of
// overlapping clusters gives the same CEAF-e as one assignment over all
// clusters, on random partitions with twinless mentions on both sides.
func TestCorefCEAFeComponents(t *testing.T) {
	rng := rand.New(rand.NewSource(2))
	for iter := 0; iter < 200; iter++ {
		key := randomPartition(rng, 12, 0)
		resp := randomPartition(rng, 12, 3)
		k, _ := index(key)
		r, _ := index(resp)
		got := ceafe(k, r)
		w := make([][]float64, len(k.clusters))
		for i, kc := range k.clusters {
			w[i] = make([]float64, len(r.clusters))
			for j, rc := range r.clusters {
				n := 0
				for _, m := range kc {
					if r.of[m] == j {
						if _, ok := r.of[m]; ok {
							n++
						}
					}
				}
				w[i][j] = 2 * float64(n) / float64(len(kc)+len(rc))
			}
		}
		_, total := MaxAssignment(w)
		if want := total / float64(len(k.clusters)); math.Abs(got.Recall-want) > eps {
			t.Fatalf("key %v response %v: CEAF-e recall %v, one assignment %v", key, resp, got.Recall, want)
		}
	}
}

// randomPartition splits mentions m0..m(n-1), skipping some at random,
// plus extra mentions x0.. only this side has, into random clusters.
func randomPartition(rng *rand.Rand, n, extra int) [][]string {
	var ms []string
	for i := 0; i < n; i++ {
		if rng.Intn(5) > 0 {
			ms = append(ms, "m"+string(rune('a'+i)))
		}
	}
	for i := 0; i < extra; i++ {
		ms = append(ms, "x"+string(rune('a'+i)))
	}
	rng.Shuffle(len(ms), func(i, j int) { ms[i], ms[j] = ms[j], ms[i] })
	var out [][]string
	for len(ms) > 0 {
		k := 1 + rng.Intn(min(4, len(ms)))
		out = append(out, ms[:k])
		ms = ms[k:]
	}
	return out
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
