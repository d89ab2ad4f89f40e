package python

import (
	"strings"

	"github.com/migrate-lint/migrate-lint/lint"
)

// directionOf tells which migration direction a module-level function
// implements: upgrade(), downgrade(), and the multidb template's
// upgrade_<engine>() / downgrade_<engine>().
func directionOf(name string) lint.Direction {
	switch {
	case name == "upgrade" || strings.HasPrefix(name, "upgrade_"):
		return lint.DirectionUpgrade
	case name == "downgrade" || strings.HasPrefix(name, "downgrade_"):
		return lint.DirectionDowngrade
	}
	return lint.DirectionNone
}

// collectFunctions finds the module-level functions and records the calls
// that upgrade and downgrade make, following helper functions they call.
func (f *fileParser) collectFunctions() {
	var order []string
	for _, stmt := range f.root.children {
		def := stmt
		if def.kind == "decorated_definition" {
			def = def.child("definition")
		}
		if def == nil || def.kind != "function_definition" {
			continue
		}
		nameNode := def.child("name")
		if nameNode == nil {
			continue
		}
		name := nameNode.text(f.src.str)
		f.functions[name] = def
		order = append(order, name)
		f.bindOpParameter(def)
	}
	for _, name := range order {
		def := f.functions[name]
		dir := directionOf(name)
		if dir == lint.DirectionNone {
			continue
		}
		info := f.functionInfo(def)
		switch name {
		case "upgrade":
			f.rev.Upgrade = info
		case "downgrade":
			f.rev.Downgrade = info
		}
		scope := lint.Scope{Function: name, Direction: dir}
		f.walkBlock(def.child("body"), scope, map[string]string{}, map[string]bool{name: true})
	}
}

// bindOpParameter treats a parameter called op as Alembic's operations
// object, for revisions written as def upgrade(op, tables, tester).
func (f *fileParser) bindOpParameter(def *node) {
	params := def.child("parameters")
	if params == nil {
		return
	}
	for _, p := range params.namedChildren() {
		if p.kind == "identifier" && p.text(f.src.str) == "op" {
			f.opNames["op"] = true
		}
	}
}

func (f *fileParser) functionInfo(def *node) lint.Function {
	info := lint.Function{Defined: true, Span: f.spanOf(def)}
	body := def.child("body")
	if body == nil {
		return info
	}
	info.Empty = true
	for _, stmt := range body.namedChildren() {
		if !isNoOp(stmt) {
			info.Empty = false
		}
	}
	info.Irreversible = f.raisesNotImplemented(body) || raisesAtTopLevel(body)
	return info
}

// isNoOp reports whether a statement does nothing: pass, a docstring, `...`.
func isNoOp(stmt *node) bool {
	switch stmt.kind {
	case "pass_statement":
		return true
	case "expression_statement":
		inner := stmt.namedChildren()
		return len(inner) == 1 && (inner[0].kind == "string" || inner[0].kind == "ellipsis")
	}
	return false
}

func (f *fileParser) raisesNotImplemented(n *node) bool {
	if n.kind == "raise_statement" && strings.Contains(n.text(f.src.str), "NotImplementedError") {
		return true
	}
	for _, c := range n.children {
		if f.raisesNotImplemented(c) {
			return true
		}
	}
	return false
}

// walkBlock records the calls of the statements under n. aliases maps a
// batch_alter_table alias to its table; visiting guards against helpers
// that call each other.
func (f *fileParser) walkBlock(n *node, scope lint.Scope, aliases map[string]string, visiting map[string]bool) {
	if n == nil {
		return
	}
	for _, stmt := range n.children {
		switch stmt.kind {
		case "with_statement":
			f.walkWith(stmt, scope, aliases, visiting)
		case "if_statement":
			f.walkIf(stmt, scope, aliases, visiting)
		case "try_statement", "match_statement", "elif_clause", "else_clause",
			"except_clause", "except_group_clause", "finally_clause", "case_clause":
			inner := scope
			inner.Conditional = true
			for _, c := range stmt.children {
				if c.field == "condition" || c.field == "subject" {
					f.findCalls(c, scope, aliases, visiting)
				}
			}
			f.walkBlock(stmt, inner, aliases, visiting)
		case "for_statement", "while_statement":
			inner := scope
			inner.Loop = true
			for _, c := range stmt.children {
				if c.field == "right" || c.field == "condition" {
					f.findCalls(c, scope, aliases, visiting)
				}
			}
			if left, right := stmt.child("left"), stmt.child("right"); left != nil && right != nil && f.readsRuntimeData(right) {
				f.markRuntime(left)
			}
			if !f.unrollLoop(stmt, inner, aliases, visiting) {
				f.walkBlock(stmt, inner, aliases, visiting)
			}
		case "block", "decorated_definition":
			f.walkBlock(stmt, scope, aliases, visiting)
		case "function_definition":
			// A nested function usually runs; walking it is the cautious
			// choice.
			f.walkBlock(stmt.child("body"), scope, aliases, visiting)
		case "class_definition", "comment", "import_statement", "import_from_statement":
		default:
			if stmt.named && stmt.kind != "identifier" {
				f.findCalls(stmt, scope, aliases, visiting)
				f.bindAssignment(stmt)
			}
		}
	}
}

// bindAssignment records `name = <literal>` in the current scope, so that
// a later op.drop_table(name) names its table; any other assignment to
// the name forgets it.
func (f *fileParser) bindAssignment(stmt *node) {
	f.eachNameAssignment(stmt, func(name string, v lint.Value, left, right *node) {
		if isLiteral(v) || isTableConstant(v) {
			f.bind.set(name, v)
		} else {
			f.bind.forget(name)
		}
		if f.readsRuntimeData(right) {
			f.markRuntime(left)
		}
	})
}

// unrollLoop walks `for x in ["a", "b"]:` (or over a constant naming such
// a list, or `for a, b in [("x", "y"), ...]`) once per element with the
// loop variables bound, so that each table gets its own finding. It
// reports false when the loop is not over a literal list.
func (f *fileParser) unrollLoop(stmt *node, scope lint.Scope, aliases map[string]string, visiting map[string]bool) bool {
	left, right, body := stmt.child("left"), stmt.child("right"), stmt.child("body")
	if stmt.kind != "for_statement" || left == nil || right == nil || body == nil {
		return false
	}
	items := f.valueOf(right)
	// reversed(X), sorted(X), list(X), tuple(X) of a literal list.
	if items.Kind == lint.KindCall && len(items.Args) == 1 && len(items.Keywords) == 0 {
		switch items.Text {
		case "reversed":
			inner := items.Args[0]
			rev := make([]lint.Value, len(inner.Args))
			for i, a := range inner.Args {
				rev[len(rev)-1-i] = a
			}
			inner.Args = rev
			items = inner
		case "list", "tuple":
			items = items.Args[0]
		}
	}
	if items.Kind != lint.KindList || len(items.Args) == 0 || len(items.Args) > maxUnrolled || !isLiteral(items) {
		return false
	}
	var names []string
	switch left.kind {
	case "identifier":
		names = []string{left.text(f.src.str)}
	case "pattern_list", "tuple_pattern", "list_pattern":
		for _, c := range left.namedChildren() {
			if c.kind != "identifier" {
				return false
			}
			names = append(names, c.text(f.src.str))
		}
	default:
		return false
	}
	for _, item := range items.Args {
		frame := map[string]lint.Value{}
		if len(names) == 1 {
			frame[names[0]] = item
		} else {
			if item.Kind != lint.KindList || len(item.Args) != len(names) {
				return false
			}
			for i, name := range names {
				frame[name] = item.Args[i]
			}
		}
		f.bind.push(frame)
		f.walkBlock(body, scope, aliases, visiting)
		f.bind.pop()
	}
	return true
}

// walkWith handles `with op.batch_alter_table("t") as batch_op:` and
// `with op.get_context().autocommit_block():`.
func (f *fileParser) walkWith(stmt *node, scope lint.Scope, aliases map[string]string, visiting map[string]bool) {
	inner := scope
	innerAliases := aliases
	var items []*node
	var collect func(n *node)
	collect = func(n *node) {
		for _, c := range n.children {
			switch c.kind {
			case "with_item":
				items = append(items, c)
			case "with_clause":
				collect(c)
			}
		}
	}
	collect(stmt)
	for _, item := range items {
		value := item.child("value")
		if value == nil {
			continue
		}
		expr, alias := value, ""
		if value.kind == "as_pattern" {
			if parts := value.namedChildren(); len(parts) > 0 {
				expr = parts[0]
			}
			if a := value.child("alias"); a != nil {
				alias = strings.TrimSpace(a.text(f.src.str))
			}
		}
		if expr.kind != "call" {
			f.findCalls(expr, scope, aliases, visiting)
			continue
		}
		call := f.recordCall(expr, scope, aliases, visiting)
		switch call.Name {
		case "batch_alter_table":
			table, _ := call.Arg(0, "table_name")
			name, _ := table.Str()
			inner.BatchTable = name
			if alias != "" {
				innerAliases = copyAliases(innerAliases)
				innerAliases[alias] = name
			}
		case "autocommit_block":
			inner.Autocommit = true
		}
	}
	f.walkBlock(stmt.child("body"), inner, innerAliases, visiting)
}

func copyAliases(m map[string]string) map[string]string {
	out := make(map[string]string, len(m)+1)
	for k, v := range m {
		out[k] = v
	}
	return out
}

// findCalls records the outermost calls inside an expression or simple
// statement; calls nested in their arguments are part of their values.
func (f *fileParser) findCalls(n *node, scope lint.Scope, aliases map[string]string, visiting map[string]bool) {
	if n.kind == "call" {
		f.recordCall(n, scope, aliases, visiting)
		return
	}
	if n.kind == "lambda" || n.kind == "function_definition" || n.kind == "class_definition" {
		return
	}
	for _, c := range n.children {
		f.findCalls(c, scope, aliases, visiting)
	}
}

// recordCall adds a call to the revision and, when it calls a helper
// function of the same file, walks the helper in the caller's scope.
func (f *fileParser) recordCall(n *node, scope lint.Scope, aliases map[string]string, visiting map[string]bool) lint.Call {
	v := f.callValue(n)
	if v.Kind != lint.KindCall {
		return lint.Call{}
	}
	call := lint.Call{
		Callee: v.Text, Name: lint.LastSegment(v.Text), Args: v.Args, Keywords: v.Keywords,
		Span: v.Span, Scope: scope,
	}
	root, _, _ := strings.Cut(v.Text, ".")
	root = strings.TrimSuffix(root, "()")
	if table, ok := aliases[root]; ok && root != v.Text {
		call.Receiver = lint.ReceiverBatch
		call.Scope.BatchTable = table
	} else if f.opNames[root] && root != v.Text {
		call.Receiver = lint.ReceiverOp
	}
	f.rev.Calls = append(f.rev.Calls, call)

	if fn := n.child("function"); fn != nil && fn.kind == "identifier" {
		name := fn.text(f.src.str)
		if def, ok := f.functions[name]; ok && directionOf(name) == lint.DirectionNone && !visiting[name] && f.budget(def) {
			visiting[name] = true
			helperScope := scope
			helperScope.Function, helperScope.Helper = name, name
			// Each call is analysed with its own arguments bound to the
			// helper's parameters.
			f.bind.push(f.bindParameters(def, call))
			f.walkBlock(def.child("body"), helperScope, aliases, visiting)
			f.bind.pop()
			delete(visiting, name)
		}
	}
	return call
}

// bindParameters binds a helper's parameters to a call's literal
// arguments, falling back to the parameters' literal defaults.
func (f *fileParser) bindParameters(def *node, call lint.Call) map[string]lint.Value {
	frame := map[string]lint.Value{}
	params := def.child("parameters")
	if params == nil {
		return frame
	}
	position := 0
	for _, p := range params.namedChildren() {
		var name string
		var deflt *node
		switch p.kind {
		case "identifier":
			name = p.text(f.src.str)
		case "default_parameter", "typed_default_parameter":
			if n := p.child("name"); n != nil {
				name = n.text(f.src.str)
			}
			deflt = p.child("value")
		case "typed_parameter":
			for _, c := range p.namedChildren() {
				if c.kind == "identifier" {
					name = c.text(f.src.str)
					break
				}
			}
		default:
			// *args, **kwargs, the bare * and / markers: positions after
			// them are not this simple mapping's to guess.
			return frame
		}
		if name == "" {
			return frame
		}
		v, ok := call.Arg(position, name)
		position++
		if !ok && deflt != nil {
			v, ok = f.valueOf(deflt), true
		}
		if ok && (isLiteral(v) || v.Table() != "" || isTableConstant(v)) {
			frame[name] = v
		}
	}
	return frame
}

// raisesAtTopLevel reports a body whose own statements include a raise:
// `raise Exception("irreversible")` declares the downgrade cannot run.
func raisesAtTopLevel(body *node) bool {
	for _, stmt := range body.namedChildren() {
		if stmt.kind == "raise_statement" {
			return true
		}
	}
	return false
}

// budget charges a walk of the helper def against maxInlined, and says
// whether it may be walked.
func (f *fileParser) budget(def *node) bool {
	if f.overBudget {
		return false
	}
	f.inlined += def.end - def.start
	if f.inlined > maxInlined {
		f.overBudget = true
		return false
	}
	return true
}
