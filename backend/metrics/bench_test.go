package metrics_test

import (
	"context"
	"fmt"
	"os/exec"
	"testing"
	"time"

	"github.com/hindsight-app/hindsight/backend/metrics"
	"github.com/hindsight-app/hindsight/backend/metrics/metricstest"
)

// BenchmarkFetchAndStore fetches 20 series × 11,000 points (15 s apart,
// about 45.8 h) from a local Prometheus and stores them as a snapshot, as
// AddSnapshot does for a person: query, parse, stats, hash, SQLite.
func BenchmarkFetchAndStore(b *testing.B) {
	const series, points = 20, 11_000
	start := time.Date(2026, 11, 10, 0, 0, 0, 0, time.UTC)
	end := start.Add((points - 1) * 15 * time.Second)
	base := metricstest.StartPrometheus(b, metricstest.OpenMetricsLoad(start, series, points))
	e := newEnv(b, time.Now)
	e.source(b, "load", base)
	ctx := context.Background()
	req := metrics.SnapshotRequest{Source: "load", Query: "load_test", Start: start, End: end, Step: 15 * time.Second}
	curl := curlTime(b, fmt.Sprintf("%s/api/v1/query_range?query=load_test&start=%d&end=%d&step=15", base, start.Unix(), end.Unix()))
	b.ResetTimer()
	for b.Loop() {
		snap, err := e.svc.AddSnapshot(ctx, e.inc.ID, req, nil)
		if err != nil {
			b.Fatal(err)
		}
		if snap.PointCount != series*points {
			b.Fatalf("stored %d points, want %d", snap.PointCount, series*points)
		}
	}
	b.ReportMetric(float64(series*points*b.N)/b.Elapsed().Seconds(), "points/s")
	if curl > 0 {
		// The same query fetched by curl alone, for the ratio in
		// docs/performance.md.
		b.ReportMetric(float64(curl.Milliseconds()), "curl-ms")
		b.ReportMetric(float64(b.Elapsed())/float64(b.N)/float64(curl), "x-curl")
	}
}

// curlTime is the best of five plain `curl` fetches of url (0 when curl is
// not installed).
func curlTime(b *testing.B, url string) time.Duration {
	path, err := exec.LookPath("curl")
	if err != nil {
		return 0
	}
	best := time.Duration(0)
	for range 5 {
		t0 := time.Now()
		if out, err := exec.Command(path, "-sSf", "-o", "/dev/null", url).CombinedOutput(); err != nil {
			b.Fatalf("curl %s: %v: %s", url, err, out)
		}
		if d := time.Since(t0); best == 0 || d < best {
			best = d
		}
	}
	return best
}
