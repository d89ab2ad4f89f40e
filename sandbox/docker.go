package sandbox

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/docker/docker/client"
)

// dockerPingTimeout bounds the search for a Docker engine, all addresses
// together, so a missing or hung engine is reported within seconds.
const dockerPingTimeout = 3 * time.Second

// dockerAddress is one place a Docker engine may listen.
type dockerAddress struct {
	host, source string
}

// dockerAddresses lists where to look, in order. DOCKER_HOST, when set, is
// the only one: the user named it, and quietly falling back to another
// engine would test something else than what they asked for.
func dockerAddresses() []dockerAddress {
	if h := os.Getenv("DOCKER_HOST"); h != "" {
		return []dockerAddress{{h, "DOCKER_HOST"}}
	}
	list := []dockerAddress{{"unix:///var/run/docker.sock", "the default socket"}}
	if dir := os.Getenv("XDG_RUNTIME_DIR"); dir != "" {
		list = append(list, dockerAddress{"unix://" + filepath.Join(dir, "docker.sock"), "rootless Docker"})
	}
	if home, err := os.UserHomeDir(); err == nil {
		list = append(list,
			dockerAddress{"unix://" + filepath.Join(home, ".docker", "run", "docker.sock"), "rootless Docker"},
			dockerAddress{"unix://" + filepath.Join(home, ".docker", "desktop", "docker.sock"), "Docker Desktop"})
	}
	return list
}

// findDocker returns the first address where an engine answers, and
// points testcontainers at exactly that one (through DOCKER_HOST, which it
// reads first). Otherwise the error says what was tried and what to do.
func findDocker(ctx context.Context) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, dockerPingTimeout)
	defer cancel()
	var tried []string
	for _, a := range dockerAddresses() {
		what := a.host
		if a.source == "DOCKER_HOST" {
			what = "DOCKER_HOST=" + a.host
		}
		if path, ok := strings.CutPrefix(a.host, "unix://"); ok {
			if _, err := os.Stat(path); err != nil {
				tried = append(tried, what+" (no socket there)")
				continue
			}
		}
		if err := pingDocker(ctx, a.host); err != nil {
			if ctx.Err() != nil {
				tried = append(tried, what+" (did not answer within "+dockerPingTimeout.String()+")")
				break
			}
			tried = append(tried, fmt.Sprintf("%s (%v)", what, err))
			continue
		}
		if os.Getenv("DOCKER_HOST") != a.host {
			os.Setenv("DOCKER_HOST", a.host)
		}
		return a.host, nil
	}
	return "", fmt.Errorf("no Docker engine answered; tried %s: start Docker, or run against an existing server with --database-url (e.g. postgresql://user:password@localhost/postgres)", strings.Join(tried, ", "))
}

func pingDocker(ctx context.Context, host string) error {
	cli, err := client.NewClientWithOpts(client.WithHost(host), client.WithAPIVersionNegotiation())
	if err != nil {
		return err
	}
	defer cli.Close()
	_, err = cli.Ping(ctx)
	return err
}
