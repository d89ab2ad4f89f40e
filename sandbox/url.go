package sandbox

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/migrate-lint/migrate-lint/lint"
)

// dbURL is a SQLAlchemy database URL: dialect+driver://user:pass@host:port/db.
type dbURL struct {
	u *url.URL
}

func parseURL(raw string) (dbURL, error) {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme == "" || u.Host == "" {
		return dbURL{}, fmt.Errorf("database URL %s is not dialect+driver://user:password@host:port/database", lint.MaskURL(raw))
	}
	return dbURL{u: u}, nil
}

// Dialect is the database the URL names: the sandbox's dialect is the
// server's, never assumed.
func (d dbURL) Dialect() lint.Dialect { return lint.DialectOfURL(d.u.Scheme + "://") }

// Database is the database name in the path.
func (d dbURL) Database() string { return strings.TrimPrefix(d.u.Path, "/") }

// WithDatabase returns the URL pointing at another database.
func (d dbURL) WithDatabase(name string) dbURL {
	u := *d.u
	u.Path = "/" + name
	return dbURL{u: &u}
}

// SQLAlchemy is the URL for the user's env.py.
func (d dbURL) SQLAlchemy() string { return d.u.String() }

// GoDSN is the data source name for the Go driver of the dialect.
func (d dbURL) GoDSN() string {
	pass, _ := d.u.User.Password()
	user := d.u.User.Username()
	if d.Dialect() == lint.PostgreSQL {
		u := url.URL{Scheme: "postgres", User: url.UserPassword(user, pass), Host: d.u.Host, Path: d.u.Path}
		q := url.Values{}
		if mode := d.u.Query().Get("sslmode"); mode != "" {
			q.Set("sslmode", mode)
		} else {
			q.Set("sslmode", "prefer")
		}
		u.RawQuery = q.Encode()
		return u.String()
	}
	host := d.u.Host
	if !strings.Contains(host, ":") {
		host += ":3306"
	}
	return fmt.Sprintf("%s:%s@tcp(%s)/%s?parseTime=true", user, pass, host, d.Database())
}

// Password is the URL's password, to keep it out of every message.
func (d dbURL) Password() string {
	p, _ := d.u.User.Password()
	return p
}

// scrub removes a secret from text that may quote it (a driver's error).
func scrub(text, secret string) string {
	if secret == "" {
		return text
	}
	return strings.ReplaceAll(text, secret, "***")
}
