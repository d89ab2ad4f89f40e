package lint

// History is what the whole history creates, for rules that need every
// revision while only the revisions under lint are parsed in full.
type History struct {
	// Created holds the tables (and views) some revision creates:
	// create_table, CREATE TABLE, the new name of a rename; lower case,
	// without schema.
	Created map[string]bool
	// Opaque is a revision file that creates tables in a way that cannot
	// be read without running it (create_all, a table name in a variable,
	// SQL read from a file); empty when none does.
	Opaque string
}
