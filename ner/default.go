package ner

import (
	"bytes"
	"embed"
	"errors"
	"io/fs"
	"os"
	"sync"
)

//go:embed modeldata
var modelFS embed.FS

// DefaultModelFile is the embedded model's path in modelFS.
const DefaultModelFile = "modeldata/ner.model.gz"

// EnvModel names the environment variable that replaces the embedded model
// with a model file for every command (as MARSAD_KB does for the knowledge
// base): MARSAD_NER_MODEL=path/to/model.gz marsad analyze …
const EnvModel = "MARSAD_NER_MODEL"

var loadDefault = sync.OnceValues(func() (*Model, error) {
	if p := os.Getenv(EnvModel); p != "" {
		return Load(p)
	}
	b, err := modelFS.ReadFile(DefaultModelFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, errors.New("ner: this marsad was built without an embedded model; use --model")
	}
	if err != nil {
		return nil, err
	}
	return Read(bytes.NewReader(b))
})

// Default returns the model embedded in the binary, or the one $MARSAD_NER_MODEL
// names, loading it on first use.
func Default() (*Model, error) { return loadDefault() }
