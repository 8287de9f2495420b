package api

import (
	"fmt"
	"sync"
	"time"

	"github.com/marsad/marsad/store"
)

// facetCache keeps the facets of recent searches for a while: every
// screen of the UI asks /search?limit=0 for its filter menus, and over a
// large corpus the facets are most of a search's cost. Entries expire
// after ttl and all are dropped when documents are ingested here; a
// store written by another process is seen after at most ttl.
type facetCache struct {
	mu      sync.Mutex
	ttl     time.Duration
	max     int
	entries map[string]facetEntry
}

type facetEntry struct {
	f  *store.Facets
	at time.Time
}

func newFacetCache(ttl time.Duration, max int) *facetCache {
	if ttl <= 0 {
		return nil
	}
	return &facetCache{ttl: ttl, max: max, entries: map[string]facetEntry{}}
}

func facetKey(q string, f store.Filter) string {
	return fmt.Sprintf("%q|%q|%q|%q|%q|%q|%q|%q|%v", q, f.From, f.To, f.Places, f.Countries, f.Actors, f.EventTypes, f.Sources, f.IncludeDuplicates)
}

func (c *facetCache) get(key string, now time.Time) *store.Facets {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[key]
	if !ok || now.Sub(e.at) > c.ttl {
		return nil
	}
	return e.f
}

func (c *facetCache) put(key string, f *store.Facets, now time.Time) {
	if c == nil || f == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.entries) >= c.max {
		for k, e := range c.entries {
			if now.Sub(e.at) > c.ttl || len(c.entries) >= c.max {
				delete(c.entries, k)
			}
		}
	}
	c.entries[key] = facetEntry{f, now}
}

func (c *facetCache) clear() {
	if c == nil {
		return
	}
	c.mu.Lock()
	c.entries = map[string]facetEntry{}
	c.mu.Unlock()
}
