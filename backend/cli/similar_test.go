package cli

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/hindsight-app/hindsight/backend/domain"
)

func TestIncidentSimilarListsTheAlikeWithWhy(t *testing.T) {
	w := newWorld(t)
	w.seed(
		domain.IncidentInput{Title: "Connection pool exhausted on replica", Severity: "SEV1", Services: []string{"checkout", "payments"},
			StartedAt: "2026-06-10 09:00", Zone: "UTC"},
		domain.IncidentInput{Title: "Checkout slow", Severity: "SEV2", Services: []string{"payments", "checkout"},
			StartedAt: "2026-06-12 09:00", Zone: "UTC"},
		domain.IncidentInput{Title: "DNS failures at the edge", Severity: "SEV3", Services: []string{"edge"},
			StartedAt: "2026-06-14 09:00", Zone: "UTC"},
	)
	out := w.ok("incident", "similar", "inc-1", "--tz", "UTC")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[0], "REF") {
		t.Fatalf("got %q", out)
	}
	if !strings.Contains(lines[1], "INC-0002") || !strings.Contains(lines[1], "2026-06-12 09:00 UTC") || !strings.Contains(lines[1], "Checkout slow") {
		t.Errorf("row: %q", lines[1])
	}
	if !strings.Contains(lines[2], "Same services: checkout, payments") {
		t.Errorf("reason: %q", lines[2])
	}
	if strings.Contains(out, "INC-0003") {
		t.Errorf("the unrelated incident is listed: %q", out)
	}

	var got []map[string]any
	if err := json.Unmarshal([]byte(w.ok("incident", "similar", "INC-0001", "--json", "--limit", "1")), &got); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0]["ref"] != "INC-0002" || got[0]["startedAt"] != "2026-06-12T09:00:00Z" {
		t.Fatalf("--json: %v", got)
	}
	reasons, _ := got[0]["reasons"].([]any)
	if len(reasons) != 1 || reasons[0].(map[string]any)["kind"] != "services" {
		t.Errorf("--json reasons: %v", got[0]["reasons"])
	}

	if out := w.ok("incident", "similar", "INC-0003"); !strings.HasPrefix(out, "nothing alike yet") {
		t.Errorf("nothing alike: %q", out)
	}
	if out := w.ok("incident", "similar", "INC-0003", "--json"); strings.TrimSpace(out) != "[]" {
		t.Errorf("nothing alike as JSON: %q", out)
	}
}

func TestIncidentSimilarRefusesBadInput(t *testing.T) {
	w := newWorld(t)
	w.seed(domain.IncidentInput{Title: "One", Severity: "SEV1", StartedAt: "2026-06-10 09:00", Zone: "UTC"})
	w.fails(exitInvalid, []string{"limit"}, "incident", "similar", "INC-0001", "--limit", "21")
	w.fails(exitInvalid, []string{"limit"}, "incident", "similar", "INC-0001", "--limit", "0")
	w.fails(exitInvalid, []string{"INC-0042"}, "incident", "similar")
	w.fails(exitNotFound, []string{"no incident"}, "incident", "similar", "INC-0099")
}
