//go:build !linux || !cgo

package store

// ShortLivedPageCache does nothing here: see pagecache_linux.go.
func ShortLivedPageCache() {}
