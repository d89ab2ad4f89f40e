package github

import (
	"fmt"
	"net/http"
	"strings"
	"time"

	gh "github.com/google/go-github/v66/github"
)

// RequestTimeout bounds one API call (connection, request and the whole
// answer), so that a server that stops answering costs at most this.
const RequestTimeout = 30 * time.Second

// NewClient connects to the API the runner names (GITHUB_API_URL: GitHub
// or GitHub Enterprise Server) with the token, every request bounded by
// timeout (RequestTimeout when zero).
func NewClient(token, apiURL string, timeout time.Duration) (*gh.Client, error) {
	if timeout <= 0 {
		timeout = RequestTimeout
	}
	client := gh.NewClient(&http.Client{Timeout: timeout}).WithAuthToken(token)
	if api := strings.TrimSuffix(apiURL, "/"); api != "" && api != "https://api.github.com" {
		c, err := client.WithEnterpriseURLs(api+"/", api+"/")
		if err != nil {
			return nil, fmt.Errorf("GITHUB_API_URL %q: %w", apiURL, err)
		}
		client = c
	}
	return client, nil
}
