package lint

// IDs of findings made outside a rule's Run: by the engine itself (the
// suppression checks) and measured by the sandbox on a real database. The
// rules package declares their documentation under the same IDs, and the
// sandbox reports with these constants, so the two cannot drift apart.
const (
	UnusedSuppressionID    = "ML002"
	MalformedSuppressionID = "ML003"

	UpgradeFailedID        = "ML601"
	DowngradeFailedID      = "ML602"
	ReupgradeFailedID      = "ML603"
	DowngradeLeavesTraceID = "ML604"
	TableRewriteID         = "ML605"
	ExclusiveLockID        = "ML606"
	SandboxTimeoutID       = "ML607"
	ModelDriftID           = "ML608"
	OfflineSQLID           = "ML609"
)
