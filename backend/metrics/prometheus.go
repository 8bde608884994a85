package metrics

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	v1 "github.com/prometheus/client_golang/api/prometheus/v1"
	"github.com/prometheus/common/model"

	"github.com/hindsight-app/hindsight/backend/domain"
)

// promRange runs a range query and converts its matrix. Native histogram
// samples are not plotted and are left out.
func (c *Client) promRange(ctx context.Context, q Query) ([]domain.Series, error) {
	val, _, err := c.prom.QueryRange(ctx, q.Expr, v1.Range{Start: q.Start, End: q.End, Step: q.Step})
	if err != nil {
		return nil, err
	}
	return matrix(val)
}

// promRaw reads the raw samples of a selector between start and end: an
// instant query of the range selector expr[N s] at end. Unlike a range
// query it has no lookback and no step grid, so every sample keeps its
// own time.
func (c *Client) promRaw(ctx context.Context, expr string, start, end time.Time) ([]domain.Series, error) {
	secs := int64(math.Ceil(end.Sub(start).Seconds())) + 1
	val, _, err := c.prom.Query(ctx, fmt.Sprintf("%s[%ds]", expr, secs), end)
	if err != nil {
		return nil, err
	}
	return matrix(val)
}

// matrix converts a query's matrix result into series sorted by key.
func matrix(val model.Value) ([]domain.Series, error) {
	m, ok := val.(model.Matrix)
	if !ok {
		if val == nil {
			return nil, nil
		}
		return nil, fmt.Errorf("%w: expected a matrix, got %s", errNotMatrix, val.Type())
	}
	out := make([]domain.Series, 0, len(m))
	for _, ss := range m {
		labels := make(map[string]string, len(ss.Metric))
		for k, v := range ss.Metric {
			labels[string(k)] = string(v)
		}
		pts := make([]domain.Point, len(ss.Values))
		for i, sp := range ss.Values {
			pts[i] = domain.Point{T: int64(sp.Timestamp), V: float64(sp.Value)}
		}
		sort.SliceStable(pts, func(i, j int) bool { return pts[i].T < pts[j].T })
		out = append(out, domain.Series{Key: SeriesKey(labels), Labels: labels, Points: pts})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out, nil
}

var errNotMatrix = fmt.Errorf("not a range result")

// Alert is one firing interval of a Prometheus alert, read from the
// ALERTS series.
type Alert struct {
	// Name is the alertname label.
	Name string `json:"name"`
	// Labels are the alert's labels without __name__, alertname and
	// alertstate.
	Labels map[string]string `json:"labels"`
	// Key is the ALERTS series' key (all its labels), for telling two
	// alerts of the same name apart.
	Key      string    `json:"key"`
	FiringAt time.Time `json:"firingAt"`
	// ResolvedAt is the last firing sample plus one step; nil when the
	// alert still fired at the end of the window.
	ResolvedAt *time.Time `json:"resolvedAt"`
}

// alertsQuery is what Alerts asks Prometheus.
const alertsQuery = `ALERTS{alertstate="firing"}`

// Alerts reads the alerts that fired between start and end from the raw
// samples of the ALERTS series (written at each rule evaluation while an
// alert fires): each run of samples without a gap of more than 2.5 times
// the series' usual interval is one alert, firing at its first sample and
// resolved one interval after its last. A run that reaches the end of the
// window is still firing. Raw samples, not a range query, so there is no
// 5-minute lookback and no step grid to blur the moments. Sorted by firing
// time, then key. step is the fallback interval for a series with a single
// sample (0: one minute). Graphite sources have no alerts: EINVALID.
func (c *Client) Alerts(ctx context.Context, start, end time.Time, step time.Duration) ([]Alert, error) {
	if c.src.Kind != domain.SourcePrometheus {
		return nil, fieldError("source", "source %q: alerts are read from Prometheus sources only", c.src.Name)
	}
	if step <= 0 {
		step = time.Minute
	}
	var series []domain.Series
	err := c.call(ctx, alertsQuery, func(ctx context.Context) error {
		var err error
		series, err = c.promRaw(ctx, alertsQuery, start, end)
		return err
	})
	if err != nil {
		return nil, err
	}
	return alertRuns(series, start, end, step), nil
}

// interval is the usual time between a series' samples: the median gap,
// or fallback when there are fewer than two samples.
func interval(pts []domain.Point, fallback int64) int64 {
	if len(pts) < 2 {
		return fallback
	}
	gaps := make([]int64, 0, len(pts)-1)
	for i := 1; i < len(pts); i++ {
		gaps = append(gaps, pts[i].T-pts[i-1].T)
	}
	sort.Slice(gaps, func(i, j int) bool { return gaps[i] < gaps[j] })
	if g := gaps[len(gaps)/2]; g > 0 {
		return g
	}
	return fallback
}

// alertRuns splits ALERTS series into firing intervals.
func alertRuns(series []domain.Series, start, end time.Time, step time.Duration) []Alert {
	var out []Alert
	for _, s := range series {
		labels := map[string]string{}
		for k, v := range s.Labels {
			switch k {
			case "__name__", "alertstate", "alertname":
			default:
				labels[k] = v
			}
		}
		pts := make([]domain.Point, 0, len(s.Points))
		for _, p := range s.Points {
			if !math.IsNaN(p.V) && p.T >= start.UnixMilli() && p.T <= end.UnixMilli() {
				pts = append(pts, p)
			}
		}
		every := interval(pts, step.Milliseconds())
		maxGap := every * 5 / 2
		var runStart, prev int64
		inRun := false
		flush := func() {
			a := Alert{Name: s.Labels["alertname"], Labels: labels, Key: s.Key, FiringAt: time.UnixMilli(runStart).UTC()}
			// Still firing when the next evaluation would fall after the
			// window's end.
			if prev+maxGap <= end.UnixMilli() {
				r := time.UnixMilli(prev + every).UTC()
				a.ResolvedAt = &r
			}
			out = append(out, a)
		}
		for _, p := range pts {
			if inRun && p.T-prev > maxGap {
				flush()
				inRun = false
			}
			if !inRun {
				runStart, inRun = p.T, true
			}
			prev = p.T
		}
		if inRun {
			flush()
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if !out[i].FiringAt.Equal(out[j].FiringAt) {
			return out[i].FiringAt.Before(out[j].FiringAt)
		}
		return out[i].Key < out[j].Key
	})
	return out
}

// Alert event authors and kinds, as the timeline stores them.
const (
	AlertEventKind   = "alert"
	AlertEventAuthor = "prometheus"
)

// Describe is the alert as a timeline line names it:
// "HighLatency (service=checkout, severity=page)".
func (a Alert) Describe() string {
	names := sortedKeys(a.Labels)
	parts := make([]string, len(names))
	for i, k := range names {
		parts[i] = k + "=" + a.Labels[k]
	}
	if len(parts) == 0 {
		return a.Name
	}
	return a.Name + " (" + strings.Join(parts, ", ") + ")"
}

// AlertEvents turns alerts into timeline events: "FIRING <alert>" at its
// firing time and "RESOLVED <alert>" at its resolution (when it has one),
// kind alert, author prometheus, in UTC. The timeline's import skips
// events already there, so adding the same alerts twice adds nothing.
func AlertEvents(alerts []Alert) []domain.ImportedEvent {
	out := make([]domain.ImportedEvent, 0, 2*len(alerts))
	for _, a := range alerts {
		d := a.Describe()
		out = append(out, domain.ImportedEvent{At: a.FiringAt.UTC(), Kind: AlertEventKind, Author: AlertEventAuthor, Body: "FIRING " + d})
		if a.ResolvedAt != nil {
			out = append(out, domain.ImportedEvent{At: a.ResolvedAt.UTC(), Kind: AlertEventKind, Author: AlertEventAuthor, Body: "RESOLVED " + d})
		}
	}
	return out
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
