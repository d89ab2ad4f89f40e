package main

import (
	"github.com/migrate-lint/migrate-lint/load/cache"
)

// extractionCache is the cache of parsed revision files that check and
// sandbox use, unless --no-cache; nil when there is none (no cache
// directory: the run is only slower).
func extractionCache(o *options) *cache.Cache {
	if o.noCache {
		return nil
	}
	dir, err := cache.Dir()
	if err != nil {
		return nil
	}
	c, err := cache.Open(dir, version)
	if err != nil {
		return nil
	}
	return c
}
