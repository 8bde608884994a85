package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestAMeetingFromAgendaToMinutes is the end to end: a series, a
// meeting with its generated agenda, a decision and an action in it, the
// minutes exported.
func TestAMeetingFromAgendaToMinutes(t *testing.T) {
	w := newWorld(t)
	resolvedIncident(w) // INC-0001, 2026-06-01, SEV1
	w.ok("incident", "create", "--title", "Search slow", "--severity", "SEV3", "--started", "2026-06-10T23:30:00Z")

	out := w.ok("meeting", "series", "create", "Ops review", "--cadence", "weekly", "--zone", "Europe/Berlin",
		"--facilitator", "Dana Reyes", "--attendee", "Lee Chen", "--attendee", "Ana Lima")
	if !strings.Contains(out, "Created the series Ops review (weekly, Europe/Berlin)") {
		t.Errorf("series create: %q", out)
	}
	w.fails(4, []string{"already exists"}, "meeting", "series", "create", "ops REVIEW", "--cadence", "monthly")
	w.fails(2, []string{"cadence:", "weekly, monthly or adhoc"}, "meeting", "series", "create", "Other", "--cadence", "daily")

	// Period: 2026-06-01 00:00 to 2026-06-11 00:00 Berlin. The second
	// incident started 23:30 UTC on the 10th, which is the 11th in Berlin:
	// outside.
	out = w.ok("meeting", "create", "--series", "ops review", "--date", "2026-06-15", "--from", "2026-06-01", "--to", "2026-06-10")
	if !strings.Contains(out, "Created MTG-0001") || !strings.Contains(out, "INC-0001 (SEV1): Checkout 502s") || strings.Contains(out, "Search slow") {
		t.Errorf("create: %q", out)
	}
	w.fails(2, []string{"date:", "YYYY-MM-DD"}, "meeting", "create", "--series", "Ops review", "--date", "15.06.2026")
	w.fails(2, []string{"series:", "no meeting series"}, "meeting", "create", "--series", "Nope", "--date", "2026-06-15")
	w.fails(2, []string{"to:"}, "meeting", "create", "--series", "Ops review", "--date", "2026-06-15", "--from", "2026-06-01")
	w.fails(3, []string{"MTG-0009"}, "meeting", "show", "mtg-9")

	var m meetingJSON
	if err := json.Unmarshal([]byte(w.ok("meeting", "show", "MTG-0001", "--json")), &m); err != nil {
		t.Fatal(err)
	}
	if m.Ref != "MTG-0001" || m.Items == nil || len(*m.Items) == 0 || (*m.Items)[0].Incident == nil || *(*m.Items)[0].Incident != "INC-0001" {
		t.Fatalf("show --json: %+v", m)
	}
	if m.PeriodStart != "2026-05-31T22:00:00Z" || m.PeriodEnd != "2026-06-10T22:00:00Z" || m.At != "2026-06-15T08:00:00Z" {
		t.Errorf("times: %s %s %s", m.PeriodStart, m.PeriodEnd, m.At)
	}
	var trend *itemJSON
	for k, it := range *m.Items {
		if it.Kind == "trend_incident_count" {
			trend = &(*m.Items)[k]
		}
	}
	if trend == nil || !strings.Contains(string(trend.Data), `"points"`) {
		t.Errorf("the trend item carries no chart data: %+v", trend)
	}

	agenda := w.ok("meeting", "agenda", "MTG-0001")
	if !strings.HasPrefix(agenda, "---\nmeeting: \"MTG-0001\"") || !strings.Contains(agenda, "# Ops review 2026-06-15: agenda") {
		t.Errorf("agenda: %q", agenda)
	}

	w.ok("meeting", "decide", "MTG-0001", "1", "Add a canary stage before rollouts")
	out = w.ok("meeting", "action", "MTG-0001", "1", "--title", "Add a canary stage", "--owner", "Lee Chen", "--due", "2026-07-01", "--priority", "P1")
	if !strings.Contains(out, "Created ACT-0001: Add a canary stage") {
		t.Errorf("action: %q", out)
	}
	w.fails(2, []string{"due:"}, "meeting", "action", "MTG-0001", "1", "--title", "x", "--due", "soon")
	w.fails(3, []string{"no agenda item", "99"}, "meeting", "decide", "MTG-0001", "99", "x")
	act := w.ok("action", "show", "ACT-0001", "--json")
	if !strings.Contains(act, `"incident": "INC-0001"`) {
		t.Errorf("the action is not linked to the item's incident: %s", act)
	}
	w.ok("meeting", "item", "note", "MTG-0001", "1", "Rollouts go too fast.")
	w.ok("meeting", "item", "add", "MTG-0001", "--title", "On-call rota")
	w.fails(2, []string{"section:"}, "meeting", "item", "add", "MTG-0001", "--title", "x", "--section", "misc")
	out = w.ok("meeting", "item", "move", "MTG-0001", "2", "1")
	if !strings.Contains(out, "   1. ") {
		t.Errorf("move: %q", out)
	}
	w.ok("meeting", "notes", "MTG-0001", "Short meeting.")
	w.ok("meeting", "held", "MTG-0001")
	w.fails(2, []string{"status:"}, "meeting", "regenerate", "MTG-0001")

	dir := t.TempDir()
	out = w.ok("export", "meeting", "MTG-0001", "--out", dir)
	name := filepath.Join(dir, "MTG-0001-ops-review-2026-06-15-minutes.md")
	if strings.TrimSpace(out) != name {
		t.Errorf("export printed %q, want %q", out, name)
	}
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"# Ops review 2026-06-15: minutes", "Short meeting.", "Rollouts go too fast.",
		"- Add a canary stage before rollouts (tester)", "| ACT-0001 | Add a canary stage | Lee Chen | 2026-07-01 | P1 | INC-0001 |"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("minutes lack %q:\n%s", want, b)
		}
	}
	w.fails(4, []string{"already exists", "--force"}, "export", "meeting", "MTG-0001", "--out", dir)
	w.ok("export", "meeting", "MTG-0001", "--out", dir, "--force")
	w.fails(2, []string{"out:"}, "export", "meeting", "MTG-0001")

	var list []meetingJSON
	if err := json.Unmarshal([]byte(w.ok("meeting", "list", "--json")), &list); err != nil || len(list) != 1 || list[0].Status != "held" || list[0].Items != nil {
		t.Errorf("list --json: %+v %v", list, err)
	}
}

// TestMeetingsSeriesAndDecisionsCanBeCorrected: a series and a meeting are
// edited flag by flag (the fields not given stay), and a decision is
// removed by the id 'meeting show --json' prints; bad input names the
// flag.
func TestMeetingsSeriesAndDecisionsCanBeCorrected(t *testing.T) {
	w := newWorld(t)
	resolvedIncident(w)
	w.ok("meeting", "series", "create", "Ops review", "--cadence", "weekly", "--zone", "Europe/Berlin",
		"--facilitator", "Dana Reyes", "--attendee", "Lee Chen")
	w.ok("meeting", "create", "--series", "Ops review", "--date", "2026-06-15", "--from", "2026-06-01", "--to", "2026-06-10")

	t.Run("series edit changes only the flags given", func(t *testing.T) {
		out := w.ok("meeting", "series", "edit", "ops review", "--cadence", "monthly", "--attendees", "Lee Chen, Ana Lima")
		if !strings.Contains(out, "Updated the series Ops review (monthly, Europe/Berlin)") {
			t.Errorf("edit: %q", out)
		}
		var list []meetingSeriesJSON
		if err := json.Unmarshal([]byte(w.ok("meeting", "series", "list", "--json")), &list); err != nil || len(list) != 1 {
			t.Fatalf("series list: %v %v", list, err)
		}
		if s := list[0]; s.Facilitator != "Dana Reyes" || strings.Join(s.Attendees, "|") != "Lee Chen|Ana Lima" || s.Version != 2 {
			t.Errorf("after edit: %+v", s)
		}
		w.ok("meeting", "series", "edit", "Ops review", "--name", "Ops weekly", "--facilitator", "")
		if err := json.Unmarshal([]byte(w.ok("meeting", "series", "list", "--json")), &list); err != nil || list[0].Name != "Ops weekly" ||
			list[0].Facilitator != "" || list[0].Cadence != "monthly" {
			t.Errorf("after rename: %+v %v", list, err)
		}
	})
	t.Run("series edit names the bad flag", func(t *testing.T) {
		w.fails(2, []string{"cadence:", "weekly, monthly or adhoc"}, "meeting", "series", "edit", "Ops weekly", "--cadence", "daily")
		w.fails(2, []string{"zone:"}, "meeting", "series", "edit", "Ops weekly", "--zone", "Mars/Olympus")
		w.fails(2, []string{"attendee:"}, "meeting", "series", "edit", "Ops weekly", "--attendee", "Lee\tChen")
		w.fails(2, []string{"nothing to change"}, "meeting", "series", "edit", "Ops weekly")
		w.fails(3, []string{"Nope"}, "meeting", "series", "edit", "Nope", "--cadence", "weekly")
	})

	t.Run("meeting edit changes only the flags given", func(t *testing.T) {
		out := w.ok("meeting", "edit", "MTG-1", "--title", "June review", "--attendee", "Ana Lima", "--attendee", "Sam Okafor")
		if !strings.Contains(out, "Updated MTG-0001") || !strings.Contains(out, "MTG-0001  June review") {
			t.Errorf("edit: %q", out)
		}
		var m meetingJSON
		if err := json.Unmarshal([]byte(w.ok("meeting", "show", "MTG-0001", "--json")), &m); err != nil {
			t.Fatal(err)
		}
		if m.Title != "June review" || m.Facilitator != "Dana Reyes" || strings.Join(m.Attendees, "|") != "Ana Lima|Sam Okafor" {
			t.Errorf("after edit: %q %q %v", m.Title, m.Facilitator, m.Attendees)
		}
	})
	t.Run("meeting edit names the bad flag", func(t *testing.T) {
		w.fails(2, []string{"title:", "required"}, "meeting", "edit", "MTG-0001", "--title", "  ")
		w.fails(2, []string{"attendee:"}, "meeting", "edit", "MTG-0001", "--attendee", "Lee\tChen")
		w.fails(2, []string{"nothing to change"}, "meeting", "edit", "MTG-0001")
		w.fails(3, []string{"MTG-0009"}, "meeting", "edit", "MTG-9", "--title", "x")
	})

	t.Run("a decision is removed by the id show --json prints", func(t *testing.T) {
		w.ok("meeting", "decide", "MTG-0001", "1", "Freeze Friday deploys")
		var m meetingJSON
		if err := json.Unmarshal([]byte(w.ok("meeting", "show", "MTG-0001", "--json")), &m); err != nil {
			t.Fatal(err)
		}
		decisions := (*m.Items)[0].Decisions
		if len(decisions) != 1 || decisions[0].ID == "" {
			t.Fatalf("show --json decisions: %+v", decisions)
		}
		out := w.ok("meeting", "decision", "remove", decisions[0].ID)
		if !strings.Contains(out, "Removed the decision "+decisions[0].ID) {
			t.Errorf("remove: %q", out)
		}
		if err := json.Unmarshal([]byte(w.ok("meeting", "show", "MTG-0001", "--json")), &m); err != nil || len((*m.Items)[0].Decisions) != 0 {
			t.Errorf("the decision is still there: %+v %v", (*m.Items)[0].Decisions, err)
		}
		w.fails(3, []string{"no decision"}, "meeting", "decision", "remove", decisions[0].ID)
		w.fails(2, []string{"decision:"}, "meeting", "decision", "remove", " ")
		w.fails(2, []string{"decision's id"}, "meeting", "decision", "remove")
	})
}
