package sandbox

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/docker/go-connections/nat"
	"github.com/testcontainers/testcontainers-go"
	"github.com/testcontainers/testcontainers-go/wait"

	"github.com/migrate-lint/migrate-lint/lint"
)

// DefaultImages are the images used when --image is not given.
var DefaultImages = map[lint.Dialect]string{
	lint.PostgreSQL: "postgres:16",
	lint.MySQL:      "mysql:8.4",
	lint.MariaDB:    "mariadb:11",
}

// ImageDialect guesses the database an image runs from its name
// (postgres:16, mysql:8.4, mariadb:11, registry/x/postgresql-custom);
// "" when the name says nothing.
func ImageDialect(image string) lint.Dialect {
	name := strings.ToLower(image)
	if i := strings.LastIndexByte(name, '/'); i >= 0 {
		name = name[i+1:]
	}
	switch {
	case strings.Contains(name, "postgres"), strings.Contains(name, "postgis"):
		return lint.PostgreSQL
	case strings.Contains(name, "mariadb"):
		return lint.MariaDB
	case strings.Contains(name, "mysql"):
		return lint.MySQL
	}
	return ""
}

// ContainerLabel marks every container the sandbox starts; its value is
// the pid of the process that started it.
const ContainerLabel = "org.migrate-lint.sandbox"

type containerProvider struct {
	container testcontainers.Container
	admin     dbURL
	image     string
	// Ready is how long the container took from start to accepting
	// connections.
	ready time.Duration
}

// NewContainerProvider starts a database container of the dialect with
// durability switched off (it holds throwaway data).
func NewContainerProvider(ctx context.Context, dialect lint.Dialect, image string) (_ Provider, err error) {
	// testcontainers panics where it finds no engine; findDocker makes
	// that unlikely, and this turns what remains into an error.
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("the Docker client failed: %v (start Docker, or run against an existing server with --database-url)", r)
		}
	}()
	if image == "" {
		image = DefaultImages[dialect]
	}
	if image == "" {
		return nil, fmt.Errorf("the sandbox supports postgresql, mysql and mariadb, not %q", dialect)
	}
	// The reaper container cannot be pulled where there is no registry;
	// the sandbox removes its containers itself on every path out.
	if os.Getenv("TESTCONTAINERS_RYUK_DISABLED") == "" {
		os.Setenv("TESTCONTAINERS_RYUK_DISABLED", "true")
	}
	if _, err := findDocker(ctx); err != nil {
		return nil, err
	}
	password := randomPassword()
	req := testcontainers.ContainerRequest{
		Image:  image,
		Labels: map[string]string{ContainerLabel: strconv.Itoa(os.Getpid())},
	}
	var port, scheme, adminDB, user string
	switch dialect {
	case lint.PostgreSQL:
		port, scheme, adminDB, user = "5432/tcp", "postgresql", "postgres", "postgres"
		req.Env = map[string]string{"POSTGRES_PASSWORD": password, "POSTGRES_USER": user}
		req.Cmd = []string{"postgres", "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"}
		req.WaitingFor = wait.ForLog("database system is ready to accept connections").WithOccurrence(2).WithStartupTimeout(2 * time.Minute)
	case lint.MySQL, lint.MariaDB:
		port, scheme, adminDB, user = "3306/tcp", "mysql+pymysql", "mysql", "root"
		req.Env = map[string]string{"MARIADB_ROOT_PASSWORD": password, "MYSQL_ROOT_PASSWORD": password}
		req.Cmd = []string{"--innodb-flush-log-at-trx-commit=0", "--skip-log-bin"}
		req.WaitingFor = wait.ForLog("ready for connections").WithOccurrence(2).WithStartupTimeout(2 * time.Minute)
	default:
		return nil, fmt.Errorf("the sandbox supports postgresql, mysql and mariadb, not %q", dialect)
	}
	req.ExposedPorts = []string{port}
	start := time.Now()
	c, err := testcontainers.GenericContainer(ctx, testcontainers.GenericContainerRequest{ContainerRequest: req, Started: true})
	if err != nil {
		if c != nil {
			_ = c.Terminate(context.WithoutCancel(ctx))
		}
		msg := scrub(err.Error(), password)
		if strings.Contains(msg, "registry") || strings.Contains(msg, "pull") || strings.Contains(msg, "No such image") {
			return nil, fmt.Errorf("image %s is not available locally and could not be pulled: pull or build it, pass --image, or use --database-url (%s)", image, msg)
		}
		return nil, fmt.Errorf("start %s container: %s", image, msg)
	}
	p := &containerProvider{container: c, image: image}
	mapped, err := c.MappedPort(ctx, nat.Port(port))
	if err != nil {
		_ = p.Close(context.WithoutCancel(ctx))
		return nil, fmt.Errorf("container %s: %v", image, err)
	}
	// The server may still be finishing its start after the log line, and
	// the host testcontainers guesses is not always reachable (inside a
	// container it picks the default gateway): try it, then loopback.
	hosts := []string{"127.0.0.1"}
	if h, err := c.Host(ctx); err == nil && h != "localhost" && h != "127.0.0.1" {
		hosts = append([]string{h}, hosts...)
	}
	deadline := time.Now().Add(30 * time.Second)
	for connected := false; !connected; {
		for _, host := range hosts {
			u, err := parseURL(fmt.Sprintf("%s://%s:%s@%s/%s", scheme, user, password, hostPort(host, mapped.Port()), adminDB))
			if err != nil {
				continue
			}
			if conn, err := net.DialTimeout("tcp", hostPort(host, mapped.Port()), time.Second); err == nil {
				conn.Close()
				if db, err := openDB(ctx, u); err == nil {
					db.Close()
					p.admin, connected = u, true
					break
				}
			}
		}
		if connected {
			break
		}
		if time.Now().After(deadline) || ctx.Err() != nil {
			_ = p.Close(context.WithoutCancel(ctx))
			return nil, fmt.Errorf("container %s started but its port %s answers on none of %s", image, mapped.Port(), strings.Join(hosts, ", "))
		}
		time.Sleep(200 * time.Millisecond)
	}
	p.ready = time.Since(start)
	return p, nil
}

func hostPort(host, port string) string {
	if strings.Contains(host, ":") {
		return "[" + host + "]:" + port
	}
	return host + ":" + port
}

func randomPassword() string {
	buf := make([]byte, 12)
	_, _ = rand.Read(buf)
	return "ml" + hex.EncodeToString(buf)
}

func (p *containerProvider) Admin() dbURL { return p.admin }

func (p *containerProvider) Describe() string {
	return fmt.Sprintf("container %s (ready in %s)", p.image, p.ready.Round(10*time.Millisecond))
}

// Ready reports the container's start-to-ready time.
func (p *containerProvider) Ready() time.Duration { return p.ready }

func (p *containerProvider) Close(ctx context.Context) error {
	if p.container == nil {
		return nil
	}
	stopCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Minute)
	defer cancel()
	return p.container.Terminate(stopCtx)
}
