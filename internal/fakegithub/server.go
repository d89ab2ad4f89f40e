// Package fakegithub is a local stand-in for the parts of GitHub's REST
// and GraphQL APIs that migrate-lint uses, for tests (GitHub itself cannot
// be reached here). It answers as GitHub does where it matters:
// authentication; who a token is (GraphQL viewer { login } answers for
// every kind of token, GET /user answers 403 for an installation token
// such as a workflow's GITHUB_TOKEN); comments that carry their author's
// user.login and user.type, and that a token with write access may edit
// or delete whoever wrote them; pagination with Link headers; 403 for a
// read-only token; 422 for a review comment on a line outside the diff,
// 422 for more than 50 annotations in one check-run request. It records
// every request for golden files. Silent is a server that never answers.
package fakegithub

import (
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// File is a pull request file with its unified diff patch.
type File struct {
	Filename string `json:"filename"`
	Status   string `json:"status"`
	Patch    string `json:"patch,omitempty"`
}

// Comment is an issue comment or a review comment.
type Comment struct {
	ID        int64  `json:"id"`
	Body      string `json:"body"`
	Path      string `json:"path,omitempty"`
	Line      int    `json:"line,omitempty"`
	Side      string `json:"side,omitempty"`
	InReplyTo int64  `json:"in_reply_to_id,omitempty"`
	User      User   `json:"user"`
}

// User is a comment's author as the REST API shows it: a person is
// {"login": "alice", "type": "User"}, an app's bot {"login":
// "github-actions[bot]", "type": "Bot"}.
type User struct {
	Login string `json:"login"`
	Type  string `json:"type"`
}

// Human is a person's account, for comments written by hand in tests.
func Human(login string) User { return User{Login: login, Type: "User"} }

// WorkflowBot is the identity of a workflow's GITHUB_TOKEN.
var WorkflowBot = User{Login: "github-actions[bot]", Type: "Bot"}

// Identity is what a token is: Installation marks a GitHub App
// installation token (the workflow's GITHUB_TOKEN is one), for which
// GET /user answers 403.
type Identity struct {
	User         User
	Installation bool
}

// CheckRun is what the fake keeps of a check run.
type CheckRun struct {
	ID          int64
	Name        string
	HeadSHA     string
	Conclusion  string
	Title       string
	Summary     string
	Annotations int
}

// Server is the fake API. Its fields are the repository's state; lock Mu
// to read them while the server runs.
type Server struct {
	*httptest.Server
	Mu          sync.Mutex
	Owner, Repo string
	Number      int
	Token       string
	// Tokens are the tokens the server accepts besides Token (which is
	// the workflow token, github-actions[bot]).
	Tokens         map[string]Identity
	ReadOnly       bool
	Files          []File
	IssueComments  []*Comment
	ReviewComments []*Comment
	CheckRuns      []*CheckRun
	Requests       []string
	// Bodies are the bodies of every request, in order: what the
	// client sent to GitHub.
	Bodies []string
	nextID int64
}

// New starts a fake for one pull request.
func New(owner, repo string, number int, token string) *Server {
	s := &Server{Owner: owner, Repo: repo, Number: number, Token: token, nextID: 1000,
		Tokens: map[string]Identity{token: {User: WorkflowBot, Installation: true}}}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	return s
}

func (s *Server) id() int64 { s.nextID++; return s.nextID }

var (
	pullFiles      = regexp.MustCompile(`^/repos/[^/]+/[^/]+/pulls/(\d+)/files$`)
	issueComments  = regexp.MustCompile(`^/repos/[^/]+/[^/]+/issues/(\d+)/comments$`)
	issueComment   = regexp.MustCompile(`^/repos/[^/]+/[^/]+/issues/comments/(\d+)$`)
	reviewComments = regexp.MustCompile(`^/repos/[^/]+/[^/]+/pulls/(\d+)/comments$`)
	reviewComment  = regexp.MustCompile(`^/repos/[^/]+/[^/]+/pulls/comments/(\d+)$`)
	reviews        = regexp.MustCompile(`^/repos/[^/]+/[^/]+/pulls/(\d+)/reviews$`)
	checkRuns      = regexp.MustCompile(`^/repos/[^/]+/[^/]+/check-runs$`)
	checkRun       = regexp.MustCompile(`^/repos/[^/]+/[^/]+/check-runs/(\d+)$`)
)

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	s.Mu.Lock()
	defer s.Mu.Unlock()
	body, _ := io.ReadAll(r.Body)
	if len(body) > 0 {
		s.Bodies = append(s.Bodies, string(body))
	}
	path := strings.TrimPrefix(r.URL.Path, "/api/v3")
	entry := r.Method + " " + path
	if page := r.URL.Query().Get("page"); page != "" {
		entry += "?page=" + page
	}
	defer func() { s.Requests = append(s.Requests, entry) }()
	auth := r.Header.Get("Authorization")
	token, ok := strings.CutPrefix(auth, "Bearer ")
	if !ok {
		token, _ = strings.CutPrefix(auth, "token ")
	}
	who, ok := s.Tokens[token]
	if !ok {
		writeJSON(w, http.StatusUnauthorized, map[string]string{"message": "Bad credentials"})
		entry += " -> 401"
		return
	}
	if r.Method == http.MethodPost && (path == "/graphql" || path == "/api/graphql") {
		// GitHub's GraphQL endpoint: /graphql, or /api/graphql beside
		// /api/v3 on GitHub Enterprise Server. A read-only token may
		// query.
		entry += " " + s.graphql(w, body, who) + " -> 200"
		return
	}
	if r.Method != http.MethodGet && s.ReadOnly {
		writeJSON(w, http.StatusForbidden, map[string]string{"message": "Resource not accessible by integration"})
		entry += " -> 403"
		return
	}
	var status int
	var summary string
	switch {
	case r.Method == http.MethodGet && path == "/user":
		if who.Installation {
			status = writeJSON(w, http.StatusForbidden, map[string]string{
				"message": "Resource not accessible by integration", "documentation_url": "https://docs.github.com/rest/users/users#get-the-authenticated-user"})
			break
		}
		status = writeJSON(w, http.StatusOK, who.User)
	case r.Method == http.MethodGet && pullFiles.MatchString(path):
		status = s.paginate(w, r, s.Files)
	case r.Method == http.MethodGet && issueComments.MatchString(path):
		status = s.paginate(w, r, s.IssueComments)
	case r.Method == http.MethodPost && issueComments.MatchString(path):
		var c Comment
		_ = json.Unmarshal(body, &c)
		c.ID, c.User = s.id(), who.User
		s.IssueComments = append(s.IssueComments, &c)
		status = writeJSON(w, http.StatusCreated, c)
	case r.Method == http.MethodPatch && issueComment.MatchString(path):
		id, _ := strconv.ParseInt(issueComment.FindStringSubmatch(path)[1], 10, 64)
		var c Comment
		_ = json.Unmarshal(body, &c)
		status = http.StatusNotFound
		for _, existing := range s.IssueComments {
			if existing.ID == id {
				existing.Body = c.Body
				status = writeJSON(w, http.StatusOK, existing)
			}
		}
		summary = fmt.Sprintf("id=%d", id)
	case r.Method == http.MethodGet && reviewComments.MatchString(path):
		status = s.paginate(w, r, s.ReviewComments)
	case r.Method == http.MethodPost && reviewComments.MatchString(path):
		var c struct {
			Comment
			CommitID string `json:"commit_id"`
		}
		_ = json.Unmarshal(body, &c)
		summary = fmt.Sprintf("%s:%d", c.Path, c.Line)
		if !s.inDiff(c.Path, c.Line) {
			status = unprocessable(w, "pull_request_review_thread.line", "Pull request review thread line must be part of the diff")
			break
		}
		c.ID, c.User = s.id(), who.User
		s.ReviewComments = append(s.ReviewComments, &c.Comment)
		status = writeJSON(w, http.StatusCreated, c.Comment)
	case r.Method == http.MethodDelete && reviewComment.MatchString(path):
		id, _ := strconv.ParseInt(reviewComment.FindStringSubmatch(path)[1], 10, 64)
		summary = fmt.Sprintf("id=%d", id)
		status = http.StatusNotFound
		for i, c := range s.ReviewComments {
			if c.ID == id {
				s.ReviewComments = append(s.ReviewComments[:i], s.ReviewComments[i+1:]...)
				status = http.StatusNoContent
				w.WriteHeader(status)
				break
			}
		}
		if status == http.StatusNotFound {
			writeJSON(w, status, map[string]string{"message": "Not Found"})
		}
	case r.Method == http.MethodPost && reviews.MatchString(path):
		var review struct {
			Event    string    `json:"event"`
			Comments []Comment `json:"comments"`
		}
		_ = json.Unmarshal(body, &review)
		summary = fmt.Sprintf("event=%s comments=%d", review.Event, len(review.Comments))
		for _, c := range review.Comments {
			if !s.inDiff(c.Path, c.Line) {
				// GitHub rejects the whole review.
				status = unprocessable(w, "pull_request_review_thread.line", "Pull request review thread line must be part of the diff")
				break
			}
		}
		if status != 0 {
			break
		}
		for _, c := range review.Comments {
			c := c
			c.ID, c.User = s.id(), who.User
			s.ReviewComments = append(s.ReviewComments, &c)
		}
		status = writeJSON(w, http.StatusOK, map[string]any{"id": s.id(), "state": "COMMENTED"})
	case r.Method == http.MethodPost && checkRuns.MatchString(path), r.Method == http.MethodPatch && checkRun.MatchString(path):
		var req struct {
			Name       string `json:"name"`
			HeadSHA    string `json:"head_sha"`
			Conclusion string `json:"conclusion"`
			Output     *struct {
				Title       string            `json:"title"`
				Summary     string            `json:"summary"`
				Annotations []json.RawMessage `json:"annotations"`
			} `json:"output"`
		}
		_ = json.Unmarshal(body, &req)
		n := 0
		if req.Output != nil {
			n = len(req.Output.Annotations)
		}
		summary = fmt.Sprintf("annotations=%d", n)
		if n > 50 {
			status = unprocessable(w, "output.annotations", "Only 50 annotations are allowed per request")
			break
		}
		if req.Output != nil && len(req.Output.Summary) > 65535 {
			status = unprocessable(w, "output.summary", "summary is too long (maximum is 65535 characters)")
			break
		}
		run := &CheckRun{}
		if r.Method == http.MethodPost {
			run.ID, run.Name, run.HeadSHA = s.id(), req.Name, req.HeadSHA
			s.CheckRuns = append(s.CheckRuns, run)
			status = http.StatusCreated
		} else {
			id, _ := strconv.ParseInt(checkRun.FindStringSubmatch(path)[1], 10, 64)
			status = http.StatusNotFound
			for _, existing := range s.CheckRuns {
				if existing.ID == id {
					run, status = existing, http.StatusOK
				}
			}
		}
		if req.Conclusion != "" {
			run.Conclusion = req.Conclusion
		}
		if req.Output != nil {
			run.Title, run.Summary = req.Output.Title, req.Output.Summary
			run.Annotations += n
		}
		writeJSON(w, status, map[string]any{"id": run.ID, "name": run.Name})
	default:
		status = writeJSON(w, http.StatusNotFound, map[string]string{"message": "Not Found"})
	}
	if summary != "" {
		entry += " " + summary
	}
	entry += fmt.Sprintf(" -> %d", status)
}

// graphql answers the one query the tool sends, viewer { login }, for
// every kind of token; anything else gets GraphQL's error shape (status
// 200, an errors array).
func (s *Server) graphql(w http.ResponseWriter, body []byte, who Identity) string {
	var req struct {
		Query string `json:"query"`
	}
	_ = json.Unmarshal(body, &req)
	if regexp.MustCompile(`^\s*(query\s*)?\{\s*viewer\s*\{\s*login\s*\}\s*\}\s*$`).MatchString(req.Query) {
		writeJSON(w, http.StatusOK, map[string]any{"data": map[string]any{"viewer": map[string]string{"login": who.User.Login}}})
		return "viewer"
	}
	writeJSON(w, http.StatusOK, map[string]any{"errors": []map[string]string{{"message": "the fake answers only viewer { login }"}}})
	return "unknown query"
}

// paginate serves a list page as GitHub does: per_page (default 30, at
// most 100), page, and a Link header with next and last.
func (s *Server) paginate(w http.ResponseWriter, r *http.Request, items any) int {
	all, _ := json.Marshal(items)
	var list []json.RawMessage
	_ = json.Unmarshal(all, &list)
	perPage, _ := strconv.Atoi(r.URL.Query().Get("per_page"))
	if perPage <= 0 {
		perPage = 30
	}
	perPage = min(perPage, 100)
	page, _ := strconv.Atoi(r.URL.Query().Get("page"))
	page = max(page, 1)
	last := max(1, (len(list)+perPage-1)/perPage)
	start := min((page-1)*perPage, len(list))
	end := min(start+perPage, len(list))
	link := func(p int, rel string) string {
		q := r.URL.Query()
		q.Set("page", strconv.Itoa(p))
		q.Set("per_page", strconv.Itoa(perPage))
		return fmt.Sprintf(`<%s%s?%s>; rel="%s"`, s.URL, r.URL.Path, q.Encode(), rel)
	}
	var links []string
	if page < last {
		links = append(links, link(page+1, "next"), link(last, "last"))
	}
	if page > 1 {
		links = append(links, link(1, "first"), link(page-1, "prev"))
	}
	if len(links) > 0 {
		w.Header().Set("Link", strings.Join(links, ", "))
	}
	page0 := list[start:end]
	if page0 == nil {
		page0 = []json.RawMessage{}
	}
	return writeJSON(w, http.StatusOK, page0)
}

// inDiff: a line of the new file that a hunk of its patch shows (added or
// context), which is where GitHub accepts review comments.
func (s *Server) inDiff(path string, line int) bool {
	for _, f := range s.Files {
		if f.Filename == path {
			return CommentableLines(f.Patch)[line]
		}
	}
	return false
}

// CommentableLines parses a unified diff patch into the new-file lines it
// shows. It is deliberately a second, independent implementation: the
// fake must not share the code under test.
func CommentableLines(patch string) map[int]bool {
	lines := map[int]bool{}
	hunk := regexp.MustCompile(`^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@`)
	n := 0
	for _, l := range strings.Split(patch, "\n") {
		if m := hunk.FindStringSubmatch(l); m != nil {
			n, _ = strconv.Atoi(m[1])
			continue
		}
		if n == 0 || strings.HasPrefix(l, `\`) {
			continue
		}
		switch {
		case strings.HasPrefix(l, "-"):
		case strings.HasPrefix(l, "+"), strings.HasPrefix(l, " "), l == "":
			lines[n] = true
			n++
		}
	}
	return lines
}

func writeJSON(w http.ResponseWriter, status int, v any) int {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
	return status
}

func unprocessable(w http.ResponseWriter, field, message string) int {
	return writeJSON(w, http.StatusUnprocessableEntity, map[string]any{
		"message":           "Unprocessable Entity",
		"errors":            []map[string]string{{"resource": "PullRequestReviewComment", "field": field, "code": "invalid", "message": message}},
		"documentation_url": "https://docs.github.com/rest",
	})
}

// Log returns the recorded requests, one a line.
func (s *Server) Log() string {
	s.Mu.Lock()
	defer s.Mu.Unlock()
	return strings.Join(s.Requests, "\n") + "\n"
}

// ResetLog forgets the recorded requests (between runs of a scenario).
func (s *Server) ResetLog() {
	s.Mu.Lock()
	defer s.Mu.Unlock()
	s.Requests = nil
}

// OurReviewComments returns the bodies of review comments, sorted.
func (s *Server) OurReviewComments() []string {
	s.Mu.Lock()
	defer s.Mu.Unlock()
	var out []string
	for _, c := range s.ReviewComments {
		out = append(out, fmt.Sprintf("%s:%d", c.Path, c.Line))
	}
	sort.Strings(out)
	return out
}

// Silent is an API server that accepts connections and never answers,
// as a GitHub that has stopped responding looks to a client.
type Silent struct {
	URL      string
	listener net.Listener
	mu       sync.Mutex
	conns    []net.Conn
	done     chan struct{}
}

// NewSilent starts a silent server on a loopback port.
func NewSilent() (*Silent, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s := &Silent{URL: "http://" + l.Addr().String(), listener: l, done: make(chan struct{})}
	go func() {
		defer close(s.done)
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			s.mu.Lock()
			s.conns = append(s.conns, c)
			s.mu.Unlock()
		}
	}()
	return s, nil
}

// Accepted counts the connections the server took and left unanswered.
func (s *Silent) Accepted() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.conns)
}

// Close stops listening and drops the connections it held.
func (s *Silent) Close() {
	s.listener.Close()
	<-s.done
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, c := range s.conns {
		c.Close()
	}
}
