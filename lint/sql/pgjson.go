package sql

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// decodePG reads libpg_query's JSON into pgnodes.go's types, as
// encoding/json would: keys by their tags, every other key's value
// skipped. It is a decoder for that output, not for JSON at large (it
// does not check the values it skips, which libpg_query writes valid):
// encoding/json checked the whole document before decoding it and walked
// every skipped value through its scanner, and on indico/indico, whose
// revisions carry 160 KB of SQL, that was 9 ms of a check's 110 ms of
// CPU, more than the half of libpg_query's own time. Anything it does not
// expect (null, a number where a string goes, a float for an int) is an
// error; parsePostgres then decodes with encoding/json, which the tests
// hold this to (TestDecodePGAgrees, FuzzDecodePGAgrees).
func decodePG(data string, out *pgParseResult) error {
	d := pgDecoder{data: data}
	d.space()
	if err := d.value(reflect.ValueOf(out).Elem()); err != nil {
		return err
	}
	d.space()
	if d.at < len(d.data) {
		return d.fail("text after the document")
	}
	return nil
}

type pgDecoder struct {
	data  string
	at    int
	depth int // the objects and arrays open at the cursor
}

// maxPGDepth is encoding/json's bound on nesting (its maxNestingDepth),
// skipped values included: deeper, it refuses the document, and so
// decodePG leaves it to it. SQL nested that deep is an ML505 finding, as
// before, and the recursion stays bounded.
const maxPGDepth = 10000

// open enters an object or an array.
func (d *pgDecoder) open() error {
	d.depth++
	if d.depth > maxPGDepth {
		return d.fail("nesting deeper than encoding/json reads")
	}
	return nil
}

func (d *pgDecoder) fail(what string) error {
	return fmt.Errorf("libpg_query's JSON at byte %d: unexpected %s", d.at, what)
}

func (d *pgDecoder) space() {
	for d.at < len(d.data) {
		switch d.data[d.at] {
		case ' ', '\t', '\n', '\r':
			d.at++
		default:
			return
		}
	}
}

// pgFields maps a struct type's JSON keys to its fields' indexes, by
// the key as written and, as encoding/json also matches them, folded.
var pgFields sync.Map // reflect.Type -> *fieldIndex

type fieldIndex struct {
	exact, folded map[string]int
}

func fieldsOf(t reflect.Type) *fieldIndex {
	if m, ok := pgFields.Load(t); ok {
		return m.(*fieldIndex)
	}
	ix := &fieldIndex{exact: map[string]int{}, folded: map[string]int{}}
	for i := range t.NumField() {
		if tag, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ","); tag != "" && tag != "-" {
			ix.exact[tag] = i
			ix.folded[string(foldKey(nil, tag))] = i
		}
	}
	pgFields.Store(t, ix)
	return ix
}

// lookup finds a key's field: the key as written first, then folded.
func (ix *fieldIndex) lookup(key string) (int, bool) {
	if i, ok := ix.exact[key]; ok {
		return i, true
	}
	var buf [32]byte
	i, ok := ix.folded[string(foldKey(buf[:0], key))]
	return i, ok
}

// foldKey is encoding/json's folding of a key (fold.go): ASCII letters to
// upper case, any other letter to the smallest of its fold set, so that
// two keys fold the same when strings.EqualFold says they are equal.
func foldKey(out []byte, key string) []byte {
	for _, r := range key {
		switch {
		case r < utf8.RuneSelf:
			if 'a' <= r && r <= 'z' {
				r -= 'a' - 'A'
			}
			out = append(out, byte(r))
		default:
			for {
				r2 := unicode.SimpleFold(r)
				if r2 <= r {
					r = r2
					break
				}
				r = r2
			}
			out = utf8.AppendRune(out, r)
		}
	}
	return out
}

// value decodes the value at the cursor into v.
func (d *pgDecoder) value(v reflect.Value) error {
	if d.at >= len(d.data) {
		return d.fail("end of input")
	}
	switch v.Kind() {
	case reflect.Pointer:
		if d.data[d.at] == 'n' {
			return d.fail("null")
		}
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		return d.value(v.Elem())
	case reflect.Struct:
		return d.object(v)
	case reflect.Slice:
		return d.array(v)
	case reflect.String:
		s, err := d.str()
		if err != nil {
			return err
		}
		v.SetString(s)
		return nil
	case reflect.Bool:
		switch {
		case strings.HasPrefix(d.data[d.at:], "true"):
			d.at += 4
			v.SetBool(true)
		case strings.HasPrefix(d.data[d.at:], "false"):
			d.at += 5
			v.SetBool(false)
		default:
			return d.fail("a bool")
		}
		return nil
	case reflect.Int:
		start := d.at
		if d.at < len(d.data) && d.data[d.at] == '-' {
			d.at++
		}
		for d.at < len(d.data) && '0' <= d.data[d.at] && d.data[d.at] <= '9' {
			d.at++
		}
		digits := strings.TrimPrefix(d.data[start:d.at], "-")
		n, err := strconv.ParseInt(d.data[start:d.at], 10, 64)
		if err != nil || len(digits) > 1 && digits[0] == '0' || d.at < len(d.data) && (d.data[d.at] == '.' || d.data[d.at] == 'e' || d.data[d.at] == 'E') {
			return d.fail("an int")
		}
		if v.OverflowInt(n) {
			return d.fail("an int that overflows")
		}
		v.SetInt(n)
		return nil
	}
	return d.fail("a type pgnodes.go does not use")
}

func (d *pgDecoder) object(v reflect.Value) error {
	if d.data[d.at] != '{' {
		return d.fail("an object")
	}
	if err := d.open(); err != nil {
		return err
	}
	defer func() { d.depth-- }()
	d.at++
	fields := fieldsOf(v.Type())
	d.space()
	if d.at < len(d.data) && d.data[d.at] == '}' {
		d.at++
		return nil
	}
	for {
		d.space()
		key, err := d.key()
		if err != nil {
			return err
		}
		d.space()
		if d.at >= len(d.data) || d.data[d.at] != ':' {
			return d.fail("a colon")
		}
		d.at++
		d.space()
		if i, ok := fields.lookup(key); ok {
			if err := d.value(v.Field(i)); err != nil {
				return err
			}
		} else if err := d.skip(); err != nil {
			return err
		}
		d.space()
		if d.at >= len(d.data) {
			return d.fail("end of input in an object")
		}
		switch d.data[d.at] {
		case ',':
			d.at++
		case '}':
			d.at++
			return nil
		default:
			return d.fail("a comma or a brace")
		}
	}
}

func (d *pgDecoder) array(v reflect.Value) error {
	if d.data[d.at] != '[' {
		return d.fail("an array")
	}
	if err := d.open(); err != nil {
		return err
	}
	defer func() { d.depth-- }()
	d.at++
	// encoding/json reuses the slice's elements; a fresh one has none.
	v.SetLen(0)
	d.space()
	if d.at < len(d.data) && d.data[d.at] == ']' {
		d.at++
		if v.IsNil() {
			v.Set(reflect.MakeSlice(v.Type(), 0, 0))
		}
		return nil
	}
	for {
		d.space()
		n := v.Len()
		v.Set(reflect.Append(v, reflect.Zero(v.Type().Elem())))
		if err := d.value(v.Index(n)); err != nil {
			return err
		}
		d.space()
		if d.at >= len(d.data) {
			return d.fail("end of input in an array")
		}
		switch d.data[d.at] {
		case ',':
			d.at++
		case ']':
			d.at++
			return nil
		default:
			return d.fail("a comma or a bracket")
		}
	}
}

// key reads an object's key: a substring of the document, for the
// lookup only, when it has no escape.
func (d *pgDecoder) key() (string, error) {
	if d.at < len(d.data) && d.data[d.at] == '"' {
		if end := strings.IndexAny(d.data[d.at+1:], `"\`); end >= 0 && d.data[d.at+1+end] == '"' {
			k := d.data[d.at+1 : d.at+1+end]
			if strings.IndexFunc(k, func(r rune) bool { return r < 0x20 || r == utf8.RuneError }) < 0 {
				d.at += end + 2
				return k, nil
			}
		}
	}
	return d.str()
}

// str reads a string, unescaping it.
func (d *pgDecoder) str() (string, error) {
	if d.at >= len(d.data) || d.data[d.at] != '"' {
		return "", d.fail("a string")
	}
	start := d.at + 1
	for i := start; i < len(d.data); i++ {
		switch c := d.data[i]; {
		case c == '"':
			d.at = i + 1
			s := d.data[start:i]
			if !utf8.ValidString(s) {
				return "", d.fail("invalid UTF-8")
			}
			// A copy: a substring would keep the whole document alive.
			return strings.Clone(s), nil
		case c == '\\':
			return d.escapedStr(start)
		case c < 0x20:
			return "", d.fail("a control character in a string")
		}
	}
	return "", d.fail("an unterminated string")
}

// escapedStr reads the rest of a string that has an escape.
func (d *pgDecoder) escapedStr(start int) (string, error) {
	var b []byte
	for i := start; i < len(d.data); {
		c := d.data[i]
		switch {
		case c == '"':
			d.at = i + 1
			if !utf8.Valid(b) {
				return "", d.fail("invalid UTF-8")
			}
			return string(b), nil
		case c < 0x20:
			return "", d.fail("a control character in a string")
		case c != '\\':
			b = append(b, c)
			i++
			continue
		}
		if i+1 >= len(d.data) {
			break
		}
		switch e := d.data[i+1]; e {
		case '"', '\\', '/':
			b = append(b, e)
		case 'b':
			b = append(b, '\b')
		case 'f':
			b = append(b, '\f')
		case 'n':
			b = append(b, '\n')
		case 'r':
			b = append(b, '\r')
		case 't':
			b = append(b, '\t')
		case 'u':
			r, n := d.unicodeEscape(i)
			if n == 0 {
				return "", d.fail("a \\u escape")
			}
			b = utf8.AppendRune(b, r)
			i += n
			continue
		default:
			return "", d.fail("an escape")
		}
		i += 2
	}
	return "", d.fail("an unterminated string")
}

// unicodeEscape reads \uXXXX at i, and its low surrogate when it is a
// high one; n is how many bytes, 0 if it is not an escape. A lone
// surrogate becomes U+FFFD, as encoding/json has it.
func (d *pgDecoder) unicodeEscape(i int) (rune, int) {
	hex := func(at int) (rune, bool) {
		if at+6 > len(d.data) || d.data[at] != '\\' || d.data[at+1] != 'u' {
			return 0, false
		}
		n, err := strconv.ParseUint(d.data[at+2:at+6], 16, 32)
		return rune(n), err == nil
	}
	r, ok := hex(i)
	if !ok {
		return 0, 0
	}
	if utf16.IsSurrogate(r) {
		if low, ok := hex(i + 6); ok {
			if joined := utf16.DecodeRune(r, low); joined != utf8.RuneError {
				return joined, 12
			}
		}
		return utf8.RuneError, 6
	}
	return r, 6
}

// skip passes over one value of any kind.
func (d *pgDecoder) skip() error {
	depth := 0
	defer func() { d.depth -= depth }()
	for d.at < len(d.data) {
		switch c := d.data[d.at]; c {
		case '"':
			if err := d.skipString(); err != nil {
				return err
			}
		case '{', '[':
			depth++
			if err := d.open(); err != nil {
				return err
			}
			d.at++
		case '}', ']':
			if depth == 0 {
				return d.fail("a closing bracket where a value goes")
			}
			depth--
			d.depth--
			d.at++
		case ',', ':':
			if depth == 0 {
				return d.fail("a separator where a value goes")
			}
			d.at++
		default:
			// true, false, null, a number, white space
			d.at++
			if depth == 0 {
				for d.at < len(d.data) && !strings.ContainsRune(",}] \t\r\n", rune(d.data[d.at])) {
					d.at++
				}
			}
		}
		if depth == 0 {
			return nil
		}
	}
	return d.fail("end of input in a skipped value")
}

func (d *pgDecoder) skipString() error {
	for i := d.at + 1; i < len(d.data); i++ {
		switch d.data[i] {
		case '\\':
			i++
		case '"':
			d.at = i + 1
			return nil
		}
	}
	return d.fail("an unterminated string")
}
