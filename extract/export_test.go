package extract

import "time"

// The names below give the external tests (kindmodel_train_test.go) the
// kind model's internals, so that it can be trained and cross-validated
// with the held-out scorer.

// KindModel is kindModel, for the tests.
type KindModel = kindModel

// KindNumClasses is the number of classes of the kind model.
const KindNumClasses = kindNumClasses

// KindSoftmax is softmax, which training shares with the model.
func KindSoftmax(s [KindNumClasses]float64) [KindNumClasses]float64 { return softmax(s) }

// KindHashBits is the size of the feature table, as a power of two.
const KindHashBits = kindHashBits

// KindClasses are the kind model's classes in weight order.
var KindClasses = kindClasses

// ExtractRules runs the pipeline without the kind model.
func ExtractRules(text string, published time.Time) *Document { return extractRules(text, published) }

// NewKindModel wraps trained weights.
func NewKindModel(w map[uint32][kindNumClasses]float32, change, drop float64) *KindModel {
	m := &kindModel{w: w, policy: kindPolicy{Change: change, Drop: drop}}
	m.index()
	return m
}

// KindWeights returns a model's weights.
func KindWeights(m *KindModel) map[uint32][kindNumClasses]float32 { return m.w }

// EncodeKindModel is encodeKindModel.
func EncodeKindModel(m *KindModel) []byte { return encodeKindModel(m) }

// DecodeKindModel is decodeKindModel.
func DecodeKindModel(b []byte) *KindModel { return decodeKindModel(b) }

// KindProbs returns the model's class probabilities for each entity.
func KindProbs(m *KindModel, text string, doc *Document) [][kindNumClasses]float64 {
	ms, sp := kindInputs(doc)
	out := make([][kindNumClasses]float64, len(doc.Entities))
	for i := range doc.Entities {
		out[i] = m.probs(kindFeatures(text, &doc.Entities[i], gazKind(&doc.Entities[i]), ms[i], sp[i]))
	}
	return out
}

// KindFeatures returns the hashed features of each entity of doc.
func KindFeatures(text string, doc *Document) [][]uint32 {
	ms, sp := kindInputs(doc)
	out := make([][]uint32, len(doc.Entities))
	for i := range doc.Entities {
		out[i] = kindFeatures(text, &doc.Entities[i], gazKind(&doc.Entities[i]), ms[i], sp[i])
	}
	return out
}

// ApplyKindModel is applyKindModel with the model's own policy.
func ApplyKindModel(text string, doc *Document, m *KindModel) {
	applyKindModel(text, doc, m, m.policy)
}

// KindPolicyOf returns a model's two thresholds.
func KindPolicyOf(m *KindModel) (change, drop float64) { return m.policy.Change, m.policy.Drop }

// SetKindRuleKind turns the rules'-kind features on or off.
func SetKindRuleKind(on bool) { kindRuleKind = on }

// SetKindChanges sets which kind changes the policy allows (kindChanges)
// and returns what it was.
func SetKindChanges(mode int) int {
	old := kindChanges
	kindChanges = mode
	return old
}
