package fakegithub

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

func call(t *testing.T, method, url, token, body string) (int, map[string]any) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	var doc map[string]any
	_ = json.Unmarshal(data, &doc)
	return resp.StatusCode, doc
}

// The fake tells who a token is as GitHub does: GraphQL's viewer for every
// kind of token, GET /user for a person's token only.
func TestIdentityAsGitHubAnswers(t *testing.T) {
	f := New("acme", "shop", 7, "ghs_workflow")
	defer f.Close()
	f.Tokens["ghp_alice"] = Identity{User: Human("alice")}
	const viewer = `{"query":"query { viewer { login } }"}`
	for _, c := range []struct {
		token, login string
		userStatus   int
	}{
		{"ghs_workflow", "github-actions[bot]", http.StatusForbidden},
		{"ghp_alice", "alice", http.StatusOK},
	} {
		for _, endpoint := range []string{"/graphql", "/api/graphql"} {
			status, doc := call(t, "POST", f.URL+endpoint, c.token, viewer)
			login, _ := doc["data"].(map[string]any)["viewer"].(map[string]any)["login"].(string)
			if status != http.StatusOK || login != c.login {
				t.Errorf("%s viewer via %s: %d %v", c.token, endpoint, status, doc)
			}
		}
		status, doc := call(t, "GET", f.URL+"/api/v3/user", c.token, "")
		if status != c.userStatus {
			t.Errorf("%s GET /user: %d %v", c.token, status, doc)
		}
		if status == http.StatusForbidden && doc["message"] != "Resource not accessible by integration" {
			t.Errorf("403 message %v", doc["message"])
		}
	}
	if status, _ := call(t, "POST", f.URL+"/graphql", "wrong", viewer); status != http.StatusUnauthorized {
		t.Errorf("unknown token: %d", status)
	}
	// A read-only token may still ask who it is.
	f.ReadOnly = true
	if status, _ := call(t, "POST", f.URL+"/graphql", "ghs_workflow", viewer); status != http.StatusOK {
		t.Errorf("read-only viewer: %d", status)
	}
	if status, _ := call(t, "POST", f.URL+"/api/v3/repos/acme/shop/issues/7/comments", "ghs_workflow", `{"body":"x"}`); status != http.StatusForbidden {
		t.Errorf("read-only write: %d", status)
	}
}

// Comments carry their author, and whoever has write access may edit any.
func TestCommentsCarryTheirAuthor(t *testing.T) {
	f := New("acme", "shop", 7, "ghs_workflow")
	defer f.Close()
	f.Tokens["ghp_alice"] = Identity{User: Human("alice")}
	status, bot := call(t, "POST", f.URL+"/api/v3/repos/acme/shop/issues/7/comments", "ghs_workflow", `{"body":"from the bot"}`)
	_, alice := call(t, "POST", f.URL+"/api/v3/repos/acme/shop/issues/7/comments", "ghp_alice", `{"body":"from alice"}`)
	if status != http.StatusCreated {
		t.Fatalf("create: %d", status)
	}
	if u := bot["user"].(map[string]any); u["login"] != "github-actions[bot]" || u["type"] != "Bot" {
		t.Errorf("bot comment user %v", u)
	}
	if u := alice["user"].(map[string]any); u["login"] != "alice" || u["type"] != "User" {
		t.Errorf("alice's comment user %v", u)
	}
	id := int64(alice["id"].(float64))
	if status, _ := call(t, "PATCH", f.URL+"/api/v3/repos/acme/shop/issues/comments/"+strconv.FormatInt(id, 10), "ghs_workflow", `{"body":"hijacked"}`); status != http.StatusOK {
		t.Errorf("edit someone else's comment: %d", status)
	}
	if f.IssueComments[1].Body != "hijacked" || f.IssueComments[1].User != Human("alice") {
		t.Errorf("edited comment %+v", f.IssueComments[1])
	}
}

// Silent takes connections and never answers: a client's deadline is the
// only way out.
func TestSilentNeverAnswers(t *testing.T) {
	s, err := NewSilent()
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", s.URL+"/api/v3/user", nil)
	start := time.Now()
	_, err = http.DefaultClient.Do(req)
	if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > 5*time.Second {
		t.Errorf("err %v after %v", err, time.Since(start))
	}
	if s.Accepted() != 1 {
		t.Errorf("accepted %d", s.Accepted())
	}
}
