package bot_test

import (
	"path/filepath"

	"briefbot/source"
)

// seedConfig is the bundled seed article as a configured file source.
func seedConfig() source.Config {
	c := source.Default()
	c.Path = filepath.Join("..", c.Path)
	return c
}
