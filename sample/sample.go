// Package sample holds a small corpus of Arabic news articles that the
// marsad team wrote for demonstrations and tests: conflict reporting of the
// kinds marsad analyses (attacks, airstrikes, arrests, clashes) and a few
// articles about other things. The events are fictional or composites;
// no sentence comes from a real article.
package sample

import (
	"bytes"
	_ "embed"
)

//go:embed articles.jsonl
var articles []byte

// Articles returns the sample corpus as JSON Lines (one document per line,
// fields as in the analysis contract).
func Articles() []byte { return bytes.Clone(articles) }
