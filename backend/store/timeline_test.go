package store

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/hindsight-app/hindsight/backend/domain"
)

func event(at, body string) domain.EventInput {
	return domain.EventInput{At: at, Zone: "UTC", Body: body, Author: "dana"}
}

func mustAdd(t testing.TB, s *Store, inc string, in domain.EventInput) *domain.TimelineEvent {
	t.Helper()
	e, err := s.AddEvent(context.Background(), inc, in)
	if err != nil {
		t.Fatalf("AddEvent(%q): %v", in.Body, err)
	}
	return e
}

func TestAddEventKeepsMillisecondsAndDefaultsToANote(t *testing.T) {
	s := mustOpen(t)
	inc := mustCreate(t, s, validInput())
	e := mustAdd(t, s, inc.Ref(), event("2026-11-20T09:03:04.567Z", "Paged the on-call"))
	if got, want := e.At.Format(time.RFC3339Nano), "2026-11-20T09:03:04.567Z"; got != want {
		t.Errorf("at = %s, want %s", got, want)
	}
	if e.Kind != "note" || e.Source != domain.SourceTyped || e.IncidentID != inc.ID {
		t.Errorf("event = %+v", e)
	}
}

func TestBadEventsAreRefusedByField(t *testing.T) {
	s := mustOpen(t)
	inc := mustCreate(t, s, validInput())
	for _, tt := range []struct {
		name  string
		in    domain.EventInput
		field string
	}{
		{"an empty body", event("2026-11-20 09:00", "  "), "body"},
		{"an impossible date", event("2026-02-30 09:00", "x"), "at"},
		{"an unknown kind", domain.EventInput{At: "2026-11-20 09:00", Body: "x", Kind: "gossip"}, "kind"},
		{"an unknown key moment", domain.EventInput{At: "2026-11-20 09:00", Body: "x", KeyMoment: "panicked"}, "keyMoment"},
		{"a time in the future", event("2027-01-01 00:00", "x"), "at"},
	} {
		t.Run(tt.name+" is refused", func(t *testing.T) {
			_, err := s.AddEvent(context.Background(), inc.ID, tt.in)
			if de := wantCode(t, err, domain.EINVALID); de.Fields[tt.field] == "" {
				t.Errorf("fields = %v, want %s named", de.Fields, tt.field)
			}
		})
	}
	if n := count(t, s, "SELECT count(*) FROM timeline_events"); n != 0 {
		t.Errorf("%d events saved, want 0", n)
	}
}

func TestKeyMomentsSetTheIncidentsTimes(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	inc := mustCreate(t, s, validInput()) // started 2026-11-20 09:00 UTC

	det := event("2026-11-20 09:12", "Alert fired: 5xx above 5%")
	det.KeyMoment = "detected"
	e := mustAdd(t, s, inc.ID, det)
	got, _ := s.GetIncident(ctx, inc.ID)
	if d := got.Durations().ToDetect; d == nil || *d != 12*time.Minute {
		t.Fatalf("time to detect = %v, want 12m", d)
	}

	// A second event marking "detected" takes the marker over.
	det2 := event("2026-11-20 09:10", "Customer report")
	det2.KeyMoment = "detected"
	e2 := mustAdd(t, s, inc.ID, det2)
	got, _ = s.GetIncident(ctx, inc.ID)
	if d := got.Durations().ToDetect; *d != 10*time.Minute {
		t.Errorf("time to detect = %v, want 10m after the second marker", *d)
	}
	page, _ := s.ListEvents(ctx, inc.ID, domain.EventFilter{})
	marked := 0
	for _, ev := range page.Items {
		if ev.KeyMoment == "detected" {
			marked++
			if ev.ID != e2.ID {
				t.Errorf("the old event %s still marks detected", e.ID)
			}
		}
	}
	if marked != 1 {
		t.Errorf("%d events mark detected, want 1", marked)
	}

	// Resolving from the timeline resolves the incident.
	res := event("2026-11-20 10:30", "Error rate back to baseline")
	res.KeyMoment = "resolved"
	mustAdd(t, s, inc.ID, res)
	got, _ = s.GetIncident(ctx, inc.ID)
	if got.Status != domain.StatusResolved || *got.Durations().ToResolve != 90*time.Minute {
		t.Errorf("after a resolved marker: status %s, ttr %v", got.Status, got.Durations().ToResolve)
	}

	// A marker that contradicts the other moments is refused whole.
	bad := event("2026-11-20 08:00", "Detected before the start?")
	bad.KeyMoment = "detected"
	_, err := s.AddEvent(ctx, inc.ID, bad)
	if de := wantCode(t, err, domain.EINVALID); !strings.Contains(de.Fields["keyMoment"], "before the start") {
		t.Errorf("keyMoment message = %q", de.Fields["keyMoment"])
	}
	if p, _ := s.ListEvents(ctx, inc.ID, domain.EventFilter{}); p.Total != 3 {
		t.Errorf("%d events after a refused marker, want 3 (nothing half-saved)", p.Total)
	}
}

func TestUpdateDeleteAndRestoreEvents(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	inc := mustCreate(t, s, validInput())
	e := mustAdd(t, s, inc.ID, event("2026-11-20 09:05", "first words"))
	in := event("2026-11-20 09:06", "better words")
	in.Kind = "decision"
	in.Tags = []string{"db"}
	got, err := s.UpdateEvent(ctx, e.ID, in)
	if err != nil || got.Body != "better words" || got.Kind != "decision" || got.Tags[0] != "db" {
		t.Fatalf("UpdateEvent = %+v, %v", got, err)
	}
	if err := s.DeleteEvent(ctx, e.ID); err != nil {
		t.Fatal(err)
	}
	if p, _ := s.ListEvents(ctx, inc.ID, domain.EventFilter{}); p.Total != 0 {
		t.Errorf("deleted event still listed")
	}
	if _, err := s.UpdateEvent(ctx, e.ID, in); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("updating a deleted event: %v, want not found", err)
	}
	if _, err := s.RestoreEvent(ctx, e.ID); err != nil {
		t.Fatal(err)
	}
	if p, _ := s.ListEvents(ctx, inc.ID, domain.EventFilter{}); p.Total != 1 {
		t.Errorf("restored event not listed")
	}
	// Trashing the incident hides its timeline with it.
	s.DeleteIncident(ctx, inc.ID)
	if _, err := s.ListEvents(ctx, inc.ID, domain.EventFilter{}); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("listing a trashed incident's timeline: %v, want not found", err)
	}
}

func TestListEventsFiltersAndPages(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	inc := mustCreate(t, s, validInput())
	base := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	var evs []domain.ImportedEvent
	for k := range 50 {
		evs = append(evs, domain.ImportedEvent{
			At: base.Add(time.Duration(k) * time.Minute), Author: []string{"dana", "sam"}[k%2],
			Kind: []string{"action", "communication"}[k%2], Body: fmt.Sprintf("step %d of the 100%% fix", k),
		})
	}
	if _, err := s.ImportEvents(ctx, inc.ID, "text", evs); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name  string
		f     domain.EventFilter
		total int
		first string
	}{
		{"everything, oldest first", domain.EventFilter{Limit: 10}, 50, "step 0 of the 100% fix"},
		{"by kind", domain.EventFilter{Kinds: []domain.EventKind{"Communication"}}, 25, "step 1 of the 100% fix"},
		{"by author, any case", domain.EventFilter{Author: "SAM"}, 25, "step 1 of the 100% fix"},
		{"by text, with LIKE wildcards taken literally", domain.EventFilter{Query: "100%"}, 50, "step 0 of the 100% fix"},
		{"by text that matches nothing", domain.EventFilter{Query: "_"}, 0, ""},
		{"a later page, not counted again", domain.EventFilter{Limit: 10, Offset: 40}, -1, "step 40 of the 100% fix"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p, err := s.ListEvents(ctx, inc.ID, tt.f)
			if err != nil {
				t.Fatal(err)
			}
			if p.Total != tt.total {
				t.Errorf("total = %d, want %d", p.Total, tt.total)
			}
			if tt.first != "" && (len(p.Items) == 0 || p.Items[0].Body != tt.first) {
				t.Errorf("first = %v, want %q", p.Items, tt.first)
			}
		})
	}
}

func TestImportIsAllOrNothingAndAddsNothingTwice(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	inc := mustCreate(t, s, validInput())
	at := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	evs := []domain.ImportedEvent{
		{At: at.Add(7 * time.Minute), Author: "pagerduty", Kind: "alert", Body: "5xx above 5%", KeyMoment: "detected"},
		{At: at.Add(41 * time.Minute), Author: "dana", Kind: "mitigation", Body: "Rolled back", KeyMoment: "mitigated"},
		{At: at.Add(90 * time.Minute), Author: "dana", Body: "All clear", KeyMoment: "resolved"},
	}
	res, err := s.ImportEvents(ctx, inc.ID, "text", evs)
	if err != nil || res.Added != 3 || res.Duplicates != 0 {
		t.Fatalf("first import = %+v, %v", res, err)
	}
	got, _ := s.GetIncident(ctx, inc.ID)
	d := got.Durations()
	if *d.ToDetect != 7*time.Minute || *d.ToMitigate != 41*time.Minute || *d.ToResolve != 90*time.Minute || got.Status != domain.StatusResolved {
		t.Errorf("after import: detect %v mitigate %v resolve %v status %s", *d.ToDetect, *d.ToMitigate, *d.ToResolve, got.Status)
	}
	res, err = s.ImportEvents(ctx, inc.ID, "text", evs)
	if err != nil || res.Added != 0 || res.Duplicates != 3 {
		t.Errorf("second import = %+v, %v; want 0 added, 3 duplicates", res, err)
	}
	// One bad event: nothing of the batch is saved.
	bad := append([]domain.ImportedEvent{{At: at.Add(time.Hour), Body: "fine"}}, domain.ImportedEvent{At: at, Body: ""})
	_, err = s.ImportEvents(ctx, inc.ID, "text", bad)
	if de := wantCode(t, err, domain.EINVALID); !strings.Contains(de.Message, "event 2 of 2") {
		t.Errorf("message = %q, want it to name the second event", de.Message)
	}
	if n := count(t, s, "SELECT count(*) FROM timeline_events"); n != 3 {
		t.Errorf("%d events after a refused import, want 3", n)
	}
}

// BenchmarkListEvents measures one page of 200 events out of an incident
// with 100,000. Target: under 10 ms.
func BenchmarkListEvents(b *testing.B) {
	s := mustOpen(b)
	ctx := context.Background()
	in := validInput()
	in.StartedAt = "2026-01-01 00:00"
	inc := mustCreate(b, s, in)
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	evs := make([]domain.ImportedEvent, 100_000)
	for k := range evs {
		evs[k] = domain.ImportedEvent{At: base.Add(time.Duration(k) * 7 * time.Second), Author: fmt.Sprintf("person %d", k%30),
			Kind: "note", Body: fmt.Sprintf("event %d: something happened to service %d", k, k%50)}
	}
	if _, err := s.ImportEvents(ctx, inc.ID, "text", evs); err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name string
		f    domain.EventFilter
	}{
		{"first page", domain.EventFilter{Limit: 200}},
		{"middle page", domain.EventFilter{Limit: 200, Offset: 50_000}},
		{"last page", domain.EventFilter{Limit: 200, Offset: 99_800}},
	} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := s.ListEvents(ctx, inc.ID, c.f); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkImportEvents measures saving 100,000 parsed events in one
// transaction (the store's share of a 100,000-line import).
func BenchmarkImportEvents(b *testing.B) {
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	evs := make([]domain.ImportedEvent, 100_000)
	for k := range evs {
		evs[k] = domain.ImportedEvent{At: base.Add(time.Duration(k) * 7 * time.Second), Author: "ops",
			Body: fmt.Sprintf("event %d: service %d did something", k, k%50)}
	}
	for b.Loop() {
		b.StopTimer()
		s := mustOpen(b)
		in := validInput()
		in.StartedAt = "2025-12-31 00:00"
		inc := mustCreate(b, s, in)
		b.StartTimer()
		if _, err := s.ImportEvents(context.Background(), inc.ID, "text", evs); err != nil {
			b.Fatal(err)
		}
	}
}
