package store

import (
	"context"
	"testing"
	"time"

	"github.com/hindsight-app/hindsight/backend/domain"
	"github.com/hindsight-app/hindsight/backend/insights"
)

// BenchmarkInsights10k: the Insights view's figures (with the detection
// lag's query; the dataset has no snapshots) over the agenda benchmark's
// five years, 10,000 incidents and 50,000 actions, every month of them
// (61, Europe/Berlin). Budget: 200 ms; see docs/performance.md.
func BenchmarkInsights10k(b *testing.B) {
	s := mustOpen(b)
	seedYears(b, s, 10_000, true)
	q := domain.InsightsQuery{From: time.Date(2021, 11, 1, 0, 0, 0, 0, berlin), To: time.Date(2026, 12, 1, 0, 0, 0, 0, berlin), Zone: berlin}
	lag := func(context.Context, string) (*domain.DetectionLag, error) { return nil, nil }
	ctx := context.Background()
	b.ResetTimer()
	var n int
	for b.Loop() {
		in, err := insights.Compute(ctx, s, lag, q)
		if err != nil {
			b.Fatal(err)
		}
		n = 0
		for _, c := range in.BySeverity {
			n += c.Total
		}
	}
	b.ReportMetric(float64(n), "incidents")
}
