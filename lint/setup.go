package lint

// Setup is the project's Alembic setup as the configuration rules (ML7xx)
// need it: the values of alembic.ini and pyproject.toml, the locations they
// name, what env.py does, the URLs it gives Alembic, the models behind
// target_metadata, and the Alembic version the project pins. load/alembic
// reads the files and resolves modules on disk; the rules only judge these
// facts.
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
	// URLs are the database URLs env.py gives Alembic in code, followed
	// into the settings module they come from.
	URLs []CodeURL
	// Models are the declarative bases on the import roots and their
	// model classes; nil when target_metadata names no base that could be
	// found.
	Models *Models
	// CreateAll are metadata.create_all() calls in env.py and in the
	// project's modules (tests left out).
	CreateAll []SourceCall
	// AlembicPin is the Alembic version the project pins; nil when no
	// requirement or lock file names it.
	AlembicPin *VersionPin
	// Duplicates are options and sections alembic.ini gives twice, which
	// configparser refuses to read (DuplicateOptionError,
	// DuplicateSectionError).
	Duplicates []DuplicateSetting
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

// DuplicateSetting is an option, or a section when Key is empty, given
// again at Span after the line First.
type DuplicateSetting struct {
	File         string
	Section, Key string
	Span         Span
	First        int
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
	// Path is the directory that is linted: where the value resolves.
	Path   string
	Exists bool
	// Outside: Path lies outside the directories migrate-lint may read.
	// Nothing there was looked at, so Exists and the rest say nothing;
	// the loader's notice names it as not read.
	Outside bool
	// Relative: the value is a relative path, which Alembic resolves from
	// the directory it runs in, not from the configuration's. WorkDir is
	// the directory migrate-lint runs in and ConfigDir the
	// configuration's; FromWorkDir and FromConfigDir say whether the
	// value names an existing directory from each of them.
	Relative                   bool
	WorkDir, ConfigDir         string
	FromWorkDir, FromConfigDir bool
}

// EnvPy is what env.py shows about how migrations run.
type EnvPy struct {
	File string
	// TargetMetadata is the module-level `target_metadata = ...`, if any.
	TargetMetadata *Assignment
	// TargetIsBase: target_metadata names a declarative base class itself,
	// not its .metadata.
	TargetIsBase bool
	// TargetMetadataUsed: env.py does more with target_metadata than pass
	// it to context.configure (it adds tables to it, reflects into it).
	TargetMetadataUsed bool
	// Async: env.py uses the asyncio API (async_engine_from_config,
	// create_async_engine, AsyncEngine, connection.run_sync).
	Async bool
	// SetsLockTimeout: env.py sets lock_timeout or statement_timeout for
	// every migration (a SET statement, or -c options on the connection).
	SetsLockTimeout bool
	// MetadataOwner is X in `target_metadata = X.metadata` (the first of
	// a list); OwnerModule is the project module that defines X, when it
	// could be found. MetadataOwners lists every X of a list.
	MetadataOwner, OwnerModule string
	MetadataOwners             []string
	// ModelModules are the project modules whose classes subclass X.
	ModelModules []string
	// ImportedModules are the project modules env.py imports, directly or
	// through the imports of those modules (package __init__ files), with
	// the submodules of packages that import their modules dynamically.
	ImportedModules []string
	// SetsURL: env.py gives Alembic a URL of its own (set_main_option,
	// create_engine(url), context.configure(url=...)), so sqlalchemy.url
	// in alembic.ini may go unused. ProjectSetsURL: some module of the
	// project sets sqlalchemy.url on an Alembic Config (a CLI that runs
	// Alembic programmatically).
	SetsURL, ProjectSetsURL bool
	// SyntaxErrors are where env.py does not parse: Alembic cannot load it.
	SyntaxErrors []SyntaxError
	// Unimportable are project packages env.py imports at load time that
	// Alembic's sys.path does not reach.
	Unimportable []UnimportablePackage
}

// UnimportablePackage is an import in env.py of a package that exists in
// the repository but is not on the path Alembic runs env.py with.
type UnimportablePackage struct {
	Package string
	// Dir is the directory holding the package, from which it would be
	// importable.
	Dir  string
	Span Span
}

// Assignment is a module-level assignment.
type Assignment struct {
	Span  Span
	Value Value
}

// CodeURL is a database URL that env.py gives Alembic, as a literal in
// env.py or in the module it reads the URL from.
type CodeURL struct {
	File string
	Span Span
	// Raw is the URL; for an f-string only its literal parts (the scheme
	// is reliable, the rest is not).
	Raw     string
	Dynamic bool
	// Fallback: a default (os.getenv's second argument, a settings
	// field's default) that applies when the environment does not say.
	Fallback bool
	// Via says how env.py reaches the value, for messages:
	// "settings.DATABASE_URL".
	Via string
}

// Models are the declarative bases found on the import roots.
type Models struct {
	Bases []DeclarativeBase
}

// DeclarativeBase is a declarative base (a DeclarativeBase subclass,
// declarative_base(), Flask-SQLAlchemy's db.Model, SQLModel) with the model
// classes derived from it, through abstract bases and mixins.
type DeclarativeBase struct {
	Name, Module, File string
	Span               Span
	// Metadata is the same for bases that share one MetaData.
	Metadata string
	// InTarget: env.py's target_metadata is this base's MetaData.
	InTarget bool
	Models   []Model
}

// Model is a mapped class.
type Model struct {
	Class, Module, File string
	Span                Span
	// Table is __tablename__ when it is a literal; OwnTable says the class
	// maps a table of its own (not abstract, not single-table
	// inheritance).
	Table    string
	OwnTable bool
	// ExtendExisting: __table_args__ says extend_existing=True.
	ExtendExisting bool
	// NamedInStrings: some model module refers to the class by its name in
	// a string (relationship("Product")), which SQLAlchemy resolves in the
	// base's class registry.
	NamedInStrings bool
}

// SourceCall is a call in a project file.
type SourceCall struct {
	File   string
	Span   Span
	Callee string
}

// VersionPin is what the project's requirement or lock file allows of a
// package: every allowed version is at most Max (below it when
// MaxExclusive); a zero Max means no upper bound.
type VersionPin struct {
	File         string
	Span         Span
	Text         string // as written: "alembic==1.13.1", `version = "1.13.1"`
	Max          Version
	MaxExclusive bool
}

// Allows reports whether some allowed version is at least v.
func (p *VersionPin) Allows(v Version) bool {
	if p == nil || p.Max.IsZero() {
		return true
	}
	if p.MaxExclusive {
		return v.Before(p.Max)
	}
	return !p.Max.Before(v)
}
