package cache

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"reflect"
	"sync"
	"unsafe"
)

// The codec writes a value of a Go type as the type's fields in order,
// with no description of the type: a pack is only ever read by the binary
// that wrote it (the tool's identity is part of every pack's name), so
// the types always agree. It follows lint.Revision as it changes, with no
// list of fields to maintain. Strings decoded from a pack share the
// pack's memory instead of being copied.
//
// A codec is compiled once per type from its reflect.Type into functions
// that read and write memory at the fields' offsets: a warm run decodes
// every revision of the project, and reflect.Value calls made that a
// fifth of the run.

// errCorrupt is what decoding a damaged entry returns.
var errCorrupt = errors.New("cache entry is damaged")

type codec struct {
	enc func(b []byte, p unsafe.Pointer) []byte
	dec func(d *decoder, p unsafe.Pointer)
}

var (
	codecsMu sync.Mutex
	codecs   = map[reflect.Type]*codec{}
)

// codecOf returns the codec of t, or an error for a type the codec cannot
// carry (interfaces, functions, channels).
func codecOf(t reflect.Type) (c *codec, err error) {
	codecsMu.Lock()
	defer codecsMu.Unlock()
	known := make(map[reflect.Type]bool, len(codecs))
	for k := range codecs {
		known[k] = true
	}
	defer func() {
		if r := recover(); r != nil {
			// Forget the codecs this failed build left half made.
			for k := range codecs {
				if !known[k] {
					delete(codecs, k)
				}
			}
			c, err = nil, fmt.Errorf("cache: %v", r)
		}
	}()
	return build(t), nil
}

// sliceHeader is the layout of a Go slice.
type sliceHeader struct {
	data     unsafe.Pointer
	len, cap int
}

func build(t reflect.Type) *codec {
	if c, ok := codecs[t]; ok {
		return c
	}
	c := &codec{}
	codecs[t] = c // before the fields, for recursive types
	switch t.Kind() {
	case reflect.Bool:
		c.enc = func(b []byte, p unsafe.Pointer) []byte {
			if *(*bool)(p) {
				return append(b, 1)
			}
			return append(b, 0)
		}
		c.dec = func(d *decoder, p unsafe.Pointer) { *(*bool)(p) = d.byte() != 0 }
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		get, set := intAccess(t.Size())
		c.enc = func(b []byte, p unsafe.Pointer) []byte { return binary.AppendVarint(b, get(p)) }
		c.dec = func(d *decoder, p unsafe.Pointer) { set(p, d.varint()) }
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		get, set := intAccess(t.Size())
		c.enc = func(b []byte, p unsafe.Pointer) []byte { return binary.AppendUvarint(b, uint64(get(p))) }
		c.dec = func(d *decoder, p unsafe.Pointer) { set(p, int64(d.uvarint())) }
	case reflect.Float64:
		c.enc = func(b []byte, p unsafe.Pointer) []byte {
			return binary.AppendUvarint(b, math.Float64bits(*(*float64)(p)))
		}
		c.dec = func(d *decoder, p unsafe.Pointer) { *(*float64)(p) = math.Float64frombits(d.uvarint()) }
	case reflect.String:
		c.enc = func(b []byte, p unsafe.Pointer) []byte {
			s := *(*string)(p)
			return append(binary.AppendUvarint(b, uint64(len(s))), s...)
		}
		c.dec = func(d *decoder, p unsafe.Pointer) { *(*string)(p) = d.string() }
	case reflect.Slice:
		elem, size := build(t.Elem()), t.Elem().Size()
		c.enc = func(b []byte, p unsafe.Pointer) []byte {
			h := (*sliceHeader)(p)
			if h.data == nil {
				return append(b, 0)
			}
			b = binary.AppendUvarint(b, uint64(h.len)+1)
			for i := range h.len {
				b = elem.enc(b, unsafe.Add(h.data, uintptr(i)*size))
			}
			return b
		}
		c.dec = func(d *decoder, p unsafe.Pointer) {
			n := d.uvarint()
			if n == 0 {
				return
			}
			n--
			if n > uint64(d.left()) {
				d.fail() // every element takes at least a byte
			}
			data := reflect.MakeSlice(t, int(n), int(n)).UnsafePointer()
			for i := range int(n) {
				elem.dec(d, unsafe.Add(data, uintptr(i)*size))
			}
			*(*sliceHeader)(p) = sliceHeader{data, int(n), int(n)}
		}
	case reflect.Array:
		elem, size := build(t.Elem()), t.Elem().Size()
		n := t.Len()
		c.enc = func(b []byte, p unsafe.Pointer) []byte {
			for i := range n {
				b = elem.enc(b, unsafe.Add(p, uintptr(i)*size))
			}
			return b
		}
		c.dec = func(d *decoder, p unsafe.Pointer) {
			for i := range n {
				elem.dec(d, unsafe.Add(p, uintptr(i)*size))
			}
		}
	case reflect.Pointer:
		elem := build(t.Elem())
		c.enc = func(b []byte, p unsafe.Pointer) []byte {
			q := *(*unsafe.Pointer)(p)
			if q == nil {
				return append(b, 0)
			}
			return elem.enc(append(b, 1), q)
		}
		c.dec = func(d *decoder, p unsafe.Pointer) {
			if d.byte() == 0 {
				return
			}
			q := reflect.New(t.Elem()).UnsafePointer()
			elem.dec(d, q)
			*(*unsafe.Pointer)(p) = q
		}
	case reflect.Map:
		// Maps go through reflect: no field of a revision is a map today.
		key, val := build(t.Key()), build(t.Elem())
		c.enc = func(b []byte, p unsafe.Pointer) []byte {
			m := reflect.NewAt(t, p).Elem()
			if m.IsNil() {
				return append(b, 0)
			}
			b = binary.AppendUvarint(b, uint64(m.Len())+1)
			it := m.MapRange()
			for it.Next() {
				k, v := reflect.New(t.Key()), reflect.New(t.Elem())
				k.Elem().Set(it.Key())
				v.Elem().Set(it.Value())
				b = key.enc(b, k.UnsafePointer())
				b = val.enc(b, v.UnsafePointer())
			}
			return b
		}
		c.dec = func(d *decoder, p unsafe.Pointer) {
			n := d.uvarint()
			if n == 0 {
				return
			}
			n--
			if n > uint64(d.left()) {
				d.fail()
			}
			m := reflect.MakeMapWithSize(t, int(n))
			for range n {
				k, v := reflect.New(t.Key()), reflect.New(t.Elem())
				key.dec(d, k.UnsafePointer())
				val.dec(d, v.UnsafePointer())
				m.SetMapIndex(k.Elem(), v.Elem())
			}
			reflect.NewAt(t, p).Elem().Set(m)
		}
	case reflect.Struct:
		type field struct {
			offset uintptr
			c      *codec
		}
		var fields []field
		// Unexported fields are carried too: the codec reads and writes
		// memory at the fields' offsets, and a value must come back whole.
		for i := range t.NumField() {
			f := t.Field(i)
			fields = append(fields, field{f.Offset, build(f.Type)})
		}
		c.enc = func(b []byte, p unsafe.Pointer) []byte {
			for _, f := range fields {
				b = f.c.enc(b, unsafe.Add(p, f.offset))
			}
			return b
		}
		c.dec = func(d *decoder, p unsafe.Pointer) {
			for _, f := range fields {
				f.c.dec(d, unsafe.Add(p, f.offset))
			}
		}
	default:
		panic(fmt.Sprintf("%s (%s) cannot be cached", t, t.Kind()))
	}
	return c
}

// intAccess reads and writes an integer of the given size.
func intAccess(size uintptr) (func(unsafe.Pointer) int64, func(unsafe.Pointer, int64)) {
	switch size {
	case 1:
		return func(p unsafe.Pointer) int64 { return int64(*(*int8)(p)) }, func(p unsafe.Pointer, v int64) { *(*int8)(p) = int8(v) }
	case 2:
		return func(p unsafe.Pointer) int64 { return int64(*(*int16)(p)) }, func(p unsafe.Pointer, v int64) { *(*int16)(p) = int16(v) }
	case 4:
		return func(p unsafe.Pointer) int64 { return int64(*(*int32)(p)) }, func(p unsafe.Pointer, v int64) { *(*int32)(p) = int32(v) }
	}
	return func(p unsafe.Pointer) int64 { return *(*int64)(p) }, func(p unsafe.Pointer, v int64) { *(*int64)(p) = v }
}

// decoder reads an entry; a read past its end or a bad length is a
// damaged entry, reported by a panic that decode recovers.
type decoder struct {
	buf []byte
	pos int
}

type corruptPanic struct{}

func (d *decoder) fail()     { panic(corruptPanic{}) }
func (d *decoder) left() int { return len(d.buf) - d.pos }

func (d *decoder) byte() byte {
	if d.pos >= len(d.buf) {
		d.fail()
	}
	b := d.buf[d.pos]
	d.pos++
	return b
}

func (d *decoder) uvarint() uint64 {
	if d.pos < len(d.buf) && d.buf[d.pos] < 0x80 {
		x := uint64(d.buf[d.pos])
		d.pos++
		return x
	}
	x, n := binary.Uvarint(d.buf[d.pos:])
	if n <= 0 {
		d.fail()
	}
	d.pos += n
	return x
}

func (d *decoder) varint() int64 {
	ux := d.uvarint()
	x := int64(ux >> 1)
	if ux&1 != 0 {
		x = ^x
	}
	return x
}

// string returns the next string without copying it: it shares the
// pack's memory, which nothing ever writes to.
func (d *decoder) string() string {
	n := d.uvarint()
	if n > uint64(d.left()) {
		d.fail()
	}
	if n == 0 {
		return ""
	}
	s := unsafe.String(&d.buf[d.pos], int(n))
	d.pos += int(n)
	return s
}

// encode appends the value p points at, of the codec's type.
func encode[T any](c *codec, b []byte, v *T) []byte { return c.enc(b, unsafe.Pointer(v)) }

// decode fills *v, of the codec's type, from buf, which must hold exactly
// one value.
func decode[T any](c *codec, buf []byte, v *T) (err error) {
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(corruptPanic); !ok {
				panic(r)
			}
			err = errCorrupt
		}
	}()
	d := &decoder{buf: buf}
	c.dec(d, unsafe.Pointer(v))
	if d.pos != len(buf) {
		return errCorrupt
	}
	return nil
}
