package load

import "testing"

// TestExcludeGlobs: every malformed glob is an error, wherever its fault
// lies (filepath.Match alone misses one after a star).
func TestExcludeGlobs(t *testing.T) {
	for pattern, valid := range map[string]bool{
		"migrations/versions/legacy/*": true, "*.py": true, "1a2b3c4d5e6f": true, "versions/[ab]*.py": true, "x/[*]/y": true, `a\*b`: true,
		"versions/*.py[": false, "a[": false, "*/[a-": false, "[]a]": false, `*\`: false,
	} {
		if err := validGlob(pattern); (err == nil) != valid {
			t.Errorf("%q: %v", pattern, err)
		}
	}
}
