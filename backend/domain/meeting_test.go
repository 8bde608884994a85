package domain

import (
	"testing"
	"time"
)

func TestDefaultPeriodsAndNextMeetings(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	// 2026-11-02 10:00 CET; a month back is 2026-10-02 10:00 CEST.
	at := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	prev := time.Date(2026, 10, 20, 8, 0, 0, 0, time.UTC)
	later := at.Add(time.Hour)
	for _, c := range []struct {
		name      string
		cadence   Cadence
		prevEnd   *time.Time
		wantStart time.Time
		wantNext  time.Time
	}{
		{"weekly, first meeting: 7 days back", CadenceWeekly, nil, time.Date(2026, 10, 26, 9, 0, 0, 0, time.UTC), time.Date(2026, 11, 9, 9, 0, 0, 0, time.UTC)},
		{"monthly, first meeting: a calendar month back, across the DST change", CadenceMonthly, nil, time.Date(2026, 10, 2, 8, 0, 0, 0, time.UTC), time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)},
		{"ad hoc, first meeting: 30 days back", CadenceAdhoc, nil, time.Date(2026, 10, 3, 8, 0, 0, 0, time.UTC), time.Date(2026, 11, 16, 9, 0, 0, 0, time.UTC)},
		{"after a meeting: from the end of its period", CadenceWeekly, &prev, prev, time.Date(2026, 11, 9, 9, 0, 0, 0, time.UTC)},
		{"a previous period ending after the meeting is ignored", CadenceWeekly, &later, time.Date(2026, 10, 26, 9, 0, 0, 0, time.UTC), time.Date(2026, 11, 9, 9, 0, 0, 0, time.UTC)},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := DefaultPeriodStart(c.cadence, at, berlin, c.prevEnd); !got.Equal(c.wantStart) {
				t.Errorf("start: got %v, want %v", got, c.wantStart)
			}
			if got := NextMeetingAt(c.cadence, at, berlin); !got.Equal(c.wantNext) {
				t.Errorf("next: got %v, want %v", got, c.wantNext)
			}
		})
	}
}

func TestMeetingInputNamesEveryBadField(t *testing.T) {
	_, err := MeetingInput{Date: "tomorrow", Time: "9", From: "2026-10-05", To: "2026-10-01", Attendees: []string{"a\nb"},
		Title: "two\nlines"}.Validate(time.UTC)
	e, ok := err.(*Error)
	if !ok {
		t.Fatalf("got %v", err)
	}
	for _, f := range []string{"series", "date", "time", "to", "attendees", "title"} {
		if e.Fields[f] == "" {
			t.Errorf("no error on %s: %v", f, e.Fields)
		}
	}
}
