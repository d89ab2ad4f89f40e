// Package lazyregexp holds regular expressions that are compiled on first
// use rather than when the program starts: every command of the binary
// pays for the package-level expressions of every package at start-up,
// and `version` or `graph` use none of them.
package lazyregexp

import (
	"regexp"
	"sync"
)

// Regexp is a regular expression compiled on first use; its methods are
// regexp.Regexp's.
type Regexp struct {
	get func() *regexp.Regexp
}

// New returns expr, to be compiled on first use; an invalid expression
// panics then, as regexp.MustCompile would at start-up (the expressions
// are the program's own, and every one is exercised by tests).
func New(expr string) *Regexp {
	return &Regexp{get: sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })}
}

// Compiled is the compiled expression.
func (r *Regexp) Compiled() *regexp.Regexp { return r.get() }

func (r *Regexp) MatchString(s string) bool            { return r.get().MatchString(s) }
func (r *Regexp) Match(b []byte) bool                  { return r.get().Match(b) }
func (r *Regexp) FindString(s string) string           { return r.get().FindString(s) }
func (r *Regexp) FindStringIndex(s string) []int       { return r.get().FindStringIndex(s) }
func (r *Regexp) FindStringSubmatch(s string) []string { return r.get().FindStringSubmatch(s) }
func (r *Regexp) FindStringSubmatchIndex(s string) []int {
	return r.get().FindStringSubmatchIndex(s)
}
func (r *Regexp) FindSubmatch(b []byte) [][]byte { return r.get().FindSubmatch(b) }
func (r *Regexp) FindAllString(s string, n int) []string {
	return r.get().FindAllString(s, n)
}
func (r *Regexp) FindAllStringIndex(s string, n int) [][]int {
	return r.get().FindAllStringIndex(s, n)
}
func (r *Regexp) FindAllStringSubmatch(s string, n int) [][]string {
	return r.get().FindAllStringSubmatch(s, n)
}
func (r *Regexp) FindAllStringSubmatchIndex(s string, n int) [][]int {
	return r.get().FindAllStringSubmatchIndex(s, n)
}
func (r *Regexp) ReplaceAllString(src, repl string) string {
	return r.get().ReplaceAllString(src, repl)
}
func (r *Regexp) ReplaceAllStringFunc(src string, repl func(string) string) string {
	return r.get().ReplaceAllStringFunc(src, repl)
}
func (r *Regexp) Split(s string, n int) []string   { return r.get().Split(s, n) }
func (r *Regexp) String() string                   { return r.get().String() }
func (r *Regexp) FindIndex(b []byte) []int         { return r.get().FindIndex(b) }
func (r *Regexp) FindSubmatchIndex(b []byte) []int { return r.get().FindSubmatchIndex(b) }
