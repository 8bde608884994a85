package metrics

import (
	"math"
	"sort"
	"testing"
	"time"

	"github.com/hindsight-app/hindsight/backend/domain"
)

func pointsOf(vals ...float64) []domain.Point {
	ps := make([]domain.Point, len(vals))
	for i, v := range vals {
		ps[i] = domain.Point{T: int64(i+1) * 1000, V: v}
	}
	return ps
}

func TestComputeStatsOnASmallSet(t *testing.T) {
	// Values checked with numpy: np.percentile([...], q) with the default
	// "linear" method.
	ps := pointsOf(3, 1, math.NaN(), 4, 1, 5, 9, 2, 6)
	st := ComputeStats(ps, time.Time{})
	vals := []float64{3, 1, 4, 1, 5, 9, 2, 6}
	sort.Float64s(vals) // 1 1 2 3 4 5 6 9
	checks := []struct {
		name      string
		got, want float64
	}{
		{"min", st.Min, 1}, {"max", st.Max, 9}, {"mean", st.Mean, 31.0 / 8},
		{"p50", st.P50, 3.5},                // rank 3.5 between 3 and 4
		{"p90", st.P90, 6 + 0.3*(9-6)},      // rank 6.3
		{"p99", st.P99, 6 + 0.93*(9-6)},     // rank 6.93
		{"p99.9", st.P999, 6 + 0.993*(9-6)}, // rank 6.993
	}
	for _, c := range checks {
		if math.Abs(c.got-c.want) > 1e-12 {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
	if st.Count != 8 {
		t.Errorf("count = %d, want 8 (NaN ignored)", st.Count)
	}
	if st.BaselinePoints != 0 || st.DepartedAt != 0 {
		t.Errorf("no baseline end gives baseline %d points, departed %d; want none", st.BaselinePoints, st.DepartedAt)
	}
}

func TestComputeStatsOfNothingIsNaN(t *testing.T) {
	st := ComputeStats(pointsOf(math.NaN()), time.Now())
	if st.Count != 0 || !math.IsNaN(st.Min) || !math.IsNaN(st.P50) || st.BaselinePoints != 0 {
		t.Errorf("stats of only NaN = %+v", st)
	}
}

func TestBaselineAndDeparture(t *testing.T) {
	at := func(i int) time.Time { return time.UnixMilli(int64(i+1) * 1000) }
	tests := []struct {
		name      string
		vals      []float64
		startedAt int // index of the first point after the baseline
		median    float64
		spread    float64
		departed  int // index, -1 none
		baseline  int
	}{
		{"a step up after the baseline departs at its first point",
			[]float64{10, 11, 9, 10, 12, 8, 10, 50, 51, 52, 50}, 7, 10, 1.4826 * 1, 7, 7},
		{"two points out then back is not a departure",
			[]float64{10, 11, 9, 10, 12, 8, 10, 50, 51, 10, 10, 10}, 7, 10, 1.4826, -1, 7},
		{"a run cut short by the end of the series counts",
			[]float64{10, 11, 9, 10, 12, 8, 10, 10, 10, 50, 50}, 7, 10, 1.4826, 9, 7},
		{"a flat baseline uses 5% of the median as the band",
			[]float64{100, 100, 100, 100, 100, 104, 104, 104, 106, 106, 106}, 5, 100, 0, 8, 5},
		{"a departure before the incident start is found too",
			[]float64{10, 10, 10, 10, 10, 10, 30, 30, 30, 30, 30}, 9, 10, 0, 6, 9},
		{"fewer than five baseline points give no baseline",
			[]float64{10, 10, 10, 10, 50, 50, 50}, 4, math.NaN(), math.NaN(), -1, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := ComputeStats(pointsOf(tt.vals...), at(tt.startedAt))
			if st.BaselinePoints != tt.baseline {
				t.Fatalf("baseline points = %d, want %d", st.BaselinePoints, tt.baseline)
			}
			if tt.baseline > 0 {
				// Independent: median and MAD of the baseline by sorting.
				base := append([]float64(nil), tt.vals[:tt.startedAt]...)
				sort.Float64s(base)
				med := median(base)
				dev := make([]float64, len(base))
				for i, v := range base {
					dev[i] = math.Abs(v - med)
				}
				sort.Float64s(dev)
				if med != tt.median || math.Abs(1.4826*median(dev)-tt.spread) > 1e-12 {
					t.Fatalf("test table is wrong: median %v spread %v", med, 1.4826*median(dev))
				}
				if st.Baseline != tt.median || math.Abs(st.BaselineSpread-tt.spread) > 1e-12 {
					t.Errorf("baseline = %v ± %v, want %v ± %v", st.Baseline, st.BaselineSpread, tt.median, tt.spread)
				}
			}
			want := int64(0)
			if tt.departed >= 0 {
				want = at(tt.departed).UnixMilli()
			}
			if st.DepartedAt != want {
				t.Errorf("departed at %d, want %d", st.DepartedAt, want)
			}
		})
	}
}

// median of sorted values, the schoolbook way.
func median(s []float64) float64 {
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func TestThresholdCrossing(t *testing.T) {
	ps := pointsOf(1, math.NaN(), 3, 5, 2)
	if got := ThresholdCrossing(ps, 2.5, false); got != 3000 {
		t.Errorf("above 2.5 at %d, want 3000", got)
	}
	if got := ThresholdCrossing(ps, 1.5, true); got != 1000 {
		t.Errorf("below 1.5 at %d, want 1000", got)
	}
	if got := ThresholdCrossing(ps, 9, false); got != 0 {
		t.Errorf("above 9 at %d, want 0", got)
	}
}

func TestDetectionLag(t *testing.T) {
	detected := time.UnixMilli(10_000).UTC()
	inc := &domain.Incident{DetectedAt: &detected}
	thr := 4.0
	snap := &domain.Snapshot{ID: "s1", Title: "latency", Series: []domain.Series{
		{Key: "a", Points: pointsOf(1, 2, 5, 6), Stats: domain.SeriesStats{DepartedAt: 2000}},
	}}
	if d := DetectionLag(inc, snap); d != nil {
		t.Errorf("no signal gives %+v, want nil", d)
	}
	snap.Signal = domain.Signal{SeriesKey: "a"}
	d := DetectionLag(inc, snap)
	if d == nil || d.Method != "baseline" || d.VisibleAt.UnixMilli() != 2000 || d.Lag != 8*time.Second {
		t.Errorf("baseline lag = %+v, want visible at 2 s, lag 8 s", d)
	}
	snap.Signal.Threshold = &thr
	d = DetectionLag(inc, snap)
	if d == nil || d.Method != "threshold" || d.VisibleAt.UnixMilli() != 3000 || d.Lag != 7*time.Second {
		t.Errorf("threshold lag = %+v, want visible at 3 s, lag 7 s", d)
	}
	snap.Signal.Threshold = nil
	snap.Series[0].Stats.DepartedAt = 0
	if d := DetectionLag(inc, snap); d != nil {
		t.Errorf("no departure gives %+v, want nil", d)
	}
}
