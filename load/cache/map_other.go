//go:build !(linux || darwin || freebsd)

package cache

import "os"

// readPack reads a pack (mapped on Linux and the BSDs, map_unix.go).
func readPack(path string) (data []byte, release func(), err error) {
	data, err = os.ReadFile(path)
	return data, func() {}, err
}
