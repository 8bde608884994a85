package domain

import (
	"strings"
	"testing"
	"time"
)

var now = time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)

func TestParseTime(t *testing.T) {
	berlin, _ := LoadZone("Europe/Berlin")
	tests := []struct {
		in     string
		loc    *time.Location
		want   string // RFC 3339 UTC, or "" when an error is expected
		errHas string
	}{
		{"2026-11-23 14:05", berlin, "2026-11-23T13:05:00Z", ""},
		{"2026-07-01 14:05", berlin, "2026-07-01T12:05:00Z", ""}, // summer time
		{"2026-11-23T14:05", time.UTC, "2026-11-23T14:05:00Z", ""},
		{"2026-11-23 14:05:09", time.UTC, "2026-11-23T14:05:09Z", ""},
		{"2026-11-23 14:05:09.250", time.UTC, "2026-11-23T14:05:09.25Z", ""},
		{"2026-11-23T14:05:00+02:00", berlin, "2026-11-23T12:05:00Z", ""}, // the offset wins over the zone
		{"2026-11-23T14:05:00Z", berlin, "2026-11-23T14:05:00Z", ""},
		{"2026-03-29 02:30", berlin, "", "does not exist"},       // skipped by DST
		{"2026-10-25 02:30", berlin, "2026-10-25T01:30:00Z", ""}, // repeated hour: Go takes standard time; an offset picks the other
		{"2026-02-30 10:00", time.UTC, "", "not a date and time"},
		{"2026-11-23", time.UTC, "", "no time of day"},
		{"", time.UTC, "", "is empty"},
		{"next tuesday", time.UTC, "", "YYYY-MM-DD HH:MM"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseTime(tt.in, tt.loc)
			if tt.want == "" {
				if err == nil || !strings.Contains(err.Error(), tt.errHas) {
					t.Fatalf("ParseTime(%q) = %v, %v; want an error containing %q", tt.in, got, err, tt.errHas)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseTime(%q): %v", tt.in, err)
			}
			if s := got.Format(time.RFC3339Nano); s != tt.want {
				t.Errorf("ParseTime(%q) = %s, want %s", tt.in, s, tt.want)
			}
		})
	}
}

func TestTransitions(t *testing.T) {
	tests := []struct {
		from, to Status
		ok       bool
		reopen   bool
	}{
		{StatusInvestigating, StatusIdentified, true, false},
		{StatusInvestigating, StatusResolved, true, false},
		{StatusMonitoring, StatusInvestigating, true, false}, // the fix did not hold
		{StatusResolved, StatusPostmortem, true, false},
		{StatusPostmortem, StatusClosed, true, false},
		{StatusClosed, StatusInvestigating, true, true},
		{StatusResolved, StatusMonitoring, true, true},
		{StatusInvestigating, StatusPostmortem, false, false},
		{StatusInvestigating, StatusClosed, false, false},
		{StatusClosed, StatusResolved, false, false},
		{StatusPostmortem, StatusResolved, false, false},
		{StatusClosed, StatusClosed, true, false},
	}
	for _, tt := range tests {
		t.Run(string(tt.from)+" to "+string(tt.to), func(t *testing.T) {
			err := CheckTransition(tt.from, tt.to)
			if (err == nil) != tt.ok {
				t.Errorf("CheckTransition = %v, want allowed=%v", err, tt.ok)
			}
			if got := IsReopen(tt.from, tt.to); tt.ok && got != tt.reopen {
				t.Errorf("IsReopen = %v, want %v", got, tt.reopen)
			}
		})
	}
}

func TestParseSeverityAndStatus(t *testing.T) {
	for in, want := range map[string]Severity{"SEV1": SEV1, "sev2": SEV2, "3": SEV3, " Sev4 ": SEV4} {
		if got, err := ParseSeverity(in); err != nil || got != want {
			t.Errorf("ParseSeverity(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"SEV0", "SEV5", "critical", ""} {
		if _, err := ParseSeverity(bad); err == nil {
			t.Errorf("ParseSeverity(%q) succeeded; want an error", bad)
		}
	}
	if _, err := ParseStatus("Resolved"); err != nil {
		t.Errorf("ParseStatus is case-sensitive: %v", err)
	}
	if _, err := ParseStatus("done"); err == nil || !strings.Contains(err.Error(), "investigating") {
		t.Errorf("ParseStatus(done) = %v; want an error listing the statuses", err)
	}
}

func TestValidateReportsEveryBadField(t *testing.T) {
	in := IncidentInput{Title: "", Severity: "SEV7", StartedAt: "soon", Services: []string{"a\nb"}, Zone: "UTC"}
	_, err := in.Validate(now)
	e, ok := err.(*Error)
	if !ok || e.Code != EINVALID {
		t.Fatalf("err = %v, want an EINVALID *Error", err)
	}
	for _, f := range []string{"title", "severity", "startedAt", "services"} {
		if e.Fields[f] == "" {
			t.Errorf("no message for %s in %v", f, e.Fields)
		}
	}
	if !strings.Contains(e.Error(), "title: is required") {
		t.Errorf("one-line message %q does not name the title", e.Error())
	}
}

func TestFinishDraft(t *testing.T) {
	draft := func(in IncidentInput) *IncidentDraft {
		t.Helper()
		in.Title, in.Severity, in.Zone = "x", "SEV3", "UTC"
		d, err := in.Validate(now)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	t.Run("creating a resolved incident without a resolved time resolves it now", func(t *testing.T) {
		d := draft(IncidentInput{Status: "resolved", StartedAt: "2026-11-23 10:00"})
		if _, err := d.FinishDraft("", now); err != nil || !d.ResolvedAt.Equal(now) {
			t.Errorf("resolved = %v, %v; want now", d.ResolvedAt, err)
		}
	})
	t.Run("a start defaulted to now is checked against the other moments", func(t *testing.T) {
		d := draft(IncidentInput{DetectedAt: "2026-11-23 10:00"})
		if _, err := d.FinishDraft("", now); err == nil {
			t.Error("detected before the defaulted start was accepted")
		}
	})
	t.Run("an update cannot clear the start", func(t *testing.T) {
		d := draft(IncidentInput{})
		if _, err := d.FinishDraft(StatusInvestigating, now); err == nil || !strings.Contains(err.Error(), "startedAt") {
			t.Errorf("err = %v, want startedAt required", err)
		}
	})
	t.Run("reopening clears the resolved time", func(t *testing.T) {
		d := draft(IncidentInput{Status: "investigating", StartedAt: "2026-11-23 10:00", ResolvedAt: "2026-11-23 11:00"})
		reopen, err := d.FinishDraft(StatusClosed, now)
		if err != nil || !reopen || d.ResolvedAt != nil {
			t.Errorf("reopen = %v, resolved = %v, err = %v", reopen, d.ResolvedAt, err)
		}
	})
}

func TestDurations(t *testing.T) {
	at := func(s string) *time.Time { v, _ := time.Parse(time.RFC3339, s); return &v }
	i := Incident{StartedAt: at("2026-11-23T10:00:00Z"), DetectedAt: at("2026-11-23T10:12:00Z"), ResolvedAt: at("2026-11-24T12:30:00Z")}
	d := i.Durations()
	if *d.ToDetect != 12*time.Minute || d.ToMitigate != nil || *d.ToResolve != 26*time.Hour+30*time.Minute {
		t.Errorf("durations = detect %v, mitigate %v, resolve %v", *d.ToDetect, d.ToMitigate, *d.ToResolve)
	}
}

func TestSystemZoneHasAName(t *testing.T) {
	z := SystemZone()
	if _, off := time.Now().In(z).Zone(); func() int { _, o := time.Now().Zone(); return o }() != off {
		t.Fatalf("SystemZone %s is not the machine's zone", z)
	}
	if z.String() == "Local" {
		t.Logf("no zone name found on this machine; SystemZone falls back to time.Local")
	}
	if loc, err := LoadZone(""); err != nil || loc != z {
		t.Errorf(`LoadZone("") = %v, %v; want SystemZone`, loc, err)
	}
}
