// Package rules holds migrate-lint's checks, one file per rule, each a
// lint.Rule value with its documentation. Registry lists them; nothing is
// registered behind the caller's back.
package rules

//go:generate go run ../scripts/gendocs ..

import "github.com/migrate-lint/migrate-lint/lint"

// All returns every rule. Adding a rule means adding its file and one line
// here; TestRegistry fails on a duplicate ID or name.
func All() []*lint.Rule {
	return []*lint.Rule{
		SyntaxError,
		UnusedSuppression,
		MalformedSuppression,
		NonLiteralRevisionMetadata,
		UnanalysableFile,
		MultipleHeads,
		MissingDownRevision,
		MissingDependency,
		DuplicateRevision,
		RevisionCycle,
		MultipleBases,
		DuplicateBranchLabel,
		DuplicateMerge,
		DocstringMismatch,
		NotARevision,
		StaleBase,
		EditedMergedRevision,
		DeletedMergedRevision,
		TableNeverCreated,
		MeaninglessMessage,
		RevisionNotInGit,
		IndexNotConcurrent,
		DropIndexNotConcurrent,
		ConcurrentInTransaction,
		ForeignKeyValidates,
		CheckConstraintValidates,
		SetNotNull,
		ColumnTypeChange,
		UniqueConstraintLocks,
		AddPrimaryKey,
		VolatileDefault,
		MissingLockTimeout,
		MySQLTableCopy,
		EnumValueInTransaction,
		BatchRecreate,
		DropTable,
		DropColumn,
		DeleteAllRows,
		DropSchema,
		CascadeDrop,
		DropConstraint,
		RenameAsDropCreate,
		NotNullWithoutDefault,
		ClientDefaultOnly,
		RenameColumn,
		RenameTable,
		DDLWithDML,
		UnboundedUpdate,
		ImportsAppModels,
		MetadataCreateAll,
		MySQLImplicitDefault,
		MissingDowngrade,
		IrreversibleDowngrade,
		DowngradeNotInverse,
		DynamicSQL,
		SQLSyntaxError,
		EmptyMigration,
		EmptyAutogenerate,
		MySQLMultiDDL,
		ManualCommit,
		UpgradeFailed,
		DowngradeFailed,
		ReupgradeFailed,
		DowngradeLeavesTrace,
		TableRewrite,
		ExclusiveLock,
		SandboxTimeout,
		ModelDrift,
		OfflineSQL,
		TargetMetadataNone,
		AsyncDriverSyncEnv,
		UnescapedPercent,
		CredentialsInConfig,
		MissingLocation,
		ModelsNotImported,
		EnvCannotLoad,
		SecondDeclarativeBase,
		DuplicateModel,
		TemplateURL,
		URLPasswordAtSign,
		UnsupportedAlembicFeature,
		DuplicateINIOption,
	}
}

// Registry returns the sorted registry of every rule.
func Registry() *lint.Registry {
	r, err := lint.NewRegistry(All()...)
	if err != nil {
		// A duplicate ID is a programming error caught by TestRegistry.
		panic(err)
	}
	return r
}
