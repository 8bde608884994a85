package domain

import (
	"errors"
	"testing"
	"time"
)

func TestInsightsQueryCheck(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Skip("no zone data:", err)
	}
	month := func(y int, m time.Month) time.Time { return time.Date(y, m, 1, 0, 0, 0, 0, berlin) }
	for _, c := range []struct {
		name     string
		from, to time.Time
		field    string // "" for valid
	}{
		{"one month is fine", month(2026, 1), month(2026, 2), ""},
		{"ten years is fine", month(2016, 1), month(2026, 1), ""},
		{"ten years and a month is too long", month(2015, 12), month(2026, 1), "from"},
		{"to before from", month(2026, 3), month(2026, 1), "to"},
		{"to equal to from", month(2026, 3), month(2026, 3), "to"},
		{"from missing", time.Time{}, month(2026, 1), "from"},
		{"to not a month start in the zone", month(2026, 1), time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC), "to"},
	} {
		t.Run(c.name, func(t *testing.T) {
			q := InsightsQuery{From: c.from, To: c.to, Zone: berlin}
			err := q.Check()
			var e *Error
			switch {
			case c.field == "" && err != nil:
				t.Errorf("got %v, want none", err)
			case c.field != "" && (!errors.As(err, &e) || e.Fields[c.field] == ""):
				t.Errorf("got %v, want an error naming %s", err, c.field)
			}
		})
	}
	t.Run("month starts end with To", func(t *testing.T) {
		q := InsightsQuery{From: month(2025, 11), To: month(2026, 2), Zone: berlin}
		got := q.MonthStarts()
		if len(got) != 4 || !got[2].Equal(month(2026, 1)) || !got[3].Equal(q.To) {
			t.Errorf("got %v", got)
		}
	})
}
