package lint

import (
	"fmt"
	"strconv"
	"strings"
)

// Dialect is the database a project's migrations run on. It decides which
// rules apply and which SQL grammar reads the strings in op.execute().
type Dialect string

const (
	PostgreSQL Dialect = "postgresql"
	MySQL      Dialect = "mysql"
	MariaDB    Dialect = "mariadb"
	SQLite     Dialect = "sqlite"
)

// Dialects lists every dialect, in the order messages name them.
var Dialects = []Dialect{PostgreSQL, MySQL, MariaDB, SQLite}

// ParseDialect reads a dialect name as users write it.
func ParseDialect(s string) (Dialect, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "postgresql", "postgres", "pg":
		return PostgreSQL, nil
	case "mysql":
		return MySQL, nil
	case "mariadb":
		return MariaDB, nil
	case "sqlite":
		return SQLite, nil
	}
	return "", fmt.Errorf("unknown dialect %q: use postgresql, mysql, mariadb or sqlite", s)
}

// DialectOfURL names the dialect of a SQLAlchemy URL's scheme
// ("postgresql+psycopg2://..."), or "" when the URL says nothing, as the
// template's driver://user:pass@localhost/dbname does.
func DialectOfURL(url string) Dialect {
	scheme, _, ok := strings.Cut(strings.TrimSpace(url), "://")
	if !ok {
		scheme, _, ok = strings.Cut(url, ":")
		if !ok {
			return ""
		}
	}
	backend, _, _ := strings.Cut(strings.ToLower(scheme), "+")
	switch backend {
	case "postgresql", "postgres", "postgresql_psycopg2", "cockroachdb":
		return PostgreSQL
	case "mysql":
		return MySQL
	case "mariadb":
		return MariaDB
	case "sqlite":
		return SQLite
	}
	return ""
}

// Title is the database's name as people write it: PostgreSQL, MySQL.
func (d Dialect) Title() string {
	switch d {
	case PostgreSQL:
		return "PostgreSQL"
	case MySQL:
		return "MySQL"
	case MariaDB:
		return "MariaDB"
	case SQLite:
		return "SQLite"
	}
	return string(d)
}

// IsMySQLFamily reports MySQL and MariaDB, which share most DDL behaviour.
func (d Dialect) IsMySQLFamily() bool { return d == MySQL || d == MariaDB }

// IsServer reports a database that locks tables while altering them:
// everything but SQLite.
func (d Dialect) IsServer() bool { return d != SQLite }

// Family is the dialect a server of this kind is compatible with, for
// comparing a project's dialect with a sandbox database: MariaDB serves a
// MySQL project.
func (d Dialect) Family() Dialect {
	if d.IsMySQLFamily() {
		return MySQL
	}
	return d
}

// Version is a database server version: 15, 8.0, 8.0.29. The zero Version
// means "a current server".
type Version struct {
	parts []int
	text  string
}

// ParseVersion reads a version as users write it: digits separated by
// dots, nothing else. Anything else is an error, so that `v15` or `banana`
// never silently means version 0.
func ParseVersion(s string) (Version, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Version{}, nil
	}
	v := Version{text: s}
	for _, part := range strings.Split(s, ".") {
		n, err := strconv.Atoi(part)
		if err != nil || n < 0 || part == "" || part[0] == '+' || part[0] == '-' {
			return Version{}, fmt.Errorf("invalid server version %q: write the version number, e.g. 15 or 8.0.29", s)
		}
		v.parts = append(v.parts, n)
	}
	if len(v.parts) > 4 {
		return Version{}, fmt.Errorf("invalid server version %q: write the version number, e.g. 15 or 8.0.29", s)
	}
	return v, nil
}

// MustVersion is ParseVersion for constants in rules; it panics on a bad
// literal, which TestRegistry catches.
func MustVersion(s string) Version {
	v, err := ParseVersion(s)
	if err != nil {
		panic(err)
	}
	return v
}

// IsZero reports a version that was not given.
func (v Version) IsZero() bool { return len(v.parts) == 0 }

func (v Version) String() string { return v.text }

// Before reports whether v is given and older than other. No version means
// a current server, which is older than nothing.
func (v Version) Before(other Version) bool {
	if v.IsZero() {
		return false
	}
	for i := range max(len(v.parts), len(other.parts)) {
		var a, b int
		if i < len(v.parts) {
			a = v.parts[i]
		}
		if i < len(other.parts) {
			b = other.parts[i]
		}
		if a != b {
			return a < b
		}
	}
	return false
}

// DialectSet is a set of dialects. The zero value is every dialect, as
// code that no `if` on the dialect guards runs everywhere.
type DialectSet struct {
	restricted bool
	members    uint8 // bit i: Dialects[i]
}

// DialectSetOf is the set of the given dialects; MySQL stands for MariaDB
// too, as SQLAlchemy's "mysql" dialect serves both.
func DialectSetOf(ds ...Dialect) DialectSet {
	s := DialectSet{restricted: true}
	for _, d := range ds {
		for i, known := range Dialects {
			if known == d || d == MySQL && known == MariaDB {
				s.members |= 1 << i
			}
		}
	}
	return s
}

// Has reports whether code in the set runs on the dialect.
func (s DialectSet) Has(d Dialect) bool {
	if !s.restricted {
		return true
	}
	for i, known := range Dialects {
		if known == d {
			return s.members&(1<<i) != 0
		}
	}
	return false
}

// IsAll reports the unrestricted set.
func (s DialectSet) IsAll() bool { return !s.restricted || s.members == 1<<len(Dialects)-1 }

// Intersect is the set of dialects in both.
func (s DialectSet) Intersect(o DialectSet) DialectSet {
	switch {
	case !s.restricted:
		return o
	case !o.restricted:
		return s
	}
	return DialectSet{restricted: true, members: s.members & o.members}
}

// Minus is the set of dialects in s and not in o.
func (s DialectSet) Minus(o DialectSet) DialectSet {
	if !o.restricted {
		return DialectSet{restricted: true}
	}
	members := uint8(1<<len(Dialects) - 1)
	if s.restricted {
		members = s.members
	}
	return DialectSet{restricted: true, members: members &^ o.members}
}

// Union is the set of dialects in either.
func (s DialectSet) Union(o DialectSet) DialectSet {
	if !s.restricted || !o.restricted {
		return DialectSet{}
	}
	return DialectSet{restricted: true, members: s.members | o.members}
}
