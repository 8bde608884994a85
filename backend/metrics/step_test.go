package metrics

import (
	"testing"
	"time"

	"github.com/hindsight-app/hindsight/backend/domain"
)

func TestChooseStep(t *testing.T) {
	t0 := time.Date(2026, 11, 20, 8, 0, 0, 0, time.UTC)
	tests := []struct {
		span time.Duration
		want time.Duration
	}{
		{time.Minute, time.Second},
		{25 * time.Minute, 2 * time.Second}, // 1501 points at 1s: one too many
		{24*time.Minute + 59*time.Second, time.Second},
		{time.Hour, 5 * time.Second},
		{3 * time.Hour, 10 * time.Second},
		{6 * time.Hour, 15 * time.Second},
		{12 * time.Hour, 30 * time.Second},
		{24 * time.Hour, time.Minute},
		{7 * 24 * time.Hour, 10 * time.Minute},
		{30 * 24 * time.Hour, 30 * time.Minute},
		{90 * 24 * time.Hour, 2 * time.Hour},
		{5 * 365 * 24 * time.Hour, 2 * 24 * time.Hour},
	}
	for _, tt := range tests {
		t.Run(tt.span.String(), func(t *testing.T) {
			got := ChooseStep(t0, t0.Add(tt.span))
			if got != tt.want {
				t.Errorf("ChooseStep(%s) = %s, want %s", tt.span, got, tt.want)
			}
			n := pointsFor(t0, t0.Add(tt.span), got)
			if n > domain.MaxPointsPerSeries || (tt.span <= domain.MaxWindow && n > domain.TargetPointsPerSeries) {
				t.Errorf("%s at %s gives %d points", tt.span, got, n)
			}
			fe := domain.FieldErrors{}
			domain.CheckWindow(fe, t0, t0.Add(tt.span), got)
			if _, bad := fe["step"]; bad {
				t.Errorf("CheckWindow refuses the chosen step: %s", fe["step"])
			}
		})
	}
}

func TestFormatStep(t *testing.T) {
	for d, want := range map[time.Duration]string{15 * time.Second: "15s", 5 * time.Minute: "5m", time.Hour: "1h",
		24 * time.Hour: "1d", 1500 * time.Millisecond: "1.5s", 0: "auto"} {
		if got := FormatStep(d); got != want {
			t.Errorf("FormatStep(%s) = %q, want %q", d, got, want)
		}
	}
}
