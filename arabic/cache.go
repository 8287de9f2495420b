package arabic

import (
	"hash/maphash"
	"sync"
	"unicode/utf8"
)

// stemCache remembers the stems of words already seen. Word frequencies
// follow Zipf's law, so a bounded cache of the common forms spares most of
// the segmentation work; past its bound it stops growing.
type stemCache struct {
	seed   maphash.Seed
	shards [16]struct {
		mu sync.RWMutex
		m  map[string]cached
	}
}

type cached struct {
	stem string
	stop bool
}

// cacheLimit bounds the entries of each shard.
const cacheLimit = 8192

func newStemCache() *stemCache {
	c := &stemCache{seed: maphash.MakeSeed()}
	for i := range c.shards {
		c.shards[i].m = make(map[string]cached)
	}
	return c
}

// key writes the cache key of a folded word into buf.
func cacheKey(buf []byte, w []rune, hamza bool) []byte {
	buf = buf[:0]
	if hamza {
		buf = append(buf, 1)
	} else {
		buf = append(buf, 0)
	}
	for _, r := range w {
		buf = utf8.AppendRune(buf, r)
	}
	return buf
}

func (c *stemCache) get(key []byte) (cached, bool) {
	sh := &c.shards[maphash.Bytes(c.seed, key)&15]
	sh.mu.RLock()
	v, ok := sh.m[string(key)]
	sh.mu.RUnlock()
	return v, ok
}

func (c *stemCache) put(key []byte, v cached) {
	sh := &c.shards[maphash.Bytes(c.seed, key)&15]
	sh.mu.Lock()
	if len(sh.m) < cacheLimit {
		sh.m[string(key)] = v
	}
	sh.mu.Unlock()
}
