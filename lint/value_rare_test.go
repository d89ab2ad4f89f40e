package lint

import (
	"reflect"
	"testing"
)

// TestRarePartsAreReplaced: a Value's copies share its rare parts, so
// setting one on a copy leaves the original as it was; a value whose
// rare parts are emptied again equals one that never had any.
func TestRarePartsAreReplaced(t *testing.T) {
	var v Value
	v.SetTable("users")
	v.SetHoles([]int{3})
	copied := v
	copied.SetHoles([]int{1, 2})
	copied.SetTable("accounts")
	if v.Table() != "users" || !reflect.DeepEqual(v.Holes(), []int{3}) {
		t.Errorf("the original changed with its copy: table %q, holes %v", v.Table(), v.Holes())
	}
	if copied.Table() != "accounts" || !reflect.DeepEqual(copied.Holes(), []int{1, 2}) {
		t.Errorf("the copy: table %q, holes %v", copied.Table(), copied.Holes())
	}
	copied.SetHoles(nil)
	copied.SetTable("")
	if !reflect.DeepEqual(copied, Value{}) {
		t.Errorf("emptied again, the value is %+v, not the zero Value", copied)
	}
	if size := reflect.TypeFor[Value]().Size(); size > 120 {
		t.Errorf("a Value is %d bytes: every argument of every call is one", size)
	}
}
