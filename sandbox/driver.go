package sandbox

import (
	"bufio"
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"time"
)

//go:embed driver.py
var driverSource []byte

// driverSettings reach the driver in MIGRATE_LINT_SANDBOX.
type driverSettings struct {
	URL              string   `json:"url"`
	URLEnv           []string `json:"url_env"`
	ConfigFile       string   `json:"config_file,omitempty"`
	TOMLFile         string   `json:"toml_file,omitempty"`
	ScriptLocation   string   `json:"script_location,omitempty"`
	VersionLocations []string `json:"version_locations,omitempty"`
}

// Lock is an ACCESS EXCLUSIVE lock a revision held on an existing table.
type Lock struct {
	Table     string `json:"table"`
	Mode      string `json:"mode"`
	Statement string `json:"statement"`
}

// Rewrite is an existing table whose storage a revision replaced.
type Rewrite struct {
	Table     string `json:"table"`
	Statement string `json:"statement"`
}

// StepError is what the driver learnt about a failure.
type StepError struct {
	Message   string `json:"message"`
	Type      string `json:"type"`
	SQLState  string `json:"sqlstate"`
	Errno     int    `json:"errno"`
	Statement string `json:"statement"`
	File      string `json:"file"`
	Line      int    `json:"line"`
	Code      string `json:"code"`
	Traceback string `json:"traceback"`
	// Origin says whose code the error is in: "revision" (a file of a
	// version location), "env" (env.py), "module" (a project module env.py
	// imports, such as the models) or "" (a library).
	Origin string `json:"origin"`
	// EnvLine and EnvCode are the env.py line that led to a module's
	// error (the import of the models).
	EnvLine int    `json:"env_line"`
	EnvCode string `json:"env_code"`
}

type stepReply struct {
	Ready    *bool      `json:"ready"`
	OK       bool       `json:"ok"`
	Ms       float64    `json:"ms"`
	Locks    []Lock     `json:"locks"`
	Rewrites []Rewrite  `json:"rewrites"`
	Error    *StepError `json:"error"`
	// The ready line: versions, and how Alembic finds the project's
	// modules (for messages about imports that fail).
	Alembic        string `json:"alembic"`
	PrependSysPath string `json:"prepend_sys_path"`
	Cwd            string `json:"cwd"`
	EnvPy          string `json:"env_py"`
	// compare: the differences between the models and the database.
	Diffs      []modelDiff `json:"diffs"`
	NoMetadata bool        `json:"no_metadata"`
	// offline: how much SQL the revision rendered.
	SQLBytes int `json:"sql_bytes"`
}

// errStepTimeout is returned when a step ran past its time.
var errStepTimeout = errors.New("step timed out")

// driver is one running Python process.
type driver struct {
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	lines  chan string
	stderr *tailBuffer
	script string
	done   chan struct{}
	// info is the ready line.
	info stepReply
}

// startDriver writes the embedded driver to a temporary file and starts it
// with the user's interpreter in the project's directory, so that env.py,
// the models and the DB drivers are the user's.
func startDriver(ctx context.Context, python, dir string, s driverSettings) (*driver, error) {
	f, err := os.CreateTemp("", "migrate-lint-driver-*.py")
	if err != nil {
		return nil, err
	}
	if _, err := f.Write(driverSource); err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, err
	}
	f.Close()
	settings, _ := json.Marshal(s)
	d := &driver{script: f.Name(), lines: make(chan string, 4), stderr: &tailBuffer{max: 8192}, done: make(chan struct{})}
	d.cmd = exec.Command(python, "-u", f.Name())
	d.cmd.Dir = dir
	d.cmd.Env = append(os.Environ(), "MIGRATE_LINT_SANDBOX="+string(settings), "PYTHONDONTWRITEBYTECODE=1")
	// Its own process group, so a timeout kills env.py's children too.
	d.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	d.cmd.Stderr = d.stderr
	if d.stdin, err = d.cmd.StdinPipe(); err != nil {
		return nil, err
	}
	stdout, err := d.cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := d.cmd.Start(); err != nil {
		os.Remove(f.Name())
		var execErr *exec.Error
		if errors.As(err, &execErr) {
			return nil, fmt.Errorf("cannot run Python %q: %v (pass --python with the interpreter of the project's environment)", python, execErr.Err)
		}
		return nil, fmt.Errorf("start Python %q: %w", python, err)
	}
	go func() {
		sc := bufio.NewScanner(stdout)
		sc.Buffer(make([]byte, 64*1024), 8*1024*1024)
		for sc.Scan() {
			d.lines <- sc.Text()
		}
		close(d.lines)
	}()
	go func() {
		_ = d.cmd.Wait()
		close(d.done)
	}()
	ready, err := d.read(ctx, 2*time.Minute)
	if err != nil {
		d.kill()
		return nil, fmt.Errorf("the sandbox driver did not start under %s: %v %s", python, err, d.stderr.tail())
	}
	if ready.Ready == nil || !*ready.Ready {
		d.kill()
		if ready.Error != nil && ready.Error.Type != "" {
			// Alembic itself refused the configuration, as its command
			// line would.
			return nil, &ConfigError{Err: *ready.Error}
		}
		msg := "unknown error"
		if ready.Error != nil {
			msg = ready.Error.Message
		}
		return nil, fmt.Errorf("%s cannot run Alembic: %s (pass --python with the interpreter of the project's environment)", python, msg)
	}
	d.info = ready
	return d, nil
}

// read waits for the next reply line.
func (d *driver) read(ctx context.Context, timeout time.Duration) (stepReply, error) {
	var r stepReply
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	select {
	case <-ctx.Done():
		return r, ctx.Err()
	case line, ok := <-d.lines:
		if !ok {
			<-d.done
			return r, fmt.Errorf("the Python process exited: %s", d.stderr.tail())
		}
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			return r, fmt.Errorf("unreadable reply from the driver: %q", line)
		}
		return r, nil
	case <-timer.C:
		return r, errStepTimeout
	}
}

// ConfigError is Alembic refusing the project's configuration when the
// driver starts (ScriptDirectory.from_config raised), as `alembic` would.
type ConfigError struct{ Err StepError }

func (e *ConfigError) Error() string {
	return fmt.Sprintf("Alembic cannot read the project's configuration: %s", e.Err.Traceback)
}

// step runs one migration step; on timeout or cancellation the process is
// killed and the caller must start a new driver.
func (d *driver) step(ctx context.Context, cmd, target string, measure bool, timeout time.Duration) (stepReply, error) {
	return d.call(ctx, map[string]any{"cmd": cmd, "target": target, "measure": measure}, timeout)
}

// call sends one command and waits for its reply.
func (d *driver) call(ctx context.Context, command map[string]any, timeout time.Duration) (stepReply, error) {
	line, _ := json.Marshal(command)
	if _, err := d.stdin.Write(append(line, '\n')); err != nil {
		return stepReply{}, fmt.Errorf("the Python process is gone: %s", d.stderr.tail())
	}
	r, err := d.read(ctx, timeout)
	if err != nil {
		d.kill()
	}
	return r, err
}

// close asks the driver to quit, then makes sure it is gone.
func (d *driver) close() {
	if d == nil {
		return
	}
	_, _ = d.stdin.Write([]byte(`{"cmd": "quit"}` + "\n"))
	_ = d.stdin.Close()
	select {
	case <-d.done:
	case <-time.After(5 * time.Second):
		d.kill()
	}
	os.Remove(d.script)
}

func (d *driver) kill() {
	if d.cmd.Process != nil {
		_ = syscall.Kill(-d.cmd.Process.Pid, syscall.SIGKILL)
	}
	select {
	case <-d.done:
	case <-time.After(5 * time.Second):
	}
	os.Remove(d.script)
}

// tailBuffer keeps the last bytes of the driver's stderr for messages.
type tailBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
	max int
}

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf.Write(p)
	if t.buf.Len() > t.max {
		b := t.buf.Bytes()[t.buf.Len()-t.max:]
		t.buf.Reset()
		t.buf.Write(b)
	}
	return len(p), nil
}

func (t *tailBuffer) tail() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	lines := strings.Split(strings.TrimSpace(t.buf.String()), "\n")
	if len(lines) > 3 {
		lines = lines[len(lines)-3:]
	}
	return strings.Join(lines, " | ")
}
