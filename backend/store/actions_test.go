package store

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/hindsight-app/hindsight/backend/domain"
)

func mustAction(tb testing.TB, s *Store, in domain.ActionInput) *domain.ActionItem {
	tb.Helper()
	if in.Zone == "" {
		in.Zone = "UTC"
	}
	a, err := s.CreateAction(context.Background(), in)
	if err != nil {
		tb.Fatalf("CreateAction(%q): %v", in.Title, err)
	}
	return a
}

// openAt opens a fresh database whose clock reads *clock, so a test can
// move time on.
func openAt(tb testing.TB, clock *time.Time) *Store {
	tb.Helper()
	s, err := Open(filepath.Join(tb.TempDir(), "hindsight.db"), Options{Now: func() time.Time { return *clock }})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

func TestCreateActionFromAnIncident(t *testing.T) {
	s := mustOpen(t)
	ctx := domain.WithActor(context.Background(), "dana")
	inc := mustCreate(t, s, validInput())
	a, err := s.CreateAction(ctx, domain.ActionInput{
		Title: "Separate staging and production pool settings", Description: "See **the postmortem**.",
		Owner: "Sam Okafor", Due: "2026-12-15", Priority: "p1", Type: "prevent", Incident: inc.Ref(),
		Link: "https://tracker.example.com/OPS-1", Verification: "Config lint fails on a prod pool under 40", Zone: "UTC",
	})
	if err != nil {
		t.Fatal(err)
	}
	if a.Ref() != "ACT-0001" || a.IncidentID != inc.ID || a.IncidentRef() != "INC-0001" || a.IncidentTitle != inc.Title ||
		a.Owner != "Sam Okafor" || a.Due != "2026-12-15" || a.Priority != domain.P1 || a.Status != domain.ActionOpen ||
		a.Version != 1 || !a.CreatedAt.Equal(fixedNow) || a.ClosedAt != nil || a.Description != "See **the postmortem**." {
		t.Errorf("created %+v", a)
	}
	for _, ref := range []string{"ACT-0001", "act-1", "1", "0001", a.ID} {
		if got, err := s.GetAction(ctx, ref); err != nil || got.ID != a.ID {
			t.Errorf("GetAction(%q) = %v, %v", ref, got, err)
		}
	}
	_, err = s.GetAction(ctx, "ACT-0099")
	wantCode(t, err, domain.ENOTFOUND)
	// Owners join the people list used for autocompletion.
	if people, _ := s.People(ctx); strings.Join(people, ",") != "Dana Reyes,Sam Okafor" {
		t.Errorf("People = %v", people)
	}
	b := mustAction(t, s, domain.ActionInput{Title: "A meeting's action, with no incident"})
	if b.Ref() != "ACT-0002" || b.IncidentID != "" || b.IncidentRef() != "" {
		t.Errorf("second action %s, incident %q", b.Ref(), b.IncidentID)
	}
}

func TestDefaultDeadlinesComeFromTheSettings(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	for _, c := range []struct{ prio, want string }{
		{"P1", "2026-12-21"}, {"P2", "2027-01-18"}, {"", "2027-01-18"}, {"P3", "2027-02-15"},
	} {
		if a := mustAction(t, s, domain.ActionInput{Title: "x", Priority: c.prio}); a.Due != c.want {
			t.Errorf("priority %q: due %s, want %s", c.prio, a.Due, c.want)
		}
	}
	if err := s.SetSetting(ctx, "actionDueP1", "7"); err != nil {
		t.Fatal(err)
	}
	if a := mustAction(t, s, domain.ActionInput{Title: "x", Priority: "P1"}); a.Due != "2026-11-30" {
		t.Errorf("with actionDueP1=7: due %s, want 2026-11-30", a.Due)
	}
	// Today is the zone's: 12:00 UTC on the 23rd is already the 24th in Auckland.
	if a := mustAction(t, s, domain.ActionInput{Title: "x", Priority: "P1", Zone: "Pacific/Auckland"}); a.Due != "2026-12-01" {
		t.Errorf("in Auckland: due %s, want 2026-12-01", a.Due)
	}
	err := s.SetSetting(ctx, "actionDueP2", "two weeks")
	if de := wantCode(t, err, domain.EINVALID); de.Fields["actionDueP2"] == "" {
		t.Errorf("fields = %v, want actionDueP2 named", de.Fields)
	}
}

func TestBadActionInputSavesNothing(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	mustCreate(t, s, validInput())
	tests := []struct {
		name  string
		in    domain.ActionInput
		field string
	}{
		{"a due date that is not a date", domain.ActionInput{Title: "x", Due: "soon"}, "due"},
		{"an unknown status", domain.ActionInput{Title: "x", Status: "closed"}, "status"},
		{"an unknown priority", domain.ActionInput{Title: "x", Priority: "P0"}, "priority"},
		{"an unknown type", domain.ActionInput{Title: "x", Type: "fix"}, "type"},
		{"a javascript: link", domain.ActionInput{Title: "x", Link: "javascript:alert(document.cookie)"}, "link"},
		{"a file: link", domain.ActionInput{Title: "x", Link: "file:///etc/passwd"}, "link"},
		{"won't do without a reason", domain.ActionInput{Title: "x", Status: "wont_do"}, "reason"},
		{"an empty title", domain.ActionInput{Title: "  "}, "title"},
		{"an unknown incident", domain.ActionInput{Title: "x", Incident: "INC-0042"}, "incident"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.CreateAction(ctx, tt.in)
			de := wantCode(t, err, domain.EINVALID)
			if de.Fields[tt.field] == "" {
				t.Errorf("fields = %v, want %s named", de.Fields, tt.field)
			}
		})
	}
	if n := count(t, s, "SELECT count(*) FROM actions") + count(t, s, "SELECT count(*) FROM action_changes"); n != 0 {
		t.Errorf("%d rows saved from bad input, want 0", n)
	}
	if n := count(t, s, "SELECT value FROM counters WHERE name = 'action'"); n != 0 {
		t.Errorf("action counter moved to %d by refused input, want 0", n)
	}
	// The same rules on update.
	a := mustAction(t, s, domain.ActionInput{Title: "x"})
	in := a.Input()
	in.Link = "file:///etc/passwd"
	_, err := s.UpdateAction(ctx, a.Ref(), in, a.Version)
	wantCode(t, err, domain.EINVALID)
	_, err = s.SetActionStatus(ctx, a.Ref(), "wont_do", "", 0)
	if de := wantCode(t, err, domain.EINVALID); de.Fields["reason"] == "" {
		t.Errorf("fields = %v, want reason", de.Fields)
	}
	if got, _ := s.GetAction(ctx, a.Ref()); got.Version != 1 || got.Status != domain.ActionOpen {
		t.Errorf("after refused updates: version %d, status %s; want unchanged", got.Version, got.Status)
	}
}

func TestEditCompleteReopenAndTheHistory(t *testing.T) {
	clock := fixedNow
	s := openAt(t, &clock)
	ctx := domain.WithActor(context.Background(), "dana")
	inc := mustCreate(t, s, validInput())
	a := mustAction(t, s, domain.ActionInput{Title: "Add a canary stage", Incident: inc.Ref(), Due: "2026-12-01"})

	clock = clock.Add(time.Hour)
	in := a.Input()
	in.Owner, in.Due, in.Priority = "Lee Chen", "2026-12-08", "P1"
	a, err := s.UpdateAction(ctx, a.Ref(), in, a.Version)
	if err != nil || a.Version != 2 || a.Owner != "Lee Chen" {
		t.Fatalf("update: %+v, %v", a, err)
	}
	// A stale version is a conflict and saves nothing.
	in.Title = "Something else"
	_, err = s.UpdateAction(ctx, a.Ref(), in, 1)
	wantCode(t, err, domain.ECONFLICT)
	// Saving the same values records nothing and keeps the version.
	same, err := s.UpdateAction(ctx, a.Ref(), a.Input(), a.Version)
	if err != nil || same.Version != 2 {
		t.Errorf("unchanged save: version %d, %v; want 2", same.Version, err)
	}

	clock = clock.Add(time.Hour)
	done, err := s.SetActionStatus(ctx, a.Ref(), "done", "", a.Version)
	if err != nil || done.Status != domain.ActionDone || done.ClosedAt == nil || !done.ClosedAt.Equal(clock) {
		t.Fatalf("done: %+v, %v", done, err)
	}
	clock = clock.Add(time.Hour)
	reopened, err := s.SetActionStatus(ctx, a.Ref(), "open", "", 0)
	if err != nil || reopened.ClosedAt != nil || reopened.Status != domain.ActionOpen {
		t.Fatalf("reopen: %+v, %v", reopened, err)
	}
	clock = clock.Add(time.Hour)
	if wont, err := s.SetActionStatus(ctx, a.Ref(), "wont_do", "Superseded by ACT-0002", 0); err != nil || wont.Reason != "Superseded by ACT-0002" || wont.ClosedAt == nil {
		t.Fatalf("won't do: %+v, %v", wont, err)
	}
	// Moving it off the incident is a change too.
	in = a.Input()
	in.Incident, in.Status, in.Reason = "", "wont_do", "Superseded by ACT-0002"
	if moved, err := s.UpdateAction(ctx, a.Ref(), in, 0); err != nil || moved.IncidentID != "" {
		t.Fatalf("move off the incident: %+v, %v", moved, err)
	}

	h, err := s.ActionHistory(ctx, a.Ref())
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range h {
		got = append(got, fmt.Sprintf("%s %s:%s→%s by %s", c.At.Format("15:04"), c.Field, c.From, c.To, c.By))
	}
	want := []string{
		"12:00 status:→open by ",
		"13:00 owner:→Lee Chen by dana",
		"13:00 due:2026-12-01→2026-12-08 by dana",
		"13:00 priority:P2→P1 by dana",
		"14:00 status:open→done by dana",
		"15:00 status:done→open by dana",
		"16:00 status:open→wont_do by dana",
		"16:00 reason:→Superseded by ACT-0002 by dana",
		"16:00 incident:INC-0001→ by dana",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("history:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestActionsFollowTheirIncidentToTheTrash(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	inc := mustCreate(t, s, validInput())
	a := mustAction(t, s, domain.ActionInput{Title: "x", Incident: inc.Ref(), Due: "2026-01-01"})
	mustAction(t, s, domain.ActionInput{Title: "no incident", Due: "2026-01-01"})
	if c, _ := s.ActionCounts(ctx, "UTC"); c != (domain.ActionCounts{Open: 2, Overdue: 2}) {
		t.Errorf("counts = %+v, want 2 open, 2 overdue", c)
	}
	if err := s.DeleteIncident(ctx, inc.Ref()); err != nil {
		t.Fatal(err)
	}
	_, err := s.GetAction(ctx, a.Ref())
	if de := wantCode(t, err, domain.ENOTFOUND); !strings.Contains(de.Message, "trash") {
		t.Errorf("message %q, want it to say the trash", de.Message)
	}
	if p, _ := s.ListActions(ctx, domain.ActionFilter{}); p.Total != 1 || len(p.Items) != 1 {
		t.Errorf("listed %d of %d, want only the action without an incident", len(p.Items), p.Total)
	}
	if c, _ := s.ActionCounts(ctx, "UTC"); c != (domain.ActionCounts{Open: 1, Overdue: 1}) {
		t.Errorf("counts with the incident trashed = %+v", c)
	}
	_, err = s.BulkUpdateActions(ctx, []string{a.Ref()}, domain.ActionPatch{Owner: ptr("x")})
	wantCode(t, err, domain.ENOTFOUND)
	_, err = s.CreateAction(ctx, domain.ActionInput{Title: "y", Incident: inc.Ref()})
	wantCode(t, err, domain.EINVALID)

	if _, err := s.RestoreIncident(ctx, inc.Ref()); err != nil {
		t.Fatal(err)
	}
	if _, err := s.GetAction(ctx, a.Ref()); err != nil {
		t.Errorf("after restore: %v", err)
	}
	if err := s.DeleteIncident(ctx, inc.Ref()); err != nil {
		t.Fatal(err)
	}
	if err := s.PurgeIncident(ctx, inc.Ref()); err != nil {
		t.Fatal(err)
	}
	if n := count(t, s, "SELECT count(*) FROM actions WHERE incident_seq IS NOT NULL") +
		count(t, s, "SELECT count(*) FROM action_changes WHERE action_seq NOT IN (SELECT seq FROM actions)") +
		count(t, s, "SELECT count(*) FROM action_fts WHERE rowid NOT IN (SELECT seq FROM actions)"); n != 0 {
		t.Errorf("%d rows left behind by the purge, want 0", n)
	}
	// References are never reused.
	if b := mustAction(t, s, domain.ActionInput{Title: "z"}); b.Ref() != "ACT-0003" {
		t.Errorf("next ref %s, want ACT-0003", b.Ref())
	}
}

func ptr[T any](v T) *T { return &v }

func TestOverdueFilterFindsAnActionOnceItsDateHasPassed(t *testing.T) {
	clock := fixedNow // Monday 2026-11-23
	s := openAt(t, &clock)
	ctx := context.Background()
	inc := mustCreate(t, s, validInput())
	one := mustAction(t, s, domain.ActionInput{Title: "Fix the pool", Incident: inc.Ref(), Due: "2026-11-25", Zone: "UTC"})
	two := mustAction(t, s, domain.ActionInput{Title: "Add a canary", Incident: inc.Ref(), Due: "2026-11-25", Zone: "UTC"})
	if _, err := s.SetActionStatus(ctx, one.Ref(), "done", "", 0); err != nil {
		t.Fatal(err)
	}
	refs := func(f domain.ActionFilter) string {
		t.Helper()
		f.Zone = "UTC"
		p, err := s.ListActions(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, a := range p.Items {
			out = append(out, a.Ref())
		}
		return strings.Join(out, ",")
	}
	if got := refs(domain.ActionFilter{Overdue: true}); got != "" {
		t.Errorf("overdue before the date: %q, want none", got)
	}
	clock = time.Date(2026, 11, 25, 23, 0, 0, 0, time.UTC) // the due day itself
	if got := refs(domain.ActionFilter{Overdue: true}); got != "" {
		t.Errorf("overdue on the due day: %q, want none", got)
	}
	clock = time.Date(2026, 11, 26, 0, 30, 0, 0, time.UTC)
	if got := refs(domain.ActionFilter{Overdue: true}); got != two.Ref() {
		t.Errorf("overdue the day after: %q, want only the open one, %s", got, two.Ref())
	}
	if c, _ := s.ActionCounts(ctx, "UTC"); c != (domain.ActionCounts{Open: 1, Overdue: 1}) {
		t.Errorf("counts = %+v", c)
	}
	// 00:30 UTC is still the 25th in New York: not overdue there.
	if c, _ := s.ActionCounts(ctx, "America/New_York"); c.Overdue != 0 {
		t.Errorf("in New York: %d overdue, want 0", c.Overdue)
	}
	// With no zone given, the user's zone setting decides.
	if err := s.SetSetting(ctx, "zone", "America/New_York"); err != nil {
		t.Fatal(err)
	}
	if c, _ := s.ActionCounts(ctx, ""); c.Overdue != 0 {
		t.Errorf("with the zone setting New York: %d overdue, want 0", c.Overdue)
	}
	// The SQL agrees with the domain's rule.
	got, _ := s.GetAction(ctx, two.Ref())
	if !got.IsOverdue(clock, time.UTC) || got.DaysOverdue(clock, time.UTC) != 1 {
		t.Errorf("IsOverdue %v, DaysOverdue %d", got.IsOverdue(clock, time.UTC), got.DaysOverdue(clock, time.UTC))
	}
}

func TestListActionsFiltersAndSorts(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	in1 := validInput() // services checkout-api, payments-db
	inc1 := mustCreate(t, s, in1)
	in2 := validInput()
	in2.Services = []string{"search"}
	inc2 := mustCreate(t, s, in2)
	mk := func(title, owner, due, prio, typ, status, inc string) {
		in := domain.ActionInput{Title: title, Owner: owner, Due: due, Priority: prio, Type: typ, Status: status, Incident: inc}
		if status == "wont_do" {
			in.Reason = "no longer needed"
		}
		mustAction(t, s, in)
	}
	mk("Raise pool size alert", "Dana Reyes", "2026-11-20", "P1", "detect", "open", inc1.Ref())        // 1 overdue
	mk("Canary stage", "Sam Okafor", "2026-11-25", "P2", "prevent", "in_progress", inc1.Ref())         // 2 this week
	mk("Runbook for pool exhaustion", "", "2026-11-29", "P3", "process", "blocked", inc2.Ref())        // 3 this week (Sunday)
	mk("Search index rebuild drill", "dana reyes", "2026-11-30", "P2", "mitigate", "done", inc2.Ref()) // 4 next week
	mk("Meeting action", "Lee Chen", "2026-11-01", "P3", "process", "wont_do", "")                     // 5 closed, past
	if err := s.tx(ctx, func(tx *gorm.DB) error { return tx.Exec("UPDATE actions SET due = NULL WHERE number = 5").Error }); err != nil {
		t.Fatal(err)
	}
	a2, _ := s.GetAction(ctx, "2")
	in := a2.Input()
	in.Title, in.Description = "Staged rollout", "Watch the rollout dashboard."
	if _, err := s.UpdateAction(ctx, "2", in, 0); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		f    domain.ActionFilter
		want string
	}{
		{"everything, by due date, no date last", domain.ActionFilter{}, "1,2,3,4,5"},
		{"descending due keeps no date last", domain.ActionFilter{Sort: "-due"}, "4,3,2,1,5"},
		{"owner matches any spelling", domain.ActionFilter{Owner: "DANA REYES"}, "1,4"},
		{"unowned", domain.ActionFilter{Unowned: true}, "3"},
		{"statuses", domain.ActionFilter{Statuses: []domain.ActionStatus{"open", "blocked"}}, "1,3"},
		{"priorities", domain.ActionFilter{Priorities: []domain.Priority{"2"}}, "2,4"},
		{"types", domain.ActionFilter{Types: []domain.ActionType{"process"}}, "3,5"},
		{"service of the incident", domain.ActionFilter{Services: []string{"search"}}, "3,4"},
		{"one incident", domain.ActionFilter{Incident: "1"}, "1,2"},
		{"overdue", domain.ActionFilter{Overdue: true}, "1"},
		{"due this week, Monday to Sunday", domain.ActionFilter{DueThisWeek: true}, "2,3"},
		{"text in the title", domain.ActionFilter{Query: "pool"}, "1,3"},
		{"text in the description, by word prefix", domain.ActionFilter{Query: "dashb"}, "2"},
		{"text that was edited away no longer matches", domain.ActionFilter{Query: "canary"}, ""},
		{"a reference as text", domain.ActionFilter{Query: "ACT-4"}, "4"},
		{"sort by owner, no owner last", domain.ActionFilter{Sort: "owner"}, "1,4,5,2,3"},
		{"sort by title", domain.ActionFilter{Sort: "title"}, "5,1,3,4,2"},
		{"sort by priority then ref", domain.ActionFilter{Sort: "priority"}, "1,2,4,3,5"},
		{"sort by status", domain.ActionFilter{Sort: "status"}, "1,2,3,4,5"},
		{"sort by incident, none last", domain.ActionFilter{Sort: "-incident"}, "4,3,2,1,5"},
		{"a page", domain.ActionFilter{Sort: "ref", Limit: 2, Offset: 2}, "3,4"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.f.Zone = "UTC"
			p, err := s.ListActions(ctx, tt.f)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, a := range p.Items {
				got = append(got, fmt.Sprint(a.Number))
				if a.Description != "" {
					t.Errorf("list item %s carries its description", a.Ref())
				}
			}
			if strings.Join(got, ",") != tt.want {
				t.Errorf("got %s, want %s", strings.Join(got, ","), tt.want)
			}
			if tt.f.Limit == 0 && p.Total != len(got) {
				t.Errorf("total %d, want %d", p.Total, len(got))
			}
		})
	}
	for _, bad := range []domain.ActionFilter{
		{Sort: "colour"}, {Statuses: []domain.ActionStatus{"finished"}}, {Priorities: []domain.Priority{"P9"}},
		{Types: []domain.ActionType{"x"}}, {Limit: domain.MaxActionPage + 1}, {Owner: "x", Unowned: true},
	} {
		_, err := s.ListActions(ctx, bad)
		wantCode(t, err, domain.EINVALID)
	}
	_, err := s.ListActions(ctx, domain.ActionFilter{Incident: "INC-0404"})
	wantCode(t, err, domain.ENOTFOUND)
}

func TestBulkUpdateIsAllOrNothing(t *testing.T) {
	s := mustOpen(t)
	ctx := domain.WithActor(context.Background(), "dana")
	for k := range 4 {
		mustAction(t, s, domain.ActionInput{Title: fmt.Sprintf("action %d", k+1), Due: "2026-12-01"})
	}
	// A bulk "wont_do" without a reason is refused, naming the first action.
	_, err := s.BulkUpdateActions(ctx, []string{"ACT-0001", "2"}, domain.ActionPatch{Status: ptr("wont_do")})
	de := wantCode(t, err, domain.EINVALID)
	if !strings.Contains(de.Message, "ACT-0001") || !strings.Contains(de.Message, "reason") {
		t.Errorf("message %q, want it to name ACT-0001 and the reason", de.Message)
	}
	_, err = s.BulkUpdateActions(ctx, []string{"1", "2", "ACT-0099"}, domain.ActionPatch{Owner: ptr("Sam")})
	if de := wantCode(t, err, domain.ENOTFOUND); !strings.Contains(de.Message, "ACT-0099") {
		t.Errorf("message %q, want it to name ACT-0099", de.Message)
	}
	_, err = s.BulkUpdateActions(ctx, []string{"1", "2"}, domain.ActionPatch{Due: ptr("someday")})
	if de := wantCode(t, err, domain.EINVALID); !strings.Contains(de.Message, "due") {
		t.Errorf("message %q, want it to name the due date", de.Message)
	}
	if n := count(t, s, "SELECT count(*) FROM action_changes WHERE field != 'status' OR from_value != ''"); n != 0 {
		t.Errorf("%d changes saved by refused bulk updates, want 0", n)
	}

	a2, _ := s.GetAction(ctx, "2")
	n, err := s.BulkUpdateActions(ctx, []string{"1", a2.ID, "act-0003", "1"}, domain.ActionPatch{
		Owner: ptr("Sam Okafor"), Status: ptr("wont_do"), Reason: ptr("out of scope"), Due: ptr(""),
	})
	if err != nil || n != 3 {
		t.Fatalf("bulk = %d, %v; want 3", n, err)
	}
	for _, ref := range []string{"1", "2", "3"} {
		a, _ := s.GetAction(ctx, ref)
		if a.Owner != "Sam Okafor" || a.Status != domain.ActionWontDo || a.Reason != "out of scope" || a.Due != "" || a.ClosedAt == nil || a.Version != 2 {
			t.Errorf("%s after bulk: %+v", ref, a)
		}
	}
	if a, _ := s.GetAction(ctx, "4"); a.Version != 1 {
		t.Errorf("ACT-0004 changed: version %d", a.Version)
	}
	h, _ := s.ActionHistory(ctx, "1")
	if len(h) != 5 { // created, owner, due, status, reason
		t.Errorf("history of ACT-0001 has %d entries, want 5: %+v", len(h), h)
	}
	_, err = s.BulkUpdateActions(ctx, nil, domain.ActionPatch{Owner: ptr("x")})
	wantCode(t, err, domain.EINVALID)
	_, err = s.BulkUpdateActions(ctx, []string{"1"}, domain.ActionPatch{})
	wantCode(t, err, domain.EINVALID)
}

// seedActions creates n actions over n/5 incidents quickly: one
// transaction, the store's own counter and people.
func seedActions(tb testing.TB, s *Store, n int) {
	tb.Helper()
	incs := max(n/5, 1)
	seed(tb, s, incs)
	owners := []string{"Dana Reyes", "Sam Okafor", "Lee Chen", "Ana Silva", "Ike Berg", "Mo Diallo", "Kim Park", ""}
	statuses := []string{"open", "in_progress", "blocked", "done", "wont_do", "open"}
	prios := []string{"P1", "P2", "P3"}
	types := []string{"mitigate", "prevent", "detect", "process"}
	err := s.tx(context.Background(), func(tx *gorm.DB) error {
		ids := map[string]*string{}
		for _, o := range owners {
			id, err := commanderID(tx, o, 0)
			if err != nil {
				return err
			}
			ids[o] = id
		}
		stmt, err := tx.Statement.ConnPool.PrepareContext(context.Background(), `INSERT INTO actions (id, number, incident_seq,
			title, owner_id, due, priority, type, status, reason, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0)`)
		if err != nil {
			return err
		}
		defer stmt.Close()
		fts, err := tx.Statement.ConnPool.PrepareContext(context.Background(), `INSERT INTO action_fts (rowid, ref, title, description)
			SELECT seq, ?, title, description FROM actions WHERE number = ?`)
		if err != nil {
			return err
		}
		defer fts.Close()
		for k := range n {
			st := statuses[k%len(statuses)]
			reason := ""
			if st == "wont_do" {
				reason = "dropped"
			}
			due := fixedNow.AddDate(0, 0, k%120-60).Format(domain.DateLayout)
			if _, err := stmt.Exec(fmt.Sprintf("00000000-0000-0000-0000-%012d", k), k+1, k%incs+1,
				fmt.Sprintf("Action %d: fix the %s pool", k, []string{"db", "http", "worker"}[k%3]),
				ids[owners[k%len(owners)]], due, prios[k%3], types[k%4], st, reason); err != nil {
				return err
			}
			if _, err := fts.Exec(domain.ActionRef(k+1), k+1); err != nil {
				return err
			}
		}
		return tx.Exec("UPDATE counters SET value = ? WHERE name = 'action'", n).Error
	})
	if err != nil {
		tb.Fatal(err)
	}
}

func BenchmarkListActions(b *testing.B) {
	s := mustOpen(b)
	seedActions(b, s, 50_000)
	ctx := context.Background()
	for _, c := range []struct {
		name string
		f    domain.ActionFilter
	}{
		{"no filter", domain.ActionFilter{}},
		{"open statuses by due", domain.ActionFilter{Statuses: domain.OpenActionStatuses}},
		{"overdue", domain.ActionFilter{Overdue: true}},
		{"owner + status + priority", domain.ActionFilter{Owner: "Sam Okafor", Statuses: []domain.ActionStatus{"open", "in_progress"}, Priorities: []domain.Priority{"P1", "P2"}}},
		{"service + due this week", domain.ActionFilter{Services: []string{"search"}, DueThisWeek: true}},
		{"text matching 1 in 3, sort by owner", domain.ActionFilter{Query: "worker", Sort: "owner"}},
		{"text matching a few", domain.ActionFilter{Query: "4711"}},
		{"type, sort by -updated, offset 1000", domain.ActionFilter{Types: []domain.ActionType{"detect"}, Sort: "-updated", Offset: 1000}},
	} {
		c.f.Zone = "UTC"
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := s.ListActions(ctx, c.f); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkBulkUpdateActions(b *testing.B) {
	s := mustOpen(b)
	seedActions(b, s, 50_000)
	ctx := context.Background()
	refs := make([]string, 1000)
	for k := range refs {
		refs[k] = domain.ActionRef(k*37 + 1)
	}
	owners := []string{"Bulk Owner A", "Bulk Owner B"}
	k := 0
	for b.Loop() {
		k++
		due := fixedNow.AddDate(0, 0, k%30).Format(domain.DateLayout)
		if _, err := s.BulkUpdateActions(ctx, refs, domain.ActionPatch{Owner: &owners[k%2], Due: &due}); err != nil {
			b.Fatal(err)
		}
	}
}
