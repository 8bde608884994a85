package metrics_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hindsight-app/hindsight/backend/domain"
	"github.com/hindsight-app/hindsight/backend/insights"
	"github.com/hindsight-app/hindsight/backend/metrics"
	"github.com/hindsight-app/hindsight/backend/metrics/metricstest"
	"github.com/hindsight-app/hindsight/backend/store"
)

var (
	fixtureStart = time.Date(2026, 11, 20, 8, 0, 0, 0, time.UTC)
	// now is the clock of these tests: an hour after the fixture ends.
	now = fixtureStart.Add(4 * time.Hour)
)

// env is a store, a service on it, and an incident that started with the
// fixture's latency spike and was detected 14 minutes later.
type env struct {
	st  *store.Store
	svc *metrics.Service
	inc *domain.Incident
}

func newEnv(tb testing.TB, clock func() time.Time) *env {
	tb.Helper()
	st, err := store.Open(filepath.Join(tb.TempDir(), "h.db"), store.Options{Now: clock})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	inc, err := st.CreateIncident(context.Background(), domain.IncidentInput{Title: "Checkout latency", Severity: "SEV2",
		Services: []string{"checkout"}, Zone: "UTC",
		StartedAt:  fixtureStart.Add(metricstest.FixtureSpikeAt).Format("2006-01-02 15:04"),
		DetectedAt: fixtureStart.Add(metricstest.FixtureSpikeAt + 14*time.Minute).Format("2006-01-02 15:04")})
	if err != nil {
		tb.Fatal(err)
	}
	svc := &metrics.Service{Store: st, Incidents: st, Timeline: st, Secrets: nil,
		Getenv: func(string) string { return "" }, Now: clock}
	return &env{st: st, svc: svc, inc: inc}
}

func (e *env) source(tb testing.TB, name, url string) *domain.MetricSource {
	tb.Helper()
	src, err := e.st.CreateSource(context.Background(), domain.SourceInput{Name: name, Kind: "prometheus", URL: url})
	if err != nil {
		tb.Fatal(err)
	}
	return src
}

func TestServiceAgainstPrometheusAndTheStore(t *testing.T) {
	base := metricstest.StartPrometheus(t, metricstest.OpenMetricsFixture(fixtureStart))
	e := newEnv(t, func() time.Time { return now })
	e.source(t, "prod", base)
	ctx := context.Background()
	startedAt := fixtureStart.Add(metricstest.FixtureSpikeAt)

	t.Run("plan fills the incident's window and a step", func(t *testing.T) {
		r, n, err := e.svc.Plan(ctx, e.inc.Ref(), metrics.SnapshotRequest{Source: "PROD", Query: "http_request_duration_seconds"})
		if err != nil {
			t.Fatal(err)
		}
		// Unresolved: started − 1 h to now.
		if !r.Start.Equal(startedAt.Add(-time.Hour)) || !r.End.Equal(now) {
			t.Errorf("window = %s – %s, want %s – %s", r.Start, r.End, startedAt.Add(-time.Hour), now)
		}
		// 230 min at 10 s.
		if r.Step != 10*time.Second || n != 1381 {
			t.Errorf("step = %s with %d points, want 10s with 1381", r.Step, n)
		}
		if r.Title != "http_request_duration_seconds" {
			t.Errorf("title = %q, want the query", r.Title)
		}
	})

	t.Run("plan names each bad field", func(t *testing.T) {
		_, _, err := e.svc.Plan(ctx, e.inc.ID, metrics.SnapshotRequest{Source: "nope", Query: " ",
			Start: now, End: now.Add(-time.Hour)})
		var de *domain.Error
		if !errors.As(err, &de) || de.Code != domain.EINVALID {
			t.Fatalf("error = %v, want EINVALID", err)
		}
		for _, f := range []string{"source", "query", "end"} {
			if de.Fields[f] == "" {
				t.Errorf("no error on %s: %v", f, de.Fields)
			}
		}
		_, _, err = e.svc.Plan(ctx, e.inc.ID, metrics.SnapshotRequest{Source: "prod", Query: "up",
			Start: fixtureStart, End: fixtureStart.Add(24 * time.Hour), Step: time.Second})
		if !errors.As(err, &de) || de.Fields["step"] == "" {
			t.Errorf("a step giving too many points: %v, want EINVALID on step", err)
		}
	})

	var snap *domain.Snapshot
	t.Run("a snapshot is fetched, described and stored", func(t *testing.T) {
		var phases []string
		var err error
		snap, err = e.svc.AddSnapshot(ctx, e.inc.Ref(), metrics.SnapshotRequest{Source: "prod", Query: "http_request_duration_seconds", Title: "p99 latency"},
			func(p metrics.Progress) { phases = append(phases, p.Phase) })
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(phases, ","); got != "fetching,saving,done" {
			t.Errorf("phases = %s", got)
		}
		// The data ends at +3 h and Prometheus looks back 5 min: +10 min
		// to +3 h 5 min at 10 s.
		if snap.Step != 10*time.Second || snap.SeriesCount != 1 || snap.PointCount != 1051 || snap.Version != 1 {
			t.Errorf("snapshot = step %s, %d series, %d points, version %d", snap.Step, snap.SeriesCount, snap.PointCount, snap.Version)
		}
		full, err := e.st.GetSnapshot(ctx, snap.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got := metrics.Hash(full); got != snap.Hash {
			t.Errorf("metrics.Hash = %s, the store's = %s: they must agree", got, snap.Hash)
		}
		st := full.Series[0].Stats
		if st.Max != 2.5 || st.BaselinePoints != 360 || time.UnixMilli(st.DepartedAt).UTC() != startedAt {
			t.Errorf("stats = max %v, %d baseline points, departed %s; want 2.5, 360, %s", st.Max, st.BaselinePoints,
				time.UnixMilli(st.DepartedAt).UTC(), startedAt)
		}
	})

	t.Run("detection lag reads the signal", func(t *testing.T) {
		d, err := e.svc.DetectionLag(ctx, e.inc.ID)
		if err != nil || d != nil {
			t.Fatalf("without a signal: %+v, %v; want nil", d, err)
		}
		full, _ := e.st.GetSnapshot(ctx, snap.ID)
		if _, err := e.st.SetSignal(ctx, snap.ID, domain.Signal{SeriesKey: full.Series[0].Key}); err != nil {
			t.Fatal(err)
		}
		d, err = e.svc.DetectionLag(ctx, e.inc.ID)
		if err != nil || d == nil {
			t.Fatalf("DetectionLag = %+v, %v", d, err)
		}
		if !d.VisibleAt.Equal(startedAt) || d.Lag != 14*time.Minute || d.Method != "baseline" {
			t.Errorf("lag = %+v, want visible at %s, 14 min before detection", d, startedAt)
		}
		thr := 1.0
		if _, err := e.st.SetSignal(ctx, snap.ID, domain.Signal{SeriesKey: full.Series[0].Key, Threshold: &thr}); err != nil {
			t.Fatal(err)
		}
		if d, err = e.svc.DetectionLag(ctx, e.inc.ID); err != nil || d == nil || d.Method != "threshold" || !d.VisibleAt.Equal(startedAt) {
			t.Errorf("threshold lag = %+v, %v", d, err)
		}
	})

	// The Insights view's lag chart, through the store and this service
	// on data fetched from a real Prometheus: the incident's month counts
	// one lag of 14 minutes.
	t.Run("insights count the lag in the incident's month", func(t *testing.T) {
		m := time.Date(startedAt.Year(), startedAt.Month(), 1, 0, 0, 0, 0, time.UTC)
		q := domain.InsightsQuery{From: m, To: m.AddDate(0, 1, 0), Zone: time.UTC}
		in, err := insights.Compute(ctx, e.st, e.svc.DetectionLag, q)
		if err != nil {
			t.Fatal(err)
		}
		lag := in.DetectionLag[0]
		if lag.N != 1 || lag.Median == nil || *lag.Median != (14*time.Minute).Seconds() || *lag.P90 != *lag.Median {
			t.Errorf("the month's lag = %+v, want one of 840 s", lag)
		}
	})

	t.Run("the chart is decimated within the bucket limits", func(t *testing.T) {
		c, err := e.svc.Chart(ctx, snap.ID, 0, 0, 10)
		if err != nil {
			t.Fatal(err)
		}
		if !c.Decimated || len(c.X) != 2*metrics.MinChartBuckets || c.Series[0].Label != "quantile=0.99, service=checkout" {
			t.Errorf("chart: decimated %v, %d times, label %q", c.Decimated, len(c.X), c.Series[0].Label)
		}
		c, err = e.svc.Chart(ctx, snap.ID, 0, 0, 100_000)
		if err != nil || c.Decimated || len(c.X) != 1051 {
			t.Errorf("a large bucket count returns the raw points: %v, %d times", err, len(c.X))
		}
	})

	t.Run("a sync of unchanged data adds no version", func(t *testing.T) {
		res, err := e.svc.Sync(ctx, e.inc.ID, nil)
		if err != nil {
			t.Fatal(err)
		}
		if res.Added != 0 || res.Unchanged != 1 {
			t.Errorf("sync = %+v, want 1 unchanged", res)
		}
	})

	t.Run("alerts are found, added once, and known the second time", func(t *testing.T) {
		cands, err := e.svc.FindAlerts(ctx, e.inc.ID, "prod", time.Time{}, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		if len(cands) != 2 || cands[0].Name != "HighLatency" || cands[1].Name != "ErrorRate" || cands[0].InTimeline {
			t.Fatalf("candidates = %+v", cands)
		}
		alerts := []metrics.Alert{cands[0].Alert, cands[1].Alert}
		res, err := e.svc.AddAlerts(ctx, e.inc.ID, alerts)
		if err != nil || res.Added != 4 {
			t.Fatalf("AddAlerts = %+v, %v; want 4 added", res, err)
		}
		res, err = e.svc.AddAlerts(ctx, e.inc.ID, alerts)
		if err != nil || res.Added != 0 || res.Duplicates != 4 {
			t.Errorf("adding again = %+v, %v; want 4 duplicates", res, err)
		}
		cands, err = e.svc.FindAlerts(ctx, e.inc.ID, "prod", time.Time{}, time.Time{})
		if err != nil || !cands[0].InTimeline || !cands[1].InTimeline {
			t.Errorf("after adding: %+v, %v; want both in the timeline", cands, err)
		}
		page, err := e.st.ListEvents(ctx, e.inc.ID, domain.EventFilter{})
		if err != nil {
			t.Fatal(err)
		}
		var bodies []string
		for _, ev := range page.Items {
			if ev.Kind == "alert" {
				bodies = append(bodies, ev.At.UTC().Format("15:04")+" "+ev.Body)
			}
		}
		if len(bodies) != 4 || bodies[0] != "09:15 FIRING HighLatency (service=checkout, severity=page)" {
			t.Errorf("timeline = %q", bodies)
		}
	})
}

// fakeProm answers range queries: "up" with a value that changes on every
// call, "flaky" with a constant, or a 503 timeout while failing is set.
type fakeProm struct {
	calls   atomic.Int64
	failing atomic.Bool
	// block, when set, holds every answer until the request is cancelled.
	block atomic.Bool
}

func (f *fakeProm) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	r.ParseForm()
	if f.block.Load() {
		<-r.Context().Done()
		return
	}
	q, start := r.Form.Get("query"), r.Form.Get("start")
	v := "1"
	switch q {
	case "up":
		v = fmt.Sprint(f.calls.Add(1))
	case "flaky":
		if f.failing.Load() {
			w.WriteHeader(503)
			fmt.Fprint(w, `{"status":"error","errorType":"timeout","error":"query timed out in expression evaluation"}`)
			return
		}
	}
	fmt.Fprintf(w, `{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"job":"a"},"values":[[%s,"%s"]]}]}}`, start, v)
}

func TestSyncIsAllOrNothing(t *testing.T) {
	fake := &fakeProm{}
	srv := httptest.NewServer(fake)
	defer srv.Close()
	e := newEnv(t, func() time.Time { return now })
	e.source(t, "fake", srv.URL)
	ctx := context.Background()
	for _, q := range []string{"up", "flaky"} {
		if _, err := e.svc.AddSnapshot(ctx, e.inc.ID, metrics.SnapshotRequest{Source: "fake", Query: q}, nil); err != nil {
			t.Fatal(err)
		}
	}
	versions := func() string {
		list, err := e.st.ListSnapshots(ctx, e.inc.ID)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, s := range list {
			out = append(out, fmt.Sprintf("%s:%d", s.Query, s.Versions))
		}
		return strings.Join(out, " ")
	}

	t.Run("one failing query stores nothing and is named", func(t *testing.T) {
		fake.failing.Store(true)
		defer fake.failing.Store(false)
		_, err := e.svc.Sync(ctx, e.inc.ID, nil)
		if domain.ErrorCode(err) != domain.EUNAVAILABLE || !strings.Contains(err.Error(), `source "fake" query "flaky"`) ||
			!strings.Contains(err.Error(), "timed out evaluating the query") {
			t.Fatalf("error = %v, want EUNAVAILABLE naming source fake and query flaky", err)
		}
		if got := versions(); got != "up:1 flaky:1" {
			t.Errorf("versions = %s, want nothing new", got)
		}
	})

	t.Run("a cancelled sync stores nothing", func(t *testing.T) {
		fake.block.Store(true)
		defer fake.block.Store(false)
		cctx, cancel := context.WithCancel(ctx)
		time.AfterFunc(100*time.Millisecond, cancel)
		_, err := e.svc.Sync(cctx, e.inc.ID, nil)
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("error = %v, want cancelled", err)
		}
		if got := versions(); got != "up:1 flaky:1" {
			t.Errorf("versions = %s, want nothing new", got)
		}
	})

	t.Run("a successful sync versions only what changed", func(t *testing.T) {
		var mu sync.Mutex
		var seen []string
		res, err := e.svc.Sync(ctx, e.inc.ID, func(p metrics.Progress) {
			mu.Lock()
			defer mu.Unlock()
			seen = append(seen, fmt.Sprintf("%s %d/%d %s", p.Phase, p.Done, p.Total, p.Query))
		})
		if err != nil {
			t.Fatal(err)
		}
		if res.Added != 1 || res.Unchanged != 1 || len(res.Snapshots) != 1 || res.Snapshots[0].Version != 2 {
			t.Errorf("sync = %+v, want up added as version 2, flaky unchanged", res)
		}
		if got := versions(); got != "up:2 flaky:1" {
			t.Errorf("versions = %s", got)
		}
		if want := "fetching 0/2 up,fetching 1/2 flaky,saving 2/2 ,done 2/2 "; strings.Join(seen, ",") != want {
			t.Errorf("progress = %q, want %q", strings.Join(seen, ","), want)
		}
	})
}

func TestAddSnapshotNeedsTheSecret(t *testing.T) {
	e := newEnv(t, func() time.Time { return now })
	_, err := e.st.CreateSource(context.Background(), domain.SourceInput{Name: "auth", Kind: "prometheus",
		URL: "http://127.0.0.1:1", Auth: "bearer", SecretEnv: "HINDSIGHT_TEST_TOKEN"})
	if err != nil {
		t.Fatal(err)
	}
	_, err = e.svc.AddSnapshot(context.Background(), e.inc.ID, metrics.SnapshotRequest{Source: "auth", Query: "up"}, nil)
	var de *domain.Error
	if !errors.As(err, &de) || de.Fields["secretEnv"] != "environment variable HINDSIGHT_TEST_TOKEN is not set" {
		t.Errorf("error = %v, want EINVALID on secretEnv", err)
	}
}
