package kb

import (
	"strings"

	"github.com/marsad/marsad/arabic"
)

// key is the matching key of a name: arabic.Key, under which every
// dictionary of marsad is looked up.
func key(s string) string { return arabic.Key(strings.TrimSpace(s)) }
