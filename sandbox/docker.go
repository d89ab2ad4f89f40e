package sandbox

// Where the Docker engine is, and a small client of its HTTP API for the
// one container the sandbox starts. The binary used testcontainers-go for
// the container, whose package initialisation (it lists every process on
// the machine) ran in every command, `migrate-lint version` included: Go
// runs the init of every linked package, so no lazy import could avoid
// it. The engine's API over its socket needs no library.

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"
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

// findDocker returns the first address where an engine answers.
// Otherwise the error says what was tried and what to do.
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
		return a.host, nil
	}
	return "", fmt.Errorf("no Docker engine answered; tried %s: start Docker, or run against an existing server with --database-url (e.g. postgresql://user:password@localhost/postgres)", strings.Join(tried, ", "))
}

func pingDocker(ctx context.Context, host string) error {
	c, err := newDockerClient(host)
	if err != nil {
		return err
	}
	defer c.close()
	return c.ping(ctx)
}

// dockerAPI pins the API version: 1.41 is Docker 20.10, the oldest engine
// still supported, and has everything used here.
const dockerAPI = "/v1.41"

type dockerClient struct {
	http *http.Client
	// host is the engine's address for messages; remoteHost the host of
	// a TCP engine (its published ports are there), "" for a socket.
	host, remoteHost string
}

// newDockerClient makes a client of the engine at host (unix:// or
// tcp://).
func newDockerClient(host string) (*dockerClient, error) {
	u, err := url.Parse(host)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", host, err)
	}
	c := &dockerClient{host: host}
	transport := &http.Transport{}
	switch u.Scheme {
	case "unix":
		path := u.Path
		transport.DialContext = func(ctx context.Context, _, _ string) (net.Conn, error) {
			var d net.Dialer
			return d.DialContext(ctx, "unix", path)
		}
	case "tcp":
		if os.Getenv("DOCKER_TLS_VERIFY") != "" {
			return nil, fmt.Errorf("%s with DOCKER_TLS_VERIFY: TLS to the engine is not supported", host)
		}
		addr := u.Host
		transport.DialContext = func(ctx context.Context, _, _ string) (net.Conn, error) {
			var d net.Dialer
			return d.DialContext(ctx, "tcp", addr)
		}
		c.remoteHost = u.Hostname()
	default:
		return nil, fmt.Errorf("%s: only unix:// and tcp:// engines are supported", host)
	}
	c.http = &http.Client{Transport: transport}
	return c, nil
}

func (c *dockerClient) close() { c.http.CloseIdleConnections() }

// dockerError is an error answer of the engine.
type dockerError struct {
	status  int
	message string
}

func (e *dockerError) Error() string { return e.message }

func isNotFound(err error) bool {
	var de *dockerError
	return errors.As(err, &de) && de.status == http.StatusNotFound
}

// do sends a request and returns the answer's body, which the caller
// closes; an error status becomes a *dockerError with the engine's
// message.
func (c *dockerClient) do(ctx context.Context, method, path string, query url.Values, body any) (io.ReadCloser, error) {
	var in io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return nil, err
		}
		in = bytes.NewReader(b)
	}
	u := "http://docker" + dockerAPI + path
	if len(query) > 0 {
		u += "?" + query.Encode()
	}
	req, err := http.NewRequestWithContext(ctx, method, u, in)
	if err != nil {
		return nil, err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode >= 300 {
		defer resp.Body.Close()
		var msg struct{ Message string }
		raw, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
		if json.Unmarshal(raw, &msg) != nil || msg.Message == "" {
			msg.Message = strings.TrimSpace(string(raw))
		}
		return nil, &dockerError{resp.StatusCode, msg.Message}
	}
	return resp.Body, nil
}

// call sends a request and decodes a JSON answer into out (when not nil).
func (c *dockerClient) call(ctx context.Context, method, path string, query url.Values, body, out any) error {
	r, err := c.do(ctx, method, path, query, body)
	if err != nil {
		return err
	}
	defer r.Close()
	if out == nil {
		_, err = io.Copy(io.Discard, r)
		return err
	}
	return json.NewDecoder(r).Decode(out)
}

func (c *dockerClient) ping(ctx context.Context) error {
	return c.call(ctx, http.MethodGet, "/_ping", nil, nil, nil)
}

// pull makes sure the image is there, pulling it when it is not.
func (c *dockerClient) pull(ctx context.Context, image string) error {
	err := c.call(ctx, http.MethodGet, "/images/"+image+"/json", nil, nil, nil)
	if err == nil || !isNotFound(err) {
		return err
	}
	name, tag := image, "latest"
	if i := strings.LastIndexByte(image, ':'); i > strings.LastIndexByte(image, '/') {
		name, tag = image[:i], image[i+1:]
	}
	r, err := c.do(ctx, http.MethodPost, "/images/create", url.Values{"fromImage": {name}, "tag": {tag}}, nil)
	if err != nil {
		return err
	}
	defer r.Close()
	// Progress as JSON lines; a failure is a line with an error.
	dec := json.NewDecoder(r)
	for {
		var line struct{ Error string }
		if err := dec.Decode(&line); err == io.EOF {
			return nil
		} else if err != nil {
			return err
		}
		if line.Error != "" {
			return errors.New(line.Error)
		}
	}
}

// containerSpec is what the sandbox asks of a container.
type containerSpec struct {
	Image        string
	Env, Cmd     []string
	Labels       map[string]string
	ExposedPorts map[string]struct{}
	HostConfig   struct {
		PortBindings map[string][]portBinding
	}
}

type portBinding struct{ HostIp, HostPort string }

func (c *dockerClient) create(ctx context.Context, spec containerSpec) (string, error) {
	var out struct{ Id string }
	if err := c.call(ctx, http.MethodPost, "/containers/create", nil, spec, &out); err != nil {
		return "", err
	}
	return out.Id, nil
}

func (c *dockerClient) start(ctx context.Context, id string) error {
	return c.call(ctx, http.MethodPost, "/containers/"+id+"/start", nil, nil, nil)
}

func (c *dockerClient) remove(ctx context.Context, id string) error {
	err := c.call(ctx, http.MethodDelete, "/containers/"+id, url.Values{"force": {"true"}, "v": {"true"}}, nil, nil)
	if isNotFound(err) {
		return nil
	}
	return err
}

// hostPort returns the host port the engine published for a container
// port ("5432/tcp").
func (c *dockerClient) hostPort(ctx context.Context, id, port string) (string, error) {
	var out struct {
		NetworkSettings struct{ Ports map[string][]portBinding }
	}
	if err := c.call(ctx, http.MethodGet, "/containers/"+id+"/json", nil, nil, &out); err != nil {
		return "", err
	}
	for _, b := range out.NetworkSettings.Ports[port] {
		if b.HostPort != "" {
			return b.HostPort, nil
		}
	}
	return "", fmt.Errorf("port %s is not published", port)
}

// waitForLog follows the container's output until line has been printed
// n times. It fails when the container stops first, with the end of its
// output.
func (c *dockerClient) waitForLog(ctx context.Context, id, line string, n int) error {
	r, err := c.do(ctx, http.MethodGet, "/containers/"+id+"/logs", url.Values{"follow": {"true"}, "stdout": {"true"}, "stderr": {"true"}}, nil)
	if err != nil {
		return err
	}
	defer r.Close()
	// Without a terminal the stream is multiplexed: frames of an 8-byte
	// header (stream, 0, 0, 0, big-endian size) and the bytes.
	br := bufio.NewReader(r)
	var tail []string
	var partial string
	header := make([]byte, 8)
	for {
		if _, err := io.ReadFull(br, header); err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			return fmt.Errorf("the container stopped before it was ready: %s", strings.Join(tail, " | "))
		}
		size := binary.BigEndian.Uint32(header[4:])
		chunk := make([]byte, size)
		if _, err := io.ReadFull(br, chunk); err != nil {
			return fmt.Errorf("reading the container's output: %w", err)
		}
		lines := strings.Split(partial+string(chunk), "\n")
		partial = lines[len(lines)-1]
		for _, l := range lines[:len(lines)-1] {
			if strings.Contains(l, line) {
				if n--; n == 0 {
					return nil
				}
			}
			if l = strings.TrimSpace(l); l != "" {
				tail = append(tail, l)
				if len(tail) > 5 {
					tail = tail[1:]
				}
			}
		}
	}
}

// connectHosts are the addresses to try for the container's published
// ports, best first, and the host address to publish them on.
func (c *dockerClient) connectHosts() (hosts []string, bind string) {
	switch {
	case c.remoteHost != "":
		return []string{c.remoteHost}, ""
	case insideContainer():
		// Ports are published on the Docker host, which a container
		// reaches through its default gateway.
		if gw := defaultGateway(); gw != "" {
			return []string{gw, "127.0.0.1"}, ""
		}
		return []string{"127.0.0.1"}, ""
	}
	// A throwaway database with a password, on loopback only.
	return []string{"127.0.0.1"}, "127.0.0.1"
}

func insideContainer() bool {
	_, err := os.Stat("/.dockerenv")
	return err == nil
}

// defaultGateway reads the IPv4 default route's gateway from
// /proc/net/route (Linux); "" when there is none.
func defaultGateway() string {
	data, err := os.ReadFile("/proc/net/route")
	if err != nil {
		return ""
	}
	for _, line := range strings.Split(string(data), "\n")[1:] {
		f := strings.Fields(line)
		if len(f) < 3 || f[1] != "00000000" {
			continue
		}
		var gw uint32
		if _, err := fmt.Sscanf(f[2], "%x", &gw); err != nil || gw == 0 {
			continue
		}
		return net.IPv4(byte(gw), byte(gw>>8), byte(gw>>16), byte(gw>>24)).String()
	}
	return ""
}
