package store

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/hindsight-app/hindsight/backend/domain"
)

func TestCreateIncident(t *testing.T) {
	s := mustOpen(t)
	ctx := domain.WithActor(context.Background(), "dana")
	in := validInput()
	in.DetectedAt = "2026-11-20 09:07"
	in.MitigatedAt = "2026-11-20T09:41:00Z"
	in.Services = []string{"checkout-api", "Checkout-API", " payments-db "}
	i, err := s.CreateIncident(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := i.Ref(), "INC-0001"; got != want {
		t.Errorf("ref = %s, want %s", got, want)
	}
	if got, want := i.Status, domain.StatusInvestigating; got != want {
		t.Errorf("status = %s, want %s (the default)", got, want)
	}
	if got, want := strings.Join(i.Services, ","), "checkout-api,payments-db"; got != want {
		t.Errorf("services = %s, want %s (trimmed, case-insensitive duplicates dropped)", got, want)
	}
	d := i.Durations()
	if d.ToDetect == nil || *d.ToDetect != 7*time.Minute {
		t.Errorf("time to detect = %v, want 7m", d.ToDetect)
	}
	if d.ToMitigate == nil || *d.ToMitigate != 41*time.Minute {
		t.Errorf("time to mitigate = %v, want 41m", d.ToMitigate)
	}
	if d.ToResolve != nil {
		t.Errorf("time to resolve = %v, want none while active", *d.ToResolve)
	}
	h, _ := s.StatusHistory(ctx, i.ID)
	if len(h) != 1 || h[0].From != "" || h[0].To != domain.StatusInvestigating || h[0].By != "dana" {
		t.Errorf("history = %+v, want one entry: created as investigating by dana", h)
	}
}

func TestCreateDefaultsTheStartToNow(t *testing.T) {
	s := mustOpen(t)
	in := validInput()
	in.StartedAt = ""
	i := mustCreate(t, s, in)
	if !i.StartedAt.Equal(fixedNow) {
		t.Errorf("started = %v, want now (%v)", i.StartedAt, fixedNow)
	}
}

func TestBadInputSavesNothing(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(*domain.IncidentInput)
		field string
	}{
		{"an empty title is refused", func(in *domain.IncidentInput) { in.Title = "  " }, "title"},
		{"a 1 MB title is refused", func(in *domain.IncidentInput) { in.Title = strings.Repeat("x", 1<<20) }, "title"},
		{"an unknown severity is refused", func(in *domain.IncidentInput) { in.Severity = "SEV9" }, "severity"},
		{"an unknown status is refused", func(in *domain.IncidentInput) { in.Status = "panicking" }, "status"},
		{"resolved before started is refused", func(in *domain.IncidentInput) {
			in.Status = "resolved"
			in.ResolvedAt = "2026-11-20 08:00"
		}, "resolvedAt"},
		{"detected before started is refused", func(in *domain.IncidentInput) { in.DetectedAt = "2026-11-19 23:00" }, "detectedAt"},
		{"a time that is not a time is refused", func(in *domain.IncidentInput) { in.StartedAt = "yesterday-ish" }, "startedAt"},
		{"a start in the future is refused", func(in *domain.IncidentInput) { in.StartedAt = "2027-01-01 00:00" }, "startedAt"},
		{"an unknown zone is refused", func(in *domain.IncidentInput) { in.Zone = "Mars/Olympus" }, "zone"},
		{"a wall time skipped by DST is refused", func(in *domain.IncidentInput) {
			in.Zone = "Europe/Berlin"
			in.StartedAt = "2026-03-29 02:30"
		}, "startedAt"},
		{"a service with a comma is refused", func(in *domain.IncidentInput) { in.Services = []string{"a,b"} }, "services"},
		{"a resolved time on an active incident is refused", func(in *domain.IncidentInput) { in.ResolvedAt = "2026-11-20 10:00" }, "resolvedAt"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := mustOpen(t)
			in := validInput()
			tt.edit(&in)
			_, err := s.CreateIncident(context.Background(), in)
			de := wantCode(t, err, domain.EINVALID)
			if de.Fields[tt.field] == "" {
				t.Errorf("fields = %v, want a message for %s", de.Fields, tt.field)
			}
			for _, table := range []string{"incidents", "people", "services", "tags", "status_changes", "incident_fts"} {
				if n := count(t, s, "SELECT count(*) FROM "+table); n != 0 {
					t.Errorf("%s has %d rows after a refused create, want 0", table, n)
				}
			}
		})
	}
}

func TestUpdateIncident(t *testing.T) {
	ctx := context.Background()
	t.Run("changes fields and bumps the version", func(t *testing.T) {
		s := mustOpen(t)
		i := mustCreate(t, s, validInput())
		in := validInput()
		in.Title = "Checkout down"
		in.Severity = "sev1"
		in.Tags = nil
		in.Commander = ""
		got, err := s.UpdateIncident(ctx, i.Ref(), in, i.Version)
		if err != nil {
			t.Fatal(err)
		}
		if got.Title != "Checkout down" || got.Severity != domain.SEV1 || len(got.Tags) != 0 || got.Commander != "" {
			t.Errorf("after update: %+v", got)
		}
		if got.Version != i.Version+1 {
			t.Errorf("version = %d, want %d", got.Version, i.Version+1)
		}
	})
	t.Run("a stale version is a conflict and saves nothing", func(t *testing.T) {
		s := mustOpen(t)
		i := mustCreate(t, s, validInput())
		in := validInput()
		in.Title = "first writer"
		if _, err := s.UpdateIncident(ctx, i.ID, in, i.Version); err != nil {
			t.Fatal(err)
		}
		in.Title = "second writer"
		_, err := s.UpdateIncident(ctx, i.ID, in, i.Version)
		wantCode(t, err, domain.ECONFLICT)
		got, _ := s.GetIncident(ctx, i.ID)
		if got.Title != "first writer" {
			t.Errorf("title = %q, want the first writer's", got.Title)
		}
	})
	t.Run("an invalid transition is refused and nothing changes", func(t *testing.T) {
		s := mustOpen(t)
		i := mustCreate(t, s, validInput())
		in := validInput()
		in.Title = "should not be saved"
		in.Status = "closed"
		_, err := s.UpdateIncident(ctx, i.ID, in, 0)
		de := wantCode(t, err, domain.EINVALID)
		if !strings.Contains(de.Fields["status"], "cannot go from investigating to closed") {
			t.Errorf("status message = %q", de.Fields["status"])
		}
		got, _ := s.GetIncident(ctx, i.ID)
		if got.Title != i.Title || got.Version != i.Version || got.Status != domain.StatusInvestigating {
			t.Errorf("incident changed after a refused update: %+v", got)
		}
	})
	t.Run("unknown incidents are not found", func(t *testing.T) {
		s := mustOpen(t)
		_, err := s.UpdateIncident(ctx, "INC-0099", validInput(), 0)
		wantCode(t, err, domain.ENOTFOUND)
	})
}

func TestLifecycle(t *testing.T) {
	s := mustOpen(t)
	ctx := domain.WithActor(context.Background(), "sam")
	i := mustCreate(t, s, validInput())
	step := func(status, resolvedAt string) *domain.Incident {
		t.Helper()
		in := validInput()
		in.Status = status
		in.ResolvedAt = resolvedAt
		got, err := s.UpdateIncident(ctx, i.ID, in, 0)
		if err != nil {
			t.Fatalf("to %s: %v", status, err)
		}
		return got
	}
	step("identified", "")
	got := step("resolved", "")
	if got.ResolvedAt == nil || !got.ResolvedAt.Equal(fixedNow) {
		t.Errorf("resolving without a time: resolved = %v, want now", got.ResolvedAt)
	}
	step("postmortem", "2026-11-20 11:00")
	got = step("investigating", "2026-11-20 11:00")
	if got.ResolvedAt != nil {
		t.Errorf("reopened incident still has resolved = %v", got.ResolvedAt)
	}
	h, _ := s.StatusHistory(ctx, i.ID)
	var path []string
	for _, c := range h {
		p := string(c.To)
		if c.Reopen {
			p += "(reopen)"
		}
		path = append(path, p)
	}
	if got, want := strings.Join(path, " → "), "investigating → identified → resolved → postmortem → investigating(reopen)"; got != want {
		t.Errorf("history = %s, want %s", got, want)
	}
	if h[len(h)-1].By != "sam" {
		t.Errorf("last change by %q, want sam", h[len(h)-1].By)
	}
}

func TestTrash(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	a := mustCreate(t, s, validInput())
	b := mustCreate(t, s, validInput())

	if err := s.PurgeIncident(ctx, a.ID); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Fatalf("purging a live incident: %v, want not found (purge is only from the trash)", err)
	}
	if err := s.DeleteIncident(ctx, a.Ref()); err != nil {
		t.Fatal(err)
	}
	if _, err := s.GetIncident(ctx, a.ID); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("get a trashed incident: %v, want not found", err)
	}
	live, _ := s.ListIncidents(ctx, domain.IncidentFilter{})
	trash, _ := s.ListIncidents(ctx, domain.IncidentFilter{Trashed: true})
	if live.Total != 1 || trash.Total != 1 || trash.Items[0].ID != a.ID {
		t.Errorf("live = %d, trash = %d; want 1 and 1", live.Total, trash.Total)
	}
	c, _ := s.IncidentCounts(ctx)
	if c != (domain.IncidentCounts{Total: 1, Active: 1, Trashed: 1}) {
		t.Errorf("counts = %+v", c)
	}
	if _, err := s.RestoreIncident(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.RestoreIncident(ctx, a.ID); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("restoring a live incident: %v, want not found", err)
	}
	s.DeleteIncident(ctx, b.ID)
	if err := s.PurgeIncident(ctx, b.ID); err != nil {
		t.Fatal(err)
	}
	if n := count(t, s, "SELECT count(*) FROM status_changes WHERE incident_id = '"+b.ID+"'"); n != 0 {
		t.Errorf("status_changes still has %d rows of the purged incident", n)
	}
	// a is live and has 2 services, 1 tag and one row in the index.
	for table, want := range map[string]int{"incident_services": 2, "incident_tags": 1, "incident_fts": 1} {
		if n := count(t, s, "SELECT count(*) FROM "+table); n != want {
			t.Errorf("%s has %d rows after the purge, want %d (only the live incident's)", table, n, want)
		}
	}
	// References are never reused, even after a purge.
	c3 := mustCreate(t, s, validInput())
	if c3.Ref() != "INC-0003" {
		t.Errorf("next ref after purging INC-0002 = %s, want INC-0003", c3.Ref())
	}
}

func TestRefsResolveInManySpellings(t *testing.T) {
	s := mustOpen(t)
	i := mustCreate(t, s, validInput())
	for _, ref := range []string{"INC-0001", "inc-1", "INC1", "1", "0001", i.ID} {
		if got, err := s.GetIncident(context.Background(), ref); err != nil || got.ID != i.ID {
			t.Errorf("GetIncident(%q) = %v, %v", ref, got, err)
		}
	}
	for _, ref := range []string{"INC-0002", "", "nope"} {
		if _, err := s.GetIncident(context.Background(), ref); domain.ErrorCode(err) != domain.ENOTFOUND {
			t.Errorf("GetIncident(%q): %v, want not found", ref, err)
		}
	}
}

func TestSuggestionsAreSharedAndMostUsedFirst(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	for _, svcs := range [][]string{{"api"}, {"db", "api"}, {"API", "web"}} {
		in := validInput()
		in.Services = svcs
		mustCreate(t, s, in)
	}
	if tags, err := s.Tags(ctx); err != nil || len(tags) != 1 {
		t.Errorf("tags = %v, %v; want [database]", tags, err)
	}
	got, err := s.Services(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || got[0] != "api" {
		t.Errorf("services = %v, want api first (used 3 times, one spelling), then db and web", got)
	}
	people, err := s.People(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(people) != 1 || people[0] != "Dana Reyes" {
		t.Errorf("people = %v", people)
	}
}
