package sandbox

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os/exec"
	"strings"
	"time"
)

// pythonCheckTimeout bounds the interpreter check; importing SQLAlchemy
// on a loaded machine takes a second at most.
const pythonCheckTimeout = 30 * time.Second

// checkPython makes sure the interpreter runs and can import Alembic and
// SQLAlchemy from the project's directory, before anything is started that
// takes seconds to start (a container) or leaves something to clean up.
func checkPython(ctx context.Context, python, dir string) error {
	ctx, cancel := context.WithTimeout(ctx, pythonCheckTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, python, "-c",
		"import sys\ntry:\n import alembic, sqlalchemy\nexcept Exception as e:\n print('%s: %s' % (type(e).__name__, e)); sys.exit(3)\nprint(sys.version.split()[0], alembic.__version__, sqlalchemy.__version__)")
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	text := strings.TrimSpace(string(out))
	if err == nil {
		return nil
	}
	var execErr *exec.Error
	var pathErr *fs.PathError
	var exitErr *exec.ExitError
	switch {
	case errors.As(err, &execErr):
		return fmt.Errorf("cannot run Python %q: %v (pass --python with the interpreter of the project's environment)", python, execErr.Err)
	case errors.As(err, &pathErr):
		return fmt.Errorf("cannot run Python %q: %v (pass --python with the interpreter of the project's environment)", python, pathErr.Err)
	case ctx.Err() != nil:
		return fmt.Errorf("the Python interpreter %q did not answer within %s", python, pythonCheckTimeout)
	case errors.As(err, &exitErr) && exitErr.ExitCode() == 3:
		return fmt.Errorf("the Python interpreter %q cannot import Alembic: %s (pass --python with the interpreter of the project's environment, the one Alembic is installed in)", python, lastLine(text))
	}
	return fmt.Errorf("the Python interpreter %q does not run: %v %s", python, err, lastLine(text))
}

func lastLine(text string) string {
	lines := strings.Split(strings.TrimSpace(text), "\n")
	return lines[len(lines)-1]
}
