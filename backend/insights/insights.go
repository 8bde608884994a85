// Package insights puts together the figures of the Insights view
// (domain.Insights) and exports each chart as CSV or SVG. The store
// computes what its tables answer; the detection lag needs each signal
// snapshot's points and the metrics package's rules, so it is added here
// through a function, the way package meeting takes its facts: this
// package reads no database and fetches nothing itself, and the app and
// the CLI compose it the same way.
package insights

import (
	"context"

	"github.com/hindsight-app/hindsight/backend/domain"
	"github.com/hindsight-app/hindsight/backend/meeting"
)

// Source is what Compute reads; *store.Store is one (the store uses
// MonthStats, so this package must not import it).
type Source interface {
	Insights(ctx context.Context, q domain.InsightsQuery) (*domain.Insights, error)
	LagIncidents(ctx context.Context, q domain.InsightsQuery) ([]domain.LagIncident, error)
}

// LagFunc returns an incident's detection lag, nil when none shows:
// (*metrics.Service).DetectionLag.
type LagFunc func(ctx context.Context, incident string) (*domain.DetectionLag, error)

// Compute returns the Insights of q: the store's figures, and the
// detection lag of each month over the incidents started in it whose
// signal snapshots show impact and that have a detection time (lag nil
// leaves every month at N 0). One call of lag per incident with a signal
// snapshot; those are few (a snapshot is taken by hand), so this stays
// far under the store's own time.
func Compute(ctx context.Context, src Source, lag LagFunc, q domain.InsightsQuery) (*domain.Insights, error) {
	out, err := src.Insights(ctx, q)
	if err != nil || lag == nil {
		return out, err
	}
	incs, err := src.LagIncidents(ctx, q)
	if err != nil {
		return nil, err
	}
	vals := make([][]float64, len(out.Months))
	for _, i := range incs {
		d, err := lag(ctx, i.ID)
		if err != nil {
			return nil, err
		}
		if d == nil || d.DetectedAt.IsZero() || i.Month < 0 || i.Month >= len(vals) {
			continue
		}
		vals[i.Month] = append(vals[i.Month], d.Lag.Seconds())
	}
	for k, m := range out.Months {
		out.DetectionLag[k] = MonthStats(m, vals[k])
	}
	return out, nil
}

// MonthStats is one month's statistics of durations in seconds: the
// median as the review meeting takes it (meeting.Median) and the
// nearest-rank p90 (meeting.Percentile).
func MonthStats(month string, v []float64) domain.MonthStats {
	return domain.MonthStats{Month: month, N: len(v), Median: meeting.Median(v), P90: meeting.Percentile(v, 90)}
}
