package meeting

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hindsight-app/hindsight/backend/domain"
	"github.com/hindsight-app/hindsight/backend/markdown"
	"github.com/hindsight-app/hindsight/backend/mdlint"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func tp(t time.Time) *time.Time { return &t }

func berlin(t *testing.T) *time.Location {
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// facts is a small hand-made period: October 2026 in Berlin.
func facts(t *testing.T) *domain.AgendaFacts {
	loc := berlin(t)
	q := domain.AgendaQuery{
		Start: time.Date(2026, 10, 1, 0, 0, 0, 0, loc).UTC(), End: time.Date(2026, 11, 1, 0, 0, 0, 0, loc).UTC(),
		Loc: loc, Day: "2026-11-02", NextDay: "2026-12-02",
	}
	inc := func(n int, sev, title string, start time.Time, detect, resolve time.Duration, svc ...string) domain.AgendaIncident {
		i := domain.AgendaIncident{Incident: domain.Incident{ID: "inc-" + title, Number: n, Title: title, Severity: domain.Severity(sev),
			Status: domain.StatusResolved, StartedAt: tp(start), DetectedAt: tp(start.Add(detect)), ResolvedAt: tp(start.Add(resolve)), Services: svc}}
		return i
	}
	a := inc(1, "SEV2", "Checkout 5xx after the <deploy>", time.Date(2026, 10, 3, 8, 0, 0, 0, time.UTC), 10*time.Minute, 2*time.Hour, "checkout")
	a.PostmortemID, a.PostmortemStatus = "pm-1", domain.PostmortemInReview
	b := inc(2, "SEV1", "Payments down.", time.Date(2026, 10, 20, 8, 0, 0, 0, time.UTC), 5*time.Minute, time.Hour, "checkout", "payments")
	old := inc(3, "SEV3", "Search slow", time.Date(2025, 10, 12, 8, 0, 0, 0, time.UTC), 30*time.Minute, 3*time.Hour, "search")
	closed := time.Date(2026, 10, 15, 22, 30, 0, 0, time.UTC)
	return &domain.AgendaFacts{
		Query:     q,
		Incidents: []domain.AgendaIncident{a, b},
		Recent:    []domain.AgendaIncident{a, b},
		Causes: []domain.AgendaCause{
			{IncidentID: a.ID, IncidentNumber: 1, Kind: domain.CauseRoot, Statement: "Connection pool exhausted!"},
			{IncidentID: b.ID, IncidentNumber: 2, Kind: domain.CauseContributing, Statement: "connection-pool  exhausted"},
			{IncidentID: b.ID, IncidentNumber: 2, Kind: domain.CauseTrigger, Statement: "Connection pool exhausted"},
		},
		Postmortems: []domain.PostmortemSummary{{ID: "pm-1", IncidentID: a.ID, IncidentRef: "INC-0001", Severity: "SEV2",
			Title: "Checkout 5xx", Status: domain.PostmortemInReview, Reviewers: []string{"Lee"}, DueDate: "2026-10-10", Overdue: true}},
		Actions: []domain.ActionItem{
			{ID: "a1", Number: 1, Title: "Add a canary", Owner: "Dana", Due: "2026-11-01", Priority: "P1", Status: domain.ActionOpen, IncidentID: a.ID, IncidentNumber: 1, IncidentTitle: a.Title},
			{ID: "a2", Number: 2, Title: "Alert on pool use", Owner: "Lee", Due: "2026-11-02", Priority: "P2", Status: domain.ActionInProgress},
			{ID: "a3", Number: 3, Title: "Raise the pool", Owner: "Lee", Due: "2026-10-15", Priority: "P2", Status: domain.ActionDone, ClosedAt: &closed},
		},
		TrendIncidents: []domain.AgendaIncident{a, b},
		TrendActions:   []domain.ActionItem{{Status: domain.ActionDone, Due: "2026-10-15", ClosedAt: &closed}},
		Anniversaries:  []domain.AgendaIncident{old},
		AnniversaryActions: []domain.ActionItem{
			{ID: "a4", Number: 4, Title: "Index the table", Status: domain.ActionDone, IncidentID: old.ID},
			{ID: "a5", Number: 5, Title: "Cache queries", Owner: "Ana", Due: "2025-12-01", Status: domain.ActionOpen, IncidentID: old.ID},
		},
	}
}

func TestBuildPutsItemsInAgendaOrder(t *testing.T) {
	items := Build(facts(t))
	var got []string
	for _, it := range items {
		got = append(got, it.Kind+" "+it.Key)
	}
	want := []string{
		"incident incident:inc-Payments down.", "incident incident:inc-Checkout 5xx after the <deploy>",
		"postmortem_overdue postmortem:pm-1",
		"action_overdue action:a1", "action_due_soon action:a2", "action_closed action:a3",
		"theme_service service:checkout", "theme_cause cause:connection pool exhausted",
		"trend_incident_count trend:incident_count", "trend_time_to_detect trend:time_to_detect",
		"trend_time_to_resolve trend:time_to_resolve", "trend_actions_on_time trend:actions_on_time",
		"anniversary anniversary:inc-Search slow",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestTrendsUseTheZoneForOnTime(t *testing.T) {
	tr := Trends(facts(t))
	last := func(k int) *float64 { return tr[k].Points[len(tr[k].Points)-1].Value }
	// Closed 22:30 UTC on the due date is the next day in Berlin: late.
	if v := last(3); v == nil || *v != 0 {
		t.Errorf("on-time share %v, want 0", v)
	}
	if v := last(0); *v != 2 {
		t.Errorf("count %v, want 2", *v)
	}
	// Medians of 10 and 5 minutes, and of 2 h and 1 h.
	if v := last(1); *v != 450 {
		t.Errorf("median time to detect %v s, want 450", *v)
	}
	if v := last(2); *v != 5400 {
		t.Errorf("median time to resolve %v s, want 5400", *v)
	}
	if v := tr[0].Points[0].Value; *v != 0 {
		t.Errorf("an empty period counts %v, want 0", *v)
	}
	if tr[1].Points[0].Value != nil {
		t.Errorf("an empty period has a median")
	}
}

func TestNormalizeStatement(t *testing.T) {
	for in, want := range map[string]string{
		"Connection pool exhausted!":    "connection pool exhausted",
		"  connection-pool\texhausted ": "connection pool exhausted",
		"DNS: TTL (too) long…":          "dns ttl too long",
	} {
		if got := NormalizeStatement(in); got != want {
			t.Errorf("NormalizeStatement(%q) = %q, want %q", in, got, want)
		}
	}
}

// meeting makes a meeting of the built items, as the store would.
func meetingOf(t *testing.T, held bool) Doc {
	f := facts(t)
	items := Build(f)
	for k := range items {
		items[k].Position = k + 1
		items[k].Decisions, items[k].Actions = []domain.Decision{}, []string{}
	}
	m := &domain.Meeting{ID: "m-1", Number: 1, SeriesName: "Ops review", Cadence: domain.CadenceMonthly, Zone: "Europe/Berlin",
		Title: "Ops review 2026-11-02", At: time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC), PeriodStart: f.Query.Start,
		PeriodEnd: f.Query.End, Facilitator: "Dana", Attendees: []string{"Lee", "Ana"}, Status: domain.MeetingPlanned, Items: items}
	d := Doc{Meeting: m, Now: time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC), Version: "1.2.3"}
	if held {
		m.Status, m.HeldAt = domain.MeetingHeld, tp(time.Date(2026, 11, 2, 10, 0, 0, 0, time.UTC))
		m.Notes = "We went through the list.\n\nNext time: the queue migration."
		items[0].Notes = "Payments need a runbook."
		items[0].Decisions = []domain.Decision{{Text: "Write the payments runbook | this month", Author: "Dana"}}
		items[0].Actions = []string{"ACT-0006"}
		items[2].Reviewed = true
		items[3].Dismissed = true
		d.Actions = []domain.ActionItem{{Number: 6, Title: "Write the payments runbook", Owner: "Lee", Due: "2026-11-30", Priority: "P1",
			IncidentID: "inc-Payments down.", IncidentNumber: 2}}
	}
	return d
}

func TestExportMatchesGoldenFiles(t *testing.T) {
	for name, held := range map[string]bool{"agenda": false, "minutes": true} {
		t.Run(name, func(t *testing.T) {
			var b bytes.Buffer
			if err := Markdown(&b, meetingOf(t, held)); err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", name+".md")
			if *update {
				os.MkdirAll("testdata", 0o755)
				os.WriteFile(golden, b.Bytes(), 0o644)
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if b.String() != string(want) {
				t.Errorf("%s differs from %s (go test -update to accept):\n%s", name, golden, b.String())
			}
		})
	}
}

func TestExportRefusesToOverwrite(t *testing.T) {
	dir := t.TempDir()
	d := meetingOf(t, false)
	files, err := Export(dir, d, false)
	if err != nil || len(files) != 1 || files[0] != "MTG-0001-ops-review-2026-11-02-agenda.md" {
		t.Fatalf("Export: %v %v", files, err)
	}
	if _, err := Export(dir, d, false); domain.ErrorCode(err) != domain.ECONFLICT {
		t.Errorf("second export: %v, want ECONFLICT", err)
	}
	if _, err := Export(dir, d, true); err != nil {
		t.Errorf("forced: %v", err)
	}
}

// TestGoldenFilesPassMarkdownlint runs the frontend's markdownlint-cli2,
// with its default rules, over the golden files (as backend/postmortem
// does); it fails without the tool when HINDSIGHT_REQUIRE_MARKDOWNLINT is
// set.
func TestGoldenFilesPassMarkdownlint(t *testing.T) {
	mdlint.Golden(t, nil)
}

// TestTypedHeadingsBecomeLeadIns: headings typed in the meeting's notes,
// an item's notes or a hand item's body would break the minutes' outline
// (MD001, MD024, MD025); they are written as bold lead-ins, code blocks
// untouched, and the minutes still pass markdownlint.
func TestTypedHeadingsBecomeLeadIns(t *testing.T) {
	d := meetingOf(t, true)
	code := "```sh\n# not a heading\necho done\n```"
	d.Meeting.Notes = "# Summary\n\nWe went through the list.\n\n## Follow-up!\n\nThe queue migration.\n\n" + code
	d.Meeting.Items[0].Notes = "## Notes\n\nPayments need a runbook.\n\n### Decisions made"
	hand := domain.AgendaItem{ID: "i-hand", Position: len(d.Meeting.Items) + 1, Section: domain.SectionOther, Kind: domain.KindManual,
		Manual: true, Title: "Hiring", Body: "# Plan\n\nTwo people by March.", Notes: "# Agreed."}
	d.Meeting.Items = append(d.Meeting.Items, hand)
	var b bytes.Buffer
	if err := Markdown(&b, d); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{"**Summary:**", "**Follow-up!**", "\n" + code + "\n", "**Notes:**\n\nPayments need a runbook.",
		"**Decisions made:**", "**Plan:**\n\nTwo people by March.", "**Agreed.**"} {
		if !strings.Contains(out, want) {
			t.Errorf("the minutes lack %q:\n%s", want, out)
		}
	}
	for _, l := range markdown.Lines(out) {
		if !l.Fence && strings.HasPrefix(l.Text, "# ") && l.Text != "# Ops review 2026-11-02: minutes" {
			t.Errorf("a second top-level heading: %q", l.Text)
		}
	}
	mdlint.Files(t, map[string][]byte{"minutes-with-headings.md": b.Bytes()})
}

// TestLongListsAreCapped: past MaxItemsPerKind, Build lists the most
// overdue actions and one item counting the rest, and the export shows it
// as an item like the others.
func TestLongListsAreCapped(t *testing.T) {
	f := facts(t)
	extra := MaxItemsPerKind + 1250
	for k := range extra {
		f.Actions = append(f.Actions, domain.ActionItem{ID: fmt.Sprintf("x%d", k), Number: 100 + k, Title: fmt.Sprintf("Old action %d", k),
			Due: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, k%200).Format(domain.DateLayout), Priority: "P3",
			Status: domain.ActionOpen})
	}
	items := Build(f)
	var overdue []domain.AgendaItem
	var more []domain.AgendaItem
	for k, it := range items {
		switch it.Kind {
		case domain.KindActionOverdue:
			overdue = append(overdue, it)
		case domain.KindMore:
			more = append(more, it)
			if items[k-1].Kind != domain.KindActionOverdue || items[k+1].Kind != domain.KindActionDueSoon {
				t.Errorf("the summary should sit between the overdue actions and those due soon, not after %s", items[k-1].Key)
			}
		}
	}
	if len(overdue) != MaxItemsPerKind {
		t.Errorf("%d overdue actions listed, want %d", len(overdue), MaxItemsPerKind)
	}
	// The most overdue first: the extra actions due 2026-01-01 (every
	// 200th), then 01-02; the fixture's own (due 2026-11-01) is cut.
	for k, it := range overdue {
		if want := fmt.Sprintf("- Due 2026-01-0%d:", 1+k/7); !strings.Contains(it.Body, want) {
			t.Fatalf("overdue item %d %q: body %q, want %q", k, it.Title, it.Body, want)
		}
	}
	if len(more) != 1 {
		t.Fatalf("%d summary items, want 1", len(more))
	}
	want := fmt.Sprintf("And %s more overdue actions", "1,251")
	if m := more[0]; m.Title != want || m.Key != "more:action_overdue" || m.Section != domain.SectionActions ||
		!strings.Contains(m.Body, "`hindsight action list --overdue`") {
		t.Errorf("summary %+v, want title %q, key more:action_overdue, a way to see them all", m, want)
	}

	d := meetingOf(t, false)
	d.Meeting.Items = items
	for k := range items {
		items[k].Position = k + 1
	}
	var b bytes.Buffer
	if err := Markdown(&b, d); err != nil {
		t.Fatal(err)
	}
	heading := fmt.Sprintf("### %d. And 1,251 more overdue actions\n\nThe agenda lists the first 50.", 3+MaxItemsPerKind+1)
	if !strings.Contains(b.String(), heading) {
		t.Errorf("the agenda lacks %q", heading)
	}
	mdlint.Files(t, map[string][]byte{"agenda-capped.md": b.Bytes()})
}

func TestThousands(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 20950: "20,950", 1234567: "1,234,567"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q, want %q", n, got, want)
		}
	}
}
