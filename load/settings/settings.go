// Package settings reads migrate-lint's settings file: `.migrate-lint.toml`
// or the `[tool.migrate-lint]` table of pyproject.toml. It reports what the
// file says; package load merges it with the flags into lint.Config.
package settings

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/migrate-lint/migrate-lint/internal/lazyregexp"
	"github.com/migrate-lint/migrate-lint/load/files"
)

// MaxSize bounds a settings file; real ones are a few hundred bytes.
const MaxSize = 1 << 20

// File is the settings as written. Flags override them.
type File struct {
	// Path is the file they were read from; empty when none was found.
	Path             string
	Dialect          string            `toml:"dialect"`
	TargetVersion    any               `toml:"target-version"`
	Select           []string          `toml:"select"`
	Ignore           []string          `toml:"ignore"`
	Severity         map[string]string `toml:"severity"`
	FailLevel        string            `toml:"fail-level"`
	Exclude          []string          `toml:"exclude"`
	Baseline         string            `toml:"baseline"`
	LockTimeoutInEnv bool              `toml:"lock-timeout-in-env"`
	// AllowRoots are directories outside the repository that files may
	// be read from (a version location in a sibling checkout, say):
	// absolute, or relative to the settings file's directory.
	AllowRoots []string `toml:"allow-roots"`
	Sandbox    Sandbox  `toml:"sandbox"`
}

// Sandbox is the [sandbox] table: where and how the up/down/up run happens.
type Sandbox struct {
	DatabaseURL string `toml:"database-url"`
	Image       string `toml:"image"`
	Python      string `toml:"python"`
	// Timeout bounds one step, as a Go duration ("5m").
	Timeout string `toml:"timeout"`
	// URLEnv names the environment variables that carry the database
	// URL to env.py (default DATABASE_URL).
	URLEnv []string `toml:"url-env"`
	// Rows: existing tables get generated rows before each revision is
	// upgraded; unset means true.
	Rows *bool `toml:"rows"`
	// Seed is a hook that puts the project's own rows in first: a .sql
	// file, or a .py file defining seed(connection); relative to the
	// settings file.
	Seed string `toml:"seed"`
	// Models compares the database at the heads with the models (ML608).
	Models bool `toml:"models"`
	// OfflineSQL renders each revision as `upgrade --sql` (ML609); unset
	// means only when the project shows that it uses offline mode.
	OfflineSQL *bool `toml:"offline-sql"`
}

// TargetVersionString renders target-version whether it was written as a
// number (15, 8.0) or a string ("15").
func (f *File) TargetVersionString() string {
	switch v := f.TargetVersion.(type) {
	case nil:
		return ""
	case string:
		return v
	case int64:
		return fmt.Sprint(v)
	case float64:
		return strings.TrimSuffix(fmt.Sprintf("%.1f", v), ".0")
	}
	return fmt.Sprint(f.TargetVersion)
}

// Load reads explicit if given, else the first of .migrate-lint.toml and
// pyproject.toml (with [tool.migrate-lint]) found in dirs, in order. Files
// are read with r; explicit may also lie beside the project, in its own
// directory, since the user named it.
func Load(r *files.Reader, explicit string, dirs ...string) (*File, error) {
	if explicit != "" {
		f, found, err := readFile(r.With(filepath.Dir(explicit)), explicit)
		if err != nil {
			return nil, err
		}
		if !found {
			return nil, fmt.Errorf("%s has no [tool.migrate-lint] table", explicit)
		}
		return f, nil
	}
	for _, dir := range dirs {
		for _, name := range []string{".migrate-lint.toml", "pyproject.toml"} {
			path := filepath.Join(dir, name)
			if _, err := os.Lstat(path); err != nil {
				continue
			}
			f, found, err := readFile(r, path)
			if errors.Is(err, files.ErrOutside) {
				continue // the loader names it with the others not read
			}
			if err != nil {
				return nil, err
			}
			if found {
				return f, nil
			}
		}
	}
	return &File{}, nil
}

// readFile decodes a settings file; unknown keys are an error, since a
// misspelt key would otherwise be silently ignored.
func readFile(r *files.Reader, path string) (*File, bool, error) {
	data, _, err := r.Read(path, MaxSize)
	if err != nil {
		return nil, false, fmt.Errorf("cannot read the settings: %w", err)
	}
	return decode(path, data)
}

// decode reads settings from a file's content; found is false for a
// pyproject.toml without [tool.migrate-lint].
func decode(path string, data []byte) (f *File, found bool, err error) {
	f = &File{Path: path}
	var meta toml.MetaData
	prefix := ""
	if filepath.Base(path) == "pyproject.toml" {
		var pp struct {
			Tool struct {
				MigrateLint *toml.Primitive `toml:"migrate-lint"`
			} `toml:"tool"`
		}
		meta, err = toml.Decode(string(data), &pp)
		if err != nil {
			return nil, false, fmt.Errorf("%s: %s", path, DescribeTOML(err))
		}
		if pp.Tool.MigrateLint == nil {
			return nil, false, nil
		}
		if err := meta.PrimitiveDecode(*pp.Tool.MigrateLint, f); err != nil {
			return nil, false, fmt.Errorf("%s: [tool.migrate-lint]: %s", path, DescribeTOML(err))
		}
		prefix = "tool.migrate-lint."
	} else {
		meta, err = toml.Decode(string(data), f)
		if err != nil {
			return nil, false, fmt.Errorf("%s: %s", path, DescribeTOML(err))
		}
	}
	var unknown []string
	for _, key := range meta.Undecoded() {
		k := key.String()
		if !strings.HasPrefix(k, prefix) || strings.HasPrefix(k, prefix+"severity") {
			continue
		}
		unknown = append(unknown, strings.TrimPrefix(k, prefix))
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		// Keys come from the file: a few, each cut short.
		more := ""
		if len(unknown) > 5 {
			unknown, more = unknown[:5], fmt.Sprintf(" and %d more", len(unknown)-5)
		}
		for i, k := range unknown {
			unknown[i] = clip(k, 60)
		}
		return nil, false, fmt.Errorf("%s: unknown setting %s%s: see the Configuration section of the README", path, strings.Join(unknown, ", "), more)
	}
	return f, true, nil
}

// Parse reads settings from the content of a file at path (its name says
// whether it is a pyproject.toml) without reading the file: the base
// branch's version of the settings, from git. found is false for a
// pyproject.toml without [tool.migrate-lint].
func Parse(path string, data []byte) (f *File, found bool, err error) {
	return decode(path, data)
}

// AllowedRoots returns allow-roots as absolute, clean paths.
func (f *File) AllowedRoots() []string {
	var out []string
	for _, root := range f.AllowRoots {
		if !filepath.IsAbs(root) {
			root = filepath.Join(filepath.Dir(f.Path), root)
		}
		out = append(out, filepath.Clean(root))
	}
	return out
}

// The decoder names the line only when it knows it: a dotted key under a
// table ([severity] with M.x = "...") makes a table where a string was
// expected, and comes without one.
var tomlTypeError = lazyregexp.New(`^toml: (?:line (\d+) )?\(last key "([^"]*)"\): incompatible types: TOML value has type (\S+); destination has type (\S+)$`)

// DescribeTOML turns the TOML decoder's error into a message for users:
// "line 3: dialect must be a string, not a number" instead of Go types.
func DescribeTOML(err error) string {
	msg := err.Error()
	if m := tomlTypeError.FindStringSubmatch(msg); m != nil {
		msg = fmt.Sprintf("%s must be %s, not %s", m[2], tomlType(m[4]), tomlType(m[3]))
		if m[1] != "" {
			msg = "line " + m[1] + ": " + msg
		}
	}
	return clip(strings.TrimPrefix(msg, "toml: "), maxMessage)
}

// maxMessage bounds a TOML error in characters: the decoder quotes keys
// and values, which a file may make as long as it likes.
const maxMessage = 300

func clip(s string, n int) string {
	count := 0
	for i := range s {
		if count == n {
			return s[:i] + "..."
		}
		count++
	}
	return s
}

func tomlType(goType string) string {
	switch {
	case strings.HasPrefix(goType, "int"), strings.HasPrefix(goType, "uint"), strings.HasPrefix(goType, "float"):
		return "a number"
	case goType == "string":
		return "a string"
	case goType == "bool", goType == "boolean":
		return "true or false"
	case goType == "slice", strings.HasPrefix(goType, "[]"), goType == "array":
		return "a list"
	case goType == "map", strings.HasPrefix(goType, "map["), goType == "struct":
		return "a table"
	case goType == "time.Time", strings.HasPrefix(goType, "toml.Local"):
		return "a date"
	}
	return goType
}
