package sandbox

import (
	"context"
	"net"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/migrate-lint/migrate-lint/lint"
)

// TestDockerUnavailable: DOCKER_HOST is honoured, and an engine that is
// missing or never answers is reported within the ping timeout with the
// way out (--database-url), never a panic.
func TestDockerUnavailable(t *testing.T) {
	t.Run("no socket", func(t *testing.T) {
		t.Setenv("DOCKER_HOST", "unix://"+filepath.Join(t.TempDir(), "docker.sock"))
		_, err := NewContainerProvider(context.Background(), lint.PostgreSQL, "")
		if err == nil || !strings.Contains(err.Error(), "--database-url") || !strings.Contains(err.Error(), "docker.sock (no socket there)") {
			t.Fatalf("error: %v", err)
		}
	})
	t.Run("silent engine", func(t *testing.T) {
		sock := filepath.Join(t.TempDir(), "docker.sock")
		l, err := net.Listen("unix", sock)
		if err != nil {
			t.Fatal(err)
		}
		defer l.Close()
		go func() {
			for {
				c, err := l.Accept()
				if err != nil {
					return
				}
				defer c.Close() // accept, never answer
			}
		}()
		t.Setenv("DOCKER_HOST", "unix://"+sock)
		start := time.Now()
		_, err = NewContainerProvider(context.Background(), lint.PostgreSQL, "")
		if err == nil || !strings.Contains(err.Error(), "did not answer") || time.Since(start) > dockerPingTimeout+2*time.Second {
			t.Fatalf("after %s: %v", time.Since(start), err)
		}
	})
	t.Run("unsupported host", func(t *testing.T) {
		t.Setenv("DOCKER_HOST", "ssh://user@host")
		if _, err := NewContainerProvider(context.Background(), lint.PostgreSQL, ""); err == nil || !strings.Contains(err.Error(), "only unix:// and tcp:// engines are supported") {
			t.Fatalf("error: %v", err)
		}
	})
}
