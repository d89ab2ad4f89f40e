// Package sandbox proves on a real database that each revision under test
// upgrades, downgrades and upgrades again, that the downgrade restores the
// schema exactly, and (PostgreSQL) which existing tables a revision
// rewrites or locks exclusively.
//
// A Provider hands out throwaway databases, on a container it starts
// (testcontainers-go) or on an existing server (--database-url); either way
// only databases it created are touched, and they are always dropped.
// Alembic runs in one Python process through an embedded driver; schema
// snapshots are read from the catalogs in Go.
package sandbox
