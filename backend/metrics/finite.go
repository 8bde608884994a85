package metrics

import (
	"math"

	"github.com/hindsight-app/hindsight/backend/domain"
)

// FiniteStats is domain.SeriesStats as JSON can carry it: a statistic that
// is not a finite number (no points, no baseline, a series of +Inf) is
// null, since encoding/json cannot write NaN or infinities. The window and
// the CLI's --json both use it.
type FiniteStats struct {
	Count          int      `json:"count"`
	Min            *float64 `json:"min"`
	Max            *float64 `json:"max"`
	Mean           *float64 `json:"mean"`
	P50            *float64 `json:"p50"`
	P90            *float64 `json:"p90"`
	P99            *float64 `json:"p99"`
	P999           *float64 `json:"p999"`
	Baseline       *float64 `json:"baseline"`
	BaselineSpread *float64 `json:"baselineSpread"`
	BaselinePoints int      `json:"baselinePoints"`
	// DepartedAt is Unix ms, 0 when the series never left its baseline.
	DepartedAt int64 `json:"departedAt"`
}

// Finite returns v, or nil when v is NaN or infinite.
func Finite(v float64) *float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return &v
}

// ToFinite converts stats for JSON.
func ToFinite(s domain.SeriesStats) FiniteStats {
	return FiniteStats{Count: s.Count, Min: Finite(s.Min), Max: Finite(s.Max), Mean: Finite(s.Mean), P50: Finite(s.P50),
		P90: Finite(s.P90), P99: Finite(s.P99), P999: Finite(s.P999), Baseline: Finite(s.Baseline),
		BaselineSpread: Finite(s.BaselineSpread), BaselinePoints: s.BaselinePoints, DepartedAt: s.DepartedAt}
}
