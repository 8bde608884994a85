package app

import (
	"strings"
	"testing"

	"github.com/hindsight-app/hindsight/backend/domain"
)

// The export dialog shows the "dir" message under the folder with an
// Overwrite button beside it: the message says what exists, and not the
// command line's "--force".
func TestAnExportOverFilesThatExistSaysSoForTheWindow(t *testing.T) {
	p, inc := newPostmortemsAPIForTest(t)
	i, err := inc.Create(domain.IncidentInput{Title: "Search stale", Severity: "SEV3", Status: "investigating",
		StartedAt: "2026-06-01T10:00:00Z"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Create(i.Ref, "short", ""); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if _, err := p.Export(i.Ref, dir, "md", false); err != nil {
		t.Fatal(err)
	}
	_, err = p.Export(i.Ref, dir, "md", false)
	if got := domain.ErrorCode(err); got != domain.EINVALID {
		t.Fatalf("second export: code %q, want %q (a field error on dir)", got, domain.EINVALID)
	}
	msg := fieldsOf(t, err)["dir"]
	if !strings.Contains(msg, "already exists") || strings.Contains(msg, "--force") {
		t.Errorf("dir message = %q, want what exists and no --force", msg)
	}
}
