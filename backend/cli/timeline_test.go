package cli

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestTimelineAddListAndExport(t *testing.T) {
	w := newWorld(t)
	w.ok("incident", "create", "--title", "Checkout 502s", "--severity", "SEV2", "--started", "2026-06-10T09:00:00Z")
	w.ok("timeline", "add", "INC-1", "--at", "2026-06-10 11:12", "--tz", "Europe/Berlin", "--kind", "alert",
		"--key-moment", "detected", "5xx", "above", "5%")
	w.ok("timeline", "add", "1", "--at", "2026-06-10T09:30:00.250Z", "Rolled back | the deploy")
	if got := w.incident("INC-0001")["timeToDetectSeconds"]; got != 720.0 {
		t.Errorf("timeToDetectSeconds = %v, want 720 (the detected marker moved it)", got)
	}
	out := w.ok("timeline", "list", "1", "--tz", "UTC")
	for _, want := range []string{"2026-06-10 09:12:00 UTC  alert  tester  detected  5xx above 5%", "2 events"} {
		if !strings.Contains(out, want) {
			t.Errorf("list lacks %q:\n%s", want, out)
		}
	}
	var doc struct {
		Incident string `json:"incident"`
		Events   []struct{ At, Body, KeyMoment string }
	}
	if err := json.Unmarshal([]byte(w.ok("timeline", "export", "1", "--format", "json")), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Incident != "INC-0001" || len(doc.Events) != 2 || doc.Events[1].At != "2026-06-10T09:30:00.25Z" {
		t.Errorf("json export = %+v", doc)
	}
	md := w.ok("timeline", "export", "1", "--tz", "UTC")
	if !strings.Contains(md, `| 2026-06-10 09:30:00 | T+0:30 | note | tester | Rolled back \| the deploy |`) {
		t.Errorf("markdown export:\n%s", md)
	}
}

func TestTimelineBadInput(t *testing.T) {
	w := newWorld(t)
	w.ok("incident", "create", "--title", "t", "--severity", "SEV3", "--started", "2026-06-10T09:00:00Z")
	w.fails(2, []string{"keyMoment:", "before the start"}, "timeline", "add", "1", "--at", "2026-06-10T08:00:00Z", "--key-moment", "detected", "too early")
	w.fails(2, []string{"at:", "does not exist"}, "timeline", "add", "1", "--at", "2026-03-29 02:30", "--tz", "Europe/Berlin", "x")
	w.fails(2, []string{"kind:"}, "timeline", "add", "1", "--at", "2026-06-10T10:00:00Z", "--kind", "gossip", "x")
	w.fails(2, []string{"format:"}, "timeline", "export", "1", "--format", "pdf")
	w.fails(3, []string{"no incident"}, "timeline", "list", "INC-9")
	if out := w.ok("timeline", "list", "1"); !strings.Contains(out, "0 events") {
		t.Errorf("after refused adds: %q, want 0 events", out)
	}
}
