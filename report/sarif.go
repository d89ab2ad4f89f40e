package report

import (
	"io"
	"net/url"

	"github.com/migrate-lint/migrate-lint/lint"
)

// DocsURL is where a rule's page lives; the SARIF, rdjson and markdown
// outputs link to it.
const DocsURL = "https://github.com/migrate-lint/migrate-lint/blob/main/docs/rules/"

// RuleURL returns the page of a rule.
func RuleURL(name string) string { return DocsURL + name + ".md" }

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool    sarifTool     `json:"tool"`
	Results []sarifResult `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string            `json:"id"`
	Name                 string            `json:"name"`
	ShortDescription     sarifText         `json:"shortDescription"`
	FullDescription      sarifText         `json:"fullDescription"`
	Help                 sarifHelp         `json:"help"`
	HelpURI              string            `json:"helpUri"`
	DefaultConfiguration sarifRuleDefaults `json:"defaultConfiguration"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifHelp struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown"`
}

type sarifRuleDefaults struct {
	Level string `json:"level"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           int               `json:"ruleIndex"`
	Level               string            `json:"level"`
	Message             sarifText         `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           sarifRegion   `json:"region"`
}

type sarifArtifact struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn"`
	EndLine     int `json:"endLine"`
	EndColumn   int `json:"endColumn"`
}

func sarifLevel(s lint.Severity) string {
	switch s {
	case lint.SeverityError:
		return "error"
	case lint.SeverityWarning:
		return "warning"
	}
	return "note"
}

// WriteSARIF writes a SARIF 2.1.0 log for code scanning: every rule with
// its help, every finding with its region and fingerprint.
func WriteSARIF(w io.Writer, r *Report, _ Options) error {
	driver := sarifDriver{Name: r.ToolName, Version: r.ToolVersion, InformationURI: "https://github.com/migrate-lint/migrate-lint", Rules: []sarifRule{}}
	index := map[string]int{}
	for _, rule := range r.Rules {
		index[rule.ID] = len(driver.Rules)
		driver.Rules = append(driver.Rules, sarifRule{
			ID: rule.ID, Name: rule.Name,
			ShortDescription:     sarifText{Text: rule.Title},
			FullDescription:      sarifText{Text: rule.Doc.Problem},
			Help:                 sarifHelp{Text: rule.Doc.Solution, Markdown: rule.Doc.Solution + "\n\n```python\n" + rule.Doc.Code() + "```\n"},
			HelpURI:              RuleURL(rule.Name),
			DefaultConfiguration: sarifRuleDefaults{Level: sarifLevel(rule.Severity)},
		})
	}
	run := sarifRun{Tool: sarifTool{Driver: driver}, Results: []sarifResult{}}
	for _, d := range r.Diagnostics {
		line, col := max(d.Span.Line, 1), max(d.Span.Column, 1)
		msg := d.Message
		if d.Help != "" {
			msg += ". Fix: " + d.Help
		}
		run.Results = append(run.Results, sarifResult{
			RuleID: d.Rule, RuleIndex: index[d.Rule], Level: sarifLevel(d.Severity), Message: sarifText{Text: msg},
			Locations: []sarifLocation{{PhysicalLocation: sarifPhysical{
				ArtifactLocation: sarifArtifact{URI: sarifURI(r.Paths.InRepository(d.File)), URIBaseID: "%SRCROOT%"},
				Region:           sarifRegion{StartLine: line, StartColumn: col, EndLine: max(d.Span.EndLine, line), EndColumn: max(d.Span.EndColumn, col)},
			}}},
			PartialFingerprints: map[string]string{"migrateLint/v1": d.Fingerprint},
		})
	}
	return EncodeJSON(w, sarifLog{Schema: "https://json.schemastore.org/sarif-2.1.0.json", Version: "2.1.0", Runs: []sarifRun{run}}, true)
}

// sarifURI makes a relative path a URI reference, as SARIF's
// artifactLocation.uri requires: spaces, '%', '#', '?' and other reserved
// characters are percent-encoded.
func sarifURI(path string) string {
	return (&url.URL{Path: path}).EscapedPath()
}
