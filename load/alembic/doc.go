// Package alembic reads an Alembic project from disk: it finds the
// configuration (alembic.ini, pyproject.toml), the script directory and the
// version locations, and parses revision files into lint.Revision values
// with tree-sitter's Python grammar, without running any Python.
package alembic
