package domain

import (
	"strings"
	"testing"
	"time"
)

func TestActionValidateNamesEveryBadField(t *testing.T) {
	tests := []struct {
		name  string
		in    ActionInput
		field string
		has   string
	}{
		{"an empty title is refused", ActionInput{}, "title", "is required"},
		{"a title over the hard limit is refused", ActionInput{Title: strings.Repeat("x", MaxActionTitleLen+1)}, "title", "limit is 500"},
		{"a title of two lines is refused", ActionInput{Title: "a\nb"}, "title", "one line"},
		{"a due date that is not a date is refused", ActionInput{Title: "x", Due: "next friday"}, "due", "not a date"},
		{"a due date that does not exist is refused", ActionInput{Title: "x", Due: "2026-02-30"}, "due", "not a date"},
		{"a due date with a time is refused", ActionInput{Title: "x", Due: "2026-12-01 10:00"}, "due", "YYYY-MM-DD"},
		{"an unknown priority is refused", ActionInput{Title: "x", Priority: "P4"}, "priority", "P1, P2 or P3"},
		{"an unknown status is refused", ActionInput{Title: "x", Status: "finished"}, "status", "wont_do"},
		{"an unknown type is refused", ActionInput{Title: "x", Type: "fix"}, "type", "mitigate"},
		{"won't do without a reason is refused", ActionInput{Title: "x", Status: "wont_do"}, "reason", "is required"},
		{"a javascript: link is refused", ActionInput{Title: "x", Link: "javascript:alert(1)"}, "link", "javascript: links are not allowed"},
		{"a file: link is refused", ActionInput{Title: "x", Link: "file:///etc/passwd"}, "link", "file: links are not allowed"},
		{"a data: link is refused", ActionInput{Title: "x", Link: "data:text/html,hi"}, "link", "not allowed"},
		{"a link without a scheme is refused", ActionInput{Title: "x", Link: "tracker.example.com/T-1"}, "link", "no scheme"},
		{"a link without a host is refused", ActionInput{Title: "x", Link: "https:///T-1"}, "link", "no host"},
		{"an owner with a comma is refused", ActionInput{Title: "x", Owner: "Dana, Sam"}, "owner", "comma"},
		{"an unknown zone is refused", ActionInput{Title: "x", Zone: "Mars/Base"}, "zone", "unknown time zone"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.in.Validate()
			e, ok := err.(*Error)
			if !ok || e.Code != EINVALID {
				t.Fatalf("err = %v, want EINVALID", err)
			}
			if got := e.Fields[tt.field]; !strings.Contains(got, tt.has) {
				t.Errorf("fields[%s] = %q, want it to contain %q (all: %v)", tt.field, got, tt.has, e.Fields)
			}
		})
	}
}

func TestActionValidateAcceptsWhatPeopleType(t *testing.T) {
	d, err := ActionInput{Title: "  Add a canary stage  ", Due: " 2026-12-01 ", Priority: "1", Type: "Detect",
		Status: "In Progress", Link: "HTTPS://tracker.example.com/T-1", Owner: " Dana "}.Validate()
	if err != nil {
		t.Fatal(err)
	}
	if d.Title != "Add a canary stage" || d.Due != "2026-12-01" || d.Priority != P1 || d.Type != "detect" ||
		d.Status != ActionInProgress || d.Owner != "Dana" {
		t.Errorf("draft = %+v", d)
	}
	for in, want := range map[string]ActionStatus{"won't do": ActionWontDo, "wont-do": ActionWontDo, "DONE": ActionDone, "blocked": ActionBlocked} {
		if got, err := ParseActionStatus(in); err != nil || got != want {
			t.Errorf("ParseActionStatus(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
}

func TestFinishAppliesDefaultsAndClosedTimes(t *testing.T) {
	berlin, _ := LoadZone("Europe/Berlin")
	// 23:30 UTC on the 23rd is already the 24th in Berlin.
	late := time.Date(2026, 11, 23, 23, 30, 0, 0, time.UTC)
	days := DueDaysFor(func(k string) string {
		if k == "actionDueP1" {
			return "7"
		}
		if k == "actionDueP3" {
			return "not a number"
		}
		return ""
	})
	draft := func(in ActionInput) *ActionDraft {
		t.Helper()
		in.Title = "x"
		d, err := in.Validate()
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	t.Run("a new action without a due date gets its priority's deadline from today in the zone", func(t *testing.T) {
		for _, c := range []struct {
			prio, want string
		}{{"P1", "2026-12-01"}, {"", "2027-01-19"}, {"P3", "2027-02-16"}} {
			d := draft(ActionInput{Priority: c.prio})
			if _, err := d.Finish(nil, late, berlin, days); err != nil || d.Due != c.want {
				t.Errorf("priority %q: due = %q, %v; want %q", c.prio, d.Due, err, c.want)
			}
		}
	})
	t.Run("a new action gets the default priority, type and status", func(t *testing.T) {
		d := draft(ActionInput{Due: "2026-12-24"})
		closed, err := d.Finish(nil, now, time.UTC, days)
		if err != nil || d.Priority != P2 || d.Type != "prevent" || d.Status != ActionOpen || d.Due != "2026-12-24" || closed != nil {
			t.Errorf("draft = %+v, closed %v, err %v", d, closed, err)
		}
	})
	t.Run("an update keeps priority, type and status left empty", func(t *testing.T) {
		prev := &ActionItem{Priority: P1, Type: "detect", Status: ActionBlocked, Due: "2026-12-01"}
		d := draft(ActionInput{})
		if _, err := d.Finish(prev, now, time.UTC, days); err != nil || d.Priority != P1 || d.Type != "detect" || d.Status != ActionBlocked || d.Due != "" {
			t.Errorf("draft = %+v, %v; want the stored values and the due date cleared", d, err)
		}
	})
	t.Run("done sets the closed time and reopening clears it", func(t *testing.T) {
		d := draft(ActionInput{Status: "done"})
		closed, err := d.Finish(&ActionItem{Status: ActionOpen}, now, time.UTC, days)
		if err != nil || closed == nil || !closed.Equal(now) {
			t.Fatalf("closed = %v, %v; want now", closed, err)
		}
		d = draft(ActionInput{Status: "open"})
		if closed, err := d.Finish(&ActionItem{Status: ActionDone, ClosedAt: &now}, now.Add(time.Hour), time.UTC, days); err != nil || closed != nil {
			t.Errorf("reopened: closed = %v, %v; want nil", closed, err)
		}
	})
	t.Run("done to won't do keeps when it was closed", func(t *testing.T) {
		d := draft(ActionInput{Status: "wont_do", Reason: "superseded"})
		closed, err := d.Finish(&ActionItem{Status: ActionDone, ClosedAt: &now}, now.Add(time.Hour), time.UTC, days)
		if err != nil || closed == nil || !closed.Equal(now) || d.Reason != "superseded" {
			t.Errorf("closed = %v, reason %q, %v", closed, d.Reason, err)
		}
	})
	t.Run("a reason is dropped when the status is not won't do", func(t *testing.T) {
		d := draft(ActionInput{Status: "open", Reason: "stale"})
		if _, err := d.Finish(&ActionItem{Status: ActionWontDo, Reason: "stale"}, now, time.UTC, days); err != nil || d.Reason != "" {
			t.Errorf("reason = %q, %v; want it cleared", d.Reason, err)
		}
	})
	t.Run("a stored won't do cannot lose its reason", func(t *testing.T) {
		d := draft(ActionInput{})
		if _, err := d.Finish(&ActionItem{Status: ActionWontDo}, now, time.UTC, days); err == nil || !strings.Contains(err.Error(), "reason") {
			t.Errorf("err = %v, want reason required", err)
		}
	})
}

func TestOverdueIsStrictlyBeforeTodayInTheUsersZone(t *testing.T) {
	tokyo, _ := LoadZone("Asia/Tokyo")
	la, _ := LoadZone("America/Los_Angeles")
	at := time.Date(2026, 11, 23, 20, 0, 0, 0, time.UTC) // 24th in Tokyo, 23rd in LA
	tests := []struct {
		name   string
		a      ActionItem
		loc    *time.Location
		over   bool
		daysOv int
	}{
		{"due today is not overdue", ActionItem{Due: "2026-11-23", Status: ActionOpen}, time.UTC, false, 0},
		{"due yesterday is one day overdue", ActionItem{Due: "2026-11-22", Status: ActionOpen}, time.UTC, true, 1},
		{"the zone decides what today is (Tokyo is already on the 24th)", ActionItem{Due: "2026-11-23", Status: ActionInProgress}, tokyo, true, 1},
		{"the zone decides what today is (LA is still on the 23rd)", ActionItem{Due: "2026-11-23", Status: ActionBlocked}, la, false, 0},
		{"a done action is never overdue", ActionItem{Due: "2026-01-01", Status: ActionDone}, time.UTC, false, 0},
		{"a won't do action is never overdue", ActionItem{Due: "2026-01-01", Status: ActionWontDo}, time.UTC, false, 0},
		{"an action without a date is never overdue", ActionItem{Status: ActionOpen}, time.UTC, false, 0},
		{"days overdue count calendar days", ActionItem{Due: "2026-10-24", Status: ActionOpen}, time.UTC, true, 30},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.a.IsOverdue(at, tt.loc); got != tt.over {
				t.Errorf("IsOverdue = %v, want %v", got, tt.over)
			}
			if got := tt.a.DaysOverdue(at, tt.loc); got != tt.daysOv {
				t.Errorf("DaysOverdue = %d, want %d", got, tt.daysOv)
			}
		})
	}
}

func TestThisWeekRunsMondayToSunday(t *testing.T) {
	for _, c := range []struct{ day, mon, sun string }{
		{"2026-11-23", "2026-11-23", "2026-11-29"}, // a Monday
		{"2026-11-26", "2026-11-23", "2026-11-29"},
		{"2026-11-29", "2026-11-23", "2026-11-29"}, // a Sunday
		{"2026-12-31", "2026-12-28", "2027-01-03"},
	} {
		d, _ := time.Parse(DateLayout, c.day)
		mon, sun := ThisWeek(d.Add(12*time.Hour), time.UTC)
		if mon != c.mon || sun != c.sun {
			t.Errorf("ThisWeek(%s) = %s..%s, want %s..%s", c.day, mon, sun, c.mon, c.sun)
		}
	}
}

func TestActionHints(t *testing.T) {
	codes := func(hs []Hint) string {
		var out []string
		for _, h := range hs {
			out = append(out, h.Code)
		}
		return strings.Join(out, ",")
	}
	good := ActionItem{Title: "Alert when pool wait p99 exceeds 200 ms", Owner: "Dana", Due: "2026-12-01"}
	tests := []struct {
		name string
		edit func(a *ActionItem)
		want string
	}{
		{"a well-formed action has no hints", func(*ActionItem) {}, ""},
		{"no owner", func(a *ActionItem) { a.Owner = " " }, "no_owner"},
		{"no due date", func(a *ActionItem) { a.Due = "" }, "no_due"},
		{"a due date already past when created", func(a *ActionItem) { a.Due = "2026-11-22" }, "due_in_past"},
		{"a due date past now but not when created is not flagged", func(a *ActionItem) {
			a.Due = "2026-11-22"
			a.CreatedAt = time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
		}, ""},
		{"investigate with nothing measurable", func(a *ActionItem) { a.Title = "Investigate the connection pool" }, "vague"},
		{"look into with nothing measurable", func(a *ActionItem) { a.Title = "Look into flaky deploys" }, "vague"},
		{"consider with nothing measurable", func(a *ActionItem) { a.Title = "Consider a canary stage" }, "vague"},
		{"monitor with nothing measurable", func(a *ActionItem) { a.Title = "Monitor payments-db" }, "vague"},
		{"monitor with a threshold is fine", func(a *ActionItem) { a.Title = "Monitor pool wait; page above 200 ms" }, ""},
		{"a vague title with a measurable verification is fine", func(a *ActionItem) {
			a.Title = "Investigate pool sizing"
			a.Verification = "p99 checkout latency below 300ms for a week"
		}, ""},
		{"a word that merely contains a vague verb is fine", func(a *ActionItem) { a.Title = "Write reconsideration notes" }, ""},
		{"a title over 120 characters", func(a *ActionItem) { a.Title = strings.Repeat("Add 1 check. ", 10) }, "long_title"},
		{"everything at once, in a stable order", func(a *ActionItem) { *a = ActionItem{Title: "Investigate " + strings.Repeat("things ", 20)} }, "no_owner,no_due,vague,long_title"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := good
			tt.edit(&a)
			got := ActionHints(&a, now, time.UTC)
			if codes(got) != tt.want {
				t.Errorf("hints = %v, want %q", got, tt.want)
			}
			for _, h := range got {
				if h.Message == "" {
					t.Errorf("hint %s has no message", h.Code)
				}
			}
		})
	}
}

func TestRefsAndDates(t *testing.T) {
	if got := ActionRef(7); got != "ACT-0007" {
		t.Errorf("ActionRef(7) = %q", got)
	}
	if got := AddDays("2026-12-31", 1); got != "2027-01-01" {
		t.Errorf("AddDays = %q", got)
	}
	for _, bad := range []string{"0", "-3", "x", "3651"} {
		if _, err := ParseDueDays(bad); err == nil {
			t.Errorf("ParseDueDays(%q) succeeded", bad)
		}
	}
}
