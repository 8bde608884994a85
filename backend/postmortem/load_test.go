package postmortem_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hindsight-app/hindsight/backend/demo"
	"github.com/hindsight-app/hindsight/backend/domain"
	"github.com/hindsight-app/hindsight/backend/postmortem"
	"github.com/hindsight-app/hindsight/backend/store"
)

var loadNow = time.Date(2026, 6, 15, 12, 0, 0, 0, time.UTC)

func openStore(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "load.db"), store.Options{Now: func() time.Time { return loadNow }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func sources(st *store.Store) postmortem.Sources {
	return postmortem.Sources{Incidents: st, Timeline: st, Causes: st, Actions: st, Metrics: st}
}

func TestLoadReadsTheDemoIncidentWithItsActions(t *testing.T) {
	st := openStore(t)
	ctx := domain.WithActor(context.Background(), "tester")
	inc, err := demo.Load(ctx, st, loadNow)
	if err != nil {
		t.Fatal(err)
	}
	lagCalled := ""
	src := sources(st)
	src.Lag = func(_ context.Context, incident string) (*domain.DetectionLag, error) {
		lagCalled = incident
		return nil, nil
	}
	d, err := postmortem.Load(ctx, src, inc.Ref(), time.UTC, loadNow)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if d.Incident == nil || d.Incident.ID != inc.ID {
		t.Fatalf("incident: got %+v, want %s", d.Incident, inc.Ref())
	}
	if got, want := len(d.Actions), 4; got != want {
		t.Errorf("actions: got %d, want %d", got, want)
	}
	if got, want := d.AssetDir, "assets/"+inc.Ref(); got != want {
		t.Errorf("asset dir: got %q, want %q", got, want)
	}
	if lagCalled != inc.ID {
		t.Errorf("lag: asked for %q, want the incident's id %q", lagCalled, inc.ID)
	}
	if !d.Now.Equal(loadNow) || d.Zone != time.UTC {
		t.Errorf("clock and zone: got %v %v, want %v UTC", d.Now, d.Zone, loadNow)
	}
	body, problems := postmortem.Render("{{actions}}", d)
	if len(problems) != 0 || !strings.Contains(body, "canary stage") {
		t.Errorf("rendered actions: got %q (problems %v), want the sample's actions", body, problems)
	}
}

func TestLoadReadsEveryEventCausesAndActionsPastOnePage(t *testing.T) {
	st := openStore(t)
	ctx := domain.WithActor(context.Background(), "tester")
	start := loadNow.Add(-48 * time.Hour)
	inc, err := st.CreateIncident(ctx, domain.IncidentInput{Title: "Many events", Severity: "SEV3", StartedAt: start.Format(time.RFC3339)})
	if err != nil {
		t.Fatal(err)
	}
	evs := make([]domain.ImportedEvent, domain.MaxEventPage+5)
	for k := range evs {
		evs[k] = domain.ImportedEvent{At: start.Add(time.Duration(k) * time.Second), Author: "bot", Body: "tick"}
	}
	if _, err := st.ImportEvents(ctx, inc.ID, "test", evs); err != nil {
		t.Fatal(err)
	}
	if _, err := st.AddCause(ctx, inc.ID, domain.CauseInput{Kind: "problem", Statement: "Checkout returned 502s"}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.CreateAction(ctx, domain.ActionInput{Title: "Size the pool", Incident: inc.ID, Zone: "UTC"}); err != nil {
		t.Fatal(err)
	}
	d, err := postmortem.Load(ctx, sources(st), inc.ID, nil, loadNow)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if got, want := len(d.Events), len(evs); got != want {
		t.Errorf("events: got %d, want %d (every page)", got, want)
	}
	if len(d.Causes) != 1 || len(d.Actions) != 1 {
		t.Errorf("causes and actions: got %d and %d, want 1 and 1", len(d.Causes), len(d.Actions))
	}
	if len(d.Snapshots) != 0 || d.Lag != nil {
		t.Errorf("snapshots and lag: got %d and %v, want none", len(d.Snapshots), d.Lag)
	}
}

func TestLoadOfAnUnknownIncidentIsNotFound(t *testing.T) {
	st := openStore(t)
	_, err := postmortem.Load(context.Background(), sources(st), "INC-0099", nil, loadNow)
	if domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("got %v, want ENOTFOUND", err)
	}
}
