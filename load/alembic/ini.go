package alembic

import (
	"bufio"
	"bytes"
	"fmt"
	"strings"
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
}

// INIValue is a raw (not yet interpolated) value and where it starts.
type INIValue struct {
	Raw  string
	Line int
}

// ParseINI reads an ini file; configparser's own errors (a key outside any
// section, a line that is neither) are reported with the line.
func ParseINI(path string, data []byte) (*INI, error) {
	f := &INI{Path: path, sections: map[string]map[string]INIValue{}}
	var section map[string]INIValue
	var key string
	lineNo := 0
	sc := bufio.NewScanner(bytes.NewReader(bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))))
	sc.Buffer(make([]byte, 64*1024), 4*1024*1024)
	for sc.Scan() {
		lineNo++
		line := strings.TrimRight(sc.Text(), "\r")
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
			name := strings.TrimSpace(stripped[1 : len(stripped)-1])
			if f.sections[name] == nil {
				f.sections[name] = map[string]INIValue{}
				f.Order = append(f.Order, name)
			}
			section, key = f.sections[name], ""
			continue
		}
		if section == nil {
			return nil, fmt.Errorf("%s:%d: %q is outside any [section]", path, lineNo, stripped)
		}
		i := strings.IndexAny(stripped, "=:")
		if i < 0 {
			// configparser accepts no such line (allow_no_value is off).
			return nil, fmt.Errorf("%s:%d: %q is not `key = value`", path, lineNo, stripped)
		}
		key = strings.ToLower(strings.TrimSpace(stripped[:i]))
		section[key] = INIValue{Raw: strings.TrimSpace(stripped[i+1:]), Line: lineNo}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return f, nil
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

// Get returns a value with %(name)s interpolated from the section, DEFAULT
// and vars (Alembic passes `here`, the ini's directory).
func (f *INI) Get(section, key string, vars map[string]string) (string, bool, error) {
	v, ok := f.Raw(section, key)
	if !ok {
		return "", false, nil
	}
	s, err := f.interpolate(section, v.Raw, vars, 0)
	if err != nil {
		return "", true, fmt.Errorf("%s:%d: %s: %w", f.Path, v.Line, key, err)
	}
	return s, true, nil
}

// interpolate follows configparser.BasicInterpolation: %% is a percent
// sign, %(name)s another option's value; any other % is an error.
func (f *INI) interpolate(section, raw string, vars map[string]string, depth int) (string, error) {
	if depth > 10 {
		return "", fmt.Errorf("interpolation is nested too deeply (a reference loop?)")
	}
	var b strings.Builder
	for i := 0; i < len(raw); i++ {
		if raw[i] != '%' {
			b.WriteByte(raw[i])
			continue
		}
		rest := raw[i+1:]
		switch {
		case strings.HasPrefix(rest, "%"):
			b.WriteByte('%')
			i++
		case strings.HasPrefix(rest, "("):
			end := strings.Index(rest, ")s")
			if end < 0 {
				return "", fmt.Errorf("bad interpolation %q: write %%(name)s", raw[i:])
			}
			name := strings.ToLower(rest[1:end])
			var value string
			if v, ok := f.Raw(section, name); ok {
				expanded, err := f.interpolate(section, v.Raw, vars, depth+1)
				if err != nil {
					return "", err
				}
				value = expanded
			} else if v, ok := vars[name]; ok {
				value = v
			} else {
				return "", fmt.Errorf("%%(%s)s names no option", name)
			}
			b.WriteString(value)
			i += end + 2
		default:
			return "", fmt.Errorf("a lone %% must be written %%%% (configparser interpolation)")
		}
	}
	return b.String(), nil
}
