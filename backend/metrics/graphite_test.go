package metrics

import (
	"context"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/hindsight-app/hindsight/backend/domain"
	"github.com/hindsight-app/hindsight/backend/metrics/metricstest"
)

func TestGraphiteFetchReturnsTheWhisperValues(t *testing.T) {
	start := fixtureStart
	written := map[int64]float64{}
	var pts []domain.Point
	for i := 0; i < 240; i++ { // an hour at 15 s
		if i == 100 {
			continue // a gap
		}
		off := time.Duration(i) * 15 * time.Second
		p := domain.Point{T: start.Add(off).UnixMilli(), V: metricstest.FixtureLatency(off + 60*time.Minute)}
		pts = append(pts, p)
		written[p.T] = p.V
	}
	base := metricstest.StartGraphite(t, map[string][]domain.Point{
		"checkout.latency.p99": pts,
		"checkout.errors":      {{T: start.UnixMilli(), V: 0.5}},
	})
	src := &domain.MetricSource{ID: "g", Name: "graphite", Kind: domain.SourceGraphite, URL: base, Auth: domain.AuthNone}
	c, err := NewClient(src, "")
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	res, err := c.Test(ctx)
	if err != nil {
		t.Fatalf("Test: %v", err)
	}
	if !strings.HasPrefix(res.Message, "Graphite answered in ") {
		t.Errorf("test message = %q", res.Message)
	}

	series, err := c.Fetch(ctx, Query{Expr: "checkout.latency.*", Start: start, End: start.Add(time.Hour), Step: 15 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if len(series) != 1 || series[0].Key != "checkout.latency.p99" {
		t.Fatalf("series = %+v, want one, checkout.latency.p99", series)
	}
	got := 0
	for _, p := range series[0].Points {
		want, ok := written[p.T]
		switch {
		case ok && p.V != want:
			t.Errorf("value at %s = %v, want %v", time.UnixMilli(p.T).UTC(), p.V, want)
		case !ok && !math.IsNaN(p.V):
			t.Errorf("value at %s = %v, want a gap (NaN)", time.UnixMilli(p.T).UTC(), p.V)
		case ok:
			got++
		}
	}
	if got != len(written) {
		t.Errorf("found %d of the %d written values", got, len(written))
	}

	t.Run("a bad function is EINVALID on query", func(t *testing.T) {
		_, err := c.Fetch(ctx, Query{Expr: "noSuchFunction(checkout.errors)", Start: start, End: start.Add(time.Hour), Step: time.Minute})
		e := wantError(t, err, domain.EINVALID, "graphite", "noSuchFunction(checkout.errors)")
		if e.Fields["query"] == "" {
			t.Errorf("fields = %v, want query", e.Fields)
		}
	})
}
