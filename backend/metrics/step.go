package metrics

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/hindsight-app/hindsight/backend/domain"
)

// niceSteps are the steps ChooseStep picks from: round numbers a person
// would type.
var niceSteps = []time.Duration{
	time.Second, 2 * time.Second, 5 * time.Second, 10 * time.Second, 15 * time.Second, 30 * time.Second,
	time.Minute, 2 * time.Minute, 5 * time.Minute, 10 * time.Minute, 15 * time.Minute, 30 * time.Minute,
	time.Hour, 2 * time.Hour, 3 * time.Hour, 6 * time.Hour, 12 * time.Hour, 24 * time.Hour,
}

// pointsFor is how many points a range query over [start, end] at step
// returns per series: both ends included.
func pointsFor(start, end time.Time, step time.Duration) int64 {
	return int64(end.Sub(start)/step) + 1
}

// ChooseStep returns the smallest nice step (1s, 2s, 5s, 10s, 15s, 30s,
// 1m … 12h, 1d) that gives at most domain.TargetPointsPerSeries points per
// series over [start, end]. A window too long even for a day's step gets
// the smallest whole number of days within domain.MaxPointsPerSeries
// (domain.MaxWindow never needs it).
func ChooseStep(start, end time.Time) time.Duration {
	if !end.After(start) {
		return niceSteps[0]
	}
	for _, s := range niceSteps {
		if pointsFor(start, end, s) <= domain.TargetPointsPerSeries {
			return s
		}
	}
	day := 24 * time.Hour
	n := (end.Sub(start) + day*(domain.TargetPointsPerSeries-1) - 1) / (day * (domain.TargetPointsPerSeries - 1))
	return n * day
}

// FormatStep writes a step as Prometheus accepts it: "15s", "5m", "1h",
// "1d", or seconds with a fraction when it is not whole.
func FormatStep(d time.Duration) string {
	switch {
	case d <= 0:
		return "auto"
	case d%(24*time.Hour) == 0:
		return fmt.Sprintf("%dd", d/(24*time.Hour))
	case d%time.Hour == 0:
		return fmt.Sprintf("%dh", d/time.Hour)
	case d%time.Minute == 0:
		return fmt.Sprintf("%dm", d/time.Minute)
	case d%time.Second == 0:
		return fmt.Sprintf("%ds", d/time.Second)
	}
	return fmt.Sprintf("%gs", d.Seconds())
}

// fmtSeconds writes a timeout for a message: "30 s".
func fmtSeconds(d time.Duration) string {
	if d%time.Second == 0 {
		return fmt.Sprintf("%d s", d/time.Second)
	}
	return fmt.Sprintf("%.1f s", d.Seconds())
}

// ParseStep reads a step as a person types it: a Go duration ("30s", "1m",
// "1m30s"), or a bare number of seconds as Prometheus reads it; "", "auto"
// and "0" mean automatic (0). Anything else is EINVALID on "step". The
// window and the CLI both read steps with it.
func ParseStep(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if s == "" || strings.EqualFold(s, "auto") || s == "0" {
		return 0, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		if n, nerr := strconv.ParseFloat(s, 64); nerr == nil && n > 0 && !math.IsInf(n, 0) {
			return time.Duration(n * float64(time.Second)), nil
		}
		return 0, fieldError("step", "%q is not a step; write a duration such as 30s, 1m or 5m, or leave it empty for automatic", s)
	}
	if d <= 0 {
		return 0, fieldError("step", "must be positive, e.g. 30s")
	}
	return d, nil
}
