package timeline

import (
	"strings"
	"testing"
	"time"

	"github.com/hindsight-app/hindsight/backend/domain"
)

func TestCheckWindowWarnsOnlyAboutEventsDaysAwayOrInTheFuture(t *testing.T) {
	start := time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)
	now := time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)
	text := strings.Join([]string{
		"2026-11-19 12:00 UTC the deploy the day before", // within a day: fine
		"2026-11-18 09:00 UTC two days before",
		"2026-11-23 09:00 UTC three days on, still open", // open incident: fine
		"2026-11-25 13:00 UTC a day ahead of the clock",
	}, "\n")
	tests := []struct {
		name     string
		inc      domain.Incident
		warned   []int
		contains string
	}{
		{"an open incident", domain.Incident{Number: 7, StartedAt: &start}, []int{1, 3}, "1 of 4 events are more than a day outside INC-0007"},
		{"a resolved incident", domain.Incident{Number: 7, StartedAt: &start, ResolvedAt: ptr(start.Add(2 * time.Hour))}, []int{1, 2, 3}, "1 before, 1 after"},
		{"an incident with no start uses its record time", domain.Incident{Number: 7, CreatedAt: start.Add(72 * time.Hour)}, []int{0, 1, 3}, "the incident was recorded"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := Prepare(Request{Data: []byte(text), Zone: "UTC"})
			if err != nil {
				t.Fatal(err)
			}
			had := make([]int, len(p.Result.Events))
			for k, e := range p.Result.Events {
				had[k] = len(e.Warnings)
			}
			p.CheckWindow(&tc.inc, now, time.UTC)
			var warned []int
			for k, e := range p.Result.Events {
				if len(e.Warnings) > had[k] {
					warned = append(warned, k)
				}
			}
			if !equalInts(warned, tc.warned) {
				t.Errorf("warned events = %v, want %v (%+v)", warned, tc.warned, p.Result.Events)
			}
			all := strings.Join(p.Result.Warnings, "\n")
			if !strings.Contains(all, tc.contains) || !strings.Contains(all, "1 events are in the future") {
				t.Errorf("summary = %q, want %q and the future line", all, tc.contains)
			}
		})
	}
}

func ptr[T any](v T) *T { return &v }

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for k := range a {
		if a[k] != b[k] {
			return false
		}
	}
	return true
}
