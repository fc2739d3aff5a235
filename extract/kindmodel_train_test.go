package extract_test

import (
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"briefbot/extract"
	"briefbot/internal/meantime"
)

// The kind model (kindmodel.go) is trained here on the held-out dev half
// and on MEANTIME, and measured by cross-validation with the held-out
// scorer. Only the dev half is read: the test halves are blind.
//
//	go test -tags sqlite_fts5 -run 'TestKindModelCV$' -v ./extract/ -kindmodel.cv
//	go test -tags sqlite_fts5 -run 'TestTrainKindModel$' -v ./extract/ -kindmodel.update
//
// The first prints five-fold cross-validation on dev (folds by file name
// order, trained on MEANTIME and the other folds, thresholds chosen by an
// inner cross-validation on the training folds) and leave-MEANTIME-out
// figures; the second trains on all of dev, MEANTIME and the candidates
// under testdata/kindmodel and rewrites kindmodel_weights.bin.
var (
	kindModelCV     = flag.Bool("kindmodel.cv", false, "cross-validate the kind model on dev and MEANTIME (slow)")
	kindModelNoRK   = flag.Bool("kindmodel.norules", false, "train without the rules' kind as a feature")
	kindModelDiag   = flag.Bool("kindmodel.diagonly", false, "cross-validate the classification only, without choosing thresholds")
	kindModelMTNone = flag.Bool("kindmodel.nomtnone", false, "leave out MEANTIME's none labels")
	kindModelUpdate = flag.Bool("kindmodel.update", false, "retrain the kind model and rewrite kindmodel_weights.bin")
)

const (
	kindNone    = 3
	kindFolds   = 5
	kindEpochs  = 15
	kindRate    = 0.2
	kindL2      = 1e-4
	kindWeights = "kindmodel_weights.bin"
)

// kindExtra are labelled candidates from -kindmodel.extra, trained on
// with MEANTIME.
var kindExtra []kindExample

// kindHeld names the articles scored in TestKindModelBatch, whose extra
// examples must not be trained on.
var kindHeld map[string]bool

// kindExample is one entity the rules proposed, its features and the
// class the gold gives it (-1 when the gold says nothing: ignored names,
// MEANTIME names outside the annotated sentences or of other types).
type kindExample struct {
	feats []uint32
	label int
	art   string // the article's file name, for extra examples
}

// kindDev is a dev article with the rules' output and its examples.
type kindDev struct {
	art  hoArticle
	doc  *extract.Document
	exs  []kindExample
	fold int
}

func kindIndex(k extract.Kind) int {
	for i, c := range extract.KindClasses {
		if c == k {
			return i
		}
	}
	return kindNone
}

// devKindLabels labels each entity by the held-out gold, with the matching
// of scoreHeldout: the kind of the gold entity it matches (an "either"
// entity takes the rules' kind when that is org or place), "none" when it
// matches nothing and is not ignored.
func devKindLabels(a hoArticle, doc *extract.Document) []int {
	g := a.gold
	ignored := map[string]bool{}
	for _, n := range g.Ignore {
		ignored[normName(n)] = true
	}
	out := make([]int, len(doc.Entities))
	for i, e := range doc.Entities {
		label := -1
		for ki, list := range [][]hoName{g.People, g.Organisations, g.Places} {
			for _, n := range list {
				if label < 0 && n.matches(e) {
					label = ki
					if n.Either && (e.Kind == extract.Org || e.Kind == extract.Place) {
						label = kindIndex(e.Kind)
					}
				}
			}
		}
		if label < 0 {
			ign := ignored[normName(e.Name)]
			for _, al := range e.Aliases {
				ign = ign || ignored[normName(al)]
			}
			if !ign {
				label = kindNone
			}
		}
		out[i] = label
	}
	return out
}

// meantimeKindLabels labels each entity by the MEANTIME gold mentions its
// own mentions in the annotated sentences overlap: the most common of
// person, org and place; "none" when they overlap no gold mention at all;
// unlabelled when they overlap only other types (products, financial
// terms) or lie past the annotation.
func meantimeKindLabels(d meantime.Doc, doc *extract.Document) []int {
	out := make([]int, len(doc.Entities))
	for i, e := range doc.Entities {
		var votes [3]int
		seen, other := false, false
		for _, m := range doc.Mentions {
			if m.Entity != e.Name || m.Start >= d.AnnotatedEnd {
				continue
			}
			seen = true
			for _, g := range d.Mentions {
				if g.Start >= m.End || m.Start >= g.End || g.Kind == "" {
					continue
				}
				switch g.Kind {
				case meantime.KindPerson:
					votes[0]++
				case meantime.KindOrg:
					votes[1]++
				case meantime.KindPlace:
					votes[2]++
				default:
					other = true
				}
			}
		}
		label := -1
		if seen {
			best := 0
			for c := range votes {
				if votes[c] > votes[best] {
					best = c
				}
			}
			switch {
			case votes[best] > 0:
				label = best
			case !other:
				label = kindNone
			}
		}
		out[i] = label
	}
	return out
}

func kindExamples(text string, doc *extract.Document, labels []int) []kindExample {
	feats := extract.KindFeatures(text, doc)
	out := make([]kindExample, len(feats))
	for i := range feats {
		out[i] = kindExample{feats: feats[i], label: labels[i]}
	}
	return out
}

func loadKindDev(t testing.TB) []kindDev {
	arts := loadHeldout(t, filepath.Join("testdata", "heldout", "dev"))
	if len(arts) == 0 {
		t.Skip("no dev articles")
	}
	out := make([]kindDev, len(arts))
	for i, a := range arts {
		doc := extract.ExtractRules(a.text, a.published)
		out[i] = kindDev{art: a, doc: doc, exs: kindExamples(a.text, doc, devKindLabels(a, doc)), fold: i * kindFolds / len(arts)}
	}
	return out
}

type kindMT struct {
	d   meantime.Doc
	doc *extract.Document
	exs []kindExample
}

func loadKindMeantime(t testing.TB) []kindMT {
	docs := loadMeantime(t)
	out := make([]kindMT, len(docs))
	for i, d := range docs {
		doc := extract.ExtractRules(d.Text, d.Published)
		out[i] = kindMT{d: d, doc: doc, exs: kindExamples(d.Text, doc, meantimeKindLabels(d, doc))}
	}
	return out
}

// trainKind fits a multinomial logistic regression by stochastic gradient
// descent with an L2 penalty on the features of each step, in an order
// fixed by a linear congruential generator, so that training is
// deterministic.
func trainKind(exs []kindExample) map[uint32][extract.KindNumClasses]float32 {
	var data []kindExample
	for _, e := range exs {
		if e.label >= 0 {
			data = append(data, e)
		}
	}
	w := make([][extract.KindNumClasses]float64, 1<<extract.KindHashBits)
	order := make([]int, len(data))
	for i := range order {
		order[i] = i
	}
	seed := uint64(11)
	for ep := 0; ep < kindEpochs; ep++ {
		for i := len(order) - 1; i > 0; i-- {
			seed = seed*6364136223846793005 + 1442695040888963407
			j := int((seed >> 33) % uint64(i+1))
			order[i], order[j] = order[j], order[i]
		}
		rate := kindRate / (1 + float64(ep)/3)
		for _, k := range order {
			ex := data[k]
			var s [extract.KindNumClasses]float64
			for _, f := range ex.feats {
				for c := range s {
					s[c] += w[f][c]
				}
			}
			p := extract.KindSoftmax(s)
			for c := range p {
				if c == ex.label {
					p[c] -= 1
				}
			}
			for _, f := range ex.feats {
				for c := range p {
					w[f][c] -= rate * (p[c] + kindL2*w[f][c])
				}
			}
		}
	}
	out := map[uint32][extract.KindNumClasses]float32{}
	for f, row := range w {
		var r [extract.KindNumClasses]float32
		nz := false
		for c, v := range row {
			r[c] = float32(v)
			nz = nz || math.Abs(v) >= 1e-4
		}
		if nz {
			out[uint32(f)] = r
		}
	}
	return out
}

// cloneDoc copies the parts of a document the kind model changes.
func cloneDoc(d *extract.Document) *extract.Document {
	c := *d
	c.Entities = append([]extract.Entity(nil), d.Entities...)
	c.Mentions = append([]extract.Mention(nil), d.Mentions...)
	c.Quotes = append([]extract.Quote(nil), d.Quotes...)
	c.Events = append([]extract.Event(nil), d.Events...)
	for i := range c.Events {
		c.Events[i].Entities = append([]string(nil), c.Events[i].Entities...)
	}
	return &c
}

// kindGrid are the thresholds tried, from the most cautious; 2 is off.
var kindGrid = []float64{2, 0.95, 0.9, 0.8, 0.7, 0.6, 0.5}

// scoreWith scores dev articles with a model per article (nil: the rules
// alone) under a policy.
func scoreWith(devs []kindDev, models []map[uint32][extract.KindNumClasses]float32, change, drop float64) *heldoutScore {
	hs := &heldoutScore{}
	// A model is built once per weight map: building indexes it.
	built := map[uintptr]*extract.KindModel{}
	for i, d := range devs {
		doc := d.doc
		if models != nil {
			key := reflect.ValueOf(models[i]).Pointer()
			m := built[key]
			if m == nil {
				m = extract.NewKindModel(models[i], change, drop)
				built[key] = m
			}
			doc = cloneDoc(d.doc)
			extract.ApplyKindModel(d.art.text, doc, m)
		}
		hs.add(scoreHeldout(d.art, doc))
	}
	return hs
}

// entityF1 is the micro F1 of people, organisations and places together,
// what the thresholds are chosen for.
func entityF1(s *heldoutScore) float64 {
	r := float64(s.people.hit+s.orgs.hit+s.places.hit) / float64(s.people.total+s.orgs.total+s.places.total)
	p := float64(s.peopleP.hit+s.orgsP.hit+s.placesP.hit) / float64(s.peopleP.total+s.orgsP.total+s.placesP.total)
	if r+p == 0 {
		return 0
	}
	return 2 * r * p / (r + p)
}

// choosePolicy picks the thresholds with the best entity F1 on devs, each
// scored with its own model (trained without it); ties go to the more
// cautious.
func choosePolicy(devs []kindDev, models []map[uint32][extract.KindNumClasses]float32) (change, drop float64) {
	best := -1.0
	for _, c := range kindGrid {
		for _, d := range kindGrid {
			if f := entityF1(scoreWith(devs, models, c, d)); f > best+1e-12 {
				best, change, drop = f, c, d
			}
		}
	}
	return change, drop
}

// trainOn trains on MEANTIME (when given) and the dev articles keep
// admits.
//
// Extra examples of an article that is held out (in devs but not kept, or
// in kindHeld) are left out too: they would teach the model that
// article's names.
func trainOn(mt []kindMT, devs []kindDev, keep func(kindDev) bool) map[uint32][extract.KindNumClasses]float32 {
	held := map[string]bool{}
	for n := range kindHeld {
		held[n] = true
	}
	for _, d := range devs {
		if !keep(d) {
			held[d.art.name] = true
		}
	}
	var exs []kindExample
	for _, e := range kindExtra {
		if !held[e.art] {
			exs = append(exs, e)
		}
	}
	for _, m := range mt {
		exs = append(exs, m.exs...)
	}
	for _, d := range devs {
		if keep(d) {
			exs = append(exs, d.exs...)
		}
	}
	return trainKind(exs)
}

// oofPolicy chooses thresholds for devs by cross-validation over their
// folds (each fold scored by a model trained on mt and the other folds).
func oofPolicy(mt []kindMT, devs []kindDev) (change, drop float64) {
	folds := map[int]map[uint32][extract.KindNumClasses]float32{}
	for _, d := range devs {
		if _, ok := folds[d.fold]; !ok {
			f := d.fold
			folds[f] = trainOn(mt, devs, func(o kindDev) bool { return o.fold != f })
		}
	}
	models := make([]map[uint32][extract.KindNumClasses]float32, len(devs))
	for i, d := range devs {
		models[i] = folds[d.fold]
	}
	return choosePolicy(devs, models)
}

func kindRows(rules, learned *heldoutScore) string {
	var b strings.Builder
	fmt.Fprintf(&b, "| %-26s | %-15s | %-15s |\n", "measure", "rules", "learned")
	row := func(name string, r, l hoCount) {
		fmt.Fprintf(&b, "| %-26s | %3d/%3d %.3f | %3d/%3d %.3f |\n", name, r.hit, r.total, r.ratio(), l.hit, l.total, l.ratio())
	}
	row("people recall", rules.people, learned.people)
	row("people precision", rules.peopleP, learned.peopleP)
	row("organisations recall", rules.orgs, learned.orgs)
	row("organisations precision", rules.orgsP, learned.orgsP)
	row("places recall", rules.places, learned.places)
	row("places precision", rules.placesP, learned.placesP)
	row("roles recall", rules.roles, learned.roles)
	row("roles recall (org missing)", rules.rolesNoOrg, learned.rolesNoOrg)
	row("events recall", rules.events, learned.events)
	row("quotes recall (speaker)", rules.quotes, learned.quotes)
	row("quotes recall (text)", rules.qtxt, learned.qtxt)
	fmt.Fprintf(&b, "| %-26s | %15d | %15d |\n", "non-verbatim quotes", rules.nonVerbatim, learned.nonVerbatim)
	fmt.Fprintf(&b, "| %-26s | %15d | %15d |\n", "false dates", rules.falseDates, learned.falseDates)
	return b.String()
}

// TestKindModelCV measures the kind model against the rules: nested
// five-fold cross-validation on dev, and leave-MEANTIME-out.
func TestKindModelCV(t *testing.T) {
	if !*kindModelCV {
		t.Skip("run with -kindmodel.cv")
	}
	if *kindModelNoRK {
		extract.SetKindRuleKind(false)
		defer extract.SetKindRuleKind(true)
	}
	kindExtra = extraKindExamples(t)
	defer func() { kindExtra = nil }()
	devs := loadKindDev(t)
	mt := loadKindMeantime(t)
	if *kindModelMTNone {
		for i := range mt {
			for j := range mt[i].exs {
				if mt[i].exs[j].label == kindNone {
					mt[i].exs[j].label = -1
				}
			}
		}
	}

	rules := &heldoutScore{}
	learned := &heldoutScore{}
	diag := &kindDiag{}
	for k := 0; k < kindFolds; k++ {
		var train, test []kindDev
		for _, d := range devs {
			if d.fold == k {
				test = append(test, d)
			} else {
				train = append(train, d)
			}
		}
		kindHeld = map[string]bool{}
		for _, d := range test {
			kindHeld[d.art.name] = true
		}
		model := trainOn(mt, train, func(kindDev) bool { return true })
		for _, d := range test {
			diag.add(d, model)
		}
		if *kindModelDiag {
			continue
		}
		change, drop := oofPolicy(mt, train)
		models := make([]map[uint32][extract.KindNumClasses]float32, len(test))
		for i := range test {
			models[i] = model
		}
		r := scoreWith(test, nil, 0, 0)
		l := scoreWith(test, models, change, drop)
		t.Logf("fold %d (%s .. %s): change >= %.2f, drop >= %.2f\n%s", k, test[0].art.name, test[len(test)-1].art.name, change, drop, kindRows(r, l))
		rules.add(r)
		learned.add(l)
	}
	kindHeld = nil
	t.Logf("out-of-fold classification of the labelled candidates:\n%s", diag)
	if *kindModelDiag {
		return
	}
	t.Logf("dev, five-fold cross-validation, summed over folds:\n%s", kindRows(rules, learned))

	// Leave MEANTIME out: train on dev alone, thresholds by
	// cross-validation on dev, score MEANTIME.
	change, drop := oofPolicy(nil, devs)
	model := extract.NewKindModel(trainOn(nil, devs, func(kindDev) bool { return true }), change, drop)
	before, after := newEvaluation(), newEvaluation()
	var pb, pa [3]int
	for _, m := range mt {
		before.addDoc(m.d, m.doc)
		doc := cloneDoc(m.doc)
		extract.ApplyKindModel(m.d.Text, doc, model)
		after.addDoc(m.d, doc)
		for i, x := range auditPersons(m.d, m.doc) {
			pb[i] += x
		}
		for i, x := range auditPersons(m.d, doc) {
			pa[i] += x
		}
	}
	t.Logf("leave-MEANTIME-out (trained on dev, change >= %.2f, drop >= %.2f)\nrules:\n%s\nlearned:\n%s", change, drop, namesTable(before), namesTable(after))
	t.Logf("person audit (gold persons, not persons, not in gold): rules %v, learned %v", pb, pa)
}

// namesTable is the named-entity table of the MEANTIME evaluation.
func namesTable(ev *evaluation) string {
	md := ev.markdown()
	i := strings.Index(md, "| Kind |")
	j := strings.Index(md, "**Time expressions.**")
	if i < 0 || j < i {
		return md
	}
	return md[i:j]
}

// auditPersons counts the person entities of doc as TestMeantimePersons
// does: gold persons, not persons, not in gold.
func auditPersons(d meantime.Doc, doc *extract.Document) [3]int {
	var out [3]int
	for _, e := range doc.Entities {
		if e.Kind != extract.Person {
			continue
		}
		isPer, other := false, false
		for _, m := range doc.Mentions {
			if m.Entity != e.Name || m.Kind != extract.Person {
				continue
			}
			for _, g := range d.Mentions {
				if g.Start >= m.End || m.Start >= g.End || g.Kind == "" {
					continue
				}
				if g.Kind == meantime.KindPerson {
					isPer = true
				} else {
					other = true
				}
			}
		}
		switch {
		case isPer:
			out[0]++
		case other:
			out[1]++
		default:
			out[2]++
		}
	}
	return out
}

// The committed model's thresholds, chosen on the leave-one-batch-out
// runs of testdata/kindmodel/history.sh (the pair with the best entity F1
// summed over the batches, each scored by a model that never saw it, with
// the changes kindChanges allows):
// rules that have not seen a style are what the model must correct, and
// cross-validation on today's dev, on which every rule was tuned, cannot
// tell how far to trust it.
const (
	kindChange = 0.6
	kindDrop   = 0.5
)

// committedKindExtra reads the recorded candidates of untuned rules
// committed under testdata/kindmodel (written by history.sh's
// TestKindModelDump runs: dev articles only).
func committedKindExtra(t testing.TB) []kindExample {
	files, err := filepath.Glob(filepath.Join("testdata", "kindmodel", "rk_*.json"))
	if err != nil {
		t.Fatal(err)
	}
	old := *kindModelExtra
	defer func() { *kindModelExtra = old }()
	*kindModelExtra = strings.Join(files, ",")
	return extraKindExamples(t)
}

// TestTrainKindModel trains the kind model on all of dev, MEANTIME and
// the committed candidates of untuned rules, with the thresholds above,
// and with -kindmodel.update rewrites kindmodel_weights.bin; without it,
// checks that the committed file is what training gives.
func TestTrainKindModel(t *testing.T) {
	if testing.Short() {
		t.Skip("retraining is slow")
	}
	old, err := os.ReadFile(kindWeights)
	if !*kindModelUpdate && err != nil {
		t.Skipf("no committed model (%v); train one with -kindmodel.update", err)
	}
	kindExtra = committedKindExtra(t)
	defer func() { kindExtra = nil }()
	devs := loadKindDev(t)
	mt := loadKindMeantime(t)
	model := extract.NewKindModel(trainOn(mt, devs, func(kindDev) bool { return true }), kindChange, kindDrop)
	b := extract.EncodeKindModel(model)
	t.Logf("kind model: %d features, %d bytes, change >= %.2f, drop >= %.2f, %d extra candidates", len(extract.KindWeights(model)), len(b), kindChange, kindDrop, len(kindExtra))
	if *kindModelUpdate {
		if err := os.WriteFile(kindWeights, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if string(old) != string(b) {
		t.Errorf("%s is not what training gives; rerun with -kindmodel.update", kindWeights)
	}
}

// BenchmarkKindModel measures what the kind model adds to Extract: the
// pipeline without it, and with a model trained on dev and MEANTIME
// applied to its output (thresholds 0.8, so that it acts), and the model
// alone on copies of the pipeline's output, beside the copying alone.
func BenchmarkKindModel(b *testing.B) {
	devs := loadKindDev(b)
	mt := loadKindMeantime(b)
	model := extract.NewKindModel(trainOn(mt, devs, func(kindDev) bool { return true }), 0.8, 0.8)
	b.Run("rules", func(b *testing.B) {
		benchAll(b, func(in benchText) { extract.ExtractRules(in.text, in.published) })
	})
	docs := map[string]*extract.Document{}
	for _, in := range append(meantimeInputs(b), seedInput()) {
		docs[in.text] = extract.ExtractRules(in.text, in.published)
	}
	b.Run("clone-only", func(b *testing.B) {
		benchAll(b, func(in benchText) { cloneDoc(docs[in.text]) })
	})
	b.Run("model-only", func(b *testing.B) {
		benchAll(b, func(in benchText) { extract.ApplyKindModel(in.text, cloneDoc(docs[in.text]), model) })
	})
	b.Run("rules+model", func(b *testing.B) {
		benchAll(b, func(in benchText) {
			extract.ApplyKindModel(in.text, extract.ExtractRules(in.text, in.published), model)
		})
	})
}

// kindDiag tallies, over labelled candidates, how often the rules' kind
// and the model's are right, and where they disagree, who is right at
// each confidence.
type kindDiag struct {
	n, rulesOK, modelOK int
	// by confidence decile of the model's class, when it disagrees with
	// the rules: model right, rules right, both wrong.
	dis [10][3]int
	// rules' kind by gold class
	conf [4][4]int
}

func (k *kindDiag) add(d kindDev, w map[uint32][extract.KindNumClasses]float32) {
	probs := extract.KindProbs(extract.NewKindModel(w, 2, 2), d.art.text, d.doc)
	for i, e := range d.doc.Entities {
		label := d.exs[i].label
		if label < 0 {
			continue
		}
		k.n++
		rk := kindIndex(e.Kind)
		k.conf[rk][label]++
		best := 0
		for c := range probs[i] {
			if probs[i][c] > probs[i][best] {
				best = c
			}
		}
		if rk == label {
			k.rulesOK++
		}
		if best == label {
			k.modelOK++
		}
		if best != rk {
			b := min(int(probs[i][best]*10), 9)
			switch label {
			case best:
				k.dis[b][0]++
			case rk:
				k.dis[b][1]++
			default:
				k.dis[b][2]++
			}
		}
	}
}

func (k *kindDiag) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "labelled %d: rules right %d, model right %d\n", k.n, k.rulesOK, k.modelOK)
	fmt.Fprintf(&b, "rules kind (rows person/org/place/none) by gold (cols): %v\n", k.conf)
	for i, r := range k.dis {
		if r != [3]int{} {
			fmt.Fprintf(&b, "disagree, model p in [%.1f,%.1f): model right %d, rules right %d, both wrong %d\n", float64(i)/10, float64(i+1)/10, r[0], r[1], r[2])
		}
	}
	return b.String()
}

var kindModelBatch = flag.String("kindmodel.batch", "", "with -kindmodel.cv, hold out the dev articles numbered `lo-hi` instead of cross-validating")

// TestKindModelBatch holds out one batch of dev articles (-kindmodel.batch
// lo-hi), trains on MEANTIME and the other dev articles, chooses the
// thresholds by five-fold cross-validation on those, and scores the batch
// with the rules alone and with the model. Run at the commit that added
// the batch (before any rule was tuned on it), this compares the model
// with rules that had not seen the batch's styles either, which
// cross-validation on today's dev cannot do: today's rules were tuned on
// every dev article.
func TestKindModelBatch(t *testing.T) {
	if *kindModelBatch == "" {
		t.Skip("run with -kindmodel.batch lo-hi")
	}
	var lo, hi int
	if _, err := fmt.Sscanf(*kindModelBatch, "%d-%d", &lo, &hi); err != nil {
		t.Fatal(err)
	}
	if *kindModelNoRK {
		extract.SetKindRuleKind(false)
		defer extract.SetKindRuleKind(true)
	}
	kindExtra = extraKindExamples(t)
	defer func() { kindExtra = nil }()
	devs := loadKindDev(t)
	mt := loadKindMeantime(t)
	var train, test []kindDev
	for _, d := range devs {
		var n int
		fmt.Sscanf(d.art.name, "%d", &n)
		if n >= lo && n <= hi {
			test = append(test, d)
		} else {
			train = append(train, d)
		}
	}
	for i := range train {
		train[i].fold = i * kindFolds / len(train)
	}
	kindHeld = map[string]bool{}
	for _, d := range test {
		kindHeld[d.art.name] = true
	}
	defer func() { kindHeld = nil }()
	model := trainOn(mt, train, func(kindDev) bool { return true })
	diag := &kindDiag{}
	for _, d := range test {
		diag.add(d, model)
	}
	change, drop := oofPolicy(mt, train)
	models := make([]map[uint32][extract.KindNumClasses]float32, len(test))
	for i := range test {
		models[i] = model
	}
	r := scoreWith(test, nil, 0, 0)
	l := scoreWith(test, models, change, drop)
	t.Logf("batch %s (%d articles, trained on %d): change >= %.2f, drop >= %.2f\n%s\n%s", *kindModelBatch, len(test), len(train), change, drop, kindRows(r, l), diag)
	// The same batch with each threshold, for what a policy could do,
	// and with each set of allowed changes (the lines of a mode other
	// than 0 start with "mode N ").
	defer extract.SetKindChanges(extract.SetKindChanges(0))
	for mode := 0; mode < 4; mode++ {
		extract.SetKindChanges(mode)
		prefix := ""
		if mode > 0 {
			prefix = fmt.Sprintf("mode %d ", mode)
		}
		for _, c := range kindGrid {
			for _, d := range kindGrid {
				s := scoreWith(test, models, c, d)
				t.Logf("%schange %.2f drop %.2f: people %d/%d P %d/%d; orgs %d/%d P %d/%d; places %d/%d P %d/%d", prefix, c, d,
					s.people.hit, s.people.total, s.peopleP.hit, s.peopleP.total, s.orgs.hit, s.orgs.total, s.orgsP.hit, s.orgsP.total,
					s.places.hit, s.places.total, s.placesP.hit, s.placesP.total)
			}
		}
	}
}

var (
	kindModelDump  = flag.String("kindmodel.dump", "", "with -kindmodel.batch, write the batch's labelled candidates to this `file` (JSON)")
	kindModelExtra = flag.String("kindmodel.extra", "", "comma-separated JSON `files` of labelled candidates (from -kindmodel.dump) to train on as well")
)

// TestKindModelDump writes the labelled candidates of a batch of dev
// articles (-kindmodel.batch) as the extractor of this commit proposes
// them. Run at the commit that added the batch, before any rule was tuned
// on it, it records the mistakes rules make on styles they have not seen:
// the training data the model lacks when it learns only from articles
// the rules were tuned on.
func TestKindModelDump(t *testing.T) {
	if *kindModelDump == "" || *kindModelBatch == "" {
		t.Skip("run with -kindmodel.batch lo-hi -kindmodel.dump file")
	}
	if *kindModelNoRK {
		extract.SetKindRuleKind(false)
		defer extract.SetKindRuleKind(true)
	}
	var lo, hi int
	if _, err := fmt.Sscanf(*kindModelBatch, "%d-%d", &lo, &hi); err != nil {
		t.Fatal(err)
	}
	type rec struct {
		Art   string   `json:"a"`
		Feats []uint32 `json:"f"`
		Label int      `json:"l"`
	}
	var out []rec
	for _, d := range loadKindDev(t) {
		var n int
		fmt.Sscanf(d.art.name, "%d", &n)
		if n < lo || n > hi {
			continue
		}
		for _, e := range d.exs {
			if e.label >= 0 {
				out = append(out, rec{d.art.name, e.feats, e.label})
			}
		}
	}
	b, err := json.Marshal(out)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(*kindModelDump, b, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d labelled candidates written to %s", len(out), *kindModelDump)
}

// extraKindExamples reads the files of -kindmodel.extra.
func extraKindExamples(t testing.TB) []kindExample {
	var out []kindExample
	for _, p := range strings.Split(*kindModelExtra, ",") {
		if p == "" {
			continue
		}
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var recs []struct {
			Art   string   `json:"a"`
			Feats []uint32 `json:"f"`
			Label int      `json:"l"`
		}
		if err := json.Unmarshal(b, &recs); err != nil {
			t.Fatal(err)
		}
		for _, r := range recs {
			if r.Art == "" {
				t.Fatalf("%s: a candidate without its article", p)
			}
			out = append(out, kindExample{feats: r.Feats, label: r.Label, art: r.Art})
		}
	}
	return out
}
