package sandbox

import (
	"fmt"
	"path/filepath"

	"github.com/migrate-lint/migrate-lint/internal/lazyregexp"
	"github.com/migrate-lint/migrate-lint/lint"
)

// envError reports whether a failed step failed in env.py or in a module
// it imports (the models), rather than in a revision: then every revision
// fails the same way, and the finding belongs to that file.
func (s *stairway) envError(e *StepError) bool {
	return e != nil && (e.Origin == "env" || e.Origin == "module")
}

// envFailure reports an error of env.py, or of a module env.py imports, on
// that file at the traceback's line. Online, the run stops: nothing more
// can be learnt. Offline (ML609), only the offline checks stop.
func (s *stairway) envFailure(id string, e *StepError) {
	offline := id == lint.OfflineSQLID
	if offline {
		if s.offlineOff {
			return
		}
		s.offlineOff = true
	} else {
		if s.envFailed {
			return
		}
		s.envFailed = true
	}
	file := resolvePath(e.File)
	what := "env.py failed"
	if e.Origin == "module" {
		what = fmt.Sprintf("%s failed while env.py imported it", s.o.Project.Rel(file))
		if e.EnvLine > 0 {
			what += fmt.Sprintf(" (env.py line %d: %s)", e.EnvLine, e.EnvCode)
		}
	}
	if offline {
		what += " in offline mode (alembic upgrade --sql), so no revision's SQL could be rendered"
	} else {
		what += ", so no revision could run"
	}
	msg := fmt.Sprintf("%s: %s (%s)", what, e.reason(), e.Type)
	s.add(lint.Diagnostic{Rule: id, File: file, Span: lint.LineSpan(max(e.Line, 1)), Message: msg, Help: s.envHelp(e, offline)})
}

var missingModule = lazyregexp.New(`No module named '([^']+)'`)

// envHelp says how to fix an env.py failure; for an import, how Alembic
// finds the project's modules.
func (s *stairway) envHelp(e *StepError, offline bool) string {
	switch {
	case e.Type == "ModuleNotFoundError" || e.Type == "ImportError":
		module := "the project's package"
		if m := missingModule.FindStringSubmatch(e.Message); m != nil {
			module = fmt.Sprintf("%q", m[1])
		}
		dir := s.o.Dir
		if s.drv != nil && s.drv.info.Cwd != "" {
			dir = s.drv.info.Cwd
		}
		prepend := ""
		if s.drv != nil {
			prepend = s.drv.info.PrependSysPath
		}
		if e.Origin == "module" {
			return fmt.Sprintf("%s imports %s, which %s cannot find: install it into that interpreter, or pass --python with the project's environment (Alembic puts prepend_sys_path %q, relative to %s, at the front of sys.path, which is how the project's own packages are found)",
				s.o.Project.Rel(resolvePath(e.File)), module, s.o.Python, prepend, dir)
		}
		if prepend == "" {
			return fmt.Sprintf("alembic.ini sets no prepend_sys_path, so Python looks for %s only in the interpreter's own path (%s), not in %s: add `prepend_sys_path = .` to [alembic] as Alembic's template does, or install the project into that interpreter",
				module, s.o.Python, dir)
		}
		return fmt.Sprintf("Alembic puts prepend_sys_path (%q, relative to %s, where the alembic command and the sandbox run) at the front of sys.path before it runs env.py, and %s is not there: set prepend_sys_path to the directory that contains %s, or install the project into %s",
			prepend, dir, module, module, s.o.Python)
	case e.Type == "SyntaxError" || e.Type == "IndentationError" || e.Type == "TabError":
		return "fix the syntax error: Alembic runs env.py, and imports the modules it imports, before every command"
	case offline:
		return "make env.py's run_migrations_offline() work without a connection (context.configure(url=..., literal_binds=True)), as Alembic's template does"
	case e.Code != "":
		return fmt.Sprintf("fix `%s` (line %d): Alembic runs env.py for every command", e.Code, e.Line)
	}
	return "fix env.py: Alembic runs it for every command"
}

// resolvePath gives a path the identity files have in a lint.Project:
// absolute and with symbolic links resolved.
func resolvePath(path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	if real, err := filepath.EvalSymlinks(path); err == nil {
		path = real
	}
	return path
}

// envFile is env.py, where findings about the project's setup go.
func (s *stairway) envFile() (string, lint.Span) {
	if setup := s.o.Project.Setup; setup != nil && setup.Env != nil {
		span := lint.LineSpan(1)
		if tm := setup.Env.TargetMetadata; tm != nil {
			span = tm.Span
		}
		return setup.Env.File, span
	}
	if s.drv != nil && s.drv.info.EnvPy != "" {
		return resolvePath(s.drv.info.EnvPy), lint.LineSpan(1)
	}
	return filepath.Join(s.o.ScriptLocation, "env.py"), lint.LineSpan(1)
}
