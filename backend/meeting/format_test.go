package meeting

import (
	"testing"
	"time"

	"github.com/hindsight-app/hindsight/backend/domain"
)

// Trend values read as the window's labels do: whole minutes passed, with
// days past 24 hours (the title once said 60:30 beside a chart saying
// 2d 12:30).
func TestTrendFormatReadsAsTheWindow(t *testing.T) {
	secs := Trend{Unit: "seconds"}
	for _, c := range []struct {
		v    float64
		want string
	}{
		{450, "0:07"},                 // the median of 0:05 and 0:10
		{60*3600 + 30*60, "2d 12:30"}, // 60.5 hours
		{59, "0:00"},
		{-90, "-0:01"},
	} {
		v := c.v
		if got := secs.Format(&v); got != c.want {
			t.Errorf("Format(%v s) = %q, want %q", c.v, got, c.want)
		}
	}
	if got := secs.Format(nil); got != "—" {
		t.Errorf("Format(nil) = %q", got)
	}
	share := Trend{Unit: "share"}
	v := 0.834
	if got := share.Format(&v); got != "83%" {
		t.Errorf("share = %q", got)
	}
	d := 26*time.Hour + 5*time.Minute + 40*time.Second
	if got := domain.FormatSpan(&d); got != "1d 2:06" {
		t.Errorf("FormatSpan(26h05m40s) = %q, want 1d 2:06 (rounded, as the CLI shows)", got)
	}
}
