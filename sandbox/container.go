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
	docker *dockerClient
	id     string
	admin  dbURL
	image  string
	// Ready is how long the container took from start to accepting
	// connections.
	ready time.Duration
}

// NewContainerProvider starts a database container of the dialect with
// durability switched off (it holds throwaway data).
func NewContainerProvider(ctx context.Context, dialect lint.Dialect, image string) (Provider, error) {
	if image == "" {
		image = DefaultImages[dialect]
	}
	if image == "" {
		return nil, fmt.Errorf("the sandbox supports postgresql, mysql and mariadb, not %q", dialect)
	}
	host, err := findDocker(ctx)
	if err != nil {
		return nil, err
	}
	docker, err := newDockerClient(host)
	if err != nil {
		return nil, err
	}
	password := randomPassword()
	spec := containerSpec{
		Image:  image,
		Labels: map[string]string{ContainerLabel: strconv.Itoa(os.Getpid())},
	}
	var port, scheme, adminDB, user, readyLine string
	switch dialect {
	case lint.PostgreSQL:
		port, scheme, adminDB, user = "5432/tcp", "postgresql", "postgres", "postgres"
		spec.Env = []string{"POSTGRES_PASSWORD=" + password, "POSTGRES_USER=" + user}
		spec.Cmd = []string{"postgres", "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"}
		// The entrypoint starts the server twice: to initialise, then
		// for real.
		readyLine = "database system is ready to accept connections"
	case lint.MySQL, lint.MariaDB:
		port, scheme, adminDB, user = "3306/tcp", "mysql+pymysql", "mysql", "root"
		spec.Env = []string{"MARIADB_ROOT_PASSWORD=" + password, "MYSQL_ROOT_PASSWORD=" + password}
		spec.Cmd = []string{"--innodb-flush-log-at-trx-commit=0", "--skip-log-bin"}
		readyLine = "ready for connections"
	default:
		return nil, fmt.Errorf("the sandbox supports postgresql, mysql and mariadb, not %q", dialect)
	}
	hosts, bind := docker.connectHosts()
	spec.ExposedPorts = map[string]struct{}{port: {}}
	spec.HostConfig.PortBindings = map[string][]portBinding{port: {{HostIp: bind}}}
	start := time.Now()
	if err := docker.pull(ctx, image); err != nil {
		docker.close()
		return nil, fmt.Errorf("image %s is not available locally and could not be pulled: pull or build it, pass --image, or use --database-url (%s)", image, scrub(err.Error(), password))
	}
	p := &containerProvider{docker: docker, image: image}
	fail := func(format string, args ...any) (Provider, error) {
		_ = p.Close(context.WithoutCancel(ctx))
		return nil, fmt.Errorf("%s", scrub(fmt.Sprintf(format, args...), password))
	}
	if p.id, err = docker.create(ctx, spec); err != nil {
		return fail("start %s container: %v", image, err)
	}
	if err := docker.start(ctx, p.id); err != nil {
		return fail("start %s container: %v", image, err)
	}
	waitCtx, cancel := context.WithTimeout(ctx, containerStartTimeout)
	err = docker.waitForLog(waitCtx, p.id, readyLine, 2)
	cancel()
	if err != nil {
		return fail("container %s: %v", image, err)
	}
	mapped, err := docker.hostPort(ctx, p.id, port)
	if err != nil {
		return fail("container %s: %v", image, err)
	}
	// The server may still be finishing its start after the log line.
	deadline := time.Now().Add(30 * time.Second)
	for connected := false; !connected; {
		for _, host := range hosts {
			u, err := parseURL(fmt.Sprintf("%s://%s:%s@%s/%s", scheme, user, password, hostPort(host, mapped), adminDB))
			if err != nil {
				continue
			}
			if conn, err := net.DialTimeout("tcp", hostPort(host, mapped), time.Second); err == nil {
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
			return fail("container %s started but its port %s answers on none of %s", image, mapped, strings.Join(hosts, ", "))
		}
		time.Sleep(200 * time.Millisecond)
	}
	p.ready = time.Since(start)
	return p, nil
}

// containerStartTimeout bounds the wait for a container's server.
const containerStartTimeout = 2 * time.Minute

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
	defer p.docker.close()
	if p.id == "" {
		return nil
	}
	stopCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Minute)
	defer cancel()
	return p.docker.remove(stopCtx, p.id)
}
