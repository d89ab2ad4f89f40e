package changeset

// NotInGit lists the revision files under the version directories that a
// clean checkout would not have: untracked (never added) or ignored by a
// .gitignore rule, by absolute real path. It comes from the status that
// FromGit already asked git for: no process of its own.
func (cs *ChangeSet) NotInGit() map[string]string {
	found := map[string]string{}
	for _, p := range cs.Untracked {
		found[realPath(p)] = "untracked"
	}
	for _, p := range cs.Ignored {
		found[realPath(p)] = "ignored"
	}
	return found
}
