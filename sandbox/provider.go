package sandbox

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"os"
	"time"

	_ "github.com/go-sql-driver/mysql"
	_ "github.com/jackc/pgx/v5/stdlib"

	"github.com/migrate-lint/migrate-lint/lint"
)

// DatabasePrefix starts the name of every database the sandbox creates;
// it never touches any other.
const DatabasePrefix = "migrate_lint_"

// ProcessPrefix starts the names of the databases a process creates:
// migrate_lint_<pid>_. The pid lets a check for leftovers look at one
// run's databases while other runs share the server.
func ProcessPrefix(pid int) string { return fmt.Sprintf("%s%x_", DatabasePrefix, pid) }

// Provider hands out throwaway databases on one server.
type Provider interface {
	// Admin is the URL of the server's administrative database.
	Admin() dbURL
	// Describe names the provider for the report.
	Describe() string
	// Close stops what the provider started (the container).
	Close(ctx context.Context) error
}

// database is one throwaway database.
type database struct {
	url  dbURL
	name string
}

// goDriver names the database/sql driver for a dialect.
func goDriver(dialect lint.Dialect) string {
	if dialect == lint.PostgreSQL {
		return "pgx"
	}
	return "mysql"
}

// openDB opens a Go connection and checks it answers.
func openDB(ctx context.Context, u dbURL) (*sql.DB, error) {
	db, err := sql.Open(goDriver(u.Dialect()), u.GoDSN())
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(2)
	pingCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := db.PingContext(pingCtx); err != nil {
		db.Close()
		return nil, fmt.Errorf("connect to %s: %s", lint.MaskURL(u.SQLAlchemy()), scrub(err.Error(), u.Password()))
	}
	return db, nil
}

// createDatabase makes a fresh migrate_lint_<random> database.
func createDatabase(ctx context.Context, admin dbURL) (*database, error) {
	buf := make([]byte, 4)
	if _, err := rand.Read(buf); err != nil {
		return nil, err
	}
	name := ProcessPrefix(os.Getpid()) + hex.EncodeToString(buf)
	db, err := openDB(ctx, admin)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	quoted := `"` + name + `"`
	if admin.Dialect() != lint.PostgreSQL {
		quoted = "`" + name + "`"
	}
	if _, err := db.ExecContext(ctx, "CREATE DATABASE "+quoted); err != nil {
		return nil, fmt.Errorf("create database %s: %s (the user in the URL needs the right to create databases)", name, scrub(err.Error(), admin.Password()))
	}
	return &database{url: admin.WithDatabase(name), name: name}, nil
}

// dropDatabase removes a database this package created. It refuses any
// other name, so a bug can never drop the user's data.
func dropDatabase(ctx context.Context, admin dbURL, d *database) error {
	if d == nil || len(d.name) <= len(DatabasePrefix) || d.name[:len(DatabasePrefix)] != DatabasePrefix {
		return fmt.Errorf("refusing to drop %v: not a sandbox database", d)
	}
	db, err := openDB(ctx, admin)
	if err != nil {
		return err
	}
	defer db.Close()
	if admin.Dialect() == lint.PostgreSQL {
		// Connections left by a killed driver would block the drop.
		_, _ = db.ExecContext(ctx, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", d.name)
		_, err = db.ExecContext(ctx, `DROP DATABASE IF EXISTS "`+d.name+`"`)
	} else {
		_, err = db.ExecContext(ctx, "DROP DATABASE IF EXISTS `"+d.name+"`")
	}
	if err != nil {
		return fmt.Errorf("drop database %s: %s", d.name, scrub(err.Error(), admin.Password()))
	}
	return nil
}

// serverProvider uses an existing server given by --database-url.
type serverProvider struct{ admin dbURL }

// NewServerProvider checks the URL and that the server answers.
func NewServerProvider(ctx context.Context, rawURL string) (Provider, error) {
	u, err := parseURL(rawURL)
	if err != nil {
		return nil, err
	}
	switch u.Dialect() {
	case lint.PostgreSQL, lint.MySQL, lint.MariaDB:
	default:
		return nil, fmt.Errorf("--database-url %s: the sandbox supports postgresql, mysql and mariadb URLs", lint.MaskURL(rawURL))
	}
	db, err := openDB(ctx, u)
	if err != nil {
		return nil, err
	}
	db.Close()
	return &serverProvider{admin: u}, nil
}

func (s *serverProvider) Admin() dbURL     { return s.admin }
func (s *serverProvider) Describe() string { return "server " + lint.MaskURL(s.admin.SQLAlchemy()) }
func (s *serverProvider) Close(context.Context) error {
	return nil
}
