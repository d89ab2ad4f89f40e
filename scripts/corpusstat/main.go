// Command corpusstat aggregates the JSON output of `migrate-lint check` over
// the precision corpus (scripts/corpus runs it): findings per rule, findings
// per revision, projects hit, and, given hand labels, how the labelled
// findings fare (still reported or gone, precision, true positives lost).
//
// The manifest is a TSV, one line per corpus entry:
// key, repository (owner/name), dialect, commit, path of check's JSON output.
//
// The labels file is a TSV with a header line: project (owner/name), path
// inside the project's repository, line, rule, verdict (true, false or
// debatable), reason. A labelled finding is still reported when the run has
// a finding of the same rule in the same project and file within 3 lines.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"
)

const lineSlack = 3

type entry struct {
	key, repo, dialect, commit string
	revisions                  int
	findings                   []finding
}

type finding struct {
	Rule    string `json:"rule"`
	Name    string `json:"name"`
	Path    string `json:"path"`
	Line    int    `json:"line"`
	Message string `json:"message"`
}

type checkOutput struct {
	Diagnostics []finding `json:"diagnostics"`
	Summary     struct {
		Revisions int `json:"revisions"`
	} `json:"summary"`
}

type label struct {
	project, path string
	line          int
	rule, verdict string
	reason        string
}

func main() {
	manifest := flag.String("manifest", "", "TSV: key, repository, dialect, commit, check JSON path")
	labelsPath := flag.String("labels", "", "TSV of hand-labelled findings (optional)")
	findings := flag.Bool("findings", false, "print every finding as TSV instead of the tables")
	markdown := flag.Bool("markdown", false, "print the tables as Markdown")
	flag.Parse()
	if *manifest == "" {
		fmt.Fprintln(os.Stderr, "corpusstat: -manifest is required")
		os.Exit(2)
	}
	entries, err := readManifest(*manifest)
	if err != nil {
		fail(err)
	}
	if *findings {
		printFindings(os.Stdout, entries)
		return
	}
	t := newTable(os.Stdout, *markdown)
	corpusTable(t, entries)
	ruleTable(t, entries)
	if *labelsPath != "" {
		labels, err := readLabels(*labelsPath)
		if err != nil {
			fail(err)
		}
		labelTable(t, entries, labels)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "corpusstat:", err)
	os.Exit(2)
}

func readManifest(path string) ([]*entry, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var entries []*entry
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		if line == "" {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 5 {
			return nil, fmt.Errorf("%s: want 5 fields: %q", path, line)
		}
		raw, err := os.ReadFile(f[4])
		if err != nil {
			return nil, err
		}
		var out checkOutput
		if err := json.Unmarshal(raw, &out); err != nil {
			return nil, fmt.Errorf("%s: %w", f[4], err)
		}
		for i := range out.Diagnostics {
			out.Diagnostics[i].Path = strings.TrimPrefix(out.Diagnostics[i].Path, "./")
		}
		entries = append(entries, &entry{key: f[0], repo: f[1], dialect: f[2], commit: f[3],
			revisions: out.Summary.Revisions, findings: out.Diagnostics})
	}
	return entries, nil
}

func readLabels(path string) ([]label, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var labels []label
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		n++
		if n == 1 || strings.TrimSpace(sc.Text()) == "" {
			continue // header
		}
		c := strings.Split(sc.Text(), "\t")
		if len(c) < 5 {
			return nil, fmt.Errorf("%s:%d: want project, path, line, rule, verdict, reason", path, n)
		}
		line, err := strconv.Atoi(c[2])
		if err != nil {
			return nil, fmt.Errorf("%s:%d: line %q: %w", path, n, c[2], err)
		}
		v := c[4]
		if v != "true" && v != "false" && v != "debatable" {
			return nil, fmt.Errorf("%s:%d: verdict %q: want true, false or debatable", path, n, v)
		}
		l := label{project: c[0], path: c[1], line: line, rule: c[3], verdict: v}
		if len(c) > 5 {
			l.reason = c[5]
		}
		labels = append(labels, l)
	}
	return labels, sc.Err()
}

func printFindings(w io.Writer, entries []*entry) {
	fmt.Fprintln(w, "project\tpath\tline\trule\tmessage")
	for _, e := range entries {
		for _, f := range e.findings {
			fmt.Fprintf(w, "%s\t%s\t%d\t%s\t%s\n", e.repo, f.Path, f.Line, f.Rule,
				strings.Join(strings.Fields(f.Message), " "))
		}
	}
}

func corpusTable(t *table, entries []*entry) {
	t.title("Corpus")
	t.row("entry", "project", "dialect", "commit", "revisions", "findings", "per revision")
	revs, n := 0, 0
	for _, e := range entries {
		revs += e.revisions
		n += len(e.findings)
		t.row(e.key, e.repo, e.dialect, short(e.commit), itoa(e.revisions), itoa(len(e.findings)),
			ratio(len(e.findings), e.revisions))
	}
	t.row("total", "", "", "", itoa(revs), itoa(n), ratio(n, revs))
	t.flush()
}

func ruleTable(t *table, entries []*entry) {
	type stat struct {
		name     string
		n        int
		projects map[string]bool
	}
	rules := map[string]*stat{}
	revs, total := 0, 0
	for _, e := range entries {
		revs += e.revisions
		for _, f := range e.findings {
			s := rules[f.Rule]
			if s == nil {
				s = &stat{name: f.Name, projects: map[string]bool{}}
				rules[f.Rule] = s
			}
			s.n++
			s.projects[e.repo] = true
			total++
		}
	}
	projects := map[string]bool{}
	for _, e := range entries {
		projects[e.repo] = true
	}
	t.title("Findings per rule")
	t.row("rule", "name", "findings", "per revision", "projects hit")
	for _, id := range sortedKeys(rules) {
		s := rules[id]
		t.row(id, s.name, itoa(s.n), ratio(s.n, revs), fmt.Sprintf("%d/%d", len(s.projects), len(projects)))
	}
	t.row("total", "", itoa(total), ratio(total, revs), "")
	t.flush()
}

func labelTable(t *table, entries []*entry, labels []label) {
	type key struct{ repo, path, rule string }
	lines := map[key][]int{}
	ran := map[string]bool{}
	for _, e := range entries {
		ran[e.repo] = true
		for _, f := range e.findings {
			k := key{e.repo, f.Path, f.Rule}
			lines[k] = append(lines[k], f.Line)
			// A finding that sums up the rule's further findings in the
			// file ("and 7 more ... at lines 13, 14, ...") reports those
			// lines too.
			lines[k] = append(lines[k], summedLines(f.Message)...)
		}
	}
	reported := func(l label) bool {
		for _, n := range lines[key{l.project, l.path, l.rule}] {
			if n >= l.line-lineSlack && n <= l.line+lineSlack {
				return true
			}
		}
		return false
	}
	type stat struct{ labelled, kept, gone, t, f, d, lost int }
	rules := map[string]*stat{}
	all := &stat{}
	var lost []label
	skipped := 0
	for _, l := range labels {
		if !ran[l.project] {
			skipped++
			continue
		}
		s := rules[l.rule]
		if s == nil {
			s = &stat{}
			rules[l.rule] = s
		}
		for _, s := range []*stat{s, all} {
			s.labelled++
			if !reported(l) {
				s.gone++
				if l.verdict == "true" {
					s.lost++
				}
				continue
			}
			s.kept++
			switch l.verdict {
			case "true":
				s.t++
			case "false":
				s.f++
			default:
				s.d++
			}
		}
		if l.verdict == "true" && !reported(l) {
			lost = append(lost, l)
		}
	}
	// Findings now, per rule, to weight the sample: a rule's labelled
	// precision stands for all of its findings.
	findings := map[string]int{}
	total := 0
	for _, e := range entries {
		for _, f := range e.findings {
			findings[f.Rule]++
			total++
		}
	}
	for id := range findings {
		if rules[id] == nil {
			rules[id] = &stat{}
		}
	}
	var estTrue, estFalse float64
	unjudged := 0 // findings of rules with no still-reported label
	t.title("Labelled sample")
	t.row("rule", "findings", "labelled", "still reported", "gone", "true", "false", "debatable", "precision",
		"true positives lost")
	for _, id := range sortedKeys(rules) {
		s := rules[id]
		n := findings[id]
		// Each still-reported label stands for n/kept of the rule's findings.
		if s.kept > 0 {
			estTrue += float64(n) * float64(s.t) / float64(s.kept)
			estFalse += float64(n) * float64(s.f) / float64(s.kept)
		} else {
			unjudged += n
		}
		t.row(id, itoa(n), itoa(s.labelled), itoa(s.kept), itoa(s.gone), itoa(s.t), itoa(s.f), itoa(s.d),
			percent(s.t, s.t+s.f), itoa(s.lost))
	}
	t.row("total", itoa(total), itoa(all.labelled), itoa(all.kept), itoa(all.gone), itoa(all.t), itoa(all.f),
		itoa(all.d), percent(all.t, all.t+all.f), itoa(all.lost))
	t.flush()
	fmt.Fprintf(t.w, "\nprecision of the labelled sample (true/(true+false)): %s\n", percent(all.t, all.t+all.f))
	if estTrue+estFalse > 0 {
		fmt.Fprintf(t.w, "precision weighted by each rule's findings: %.0f%% (debatable shares left out; %d findings of rules with no label still reported left out)\n",
			100*estTrue/(estTrue+estFalse), unjudged)
	}
	fmt.Fprintf(t.w, "true positives lost: %d\n", all.lost)
	if skipped > 0 {
		fmt.Fprintf(t.w, "(%d labels belong to projects not in this run)\n", skipped)
	}
	if len(lost) > 0 {
		t.title("True positives lost")
		t.row("project", "path", "line", "rule", "reason")
		for _, l := range lost {
			t.row(l.project, l.path, itoa(l.line), l.rule, l.reason)
		}
		t.flush()
	}
}

// table prints aligned text columns, or Markdown.
type table struct {
	w        io.Writer
	markdown bool
	tw       *tabwriter.Writer
	rows     int
}

func newTable(w io.Writer, markdown bool) *table {
	return &table{w: w, markdown: markdown}
}

func (t *table) title(s string) {
	if t.markdown {
		fmt.Fprintf(t.w, "\n### %s\n\n", s)
	} else {
		fmt.Fprintf(t.w, "\n== %s\n", s)
	}
	t.tw = tabwriter.NewWriter(t.w, 0, 0, 2, ' ', 0)
	t.rows = 0
}

func (t *table) row(cells ...string) {
	if t.markdown {
		fmt.Fprintf(t.w, "| %s |\n", strings.Join(cells, " | "))
		if t.rows == 0 {
			fmt.Fprintf(t.w, "|%s\n", strings.Repeat(" --- |", len(cells)))
		}
	} else {
		fmt.Fprintln(t.tw, strings.Join(cells, "\t"))
	}
	t.rows++
}

func (t *table) flush() {
	if !t.markdown {
		t.tw.Flush()
	}
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func itoa(n int) string { return strconv.Itoa(n) }

func ratio(a, b int) string {
	if b == 0 {
		return "-"
	}
	return fmt.Sprintf("%.2f", float64(a)/float64(b))
}

func percent(a, b int) string {
	if b == 0 {
		return "-"
	}
	return fmt.Sprintf("%.0f%%", 100*float64(a)/float64(b))
}

func short(commit string) string {
	if len(commit) > 12 {
		return commit[:12]
	}
	return commit
}

// summedLines reads the lines a summary finding lists.
func summedLines(message string) []int {
	_, list, ok := strings.Cut(message, "findings in this file like the ones above, at lines ")
	if !ok {
		return nil
	}
	var out []int
	for _, part := range strings.Split(list, ", ") {
		if n, err := strconv.Atoi(strings.TrimSpace(part)); err == nil {
			out = append(out, n)
		}
	}
	return out
}
