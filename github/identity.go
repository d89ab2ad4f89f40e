package github

import (
	"context"
	"errors"
	"fmt"
	"strings"

	gh "github.com/google/go-github/v66/github"
)

// identity is the login the token acts as, learned once per run.
//
// GET /user answers 403 "Resource not accessible by integration" for an
// installation token, which is what a workflow's GITHUB_TOKEN is; the
// GraphQL viewer answers for every kind of token: a personal token's user,
// an app installation's bot ("github-actions[bot]" for the workflow
// token).
func (p *Publisher) identity(ctx context.Context) (string, error) {
	if p.login != "" {
		return p.login, nil
	}
	endpoint := "graphql"
	if strings.HasSuffix(p.Client.BaseURL.Path, "/api/v3/") {
		endpoint = "../graphql" // GitHub Enterprise Server: /api/graphql
	}
	req, err := p.Client.NewRequest("POST", endpoint, map[string]string{"query": "query { viewer { login } }"})
	if err != nil {
		return "", fmt.Errorf("learn the token's identity: %w", err)
	}
	var answer struct {
		Data struct {
			Viewer struct {
				Login string `json:"login"`
			} `json:"viewer"`
		} `json:"data"`
		Errors []struct {
			Message string `json:"message"`
		} `json:"errors"`
	}
	if _, err := p.Client.Do(ctx, req, &answer); err != nil {
		return "", fmt.Errorf("learn the token's identity (GraphQL viewer): %w", err)
	}
	if len(answer.Errors) > 0 {
		return "", fmt.Errorf("learn the token's identity (GraphQL viewer): %s", answer.Errors[0].Message)
	}
	if answer.Data.Viewer.Login == "" {
		return "", errors.New("learn the token's identity: GraphQL viewer has no login")
	}
	p.login = answer.Data.Viewer.Login
	return p.login, nil
}

// wroteIt reports whether a comment's author is the token's identity. A
// bot is "name[bot]" in the REST API, and plain "name" in some GraphQL
// answers: for a bot, both spellings are the same identity. No user
// login can hold brackets, so a person never matches a bot.
func wroteIt(user *gh.User, login string) bool {
	if user == nil || login == "" {
		return false
	}
	if strings.EqualFold(user.GetLogin(), login) {
		return true
	}
	bare := func(s string) string { return strings.TrimSuffix(strings.ToLower(s), "[bot]") }
	return user.GetType() == "Bot" && bare(user.GetLogin()) == bare(login)
}
