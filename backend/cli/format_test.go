package cli

import (
	"testing"
	"time"
)

func TestFormatDurationShowsHoursAndMinutesAndDays(t *testing.T) {
	d := func(s string) *time.Duration {
		v, err := time.ParseDuration(s)
		if err != nil {
			t.Fatal(err)
		}
		return &v
	}
	for _, tc := range []struct {
		name string
		in   *time.Duration
		want string
	}{
		{"unknown is a dash", nil, "—"},
		{"nothing is 0:00", d("0s"), "0:00"},
		{"minutes", d("12m"), "0:12"},
		{"seconds round to the nearest minute", d("6m31s"), "0:07"},
		{"hours and minutes", d("1h32m"), "1:32"},
		{"just under a day", d("23h59m"), "23:59"},
		{"days", d("51h10m"), "2d 3:10"},
		{"a negative span keeps its sign", d("-5m"), "-0:05"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := formatDuration(tc.in); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestCleanRemovesControlCharacters(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"plain text is unchanged", "Checkout 502s — ünïcode", "Checkout 502s — ünïcode"},
		{"a tab becomes a space", "a\tb", "a b"},
		{"an escape is replaced", "red \x1b[31m", "red \ufffd[31m"},
		{"a C1 control is replaced", "a\u009bb", "a\ufffdb"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := clean(tc.in); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}
