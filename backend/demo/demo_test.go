package demo

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/hindsight-app/hindsight/backend/domain"
	"github.com/hindsight-app/hindsight/backend/store"
)

var now = time.Date(2026, 6, 15, 9, 30, 0, 0, time.UTC)

func TestTheSampleIncidentIsValid(t *testing.T) {
	if _, err := newSample(now).incident().Validate(now); err != nil {
		t.Fatalf("sample: %v", err)
	}
}

func TestLoadCreatesTheSampleIncidentThroughTheService(t *testing.T) {
	st, err := store.Open(filepath.Join(t.TempDir(), "demo.db"), store.Options{Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := domain.WithActor(context.Background(), "tester")

	inc, err := Load(ctx, st, now)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	got, err := st.GetIncident(ctx, inc.Ref())
	if err != nil {
		t.Fatal(err)
	}
	if got.Title != Title || got.Severity != domain.SEV2 || got.Status != domain.StatusPostmortem {
		t.Errorf("incident: got %q %s %s, want the sample, SEV2, postmortem", got.Title, got.Severity, got.Status)
	}
	if want := []string{"checkout-api", "payments-db"}; !reflect.DeepEqual(got.Services, want) {
		t.Errorf("services: got %v, want %v", got.Services, want)
	}
	if want := []string{"sample", "database"}; !reflect.DeepEqual(got.Tags, want) {
		t.Errorf("tags: got %v, want %v", got.Tags, want)
	}
	if got.Commander == "" || len(got.CustomerImpact) < 50 || len(got.Summary) < 500 {
		t.Errorf("commander %q, impact %d bytes, summary %d bytes: want all filled in", got.Commander, len(got.CustomerImpact), len(got.Summary))
	}

	if ago := now.Sub(*got.StartedAt); ago < 2*24*time.Hour || ago > 4*24*time.Hour {
		t.Errorf("started %s before now, want a few days", ago)
	}
	d := got.Durations()
	for _, m := range []struct {
		name string
		got  *time.Duration
		want time.Duration
	}{
		{"time to detect", d.ToDetect, 7 * time.Minute},
		{"time to mitigate", d.ToMitigate, 41 * time.Minute},
		{"time to resolve", d.ToResolve, 92 * time.Minute},
	} {
		if m.got == nil || *m.got != m.want {
			t.Errorf("%s: got %v, want %s", m.name, m.got, m.want)
		}
	}

	hist, err := st.StatusHistory(ctx, inc.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(hist) != 1 || hist[0].By != "tester" {
		t.Errorf("history: got %+v, want one entry by tester", hist)
	}
}

func TestLoadTwiceMakesTwoIncidents(t *testing.T) {
	st, err := store.Open(filepath.Join(t.TempDir(), "demo.db"), store.Options{Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	a, err := Load(context.Background(), st, now)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Load(context.Background(), st, now)
	if err != nil {
		t.Fatal(err)
	}
	if a.Ref() == b.Ref() {
		t.Errorf("refs: got %s twice, want two incidents", a.Ref())
	}
}

func TestLoadAddsTheSampleActionsOneOverdue(t *testing.T) {
	st, err := store.Open(filepath.Join(t.TempDir(), "demo.db"), store.Options{Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	inc, err := Load(ctx, st, now)
	if err != nil {
		t.Fatal(err)
	}
	page, err := st.ListActions(ctx, domain.ActionFilter{Incident: inc.Ref(), Zone: "UTC"})
	if err != nil || page.Total != 4 {
		t.Fatalf("actions: %v, %v; want 4", page, err)
	}
	var done, overdue, hinted int
	for k := range page.Items {
		a := &page.Items[k]
		if a.Status == domain.ActionDone {
			done++
		}
		if a.IsOverdue(now, time.UTC) {
			overdue++
		}
		for _, h := range domain.ActionHints(a, now, time.UTC) {
			if h.Code == domain.HintVague || h.Code == domain.HintNoOwner {
				hinted++
			}
		}
	}
	if done != 1 || overdue != 1 || hinted != 2 {
		t.Errorf("done %d, overdue %d, vague/unowned hints %d; want 1, 1, 2", done, overdue, hinted)
	}
	if c, _ := st.ActionCounts(ctx, "UTC"); c != (domain.ActionCounts{Open: 3, Overdue: 1}) {
		t.Errorf("counts = %+v", c)
	}
}
