package metrics

import (
	"context"
	"math"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/hindsight-app/hindsight/backend/domain"
	"github.com/hindsight-app/hindsight/backend/metrics/metricstest"
)

// fixtureStart is when the fixture's three hours begin.
var fixtureStart = time.Date(2026, 11, 20, 8, 0, 0, 0, time.UTC)

func promSource(url string) *domain.MetricSource {
	return &domain.MetricSource{ID: "src-1", Name: "prod", Kind: domain.SourcePrometheus, URL: url, Auth: domain.AuthNone}
}

func TestPrometheusFetchReturnsTheFixtureValues(t *testing.T) {
	base := metricstest.StartPrometheus(t, metricstest.OpenMetricsFixture(fixtureStart))
	c, err := NewClient(promSource(base), "")
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()

	t.Run("the connection test names the version", func(t *testing.T) {
		res, err := c.Test(ctx)
		if err != nil {
			t.Fatal(err)
		}
		// Debian's build says "2.42.0+ds".
		if !strings.HasPrefix(res.Version, "2.42.0") {
			t.Errorf("version = %q, want 2.42.0", res.Version)
		}
		if want := "Prometheus " + res.Version + " answered in "; !strings.HasPrefix(res.Message, want) || !strings.HasSuffix(res.Message, " ms") {
			t.Errorf("message = %q, want %q… ms", res.Message, want)
		}
	})

	end := fixtureStart.Add(metricstest.FixtureSpan)
	step := ChooseStep(fixtureStart, end)
	series, err := c.Fetch(ctx, Query{Expr: "http_request_duration_seconds", Start: fixtureStart, End: end, Step: step})
	if err != nil {
		t.Fatal(err)
	}
	if len(series) != 1 {
		t.Fatalf("got %d series, want 1", len(series))
	}
	s := series[0]
	if want := `{__name__="http_request_duration_seconds", quantile="0.99", service="checkout"}`; s.Key != want {
		t.Errorf("key = %s, want %s", s.Key, want)
	}
	if step != 10*time.Second {
		t.Errorf("ChooseStep(3 h) = %s, want 10s", step)
	}
	if got, want := len(s.Points), int(metricstest.FixtureSpan/step)+1; got != want {
		t.Errorf("got %d points, want %d", got, want)
	}
	for _, p := range s.Points {
		off := time.UnixMilli(p.T).Sub(fixtureStart)
		// Between samples (15 s apart) Prometheus answers the latest one.
		want := metricstest.FixtureLatency(off / metricstest.FixtureStep * metricstest.FixtureStep)
		if p.V != want {
			t.Fatalf("value at +%s = %v, want %v", off, p.V, want)
		}
	}

	t.Run("stats match values computed by hand", func(t *testing.T) {
		startedAt := fixtureStart.Add(metricstest.FixtureSpikeAt)
		st := ComputeStats(s.Points, startedAt)
		var vals, base []float64
		sum := 0.0
		for _, p := range s.Points {
			vals = append(vals, p.V)
			sum += p.V
			if p.T < startedAt.UnixMilli() {
				base = append(base, p.V)
			}
		}
		sort.Float64s(vals)
		pct := func(q float64) float64 { // numpy "linear"
			h := q * float64(len(vals)-1)
			lo := math.Floor(h)
			if int(lo)+1 >= len(vals) {
				return vals[len(vals)-1]
			}
			return vals[int(lo)] + (h-lo)*(vals[int(lo)+1]-vals[int(lo)])
		}
		checks := []struct {
			name      string
			got, want float64
		}{
			{"min", st.Min, vals[0]}, {"max", st.Max, 2.5}, {"mean", st.Mean, sum / float64(len(vals))},
			{"p50", st.P50, pct(0.5)}, {"p90", st.P90, pct(0.9)}, {"p99", st.P99, pct(0.99)}, {"p99.9", st.P999, pct(0.999)},
		}
		for _, c := range checks {
			if math.Abs(c.got-c.want) > 1e-12 {
				t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
			}
		}
		if st.BaselinePoints != len(base) {
			t.Errorf("baseline points = %d, want %d", st.BaselinePoints, len(base))
		}
		// The jitter is 0.12 + {-2..2}/1000; its median is 0.12.
		if math.Abs(st.Baseline-0.12) > 1e-12 {
			t.Errorf("baseline = %v, want 0.12", st.Baseline)
		}
		if got, want := time.UnixMilli(st.DepartedAt).UTC(), startedAt; !got.Equal(want) {
			t.Errorf("departed at %s, want %s (the spike)", got, want)
		}
	})

	t.Run("alerts read from ALERTS become intervals", func(t *testing.T) {
		alerts, err := c.Alerts(ctx, fixtureStart, end, time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		if len(alerts) != 2 {
			t.Fatalf("got %d alerts, want 2: %+v", len(alerts), alerts)
		}
		want := []struct {
			name          string
			firing, ended time.Duration
		}{
			{"HighLatency", metricstest.FixtureLatencyAt, metricstest.FixtureLatencyEnd},
			{"ErrorRate", metricstest.FixtureErrorAt, metricstest.FixtureErrorEnd},
		}
		for i, w := range want {
			a := alerts[i]
			if a.Name != w.name || !a.FiringAt.Equal(fixtureStart.Add(w.firing)) {
				t.Errorf("alert %d = %s firing at %s, want %s at %s", i, a.Name, a.FiringAt, w.name, fixtureStart.Add(w.firing))
			}
			// Raw samples: the last is one interval (15 s) before the end,
			// and the resolution is one interval after it, exactly.
			if want := fixtureStart.Add(w.ended); a.ResolvedAt == nil || !a.ResolvedAt.Equal(want) {
				t.Errorf("%s resolved at %v, want %s", a.Name, a.ResolvedAt, want)
			}
			if a.Labels["service"] != "checkout" || a.Labels["severity"] != "page" || len(a.Labels) != 2 {
				t.Errorf("%s labels = %v, want service and severity only", a.Name, a.Labels)
			}
		}
		evs := AlertEvents(alerts)
		if len(evs) != 4 {
			t.Fatalf("got %d events, want 4", len(evs))
		}
		if want := "FIRING HighLatency (service=checkout, severity=page)"; evs[0].Body != want || evs[0].Kind != "alert" || evs[0].Author != "prometheus" {
			t.Errorf("first event = %+v, want %q by prometheus, kind alert", evs[0], want)
		}
		if want := "RESOLVED HighLatency (service=checkout, severity=page)"; evs[1].Body != want || evs[1].At.Location() != time.UTC {
			t.Errorf("second event = %+v, want %q in UTC", evs[1], want)
		}
	})

	t.Run("an alert still firing at the window's end has no resolution", func(t *testing.T) {
		alerts, err := c.Alerts(ctx, fixtureStart, fixtureStart.Add(85*time.Minute), time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range alerts {
			if a.ResolvedAt != nil {
				t.Errorf("%s resolved at %s, want still firing", a.Name, a.ResolvedAt)
			}
		}
		if len(AlertEvents(alerts)) != len(alerts) {
			t.Errorf("want only FIRING events for alerts still firing")
		}
	})

	t.Run("a PromQL syntax error is EINVALID on query, from the real server", func(t *testing.T) {
		_, err := c.Fetch(ctx, Query{Expr: "rate(x[5m]", Start: fixtureStart, End: end, Step: time.Minute})
		e := wantError(t, err, domain.EINVALID, "prod", "rate(x[5m]")
		if e.Fields["query"] == "" {
			t.Errorf("fields = %v, want one on query", e.Fields)
		}
	})
}
