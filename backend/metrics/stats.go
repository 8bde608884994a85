package metrics

import (
	"math"
	"sort"
	"time"

	"github.com/hindsight-app/hindsight/backend/domain"
)

// Departure detection. The band around the baseline median is
// ±max(departK × spread, departRel × |median|, departMin), so that a flat
// baseline (spread 0) does not flag every wobble; a departure must last
// departRun points (or to the end of the series, if fewer remain).
const (
	minBaselinePoints = 5
	madScale          = 1.4826 // makes the MAD a consistent estimator of σ for normal data
	departK           = 4.0
	departRel         = 0.05
	departMin         = 1e-9
	departRun         = 3
)

// ComputeStats describes points, ignoring NaN. Percentiles interpolate
// linearly between the closest ranks (numpy's default "linear" method:
// rank q×(n−1) over the sorted values). The baseline is the points before
// baselineEnd: their median, and 1.4826 × their median absolute deviation
// as the spread; fewer than 5 such points gives no baseline
// (BaselinePoints 0) and no departure. DepartedAt is the first point of the
// first run of at least 3 consecutive points outside the band (see the
// constants above), searched over the whole series; a run cut short by the
// end of the series counts.
//
// With no values at all, every statistic is NaN and Count is 0.
func ComputeStats(points []domain.Point, baselineEnd time.Time) domain.SeriesStats {
	vals := make([]float64, 0, len(points))
	sum := 0.0
	for _, p := range points {
		if !math.IsNaN(p.V) {
			vals = append(vals, p.V)
			sum += p.V
		}
	}
	nan := math.NaN()
	st := domain.SeriesStats{Count: len(vals), Min: nan, Max: nan, Mean: nan, P50: nan, P90: nan, P99: nan, P999: nan,
		Baseline: nan, BaselineSpread: nan}
	if len(vals) == 0 {
		return st
	}
	sort.Float64s(vals)
	st.Min, st.Max, st.Mean = vals[0], vals[len(vals)-1], sum/float64(len(vals))
	st.P50, st.P90, st.P99, st.P999 = quantile(vals, 0.5), quantile(vals, 0.9), quantile(vals, 0.99), quantile(vals, 0.999)

	end := baselineEnd.UnixMilli()
	var base []float64
	for _, p := range points {
		if p.T < end && !math.IsNaN(p.V) {
			base = append(base, p.V)
		}
	}
	if baselineEnd.IsZero() || len(base) < minBaselinePoints {
		return st
	}
	sort.Float64s(base)
	med := quantile(base, 0.5)
	dev := make([]float64, len(base))
	for i, v := range base {
		dev[i] = math.Abs(v - med)
	}
	sort.Float64s(dev)
	st.Baseline, st.BaselineSpread, st.BaselinePoints = med, madScale*quantile(dev, 0.5), len(base)
	st.DepartedAt = departure(points, med, st.BaselineSpread)
	return st
}

// departure returns the time of the first point of the first run of
// departRun consecutive points outside median ± band, or 0.
func departure(points []domain.Point, median, spread float64) int64 {
	band := math.Max(math.Max(departK*spread, departRel*math.Abs(median)), departMin)
	run, first := 0, int64(0)
	for _, p := range points {
		if math.IsNaN(p.V) {
			continue // a gap neither breaks nor extends a run
		}
		if math.Abs(p.V-median) > band {
			if run == 0 {
				first = p.T
			}
			run++
			if run >= departRun {
				return first
			}
		} else {
			run = 0
		}
	}
	if run > 0 {
		return first
	}
	return 0
}

// quantile of sorted (non-empty) values, linear between closest ranks.
func quantile(sorted []float64, q float64) float64 {
	if len(sorted) == 1 {
		return sorted[0]
	}
	r := q * float64(len(sorted)-1)
	lo := int(math.Floor(r))
	if lo >= len(sorted)-1 {
		return sorted[len(sorted)-1]
	}
	f := r - float64(lo)
	return sorted[lo] + f*(sorted[lo+1]-sorted[lo])
}

// ThresholdCrossing returns the time (Unix ms) of the first point above
// threshold (below it, when below is set), or 0 when none is. NaN points
// never cross.
func ThresholdCrossing(points []domain.Point, threshold float64, below bool) int64 {
	for _, p := range points {
		if math.IsNaN(p.V) {
			continue
		}
		if (!below && p.V > threshold) || (below && p.V < threshold) {
			return p.T
		}
	}
	return 0
}

// DetectionLag says when s's signal series first showed impact — crossing
// the signal's threshold when it has one, else leaving its baseline
// (Stats.DepartedAt) — and how long before the incident's detection that
// was. It returns nil when the snapshot has no signal, the series is not
// in it, or the series never showed impact. The threshold method needs the
// series' points (s.Series); the baseline method works on lists too (it
// reads s.SeriesStats when s.Series is empty).
func DetectionLag(inc *domain.Incident, s *domain.Snapshot) *domain.DetectionLag {
	if s == nil || s.Signal.SeriesKey == "" {
		return nil
	}
	var series *domain.Series
	for _, list := range [][]domain.Series{s.Series, s.SeriesStats} {
		for i := range list {
			if list[i].Key == s.Signal.SeriesKey {
				series = &list[i]
				break
			}
		}
		if series != nil {
			break
		}
	}
	if series == nil {
		return nil
	}
	d := &domain.DetectionLag{SnapshotID: s.ID, Title: s.Title, SeriesKey: series.Key}
	var at int64
	if s.Signal.Threshold != nil {
		d.Method = "threshold"
		at = ThresholdCrossing(series.Points, *s.Signal.Threshold, s.Signal.Below)
	} else {
		d.Method = "baseline"
		at = series.Stats.DepartedAt
	}
	if at == 0 {
		return nil
	}
	d.VisibleAt = time.UnixMilli(at).UTC()
	if inc != nil && inc.DetectedAt != nil {
		d.DetectedAt = inc.DetectedAt.UTC()
		d.Lag = d.DetectedAt.Sub(d.VisibleAt)
	}
	return d
}
