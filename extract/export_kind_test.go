package extract

// DefaultKindModel is the committed kind model. It lives apart from
// export_test.go, which history.sh copies into older trees that have no
// committed model.
func DefaultKindModel() *KindModel { return defaultKindModel() }
