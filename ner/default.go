package ner

import (
	"bytes"
	"embed"
	"errors"
	"io/fs"
	"sync"
)

//go:embed modeldata
var modelFS embed.FS

// DefaultModelFile is the embedded model's path in modelFS.
const DefaultModelFile = "modeldata/ner.model.gz"

var loadDefault = sync.OnceValues(func() (*Model, error) {
	b, err := modelFS.ReadFile(DefaultModelFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, errors.New("ner: this marsad was built without an embedded model; use --model")
	}
	if err != nil {
		return nil, err
	}
	return Read(bytes.NewReader(b))
})

// Default returns the model embedded in the binary, loading it on first use.
func Default() (*Model, error) { return loadDefault() }
