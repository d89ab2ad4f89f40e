package alembic

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/migrate-lint/migrate-lint/lint"
)

// INI is an ini file read with Python configparser's rules, which is what
// Alembic uses: [sections], `key = value` or `key: value`, keys folded to
// lower case, indented continuation lines, full-line # and ; comments, a
// DEFAULT section, and %(name)s interpolation.
type INI struct {
	Path     string
	sections map[string]map[string]INIValue
	// Order lists the sections as they appear.
	Order []string
	// Duplicates are options and sections given twice, which configparser
	// refuses (DuplicateOptionError, DuplicateSectionError). The last
	// value is kept, so that the rest of the file can still be checked.
	Duplicates []INIDuplicate

	// expansions memoizes what interpolating each option would give,
	// for the vars it was computed with.
	expansions map[string]*expansion
	varsKey    string
}

// INIValue is a raw (not yet interpolated) value and where it starts.
type INIValue struct {
	Raw  string
	Line int
}

// INIDuplicate is an option (or, with Key empty, a section) given again
// on Line after First.
type INIDuplicate struct {
	Section, Key string
	Line, First  int
}

// Duplicates returns what alembic.ini gives twice, as the rules see it.
func (l *Layout) Duplicates() []lint.DuplicateSetting {
	if l.INI == nil {
		return nil
	}
	var out []lint.DuplicateSetting
	for _, d := range l.INI.Duplicates {
		out = append(out, lint.DuplicateSetting{File: l.ConfigFile, Section: d.Section, Key: d.Key, Span: lint.LineSpan(d.Line), First: d.First})
	}
	return out
}

// maxQuoted bounds the text of a line quoted in an error message.
const maxQuoted = 60

// ParseINI reads an ini file; configparser's own errors (a key outside any
// section, a line that is neither) are reported with the line.
func ParseINI(path string, data []byte) (*INI, error) {
	f := &INI{Path: path, sections: map[string]map[string]INIValue{}}
	var section map[string]INIValue
	var sectionName, key string
	sectionLines := map[string]int{}
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	for i, raw := range bytes.Split(data, []byte("\n")) {
		lineNo := i + 1
		line := strings.TrimRight(string(raw), "\r")
		stripped := strings.TrimSpace(line)
		if strings.HasPrefix(stripped, "#") || strings.HasPrefix(stripped, ";") {
			continue
		}
		indented := len(line) > 0 && (line[0] == ' ' || line[0] == '\t')
		if indented && key != "" && section != nil {
			v := section[key]
			v.Raw += "\n" + stripped
			section[key] = v
			continue
		}
		if stripped == "" {
			// configparser keeps blank lines inside values; they end up
			// trimmed, so ending the value here reads the same.
			key = ""
			continue
		}
		if strings.HasPrefix(stripped, "[") && strings.HasSuffix(stripped, "]") {
			sectionName = strings.TrimSpace(stripped[1 : len(stripped)-1])
			if first, ok := sectionLines[sectionName]; ok {
				f.Duplicates = append(f.Duplicates, INIDuplicate{Section: sectionName, Line: lineNo, First: first})
			} else {
				sectionLines[sectionName] = lineNo
				f.sections[sectionName] = map[string]INIValue{}
				f.Order = append(f.Order, sectionName)
			}
			section, key = f.sections[sectionName], ""
			continue
		}
		if section == nil {
			return nil, fmt.Errorf("%s:%d: %s is outside any [section]: configparser (Alembic) refuses the file", path, lineNo, quoteLine(stripped))
		}
		i := strings.IndexAny(stripped, "=:")
		if i < 0 {
			// configparser accepts no such line (allow_no_value is off).
			return nil, fmt.Errorf("%s:%d: %s is not `key = value`: configparser (Alembic) refuses the file", path, lineNo, quoteLine(stripped))
		}
		key = strings.ToLower(strings.TrimSpace(stripped[:i]))
		if prev, ok := section[key]; ok {
			f.Duplicates = append(f.Duplicates, INIDuplicate{Section: sectionName, Key: key, Line: lineNo, First: prev.Line})
		}
		section[key] = INIValue{Raw: strings.TrimSpace(stripped[i+1:]), Line: lineNo}
	}
	return f, nil
}

// quoteLine quotes a line for a message: at most maxQuoted characters,
// control and invalid bytes escaped, so that a binary file is not echoed.
func quoteLine(s string) string {
	if utf8.RuneCountInString(s) > maxQuoted {
		n := 0
		for i := range s {
			if n == maxQuoted {
				return fmt.Sprintf("%q...", s[:i])
			}
			n++
		}
	}
	return fmt.Sprintf("%q", s)
}

// Raw returns a value as written, looking in DEFAULT as configparser does.
func (f *INI) Raw(section, key string) (INIValue, bool) {
	if v, ok := f.sections[section][strings.ToLower(key)]; ok {
		return v, true
	}
	v, ok := f.sections["DEFAULT"][strings.ToLower(key)]
	return v, ok
}

// HasSection reports whether the section exists.
func (f *INI) HasSection(section string) bool { return f.sections[section] != nil }

// Keys returns a section's keys and values.
func (f *INI) Keys(section string) map[string]INIValue { return f.sections[section] }

// Check reports configparser's complaint about interpolating a value,
// without building the interpolated text. A value that would expand to
// more than maxExpanded is no error for configparser, and none here.
func (f *INI) Check(section, key string, vars map[string]string) error {
	v, ok := f.Raw(section, key)
	if !ok {
		return nil
	}
	if x := f.expand(section, key, vars); x.err != nil {
		return fmt.Errorf("%s:%d: %s: %w", f.Path, v.Line, key, x.err)
	}
	return nil
}

// Get returns a value with %(name)s interpolated from the section, DEFAULT
// and vars (Alembic passes `here`, the ini's directory).
func (f *INI) Get(section, key string, vars map[string]string) (string, bool, error) {
	if _, ok := f.Raw(section, key); !ok {
		return "", false, nil
	}
	if err := f.Check(section, key, vars); err != nil {
		return "", true, err
	}
	if x := f.expand(section, key, vars); x.length > maxExpanded {
		v, _ := f.Raw(section, key)
		return "", true, fmt.Errorf("%s:%d: %s: interpolation expands it to more than %d MiB, more than migrate-lint reads", f.Path, v.Line, key, maxExpanded>>20)
	}
	return f.text(section, key, vars), true, nil
}

// Python's configparser.BasicInterpolation refuses references nested
// more than MAX_INTERPOLATION_DEPTH deep. maxExpanded bounds the text of
// a value migrate-lint reads: an ini of a few hundred bytes whose values
// each repeat the previous one eight times expands to gigabytes.
const (
	maxInterpolationDepth = 10
	maxExpanded           = 1 << 20
)

// expansion is what interpolating one option gives: its length
// (saturating above maxExpanded), how deep configparser recurses to
// interpolate it, or configparser's error; text once it was built.
type expansion struct {
	length     int64
	depth      int
	err        error
	inProgress bool
	text       *string
}

// expand computes an option's expansion once per section and vars: each
// option's own text is read once, so the work is linear in the file
// however its values repeat each other.
func (f *INI) expand(section, key string, vars map[string]string) *expansion {
	if vk := varsKey(vars); f.expansions == nil || f.varsKey != vk {
		f.expansions, f.varsKey = map[string]*expansion{}, vk
	}
	id := section + "\x00" + strings.ToLower(key)
	if x, ok := f.expansions[id]; ok {
		if x.inProgress {
			return &expansion{err: errTooDeep}
		}
		return x
	}
	x := &expansion{inProgress: true}
	f.expansions[id] = x
	v, _ := f.Raw(section, key)
	if strings.Contains(v.Raw, "%") {
		// configparser interpolates a value only when it holds a %.
		x.depth = 1
	}
	x.err = scanInterpolation(v.Raw, func(literal int, ref string) error {
		x.length += int64(literal)
		if ref == "" {
			return nil
		}
		if _, ok := f.Raw(section, ref); ok {
			sub := f.expand(section, ref, vars)
			if sub.err != nil {
				return sub.err
			}
			x.length += sub.length
			x.depth = max(x.depth, sub.depth+1)
		} else if value, ok := vars[ref]; ok {
			x.length += int64(len(value))
		} else {
			return fmt.Errorf("%%(%s)s names no option", ref)
		}
		if x.depth > maxInterpolationDepth {
			return errTooDeep
		}
		x.length = min(x.length, maxExpanded+1)
		return nil
	})
	x.inProgress = false
	return x
}

var errTooDeep = fmt.Errorf("interpolation is nested too deeply (a reference loop?)")

// scanInterpolation walks a raw value as configparser.BasicInterpolation
// does: %% is a percent sign, %(name)s a reference, any other % an error.
// It calls visit with the length of each literal run and each reference.
func scanInterpolation(raw string, visit func(literal int, ref string) error) error {
	for len(raw) > 0 {
		i := strings.IndexByte(raw, '%')
		if i < 0 {
			return visit(len(raw), "")
		}
		if err := visit(i, ""); err != nil {
			return err
		}
		rest := raw[i+1:]
		switch {
		case strings.HasPrefix(rest, "%"):
			if err := visit(1, ""); err != nil {
				return err
			}
			raw = rest[1:]
		case strings.HasPrefix(rest, "("):
			end := strings.IndexByte(rest, ')')
			if end < 2 || !strings.HasPrefix(rest[end+1:], "s") {
				return fmt.Errorf("bad interpolation %s: write %%(name)s", quoteLine(raw[i:]))
			}
			if err := visit(0, strings.ToLower(rest[1:end])); err != nil {
				return err
			}
			raw = rest[end+2:]
		default:
			return fmt.Errorf("a lone %% must be written %%%% (configparser interpolation)")
		}
	}
	return nil
}

// text builds an option's interpolated text, already checked by expand,
// once: a reference to an option built before costs a copy of its text.
func (f *INI) text(section, key string, vars map[string]string) string {
	x := f.expand(section, key, vars)
	if x.text != nil {
		return *x.text
	}
	v, _ := f.Raw(section, key)
	var b strings.Builder
	b.Grow(int(x.length))
	raw := v.Raw
	for len(raw) > 0 {
		i := strings.IndexByte(raw, '%')
		if i < 0 {
			b.WriteString(raw)
			break
		}
		b.WriteString(raw[:i])
		rest := raw[i+1:]
		if strings.HasPrefix(rest, "%") {
			b.WriteByte('%')
			raw = rest[1:]
			continue
		}
		end := strings.IndexByte(rest, ')')
		name := strings.ToLower(rest[1:end])
		if _, ok := f.Raw(section, name); ok {
			b.WriteString(f.text(section, name, vars))
		} else {
			b.WriteString(vars[name])
		}
		raw = rest[end+2:]
	}
	s := b.String()
	x.text = &s
	return s
}

func varsKey(vars map[string]string) string {
	keys := make([]string, 0, len(vars))
	for k := range vars {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var b strings.Builder
	for _, k := range keys {
		b.WriteString(k + "\x00" + vars[k] + "\x00")
	}
	return b.String()
}
