// Package settings reads migrate-lint's settings file: `.migrate-lint.toml`
// or the `[tool.migrate-lint]` table of pyproject.toml. It reports what the
// file says; package load merges it with the flags into lint.Config.
package settings

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
)

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
	Sandbox          Sandbox           `toml:"sandbox"`
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
// pyproject.toml (with [tool.migrate-lint]) found in dirs, in order.
func Load(explicit string, dirs ...string) (*File, error) {
	if explicit != "" {
		f, found, err := readFile(explicit)
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
			if _, err := os.Stat(path); err != nil {
				continue
			}
			f, found, err := readFile(path)
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
func readFile(path string) (*File, bool, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, false, fmt.Errorf("read %s: %w", path, err)
	}
	f := &File{Path: path}
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
			return nil, false, fmt.Errorf("%s: %w", path, err)
		}
		if pp.Tool.MigrateLint == nil {
			return nil, false, nil
		}
		if err := meta.PrimitiveDecode(*pp.Tool.MigrateLint, f); err != nil {
			return nil, false, fmt.Errorf("%s: [tool.migrate-lint]: %w", path, err)
		}
		prefix = "tool.migrate-lint."
	} else {
		meta, err = toml.Decode(string(data), f)
		if err != nil {
			return nil, false, fmt.Errorf("%s: %w", path, err)
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
		return nil, false, fmt.Errorf("%s: unknown setting %s: see the Configuration section of the README", path, strings.Join(unknown, ", "))
	}
	return f, true, nil
}
