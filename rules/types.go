package rules

import (
	"strconv"
	"strings"

	"github.com/migrate-lint/migrate-lint/lint"
)

// parsedType splits varchar(20) into "varchar" and [20]; a collation
// (varchar(20) collate ascii_bin) is left to collationOf.
func parsedType(t string) (name string, mods []int) {
	t, _, _ = strings.Cut(t, " collate ")
	name, rest, _ := strings.Cut(t, "(")
	for _, m := range strings.Split(strings.TrimSuffix(rest, ")"), ",") {
		if n, err := strconv.Atoi(strings.TrimSpace(m)); err == nil {
			mods = append(mods, n)
		}
	}
	return strings.TrimSpace(name), mods
}

// mysqlShortVarchar is the longest VARCHAR, in utf8mb4 characters, whose
// length fits one byte (255 bytes / 4): widening within one side of it is
// in place, across it a table copy.
const mysqlShortVarchar = 63

// safeTypeChange reports whether changing from one type to another is
// known not to rewrite the table on the dialect.
func safeTypeChange(dialect lint.Dialect, from, to string) bool {
	if from == "" || to == "" {
		return false
	}
	if from == to {
		return true
	}
	if _, toColl, ok := strings.Cut(to, " collate "); ok {
		// A collation given in the new type is a change unless the old
		// type is known to have had the same one.
		if _, fromColl, _ := strings.Cut(from, " collate "); fromColl != toColl {
			return false
		}
	}
	fn, fm := parsedType(from)
	tn, tm := parsedType(to)
	if dialect.IsMySQLFamily() {
		return fn == "varchar" && tn == "varchar" && len(fm) == 1 && len(tm) == 1 && tm[0] >= fm[0] &&
			(tm[0] <= mysqlShortVarchar || fm[0] > mysqlShortVarchar)
	}
	switch {
	case fn == "varchar" && tn == "varchar":
		return len(tm) == 0 || len(fm) == 1 && tm[0] >= fm[0]
	case fn == "varchar" && tn == "text", fn == "text" && tn == "varchar" && len(tm) == 0:
		return true
	case fn == "numeric" && tn == "numeric":
		return len(tm) == 0 || len(fm) == 2 && len(tm) == 2 && tm[1] == fm[1] && tm[0] >= fm[0]
	case fn == "varbit" && tn == "varbit":
		return len(tm) == 0 || len(fm) == 1 && tm[0] >= fm[0]
	case fn == "cidr" && tn == "inet":
		return true
	}
	return false
}

// olderThan reports whether --target-version is given and below v
// ("11", "8.0.29"); no target version means a current server.
func olderThan(cfg *lint.Config, v string) bool {
	return cfg != nil && cfg.TargetVersion.Before(lint.MustVersion(v))
}
