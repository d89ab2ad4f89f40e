package lint

// Setup is the project's Alembic setup as the configuration rules (ML7xx)
// need it: the values of alembic.ini and pyproject.toml, the locations they
// name, and what env.py does. load/alembic reads the files and resolves
// modules on disk; the rules only judge these facts.
type Setup struct {
	// Settings holds every value of the sections Alembic interpolates
	// ([alembic], [post_write_hooks]) and of [tool.alembic].
	Settings []Setting
	// Locations are script_location and the version locations.
	Locations []Location
	// Env is env.py; nil when the project has none (a bare versions
	// directory).
	Env *EnvPy
	// ImportRoots are the directories Python finds the project's modules
	// in: the configuration's directory, prepend_sys_path, and the
	// directories above the migrations up to the repository root.
	ImportRoots []string
	// Modules are the project's own modules that revisions under lint
	// import, by dotted name; a name that is absent is not the project's
	// (the standard library, a third-party package) or was not found.
	Modules map[string]*Module
}

// Module is what one of the project's modules shows, for the revisions that
// import it.
type Module struct {
	// File is the module's file.
	File string
	// Models are the declarative model classes and Table objects it
	// defines, by name.
	Models []string
	// ModelLayer: the module is the application's model or service layer
	// by its name (a models, model, services or service package or module).
	ModelLayer bool
}

// Setting is one configuration value as written.
type Setting struct {
	File    string // absolute, as Revision.File
	Section string // "alembic", "post_write_hooks", "tool.alembic"
	Key     string
	Raw     string
	Span    Span
	// InterpolationError is configparser's complaint about the value
	// (alembic.ini only), empty when it interpolates.
	InterpolationError string
}

// Location is a directory the configuration names.
type Location struct {
	Setting Setting
	// Path is the directory the value resolves to.
	Path   string
	Exists bool
}

// EnvPy is what env.py shows about how migrations run.
type EnvPy struct {
	File string
	// TargetMetadata is the module-level `target_metadata = ...`, if any.
	TargetMetadata *Assignment
	// Async: env.py uses the asyncio API (async_engine_from_config,
	// create_async_engine, AsyncEngine, connection.run_sync).
	Async bool
	// SetsLockTimeout: env.py sets lock_timeout or statement_timeout for
	// every migration (a SET statement, or -c options on the connection).
	SetsLockTimeout bool
	// MetadataOwner is X in `target_metadata = X.metadata`; OwnerModule is
	// the project module that defines X, when it could be found.
	MetadataOwner, OwnerModule string
	// ModelModules are the project modules whose classes subclass X.
	ModelModules []string
	// ImportedModules are the project modules env.py imports, directly or
	// through the imports of those modules (package __init__ files).
	ImportedModules []string
}

// Assignment is a module-level assignment.
type Assignment struct {
	Span  Span
	Value Value
}
