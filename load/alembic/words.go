package alembic

import "bytes"

// searchedWords are the words the setup looks for in a project's modules
// before it parses any of them (containing): each module is searched for
// all of them in one pass when first asked, instead of once per word per
// question. On an application of 700 modules (Netflix/dispatch) the
// searches word by word were a fifth of a warm check's CPU, most of it
// bytes.Index stopping at every '_' of "__tablename__".
var searchedWords = append([]string{"down_revision", "create_all(", "sqlalchemy.url"}, modelWords...)

// wordSet finds which of a few words a text holds, in one pass.
type wordSet struct {
	words []string
	// starts marks the first two bytes of some word: the one check made
	// at most positions.
	starts [1 << 16]bool
}

func newWordSet(words []string) *wordSet {
	s := &wordSet{words: words}
	if len(words) > 64 {
		panic("wordSet: more than 64 words")
	}
	for _, w := range words {
		if len(w) < 2 {
			panic("wordSet: a word shorter than two bytes")
		}
		s.starts[uint16(w[0])<<8|uint16(w[1])] = true
	}
	return s
}

// in returns the words of the set that data holds, bit i for words[i].
func (s *wordSet) in(data []byte) uint64 {
	all := uint64(1)<<len(s.words) - 1
	var found uint64
	for i := 0; i+1 < len(data); i++ {
		if !s.starts[uint16(data[i])<<8|uint16(data[i+1])] {
			continue
		}
		for j, w := range s.words {
			if found&(1<<j) == 0 && bytes.HasPrefix(data[i:], []byte(w)) {
				found |= 1 << j
			}
		}
		if found == all {
			break
		}
	}
	return found
}

// mask returns the bits of words in the set, and the words not in it.
func (s *wordSet) mask(words []string) (bits uint64, others []string) {
	for _, w := range words {
		i := 0
		for i < len(s.words) && s.words[i] != w {
			i++
		}
		if i == len(s.words) {
			others = append(others, w)
			continue
		}
		bits |= 1 << i
	}
	return bits, others
}
