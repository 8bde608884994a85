package domain

import (
	"fmt"
	"time"
)

// FormatSpan shows a span rounded to the minute as people read incident durations:
// 0:12, 1:32, 2d 3:10; "—" when unknown. The CLI, the agenda and the
// exports all say durations this way, as the window does.
func FormatSpan(d *time.Duration) string {
	if d == nil {
		return "—"
	}
	m := int64(d.Round(time.Minute) / time.Minute)
	sign := ""
	if m < 0 {
		sign, m = "-", -m
	}
	days, h, mins := m/(24*60), m%(24*60)/60, m%60
	if days > 0 {
		return fmt.Sprintf("%s%dd %d:%02d", sign, days, h, mins)
	}
	return fmt.Sprintf("%s%d:%02d", sign, h, mins)
}
