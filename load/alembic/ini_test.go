package alembic

import (
	"fmt"
	"strings"
	"testing"
)

// chain is an ini whose option kN refers to k(N-1), n options deep, with
// refs references per option; the first option holds leaf.
func chain(n, refs int, leaf string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "[alembic]\nk0 = %s\n", leaf)
	for i := 1; i < n; i++ {
		fmt.Fprintf(&b, "k%d = %s\n", i, strings.Repeat(fmt.Sprintf("%%(k%d)s", i-1), refs))
	}
	return b.String()
}

// TestInterpolationAsConfigparser: the depth at which configparser gives
// up (checked against Python 3.11's configparser), references that name
// nothing or are malformed, and loops.
func TestInterpolationAsConfigparser(t *testing.T) {
	for _, tt := range []struct {
		name, ini, key, want, err string
	}{
		{"10 deep", chain(10, 1, "x%%"), "k9", "x%", ""},
		{"11 deep", chain(11, 1, "x%%"), "k10", "", "nested too deeply"},
		{"11 deep, plain leaf", chain(11, 1, "x"), "k10", "x", ""},
		{"12 deep, plain leaf", chain(12, 1, "x"), "k11", "", "nested too deeply"},
		{"names no option", "[alembic]\na = %(nope)s\n", "a", "", "%(nope)s names no option"},
		{"empty name", "[alembic]\na = %()s\n", "a", "", "bad interpolation"},
		{"not s", "[alembic]\na = %(b)d\nb = 1\n", "a", "", "bad interpolation"},
		{"lone percent", "[alembic]\na = 50%\n", "a", "", "lone %"},
		{"loop", "[alembic]\na = %(b)s\nb = %(a)s\n", "a", "", "nested too deeply"},
		{"self", "[alembic]\na = x%(a)s\n", "a", "", "nested too deeply"},
		{"DEFAULT resolves in the asking section", "[DEFAULT]\nd = %(s)s\n[alembic]\ns = 1\n", "d", "1", ""},
		{"vars", "[alembic]\nloc = %(here)s/m\n", "loc", "/srv/m", ""},
		{"escapes", "[alembic]\na = 100%% of %(b)s%%\nb = it\n", "a", "100% of it%", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ini, err := ParseINI("a.ini", []byte(tt.ini))
			if err != nil {
				t.Fatal(err)
			}
			got, _, err := ini.Get("alembic", tt.key, map[string]string{"here": "/srv"})
			checked := ini.Check("alembic", tt.key, map[string]string{"here": "/srv"})
			if tt.err == "" && (err != nil || checked != nil || got != tt.want) {
				t.Errorf("got %q, %v, %v; want %q", got, err, checked, tt.want)
			}
			if tt.err != "" && (err == nil || checked == nil || !strings.Contains(err.Error(), tt.err) || err.Error() != checked.Error()) {
				t.Errorf("got %q, %v, %v; want an error with %q", got, err, checked, tt.err)
			}
		})
	}
}

// TestInterpolationIsBounded: a few hundred bytes whose options each
// repeat the previous one eight times expand to gigabytes (this took 20 s
// and, one level deeper, all memory); options of empty text repeated
// that way cost nothing to expand either.
func TestInterpolationIsBounded(t *testing.T) {
	ini, err := ParseINI("a.ini", []byte(chain(10, 8, "12345678")))
	if err != nil {
		t.Fatal(err)
	}
	for i := range 10 {
		key := fmt.Sprintf("k%d", i)
		_, _, err := ini.Get("alembic", key, nil)
		tooBig := i >= 6 // k6 is 8^6 * 8 bytes: 2 MiB
		if tooBig != (err != nil) || tooBig && !strings.Contains(err.Error(), "more than 1 MiB") {
			t.Errorf("%s: %v", key, err)
		}
		// configparser would build it: no finding.
		if err := ini.Check("alembic", key, nil); err != nil {
			t.Errorf("%s: Check: %v", key, err)
		}
	}
	empty, err := ParseINI("b.ini", []byte(chain(10, 200, "")))
	if err != nil {
		t.Fatal(err)
	}
	if got, _, err := empty.Get("alembic", "k9", nil); err != nil || got != "" {
		t.Errorf("empty chain: %q %v", got, err)
	}
}

// TestINIDuplicates: configparser refuses an option given twice in a
// section (keys fold case) and a section given twice; both are kept as
// findings, the last value read.
func TestINIDuplicates(t *testing.T) {
	ini, err := ParseINI("a.ini", []byte("[alembic]\nurl = a\nother = x\nURL = b\n[loggers]\nkeys = root\n[alembic]\nlater = 1\n[post_write_hooks]\nurl = c\n"))
	if err != nil {
		t.Fatal(err)
	}
	got := fmt.Sprint(ini.Duplicates)
	if want := "[{alembic url 4 2} {alembic  7 1}]"; got != want {
		t.Errorf("duplicates %s, want %s", got, want)
	}
	if v, _, _ := ini.Get("alembic", "url", nil); v != "b" {
		t.Errorf("url = %q", v)
	}
}

// TestINIErrorsForPeople: a binary file's lines are not echoed whole, and
// a line of any length is read (no "token too long").
func TestINIErrorsForPeople(t *testing.T) {
	_, err := ParseINI("bin.ini", []byte("\x7fELF\x02\x01\x01"+strings.Repeat("\x00\x01garbage", 10000)+"\n"))
	if err == nil || len(err.Error()) > 200 || !strings.Contains(err.Error(), "bin.ini:1:") {
		t.Errorf("binary: %.300v", err)
	}
	long := "[alembic]\nsqlalchemy.url = " + strings.Repeat("x", 8<<20) + "\n"
	ini, err := ParseINI("long.ini", []byte(long))
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := ini.Raw("alembic", "sqlalchemy.url"); len(v.Raw) != 8<<20 {
		t.Errorf("long value: %d bytes", len(v.Raw))
	}
}

func FuzzParseINI(f *testing.F) {
	f.Add([]byte("[alembic]\nscript_location = %(here)s/migrations\nsqlalchemy.url = postgresql://u:p%%40@h/db\nversion_locations = a b\n"))
	f.Add([]byte("[DEFAULT]\nroot = /srv\n[alembic]\n; comment\nloc = %(root)s/m\npct = 100%%\nbad = 50%\nmulti = a\n  b\n"))
	f.Add([]byte(chain(12, 3, "x%%")))
	f.Add([]byte("[alembic]\na = %(b)s\nb = %(a)s\n[alembic]\na = 1\n"))
	f.Add([]byte("key = value\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		ini, err := ParseINI("f.ini", data)
		if err != nil {
			if len(err.Error()) > 400 {
				t.Fatalf("error of %d bytes", len(err.Error()))
			}
			return
		}
		vars := map[string]string{"here": "/srv"}
		for _, section := range ini.Order {
			for key := range ini.Keys(section) {
				v, ok, err := ini.Get(section, key, vars)
				checked := ini.Check(section, key, vars)
				if !ok || checked != nil && err == nil || err != nil && checked == nil && !strings.Contains(err.Error(), "more than 1 MiB") {
					t.Fatalf("[%s] %s: Get %v, Check %v", section, key, err, checked)
				}
				if len(v) > maxExpanded {
					t.Fatalf("[%s] %s expands to %d bytes", section, key, len(v))
				}
			}
		}
		for _, d := range ini.Duplicates {
			if d.First >= d.Line || d.First < 1 {
				t.Fatalf("duplicate %+v", d)
			}
		}
	})
}
