package main

import (
	"runtime"
	"testing"
	"time"
)

// TestAfterCollectionOf: the call waits for a collection that leaves at
// least the live heap asked for, through the collections that leave less.
func TestAfterCollectionOf(t *testing.T) {
	called := make(chan struct{}, 1)
	runtime.GC() // what an earlier test left live is measured now
	want := liveHeap() + 64<<20
	afterCollectionOf(want, func() { called <- struct{}{} })
	for range 3 {
		runtime.GC()
		time.Sleep(10 * time.Millisecond) // finalizers run on a goroutine of their own
	}
	select {
	case <-called:
		t.Fatalf("called after collections that left %d bytes live, under %d", liveHeap(), want)
	default:
	}
	ballast := make([]byte, 80<<20) // more than the 64 MB asked above the rest
	deadline := time.Now().Add(10 * time.Second)
	for {
		runtime.GC()
		select {
		case <-called:
			runtime.KeepAlive(ballast)
			return
		case <-time.After(10 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("not called after collections that left %d bytes live (asked %d)", liveHeap(), want)
		}
	}
}
