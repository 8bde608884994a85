package metrics

import (
	"math"
	"sort"
	"strings"
	"time"

	"github.com/hindsight-app/hindsight/backend/domain"
)

// Chart is what the UI draws: one shared time axis and one column of
// values per series. It is small whatever the snapshot's size.
type Chart struct {
	// X are the times, Unix ms, ascending.
	X      []int64       `json:"x"`
	Series []ChartSeries `json:"series"`
	// Step is the spacing of X: the bucket width when decimated, else the
	// smallest gap between two times.
	Step time.Duration `json:"step"`
	// From and To are the window drawn, Unix ms.
	From int64 `json:"from"`
	To   int64 `json:"to"`
	// Decimated says X holds two points per bucket (each bucket's min and
	// max in time order), not the raw samples.
	Decimated bool `json:"decimated"`
	// Snapshot is the snapshot drawn, as Service.Chart read it (nil from
	// Decimate), so a caller needs not read it again.
	Snapshot *domain.Snapshot `json:"-"`
}

// ChartSeries is one series' column of a Chart.
type ChartSeries struct {
	Key   string `json:"key"`
	Label string `json:"label"`
	// Y has one value per X; nil (JSON null) is a gap.
	Y     []*float64         `json:"y"`
	Stats domain.SeriesStats `json:"stats"`
}

// Decimate fits series into at most 2×buckets times over [from, to] (Unix
// ms, both included; to ≤ from means the whole extent of the data).
//
// When the distinct times within the window are at most 2×buckets, they
// are returned as they are: the union of the series' times, nil where a
// series has no value there (or NaN). Otherwise [from, to] is cut into
// buckets equal buckets, and each bucket gives two times, its start and
// its middle, carrying each series' minimum and maximum in the order they
// happened: a one-point spike survives, and so does its direction. A series
// with no value in a bucket has a gap there; with one value, it is repeated.
func Decimate(series []domain.Series, from, to int64, buckets int) Chart {
	if buckets < 1 {
		buckets = 1
	}
	if to <= from {
		from, to = extent(series)
	}
	c := Chart{From: from, To: to}
	labels := Labels(series)
	times := map[int64]struct{}{}
	clipped := make([][]domain.Point, len(series))
	for i, s := range series {
		lo := sort.Search(len(s.Points), func(k int) bool { return s.Points[k].T >= from })
		hi := sort.Search(len(s.Points), func(k int) bool { return s.Points[k].T > to })
		clipped[i] = s.Points[lo:hi]
		if len(times) <= 2*buckets {
			for _, p := range clipped[i] {
				times[p.T] = struct{}{}
			}
		}
		c.Series = append(c.Series, ChartSeries{Key: s.Key, Label: labels[i], Stats: s.Stats})
	}
	if len(times) <= 2*buckets {
		c.X = make([]int64, 0, len(times))
		for t := range times {
			c.X = append(c.X, t)
		}
		sort.Slice(c.X, func(i, j int) bool { return c.X[i] < c.X[j] })
		for i := 1; i < len(c.X); i++ {
			if d := time.Duration(c.X[i]-c.X[i-1]) * time.Millisecond; c.Step == 0 || d < c.Step {
				c.Step = d
			}
		}
		index := make(map[int64]int, len(c.X))
		for i, t := range c.X {
			index[t] = i
		}
		for i, pts := range clipped {
			y := make([]*float64, len(c.X))
			for _, p := range pts {
				if !math.IsNaN(p.V) {
					v := p.V
					y[index[p.T]] = &v
				}
			}
			c.Series[i].Y = y
		}
		return c
	}

	c.Decimated = true
	span := to - from + 1
	start := func(b int) int64 { return from + span*int64(b)/int64(buckets) }
	c.X = make([]int64, 0, 2*buckets)
	for b := 0; b < buckets; b++ {
		s, e := start(b), start(b+1)
		c.X = append(c.X, s, s+(e-s)/2)
	}
	c.Step = time.Duration(span/int64(buckets)) * time.Millisecond
	for i, pts := range clipped {
		y := make([]*float64, len(c.X))
		vals := make([]float64, 2*buckets) // backing store for y's pointers
		k := 0
		for b := 0; b < buckets; b++ {
			end := start(b + 1)
			minI, maxI := -1, -1
			for ; k < len(pts) && pts[k].T < end; k++ {
				v := pts[k].V
				if math.IsNaN(v) {
					continue
				}
				if minI < 0 || v < pts[minI].V {
					minI = k
				}
				if maxI < 0 || v > pts[maxI].V {
					maxI = k
				}
			}
			if minI < 0 {
				continue
			}
			first, second := minI, maxI
			if maxI < minI {
				first, second = maxI, minI
			}
			vals[2*b], vals[2*b+1] = pts[first].V, pts[second].V
			y[2*b], y[2*b+1] = &vals[2*b], &vals[2*b+1]
		}
		c.Series[i].Y = y
	}
	return c
}

// extent is the first and last time of any series (0, 0 when empty).
func extent(series []domain.Series) (int64, int64) {
	var lo, hi int64
	found := false
	for _, s := range series {
		if len(s.Points) == 0 {
			continue
		}
		a, b := s.Points[0].T, s.Points[len(s.Points)-1].T
		if !found || a < lo {
			lo = a
		}
		if !found || b > hi {
			hi = b
		}
		found = true
	}
	return lo, hi
}

// Labels names each series for a legend: its labels sorted by name as
// "code=500, service=checkout", leaving out __name__ when every series has
// the same one. A series with no other label is named by its metric name,
// or its key (a Graphite target).
func Labels(series []domain.Series) []string {
	sharedName := len(series) > 0
	for _, s := range series {
		if s.Labels["__name__"] != series[0].Labels["__name__"] {
			sharedName = false
			break
		}
	}
	out := make([]string, len(series))
	for i, s := range series {
		var parts []string
		for _, k := range sortedKeys(s.Labels) {
			if k == "__name__" && sharedName {
				continue
			}
			if k == "name" && len(s.Labels) == 1 && s.Labels[k] == s.Key {
				continue // Graphite's target as its only tag
			}
			parts = append(parts, k+"="+s.Labels[k])
		}
		switch {
		case len(parts) > 0:
			out[i] = strings.Join(parts, ", ")
		case s.Labels["__name__"] != "":
			out[i] = s.Labels["__name__"]
		default:
			out[i] = s.Key
		}
	}
	return out
}
