package app

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hindsight-app/hindsight/backend/domain"
)

func newActionsAPI(t *testing.T) (*ActionsAPI, *IncidentsAPI) {
	t.Helper()
	inc, _, _ := newAPI(t)
	return &ActionsAPI{cfg: inc.cfg}, inc
}

func TestActionsCrossTheBridgeWithOverdueAndHints(t *testing.T) {
	a, inc := newActionsAPI(t)
	a.cfg.Clock = func() time.Time { return time.Now().Add(30 * 24 * time.Hour) } // a month on
	i, _ := inc.Create(domain.IncidentInput{Title: "x", Severity: "SEV2"})
	v, err := a.Create(domain.ActionInput{Title: "Investigate the retries", Incident: i.Ref, Due: time.Now().Format("2006-01-02")})
	if err != nil {
		t.Fatal(err)
	}
	if v.Ref != "ACT-0001" || v.IncidentRef != i.Ref || !v.Overdue || v.DaysOverdue < 29 {
		t.Errorf("view = %+v", v)
	}
	codes := map[string]bool{}
	for _, h := range v.Hints {
		codes[h.Code] = true
	}
	if !codes["no_owner"] || !codes["vague"] {
		t.Errorf("hints = %+v, want no_owner and vague", v.Hints)
	}
	p, err := a.List(domain.ActionFilter{Incident: i.ID})
	if err != nil || p.Total != 1 || !p.Items[0].Overdue {
		t.Errorf("List = %+v, %v", p, err)
	}
	if _, err := a.SetStatus(v.ID, "wont_do", "", v.Version); err == nil {
		t.Error("won't do without a reason was accepted")
	} else if ui := toUIError(a.cfg.Logger, err); ui.Fields["reason"] == "" {
		t.Errorf("UI error = %+v, want the reason named", ui)
	}
	d, err := a.SetStatus(v.ID, "done", "", v.Version)
	if err != nil || d.ClosedAt == nil || d.Overdue {
		t.Fatalf("done = %+v, %v", d, err)
	}
	h, err := a.History(v.ID)
	if err != nil || len(h) < 2 || h[len(h)-1].Field != "status" || h[len(h)-1].To == "" {
		t.Errorf("history = %+v, %v", h, err)
	}
	c, err := a.Counts()
	if err != nil || c.Open != 0 {
		t.Errorf("counts = %+v, %v", c, err)
	}
}

func TestActionExportsGoToTheClipboardOrAFile(t *testing.T) {
	a, _ := newActionsAPI(t)
	for k := range 3 {
		if _, err := a.Create(domain.ActionInput{Title: fmt.Sprintf("Add an alert | on queue depth %d", k), Owner: "ana"}); err != nil {
			t.Fatal(err)
		}
	}
	md, err := a.ExportText(domain.ActionFilter{}, "markdown")
	if err != nil || !strings.Contains(md, `Add an alert \| on queue depth 2`) {
		t.Errorf("markdown = %q, %v", md, err)
	}
	if _, err := a.ExportText(domain.ActionFilter{}, "docx"); err == nil {
		t.Error("an unknown format was accepted")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "actions.csv")
	x, err := a.exportTo(path, domain.ActionFilter{Owner: "ana"}, "csv")
	if err != nil || x.Count != 3 {
		t.Fatalf("exportTo = %+v, %v", x, err)
	}
	b, _ := os.ReadFile(path)
	if lines := strings.Count(string(b), "\n"); lines != 4 {
		t.Errorf("csv has %d lines, want a header and 3 rows:\n%s", lines, b)
	}
	// A folder that does not exist is a message naming the file, not a panic.
	if _, err := a.exportTo(filepath.Join(dir, "missing", "a.csv"), domain.ActionFilter{}, "csv"); err == nil {
		t.Error("writing into a missing folder succeeded")
	} else if ui := toUIError(a.cfg.Logger, err); ui.Fields["file"] == "" {
		t.Errorf("UI error = %+v, want the file named", ui)
	}
}

// The largest page the window can ask for, of actions with the longest titles
// the domain allows and every hint stays far under the bridge budget.
func TestActionPagePayloadStaysUnderOneMegabyte(t *testing.T) {
	a, _ := newActionsAPI(t)
	const page = actionPageCap
	for k := range page {
		title := "Investigate " + strings.Repeat("t", domain.MaxActionTitleLen-20) + fmt.Sprint(k)
		if _, err := a.Create(domain.ActionInput{Title: title, Link: "https://tracker.example/" + strings.Repeat("x", 1000),
			Verification: strings.Repeat("v", 2000)}); err != nil {
			t.Fatal(err)
		}
	}
	p, err := a.List(domain.ActionFilter{Limit: 5000}) // capped
	if err != nil || len(p.Items) != page {
		t.Fatalf("List = %d items, %v", len(p.Items), err)
	}
	b, _ := json.Marshal(p)
	t.Logf("page of %d maximal actions: %d bytes", page, len(b))
	if len(b) > 1<<20 {
		t.Errorf("a page of %d maximal actions is %d bytes; the bridge budget is 1 MB", page, len(b))
	}
}
