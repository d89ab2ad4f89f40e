// Package lint is the core of migrate-lint: the parsed form of a revision
// file (Revision, Call, Value), the findings (Diagnostic), the checks that
// produce them (Rule, Pass) and the engine that runs the checks (Run).
//
// The package does no I/O: it is handed parsed revisions and configuration
// and returns diagnostics. Reading files, talking to databases and to GitHub
// happen at the edges (lint/alembic, sandbox, lint/github, cmd).
package lint
