// Package sandbox proves on a real database that each revision under test
// upgrades, downgrades and upgrades again, that the downgrade restores the
// schema exactly, and (PostgreSQL) which existing tables a revision
// rewrites or locks exclusively.
//
// Before each revision is upgraded, the existing tables get generated rows
// read from the catalog (rows.go, catalog.go), so that what fails only on
// data fails here too; an upgrade that fails with them is run again on
// empty tables to tell the two apart. Optionally the database at the heads
// is compared with the models (models.go, ML608), and each revision is
// rendered as offline SQL (offline.go, ML609).
//
// A Provider hands out throwaway databases, on a container it starts
// (through the Docker Engine API, docker.go, once an engine answers) or on
// an existing server (--database-url); either way only databases it
// created are touched, and they are always dropped. Alembic runs in one
// Python process through an embedded driver; schema snapshots are read
// from the catalogs in Go.
package sandbox
