package lint

import "strings"

// SplitURL splits scheme://user:password@rest without url.Parse's
// strictness: real passwords hold characters url.Parse rejects.
func SplitURL(raw string) (scheme, user, password, rest string, hasPassword bool) {
	scheme, after, ok := strings.Cut(strings.TrimSpace(raw), "://")
	if !ok {
		return "", "", "", raw, false
	}
	at := strings.LastIndex(after, "@")
	if at < 0 {
		return scheme, "", "", after, false
	}
	userinfo, rest := after[:at], after[at+1:]
	user, password, hasPassword = strings.Cut(userinfo, ":")
	return scheme, user, password, rest, hasPassword && password != ""
}

// MaskURL shows a database URL with its password replaced, so that no
// message ever prints the secret.
func MaskURL(raw string) string {
	scheme, user, _, rest, hasPassword := SplitURL(raw)
	if !hasPassword {
		return raw
	}
	return scheme + "://" + user + ":***@" + rest
}
