package alembic

import (
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/migrate-lint/migrate-lint/lint/python"
)

// prefetcher reads modules' imports (python.Parser.ParseImports) on the
// other cores ahead of the walk that will ask for them. The import
// closure of env.py is a walk that finds the next module only by reading
// the one before, one module at a time: on nylas/sync-engine 128
// modules, the last 40 to 60 ms of a cold check, after the revisions are
// parsed, with the other core idle. What a module imports is known when
// it is read, so those modules are handed to helpers then, and the walk
// finds most of them read when it gets there. The walk, and so what it
// concludes, is unchanged: a module's imports are read the same wherever
// they are. The helpers start only when Layout.CoresFree says the
// revisions are parsed: before that they took the revisions' core
// (indico's check was 8% slower).
type prefetcher struct {
	mu      sync.Mutex
	modules map[string]*prefetched
	queue   chan string
	quit    chan struct{} // closed when the walk is over
	stopped bool
	done    sync.WaitGroup
}

// helped counts the modules the helpers parsed, for tests.
var helped atomic.Int64

// prefetched is one module handed to the helpers.
type prefetched struct {
	state prefetchState
	ready chan struct{} // closed once mod is set (state started)
	mod   *python.Module
}

type prefetchState int

const (
	queued  prefetchState = iota
	started               // a helper parses it
	claimed               // the walk reached it first and parses it itself
)

// startPrefetch starts a helper per core but one (the walk has that one).
func (p *projectModules) startPrefetch() {
	helpers := runtime.GOMAXPROCS(0) - 1
	if helpers < 1 || p.prefetch != nil {
		return // one round of helpers per run
	}
	f := &prefetcher{modules: map[string]*prefetched{}, queue: make(chan string, 4096), quit: make(chan struct{})}
	p.prefetch = f
	gate := p.layout.CoresFree
	for range helpers {
		f.done.Add(1)
		go func() {
			defer f.done.Done()
			if gate != nil {
				select {
				case <-gate:
				case <-f.quit:
					return
				}
			}
			parser := python.NewParser()
			defer parser.Close()
			for name := range f.queue {
				f.mu.Lock()
				m := f.modules[name]
				if m.state != queued || f.stopped {
					f.mu.Unlock()
					continue
				}
				m.state = started
				f.mu.Unlock()
				data, _ := p.bytes(name)
				m.mod = parsePart(p.layout.Modules, parser, python.Imports, data)
				close(m.ready)
				helped.Add(1)
			}
		}()
	}
}

// stopPrefetch ends the helpers once each has finished the module it is
// at; a module handed to them and not started is parsed by whoever asks.
func (p *projectModules) stopPrefetch() {
	f := p.prefetch
	if f == nil {
		return
	}
	f.mu.Lock()
	f.stopped = true
	close(f.quit)
	close(f.queue)
	f.mu.Unlock()
	f.done.Wait()
}

// hint hands a module to the helpers, unless it is parsed, handed
// already, or not the project's.
func (p *projectModules) hint(name string) {
	f := p.prefetch
	if f == nil {
		return
	}
	name = p.canonical(name)
	_, parsed := p.refs[name]
	if _, read := p.imports[name]; parsed || read || p.files[name] == "" {
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, handed := f.modules[name]; handed || f.stopped {
		return
	}
	select {
	case f.queue <- name:
		f.modules[name] = &prefetched{ready: make(chan struct{})}
	default: // the queue is full: the walk parses it
	}
}

// take returns the module a helper parsed, waiting for it if a helper is
// at it, or nil if none started it (it is then the caller's to parse).
func (p *projectModules) take(name string) *python.Module {
	f := p.prefetch
	if f == nil {
		return nil
	}
	f.mu.Lock()
	m := f.modules[name]
	if m == nil || m.state != started {
		if m != nil {
			m.state = claimed
		}
		f.mu.Unlock()
		return nil
	}
	f.mu.Unlock()
	<-m.ready
	return m.mod
}
