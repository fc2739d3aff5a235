package extract

import (
	_ "embed"
	"sync"
)

// kindModelBin is the committed kind model, trained by TestTrainKindModel
// (kindmodel_train_test.go) on the dev half, MEANTIME and the recorded
// candidates of untuned rules under testdata/kindmodel, with the
// thresholds chosen on the leave-one-batch-out runs of history.sh.
//
//go:embed kindmodel_weights.bin
var kindModelBin []byte

var (
	kindDefaultOnce sync.Once
	kindDefault     *kindModel
)

// defaultKindModel decodes the committed model on first use, so that
// importing the package costs no start-up time.
func defaultKindModel() *kindModel {
	kindDefaultOnce.Do(func() { kindDefault = decodeKindModel(kindModelBin) })
	return kindDefault
}
