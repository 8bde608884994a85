package store

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/hindsight-app/hindsight/backend/domain"
	"github.com/hindsight-app/hindsight/backend/meeting"
)

func TestSeriesAreValidatedAndNamedOnce(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	e := wantCode(t, func() error {
		_, err := s.CreateSeries(ctx, domain.SeriesInput{Name: " ", Cadence: "fortnightly", Zone: "Mars/Olympus", Attendees: []string{"a,b"}})
		return err
	}(), domain.EINVALID)
	for _, f := range []string{"name", "cadence", "zone", "attendees"} {
		if e.Fields[f] == "" {
			t.Errorf("no error on %s: %v", f, e.Fields)
		}
	}
	sr, err := s.CreateSeries(ctx, domain.SeriesInput{Name: "Ops review", Cadence: "Weekly", Zone: "Europe/Berlin", Facilitator: "Dana"})
	if err != nil {
		t.Fatal(err)
	}
	if sr.Cadence != domain.CadenceWeekly || sr.Zone != "Europe/Berlin" || sr.Version != 1 {
		t.Errorf("got %+v", sr)
	}
	_, err = s.CreateSeries(ctx, domain.SeriesInput{Name: "OPS REVIEW", Cadence: "monthly"})
	wantCode(t, err, domain.ECONFLICT)
	if _, err := s.UpdateSeries(ctx, "ops review", domain.SeriesInput{Name: "Ops review", Cadence: "monthly", Zone: "UTC"}, 7); domain.ErrorCode(err) != domain.ECONFLICT {
		t.Errorf("stale version: got %v, want ECONFLICT", err)
	}
	got, err := s.UpdateSeries(ctx, sr.ID, domain.SeriesInput{Name: "Ops review", Cadence: "monthly", Zone: "UTC"}, 1)
	if err != nil || got.Version != 2 || got.Cadence != domain.CadenceMonthly {
		t.Errorf("update: %+v, %v", got, err)
	}
}

func TestMeetingPeriodsFollowTheSeries(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	if _, err := s.CreateSeries(ctx, domain.SeriesInput{Name: "Monthly", Cadence: "monthly", Zone: "Europe/Berlin", Attendees: []string{"Ana", "Lee"}}); err != nil {
		t.Fatal(err)
	}
	_, err := s.CreateMeeting(ctx, domain.MeetingInput{Series: "nope", Date: "2026-13-01", Time: "25:00", From: "2026-01-01"})
	e := wantCode(t, err, domain.EINVALID)
	for _, f := range []string{"series", "date", "time", "to"} {
		if e.Fields[f] == "" {
			t.Errorf("no error on %s: %v", f, e.Fields)
		}
	}
	first, err := s.CreateMeeting(ctx, domain.MeetingInput{Series: "monthly", Date: "2026-10-01", Time: "09:30"})
	if err != nil {
		t.Fatal(err)
	}
	// 09:30 CEST; a calendar month before, in Berlin.
	if want := time.Date(2026, 10, 1, 7, 30, 0, 0, time.UTC); !first.At.Equal(want) || !first.PeriodEnd.Equal(want) {
		t.Errorf("at %v, period end %v, want %v", first.At, first.PeriodEnd, want)
	}
	if want := time.Date(2026, 9, 1, 7, 30, 0, 0, time.UTC); !first.PeriodStart.Equal(want) {
		t.Errorf("period start %v, want %v", first.PeriodStart, want)
	}
	if first.Ref() != "MTG-0001" || first.Title != "Monthly 2026-10-01" || strings.Join(first.Attendees, ",") != "Ana,Lee" {
		t.Errorf("got %s %q %v", first.Ref(), first.Title, first.Attendees)
	}
	second, err := s.CreateMeeting(ctx, domain.MeetingInput{Series: "Monthly", Date: "2026-11-02"})
	if err != nil {
		t.Fatal(err)
	}
	if !second.PeriodStart.Equal(first.PeriodEnd) {
		t.Errorf("second period starts %v, want the end of the first %v", second.PeriodStart, first.PeriodEnd)
	}
	// 10:00 CET (default time) after the change back from summer time.
	if want := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC); !second.At.Equal(want) {
		t.Errorf("at %v, want %v", second.At, want)
	}
	explicit, err := s.CreateMeeting(ctx, domain.MeetingInput{Series: "Monthly", Date: "2026-11-20", From: "2026-10-01", To: "2026-10-31"})
	if err != nil {
		t.Fatal(err)
	}
	if explicit.PeriodStart != time.Date(2026, 9, 30, 22, 0, 0, 0, time.UTC) || explicit.PeriodEnd != time.Date(2026, 10, 31, 23, 0, 0, 0, time.UTC) {
		t.Errorf("explicit period %v – %v", explicit.PeriodStart, explicit.PeriodEnd)
	}
	list, err := s.ListMeetings(ctx, "monthly")
	if err != nil || len(list) != 3 || list[0].Ref() != "MTG-0003" {
		t.Errorf("list: %v %v", list, err)
	}
}

func TestRegenerateKeepsWhatTheMeetingAdded(t *testing.T) {
	s := mustOpen(t)
	ctx := domain.WithActor(context.Background(), "Dana")
	mk := func(title, sev, start, resolved string) *domain.Incident {
		in := domain.IncidentInput{Title: title, Severity: sev, Status: "investigating", StartedAt: start, Zone: "UTC", Services: []string{"web"}}
		if resolved != "" {
			in.Status, in.ResolvedAt = "resolved", resolved
		}
		return mustCreate(t, s, in)
	}
	a := mk("first", "SEV2", "2026-11-10 10:00", "2026-11-10 11:00")
	b := mk("second", "SEV1", "2026-11-11 10:00", "")
	c := mk("third", "SEV3", "2026-11-12 10:00", "")
	if _, err := s.CreateSeries(ctx, domain.SeriesInput{Name: "Weekly", Cadence: "weekly", Zone: "UTC"}); err != nil {
		t.Fatal(err)
	}
	m, err := s.CreateMeeting(ctx, domain.MeetingInput{Series: "Weekly", Date: "2026-11-16"})
	if err != nil {
		t.Fatal(err)
	}
	pos := func(m *domain.Meeting, key string) int {
		for _, it := range m.Items {
			if it.Key == key {
				return it.Position
			}
		}
		return 0
	}
	if pos(m, "incident:"+b.ID) != 1 || pos(m, "incident:"+a.ID) != 2 || pos(m, "incident:"+c.ID) != 3 {
		t.Fatalf("incidents not first by severity: %+v", m.Items[:3])
	}
	// The meeting: a note on a, a decision on c, b dismissed, a hand item
	// moved to the top.
	note := "Discussed; see the runbook."
	if _, err := s.UpdateItem(ctx, m.Ref(), "incident:"+a.ID, domain.ItemInput{Notes: &note}, 0); err == nil {
		t.Errorf("an item is named by id or position, not by key")
	}
	if _, err := s.UpdateItem(ctx, m.Ref(), "2", domain.ItemInput{Notes: &note}, 0); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddDecision(ctx, m.Ref(), "3", "Add an alert on queue depth"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DismissItem(ctx, m.Ref(), "1", true); err != nil {
		t.Fatal(err)
	}
	title := "Hiring"
	hand, err := s.AddItem(ctx, m.Ref(), domain.ItemInput{Title: &title})
	if err != nil {
		t.Fatal(err)
	}
	if m, err = s.MoveItem(ctx, m.Ref(), hand.ID, 1); err != nil {
		t.Fatal(err)
	}
	// Meanwhile: a and c are trashed (no longer apply), a new incident.
	for _, inc := range []*domain.Incident{a, b, c} {
		if inc != b {
			if err := s.DeleteIncident(ctx, inc.ID); err != nil {
				t.Fatal(err)
			}
		}
	}
	d := mk("fourth", "SEV2", "2026-11-13 10:00", "")
	before := len(m.Items)
	m, err = s.RegenerateAgenda(ctx, m.Ref())
	if err != nil {
		t.Fatal(err)
	}
	byKey := map[string]domain.AgendaItem{}
	for k, it := range m.Items {
		if it.Position != k+1 {
			t.Errorf("positions not dense: item %d has %d", k+1, it.Position)
		}
		byKey[it.Key] = it
	}
	if it := byKey["incident:"+a.ID]; it.Notes != note {
		t.Errorf("the noted item lost its notes: %+v", it)
	}
	if it := byKey["incident:"+c.ID]; len(it.Decisions) != 1 || it.Decisions[0].Author != "Dana" {
		t.Errorf("the decided item lost its decision: %+v", it)
	}
	if it := byKey["incident:"+b.ID]; !it.Dismissed {
		t.Errorf("the dismissed item came back: %+v", it)
	}
	if m.Items[0].ID != hand.ID || !m.Items[0].Manual {
		t.Errorf("the hand item is not first: %+v", m.Items[0])
	}
	if _, ok := byKey["incident:"+d.ID]; !ok {
		t.Errorf("the new incident was not added")
	}
	if len(m.Items) != before+1 {
		t.Errorf("items %d, want %d (one added, none removed)", len(m.Items), before+1)
	}
	// A generated item without notes that no longer applies goes: undo the
	// note and regenerate again.
	empty := ""
	if _, err := s.UpdateItem(ctx, m.Ref(), byKey["incident:"+a.ID].ID, domain.ItemInput{Notes: &empty}, 0); err != nil {
		t.Fatal(err)
	}
	if m, err = s.RegenerateAgenda(ctx, m.Ref()); err != nil {
		t.Fatal(err)
	}
	for _, it := range m.Items {
		if it.Key == "incident:"+a.ID {
			t.Errorf("a generated item with nothing on it stayed after its subject went")
		}
	}
	// Held: the agenda is a record.
	if m, err = s.SetMeetingStatus(ctx, m.Ref(), domain.MeetingHeld); err != nil || m.HeldAt == nil {
		t.Fatalf("held: %v %v", m, err)
	}
	_, err = s.RegenerateAgenda(ctx, m.Ref())
	wantCode(t, err, domain.EINVALID)
}

func TestMeetingEditsCheckVersionsAndFields(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	inc := mustCreate(t, s, domain.IncidentInput{Title: "x", Severity: "SEV2", Status: "investigating", StartedAt: "2026-11-20 10:00", Zone: "UTC"})
	if _, err := s.CreateSeries(ctx, domain.SeriesInput{Name: "W", Cadence: "weekly", Zone: "UTC"}); err != nil {
		t.Fatal(err)
	}
	m, err := s.CreateMeeting(ctx, domain.MeetingInput{Series: "W", Date: "2026-11-23"})
	if err != nil {
		t.Fatal(err)
	}
	notes := "minutes"
	if _, err := s.UpdateMeeting(ctx, m.Ref(), domain.MeetingEdit{Notes: &notes}, m.Version); err != nil {
		t.Fatal(err)
	}
	_, err = s.UpdateMeeting(ctx, m.Ref(), domain.MeetingEdit{Notes: &notes}, m.Version)
	wantCode(t, err, domain.ECONFLICT)
	title := "changed"
	_, err = s.UpdateItem(ctx, m.Ref(), "1", domain.ItemInput{Title: &title}, 0)
	if e := wantCode(t, err, domain.EINVALID); e.Fields["title"] == "" {
		t.Errorf("want a title error: %v", e)
	}
	it, err := s.UpdateItem(ctx, m.Ref(), "1", domain.ItemInput{Notes: &notes}, 1)
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.UpdateItem(ctx, m.Ref(), "1", domain.ItemInput{Notes: &notes}, it.Version-1)
	wantCode(t, err, domain.ECONFLICT)
	_, err = s.AddDecision(ctx, m.Ref(), "1", "  ")
	wantCode(t, err, domain.EINVALID)
	_, err = s.AddDecision(ctx, m.Ref(), "99", "x")
	wantCode(t, err, domain.ENOTFOUND)
	_, err = s.GetMeeting(ctx, "MTG-0042")
	wantCode(t, err, domain.ENOTFOUND)

	a, err := s.CreateActionFromItem(ctx, m.Ref(), "1", domain.ActionInput{Title: "Add a canary", Owner: "Lee", Due: "2026-12-01"})
	if err != nil {
		t.Fatal(err)
	}
	if a.MeetingID != m.ID || a.AgendaItemID == "" || a.IncidentID != inc.ID {
		t.Errorf("action not linked: %+v", a)
	}
	got, err := s.GetMeeting(ctx, m.Ref())
	if err != nil || len(got.Items[0].Actions) != 1 || got.Items[0].Actions[0] != a.Ref() {
		t.Errorf("item actions: %+v %v", got.Items[0], err)
	}
	acts, err := s.MeetingActions(ctx, m.Ref())
	if err != nil || len(acts) != 1 {
		t.Errorf("meeting actions: %v %v", acts, err)
	}
	_, err = s.CreateAction(ctx, domain.ActionInput{Title: "y", MeetingID: "MTG-0099"})
	if e := wantCode(t, err, domain.EINVALID); e.Fields["meetingId"] == "" {
		t.Errorf("want a meetingId error: %v", e)
	}
	it, err = s.MarkReviewed(ctx, m.Ref(), "1", true)
	if err != nil || !it.Reviewed || it.ReviewedAt == nil {
		t.Errorf("reviewed: %+v %v", it, err)
	}
}

// TestAgendaCapsOverdueActions: past meeting.MaxItemsPerKind, an agenda
// lists the most overdue actions and one item counting the rest, which a
// regeneration keeps (same item, new count) and removes once the list
// fits.
func TestAgendaCapsOverdueActions(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	max := meeting.MaxItemsPerKind
	var acts []*domain.ActionItem
	overdue := func(n int) {
		for range n {
			k := len(acts)
			// Due dates from 2026-06-01 on: the first created is the most
			// overdue on the meeting's day, 2026-11-16.
			due := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, k).Format(domain.DateLayout)
			acts = append(acts, mustAction(t, s, domain.ActionInput{Title: fmt.Sprintf("overdue %d", k), Due: due}))
		}
	}
	overdue(max + 10)
	if _, err := s.CreateSeries(ctx, domain.SeriesInput{Name: "Weekly", Cadence: "weekly", Zone: "UTC"}); err != nil {
		t.Fatal(err)
	}
	m, err := s.CreateMeeting(ctx, domain.MeetingInput{Series: "Weekly", Date: "2026-11-16"})
	if err != nil {
		t.Fatal(err)
	}
	check := func(m *domain.Meeting, more int) *domain.AgendaItem {
		t.Helper()
		var listed []string
		var summary *domain.AgendaItem
		for k, it := range m.Items {
			switch it.Kind {
			case domain.KindActionOverdue:
				listed = append(listed, it.ActionRef)
			case domain.KindMore:
				summary = &m.Items[k]
				if len(listed) != max || it.Section != domain.SectionActions || it.Key != "more:"+domain.KindActionOverdue {
					t.Errorf("the summary %+v should follow the %d overdue actions listed (%d before it)", it, max, len(listed))
				}
			}
		}
		var want []string
		for _, a := range acts[:min(len(acts), max)] {
			want = append(want, a.Ref())
		}
		if got := strings.Join(listed, " "); got != strings.Join(want, " ") {
			t.Errorf("overdue actions listed:\n got %s\nwant %s", got, strings.Join(want, " "))
		}
		if more == 0 {
			if summary != nil {
				t.Errorf("a summary %q when nothing is left out", summary.Title)
			}
			return nil
		}
		if summary == nil {
			t.Fatalf("no summary of the %d actions left out", more)
		}
		if want := fmt.Sprintf("And %d more overdue actions", more); summary.Title != want {
			t.Errorf("title %q, want %q", summary.Title, want)
		}
		if !strings.Contains(summary.Body, "hindsight action list --overdue") {
			t.Errorf("the body %q does not say how to see them all", summary.Body)
		}
		return summary
	}
	first := check(m, 10)

	overdue(5)
	m, err = s.RegenerateAgenda(ctx, m.Ref())
	if err != nil {
		t.Fatal(err)
	}
	if again := check(m, 15); again != nil && again.ID != first.ID {
		t.Errorf("regenerating replaced the summary item (%s, was %s)", again.ID, first.ID)
	}

	// Closed before the meeting's period: off the agenda altogether.
	for _, a := range acts[len(acts)-20:] {
		if _, err := s.SetActionStatus(ctx, a.ID, string(domain.ActionWontDo), "obsolete", 0); err != nil {
			t.Fatal(err)
		}
	}
	acts = acts[:len(acts)-20]
	m, err = s.RegenerateAgenda(ctx, m.Ref())
	if err != nil {
		t.Fatal(err)
	}
	check(m, 0)
}
