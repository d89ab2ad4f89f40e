// Package heapstart backs the heap of the commands that read a project
// with transparent huge pages (package hugepages) while the packages are
// initialised, before main runs.
//
// Why so early: a check is a short run, and where a page fault is dear,
// as on virtual machines, its page faults are a large part of it. The
// packages' initialisation alone (TiDB's parser builds maps of some 700
// KB) touched a few hundred 4 KiB pages of heap; reserving the huge pages
// first puts those allocations in them too. And the collection that
// frees the reservation is cheapest here: the heap holds a few size
// classes of objects, so sweeping it touches few of the runtime's span
// sets (made in main, after the initialisation, it faulted in a hundred
// pages of them). Side by side (21 rounds) against the reservation made
// in main: the bundled example 28.8 -> 27.5 ms (1,163 -> 907 page faults),
// a pull request's check of 300 revisions 52.4 -> 49.1 ms (1,704 ->
// 1,369).
//
// The package imports only the standard library and two packages of the
// project's own that import only the standard library, and its path
// sorts before the large dependencies' (github.com/pingcap/...), so Go
// initialises it before them (packages are initialised in import-path
// order once their imports are).
package heapstart

import (
	"os"

	"github.com/migrate-lint/migrate-lint/internal/command"
	"github.com/migrate-lint/migrate-lint/internal/hugepages"
)

// Reserve is how much heap is backed by huge pages: the heap of a full
// check of 1,607 real revision files peaks near 100 MB, of 5,000
// generated ones at the memory limit (cmd/migrate-lint/gc.go).
const Reserve = 128 << 20

func init() {
	if cmd, _ := command.Of(os.Args[1:]); command.ReadsProject(cmd) {
		hugepages.Reserve(Reserve)
	}
}
