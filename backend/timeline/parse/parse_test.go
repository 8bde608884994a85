package parse

import (
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/hindsight-app/hindsight/backend/domain"
)

func mustZone(tb testing.TB, name string) *time.Location {
	tb.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		tb.Fatalf("load zone %s: %v", name, err)
	}
	return loc
}

func mustRead(tb testing.TB, name string) []byte {
	tb.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

func utc(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		panic(err)
	}
	return t
}

// want is the part of an Event a test checks.
type want struct {
	line                          int
	at                            string
	author, kind, body, keyMoment string
}

func checkEvents(t *testing.T, got []Event, wants []want) {
	t.Helper()
	if len(got) != len(wants) {
		t.Fatalf("got %d events, want %d: %+v", len(got), len(wants), got)
	}
	for i, w := range wants {
		g := got[i]
		gw := want{g.Line, g.At.Format(time.RFC3339Nano), g.Author, g.Kind, g.Body, g.KeyMoment}
		if w.line == 0 {
			gw.line = 0
		}
		if gw != w {
			t.Errorf("event %d:\n got %+v\nwant %+v", i, gw, w)
		}
	}
}

func problemReasons(r *Result) []string {
	var out []string
	for _, p := range r.Problems {
		out = append(out, fmt.Sprintf("%d: %s", p.Line, p.Reason))
	}
	return out
}

func TestParseTextReadsEachWrittenForm(t *testing.T) {
	day := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name  string
		in    string
		opts  Options
		want  []want
		probs []string // substrings of problem reasons, in order
	}{
		{name: "an RFC 3339 line keeps its zone", in: "2026-11-23T14:05:00Z Rolled back",
			want: []want{{at: "2026-11-23T14:05:00Z", body: "Rolled back"}}},
		{name: "a space-separated date and time with seconds is read in UTC by default", in: "2026-11-23 14:05:30 Detected high error rate",
			want: []want{{at: "2026-11-23T14:05:30Z", body: "Detected high error rate", keyMoment: "detected"}}},
		{name: "milliseconds are kept", in: "2026-11-23T14:05:00.250+01:00 Paged on-call",
			want: []want{{at: "2026-11-23T13:05:00.25Z", body: "Paged on-call"}}},
		{name: "a log-style comma fraction is kept", in: "2026-11-23 14:05:00,125 ERROR checkout 500",
			want: []want{{at: "2026-11-23T14:05:00.125Z", body: "ERROR checkout 500"}}},
		{name: "a numbered list item and a parenthesised zone", in: "1. 2026-11-23 15:05 (CET) paged",
			want: []want{{at: "2026-11-23T14:05:00Z", body: "paged"}}},
		{name: "a slash date with a zone word and an em dash", in: "2017/01/31 16:00 UTC — Incident started",
			want: []want{{at: "2017-01-31T16:00:00Z", body: "Incident started", keyMoment: "started"}}},
		{name: "an en dash, a hyphen and a colon all separate", in: "2017/01/31 16:01 – a\n2017/01/31 16:02 - b\n2017/01/31 16:03: c",
			want: []want{{at: "2017-01-31T16:01:00Z", body: "a"}, {at: "2017-01-31T16:02:00Z", body: "b"}, {at: "2017-01-31T16:03:00Z", body: "c"}}},
		{name: "a numeric offset after a space wins over the zone option", in: "2026-11-23 09:05 -0500 Deploy started", opts: Options{Zone: mustZone(t, "Europe/Berlin")},
			want: []want{{at: "2026-11-23T14:05:00Z", body: "Deploy started"}}},
		{name: "a zone word wins over the zone option", in: "2026-11-23 15:05 CET escalated", opts: Options{Zone: mustZone(t, "America/New_York")},
			want: []want{{at: "2026-11-23T14:05:00Z", body: "escalated"}}},
		{name: "UTC with an offset is one zone", in: "2026-11-23 16:05 UTC+2 escalated",
			want: []want{{at: "2026-11-23T14:05:00Z", body: "escalated"}}},
		{name: "a time without a zone is read in the zone option", in: "2026-11-23 15:05 escalated", opts: Options{Zone: mustZone(t, "Europe/Berlin")},
			want: []want{{at: "2026-11-23T14:05:00Z", body: "escalated"}}},
		{name: "12-hour clocks in every spelling", in: "2:51 PM a\n2:52pm b\n12:05 AM c\n12:30 p.m. d", opts: Options{Date: day},
			want: []want{{at: "2026-11-23T14:51:00Z", body: "a"}, {at: "2026-11-23T14:52:00Z", body: "b"}, {at: "2026-11-23T00:05:00Z", body: "c"}, {at: "2026-11-23T12:30:00Z", body: "d"}}},
		{name: "24-hour clocks with and without seconds", in: "14:51 a\n14:51:09 b", opts: Options{Date: day},
			want: []want{{at: "2026-11-23T14:51:00Z", body: "a"}, {at: "2026-11-23T14:51:09Z", body: "b"}}},
		{name: "each date heading form sets the day", in: "2026-11-20\n10:00 a\n## 2026-11-21\n10:00 b\nNov 22, 2026\n10:00 c\n23 November 2026\n10:00 d\nMonday, 24 November 2026\n10:00 e",
			want: []want{{at: "2026-11-20T10:00:00Z", body: "a"}, {at: "2026-11-21T10:00:00Z", body: "b"}, {at: "2026-11-22T10:00:00Z", body: "c"}, {at: "2026-11-23T10:00:00Z", body: "d"}, {at: "2026-11-24T10:00:00Z", body: "e"}}},
		{name: "a date heading wins over the date option", in: "10:00 a\n2026-11-24\n10:00 b", opts: Options{Date: day},
			want: []want{{at: "2026-11-23T10:00:00Z", body: "a"}, {at: "2026-11-24T10:00:00Z", body: "b"}}},
		{name: "chat lines take the author", in: "[14:51] priya: anyone seeing 500s?\n14:52 <marco> yes\n[2026-11-23 14:53] priya: Detected: 6% errors", opts: Options{Date: day},
			want: []want{{at: "2026-11-23T14:51:00Z", author: "priya", body: "anyone seeing 500s?"}, {at: "2026-11-23T14:52:00Z", author: "marco", body: "yes"},
				{at: "2026-11-23T14:53:00Z", author: "priya", body: "Detected: 6% errors", keyMoment: "detected"}}},
		{name: "a bracketed chat line starting with a key-moment word has no author", in: "[14:51] Mitigated: errors at baseline", opts: Options{Date: day},
			want: []want{{at: "2026-11-23T14:51:00Z", body: "Mitigated: errors at baseline", keyMoment: "mitigated"}}},
		{name: "kind prefixes set the kind and leave the text", in: "14:00 [deploy] v2.14.0 out\n14:01 decision: roll back\n14:02 [party] not a kind", opts: Options{Date: day},
			want: []want{{at: "2026-11-23T14:00:00Z", kind: "deploy", body: "v2.14.0 out"}, {at: "2026-11-23T14:01:00Z", kind: "decision", body: "roll back"}, {at: "2026-11-23T14:02:00Z", body: "[party] not a kind"}}},
		{name: "continuation lines join the event above and a blank line ends it", in: "2026-11-23 14:00 Rolled back\n  took 4 minutes\n- checked dashboards\n\nstray note",
			want:  []want{{line: 1, at: "2026-11-23T14:00:00Z", body: "Rolled back\ntook 4 minutes\n- checked dashboards"}},
			probs: []string{"5: no time at the start of the line"}},
		{name: "a Markdown table row is read by its first cell", in: "| Time | Event |\n|---|---|\n| 2026-11-23 14:00 | Rolled back |",
			want: []want{{at: "2026-11-23T14:00:00Z", body: "Rolled back"}}},
		{name: "a time-only line without a date is a problem", in: "14:51 paged", probs: []string{"1: no date: add a date heading or --date"}},
		{name: "a line with two zones is a problem", in: "2026-11-23T14:05:00Z EST Rolled back", probs: []string{"1: two time zones on one line (Z and EST)"}},
		{name: "two zones that agree are fine", in: "2026-11-23 14:05 +01:00 CET Rolled back",
			want: []want{{at: "2026-11-23T13:05:00Z", body: "Rolled back"}}},
		{name: "an ambiguous zone is a problem", in: "2026-11-23 14:05 IST Rolled back", probs: []string{"1: the zone IST is ambiguous"}},
		{name: "February 30 is a problem naming the date", in: "2026-02-30 10:00 Rolled back", probs: []string{"1: 2026-02-30 is not a real date (February has 28 days)"}},
		{name: "a February 30 heading is a problem and its times have no date", in: "Feb 30, 2026\n10:00 a",
			probs: []string{"1: February 30, 2026 is not a real date", "2: no date: the date heading on line 1 was not understood"}},
		{name: "25:00 is a problem naming the time", in: "2026-11-23 25:00 Rolled back", probs: []string{"1: 25:00 is not a valid time of day"}},
		{name: "13 PM is a problem", in: "2026-11-23 13:00 PM Rolled back", probs: []string{"1: 13:00 PM is not a valid 12-hour time"}},
		{name: "lines under a rejected line are problems too", in: "2026-11-23 25:00 Rolled back\nmore text",
			probs: []string{"1: 25:00", "2: continues line 1, which was not understood"}},
		{name: "a date with no time is a problem", in: "2026-11-23 Rolled back", probs: []string{"1: 2026-11-23 has no time of day"}},
		{name: "a month-first slash date is a problem", in: "11/23/2026 14:00 Rolled back", probs: []string{"1: dates like 11/23/2026 are ambiguous"}},
		{name: "headings, rules and fences are skipped", in: "# Postmortem\n---\n```\n2026-11-23 14:00 a\n```",
			want: []want{{at: "2026-11-23T14:00:00Z", body: "a"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.opts.Format = FormatText
			r, err := Parse([]byte(tt.in), tt.opts)
			if err != nil {
				t.Fatalf("got error %v, want none", err)
			}
			checkEvents(t, r.Events, tt.want)
			got := problemReasons(r)
			if len(got) != len(tt.probs) {
				t.Fatalf("got problems %q, want %q", got, tt.probs)
			}
			for i := range got {
				if !strings.Contains(got[i], tt.probs[i]) {
					t.Errorf("got problem %q, want it to contain %q", got[i], tt.probs[i])
				}
			}
		})
	}
}

func TestParseTextFollowsDaylightSaving(t *testing.T) {
	berlin, ny := mustZone(t, "Europe/Berlin"), mustZone(t, "America/New_York")
	tests := []struct {
		name    string
		zone    *time.Location
		in      string
		wantAt  string
		problem string
	}{
		{"a Berlin summer time is two hours ahead", berlin, "2026-07-01 12:00 x", "2026-07-01T10:00:00Z", ""},
		{"a Berlin winter time is one hour ahead", berlin, "2026-12-01 12:00 x", "2026-12-01T11:00:00Z", ""},
		{"a time in the Berlin spring-forward gap is a problem", berlin, "2026-03-29 02:30 x", "", "2026-03-29 02:30 does not exist in Europe/Berlin"},
		{"the Berlin autumn repeated hour is its first, summer-time occurrence", berlin, "2026-10-25 02:30 x", "2026-10-25T00:30:00Z", ""},
		{"the hour after the Berlin autumn change is winter time", berlin, "2026-10-25 03:30 x", "2026-10-25T02:30:00Z", ""},
		{"a time in the New York spring-forward gap is a problem", ny, "2026-03-08 02:30 x", "", "2026-03-08 02:30 does not exist in America/New_York"},
		{"the New York autumn repeated hour is its first, daylight-time occurrence", ny, "2026-11-01 01:30 x", "2026-11-01T05:30:00Z", ""},
		{"a New York time with a time-only line under a heading", ny, "2026-11-23\n9:05 AM x", "2026-11-23T14:05:00Z", ""},
		{"a zone on the line is not checked against the gap", berlin, "2026-03-29 02:30 +01:00 x", "2026-03-29T01:30:00Z", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Parse([]byte(tt.in), Options{Format: FormatText, Zone: tt.zone})
			if err != nil {
				t.Fatal(err)
			}
			if tt.problem != "" {
				if len(r.Problems) != 1 || !strings.Contains(r.Problems[0].Reason, tt.problem) || len(r.Events) != 0 {
					t.Fatalf("got problems %q and %d events, want one problem containing %q", problemReasons(r), len(r.Events), tt.problem)
				}
				return
			}
			if len(r.Events) != 1 {
				t.Fatalf("got %d events (problems %q), want 1", len(r.Events), problemReasons(r))
			}
			if got := r.Events[0].At.Format(time.RFC3339); got != tt.wantAt {
				t.Errorf("got %s, want %s", got, tt.wantAt)
			}
		})
	}
}

func TestParseReadsTheSampleFiles(t *testing.T) {
	berlin := mustZone(t, "Europe/Berlin")
	t.Run("a postmortem timeline with date headings and 12-hour times", func(t *testing.T) {
		r, err := Parse(mustRead(t, "testdata/postmortem.txt"), Options{Zone: berlin})
		if err != nil {
			t.Fatal(err)
		}
		if r.Format != FormatText {
			t.Errorf("got format %q, want text", r.Format)
		}
		checkEvents(t, r.Events, []want{
			{9, "2026-11-23T13:51:00Z", "", "deploy", "payments v2.14.0 rolled out to 10% of hosts", ""},
			{10, "2026-11-23T13:58:00Z", "", "", "Incident started: checkout error rate climbs above 5%", "started"},
			{11, "2026-11-23T14:04:00Z", "", "", "Detected: PagerDuty alert \"checkout 5xx > 2%\" pages Priya\nShe acknowledges from her phone and opens the incident channel.\nThe dashboard shows errors only on hosts with v2.14.0.", "detected"},
			{14, "2026-11-23T14:10:00Z", "", "decision", "roll back payments to v2.13.2", ""},
			{15, "2026-11-23T14:22:00Z", "", "", "Mitigated, error rate back under 0.1%", "mitigated"},
			{16, "2026-11-23T22:47:00Z", "", "", "Resolved. Root cause: a changed timeout default in the HTTP client.", "resolved"},
			{20, "2026-11-24T08:30:00Z", "", "note", "postmortem review scheduled", ""},
		})
		if got, want := problemReasons(r), []string{"5: no time at the start of the line; expected a time such as 14:05 or 2026-11-23 14:05"}; !reflect.DeepEqual(got, want) {
			t.Errorf("got problems %q, want %q", got, want)
		}
	})
	t.Run("a chat log with the date option", func(t *testing.T) {
		r, err := Parse(mustRead(t, "testdata/chat.txt"), Options{Zone: berlin, Date: time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			t.Fatal(err)
		}
		checkEvents(t, r.Events, []want{
			{1, "2026-11-23T13:51:00Z", "priya", "", "anyone else seeing checkout 500s?", ""},
			{2, "2026-11-23T13:52:00Z", "marco", "", "yes, since about 14:50", ""},
			{3, "2026-11-23T13:53:00Z", "priya", "", "Detected: error rate 6% on checkout", "detected"},
			{4, "2026-11-23T13:55:00Z", "oncall-bot", "", "paging payments team", ""},
			{5, "2026-11-23T13:58:30Z", "marco", "action", "rolling back payments to v2.13.2\nrollback ETA 10 minutes", ""},
			{7, "2026-11-23T14:09:00Z", "priya", "", "Mitigated: errors back to baseline", "mitigated"},
		})
		if len(r.Problems) != 0 {
			t.Errorf("got problems %q, want none", problemReasons(r))
		}
	})
	t.Run("a Slack day file with a thread, a file and a join", func(t *testing.T) {
		r, err := Parse(mustRead(t, "testdata/slack-day.json"), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if r.Format != FormatSlack {
			t.Errorf("got format %q, want slack", r.Format)
		}
		checkEvents(t, r.Events, []want{
			{2, "2026-11-23T15:11:00.123Z", "Priya Natarajan", "", "Detected: checkout 5xx above 2% & climbing", "detected"},
			{3, "2026-11-23T15:12:00Z", "marco", "", "↳ @Priya Natarajan looking, rollback of [payments v2.14.0](https://deploy.example.com/payments/2140) ready", ""},
			{4, "2026-11-23T15:22:00.5Z", "U04DEPLOY", "deploy", "payments v2.13.2 rolled out\n[error rate graph](https://example.slack.com/files/U04DEPLOY/F1/error-rate.png)", ""},
		})
		if len(r.Problems) != 0 {
			t.Errorf("got problems %q, want none (a channel_join is skipped silently)", problemReasons(r))
		}
	})
	t.Run("a CSV with a bad row and a multi-line cell", func(t *testing.T) {
		r, err := Parse(mustRead(t, "testdata/timeline.csv"), Options{Zone: berlin})
		if err != nil {
			t.Fatal(err)
		}
		if r.Format != FormatCSV {
			t.Errorf("got format %q, want csv", r.Format)
		}
		checkEvents(t, r.Events, []want{
			{2, "2026-11-23T13:51:00Z", "Priya", "deploy", "payments v2.14.0 rolled out", ""},
			{3, "2026-11-23T13:58:00Z", "Priya", "", "Incident started: error rate above 5%", "started"},
			{4, "2026-11-23T14:04:00Z", "pagerduty", "alert", "PagerDuty: \"checkout 5xx > 2%\", paged Priya", ""},
			{7, "2026-11-23T14:22:10.25Z", "Marco", "mitigation", "error rate back under 0.1%\n(graph in the doc)", ""},
			{9, "2026-11-23T14:30:00Z", "Marco", "", "all clear", ""},
		})
		if got, want := problemReasons(r), []string{"5: 2026-02-30 is not a real date (February has 28 days)"}; !reflect.DeepEqual(got, want) {
			t.Errorf("got problems %q, want %q", got, want)
		}
		if got := r.Events[4].Warnings; len(got) != 1 || got[0] != `unknown kind "celebration" ignored` {
			t.Errorf("got warnings %q, want the unknown kind named", got)
		}
	})
	t.Run("a Hindsight JSON export", func(t *testing.T) {
		r, err := Parse(mustRead(t, "testdata/export.json"), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if r.Format != FormatJSON || r.Incident != "INC-0001" {
			t.Errorf("got format %q incident %q, want json INC-0001", r.Format, r.Incident)
		}
		checkEvents(t, r.Events, []want{
			{1, "2026-11-23T13:58:00Z", "pagerduty", "alert", "checkout 5xx > 2%", "started"},
			{2, "2026-11-23T14:04:00.25Z", "Priya", "detection", "Acknowledged the page", "detected"},
			{3, "2026-11-23T13:22:00Z", "Marco", "mitigation", "Rolled back to v2.13.2", "mitigated"},
		})
		if len(r.Problems) != 1 || r.Problems[0].Line != 4 {
			t.Errorf("got problems %q, want one for event 4", problemReasons(r))
		}
		if got := r.Events[2].Warnings; len(got) != 1 || got[0] != "time is before the previous event" {
			t.Errorf("got warnings %q, want the out-of-order time named", got)
		}
	})
}

func TestParseJSONRoundTripsTheExportShape(t *testing.T) {
	for _, in := range []string{
		`{"incident":"INC-0002","events":[{"at":"2026-11-23T14:05:00.123Z","kind":"deploy","author":"ci","body":"v2","keyMoment":""}]}`,
		`[{"at":"2026-11-23T14:05:00.123Z","kind":"deploy","author":"ci","body":"v2"}]`,
	} {
		r, err := Parse([]byte(in), Options{})
		if err != nil {
			t.Fatal(err)
		}
		checkEvents(t, r.Events, []want{{1, "2026-11-23T14:05:00.123Z", "ci", "deploy", "v2", ""}})
	}
}

func TestParseDirReadsASlackChannelFolderInDateOrder(t *testing.T) {
	check := func(t *testing.T, r *Result, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		checkEvents(t, r.Events, []want{
			{1, "2026-11-23T15:11:00Z", "Priya Natarajan", "", "Incident started around 14:58 CET", "started"},
			{1, "2026-11-24T08:30:00Z", "marco", "", "Resolved: postmortem draft is in the doc", "resolved"},
		})
		if r.Events[0].Source != "2026-11-23.json" || r.Events[1].Source != "2026-11-24.json" {
			t.Errorf("got sources %q, %q, want the day files", r.Events[0].Source, r.Events[1].Source)
		}
		if len(r.Problems) != 0 {
			t.Errorf("got problems %q, want none", problemReasons(r))
		}
	}
	t.Run("from a folder on disk", func(t *testing.T) {
		r, err := ParseDir(os.DirFS("testdata/slack-incident-4821"), Options{})
		check(t, r, err)
	})
	t.Run("from an in-memory folder listed out of order", func(t *testing.T) {
		fsys := fstest.MapFS{
			"2026-11-24.json": {Data: mustRead(t, "testdata/slack-incident-4821/2026-11-24.json")},
			"2026-11-23.json": {Data: mustRead(t, "testdata/slack-incident-4821/2026-11-23.json")},
			"users.json":      {Data: []byte(`[]`)},
		}
		r, err := ParseDir(fsys, Options{})
		check(t, r, err)
	})
	t.Run("a folder without day files is an error", func(t *testing.T) {
		_, err := ParseDir(fstest.MapFS{"users.json": {Data: []byte(`[]`)}}, Options{})
		if domain.ErrorCode(err) != domain.EINVALID {
			t.Fatalf("got %v, want an EINVALID error", err)
		}
	})
	t.Run("day files over the size limit together are an error", func(t *testing.T) {
		_, err := ParseDir(os.DirFS("testdata/slack-incident-4821"), Options{MaxBytes: 300})
		if domain.ErrorCode(err) != domain.EINVALID {
			t.Fatalf("got %v, want an EINVALID error", err)
		}
	})
}

func TestParseRefusesInputItCannotRead(t *testing.T) {
	tests := []struct {
		name string
		in   string
		opts Options
		want string
	}{
		{"NUL bytes", "2026-11-23 14:00 a\n\x00\x01\x02", Options{}, "NUL byte on line 2"},
		{"invalid UTF-8", "2026-11-23 14:00 a\n\xff\xfe rolled back", Options{}, "not UTF-8 text (bad byte on line 2)"},
		{"more than MaxBytes", strings.Repeat("x", 65), Options{MaxBytes: 64}, "the limit is 64 bytes"},
		{"an unknown format", "x", Options{Format: "yaml"}, `Unknown format "yaml"`},
		{"malformed JSON", `{"events": [`, Options{Format: FormatJSON}, "The JSON cannot be read"},
		{"JSON without events", `{"incident": "INC-1"}`, Options{}, `no "events" list`},
		{"a Slack file that is not an array", `{"ts": "1"}`, Options{Format: FormatSlack}, "not a Slack export day file"},
		{"a CSV header without a text column", "time,who\n14:00,me", Options{}, `found "time", "who"`},
	}
	for _, tt := range tests {
		t.Run("refuses "+tt.name, func(t *testing.T) {
			r, err := Parse([]byte(tt.in), tt.opts)
			if err == nil {
				t.Fatalf("got result %+v, want an error", r)
			}
			if domain.ErrorCode(err) != domain.EINVALID || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v (code %s), want EINVALID containing %q", err, domain.ErrorCode(err), tt.want)
			}
		})
	}
}

func TestParseCSVFindsColumnsByName(t *testing.T) {
	day := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name  string
		in    string
		opts  Options
		want  []want
		probs []string
	}{
		{name: "separate date and time columns are joined", in: "Date,Time,Message\n2026-11-23,2:51 PM,paged\n",
			want: []want{{line: 2, at: "2026-11-23T14:51:00Z", body: "paged"}}},
		{name: "a semicolon-separated sheet with a zone in the cell", in: "When;User;Event\n2026-11-23 15:51 CET;priya;paged\n",
			want: []want{{line: 2, at: "2026-11-23T14:51:00Z", author: "priya", body: "paged"}}},
		{name: "a time-only cell takes the date option", in: "time,text\n14:51,paged\n", opts: Options{Date: day},
			want: []want{{line: 2, at: "2026-11-23T14:51:00Z", body: "paged"}}},
		{name: "a time-only cell without the date option is a problem", in: "time,text\n14:51,paged\n",
			probs: []string{"2: no date"}},
		{name: "a cell that is not a time is a problem", in: "time,text\nsoon,paged\n",
			probs: []string{`2: time "soon" not understood`}},
		{name: "a row without text is a problem", in: "time,text\n2026-11-23 14:51,\n",
			probs: []string{"2: row has a time but no text"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.opts.Format = FormatCSV
			r, err := Parse([]byte(tt.in), tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			checkEvents(t, r.Events, tt.want)
			got := problemReasons(r)
			if len(got) != len(tt.probs) {
				t.Fatalf("got problems %q, want %q", got, tt.probs)
			}
			for i := range got {
				if !strings.Contains(got[i], tt.probs[i]) {
					t.Errorf("got problem %q, want it to contain %q", got[i], tt.probs[i])
				}
			}
		})
	}
}

func TestParseSlackReportsRecordsItCannotUse(t *testing.T) {
	in := `[{"type":"message","ts":"soon","text":"x"},{"type":"file","ts":"1.0"},{"type":"message","ts":"1795446660.0","text":""},{"type":"message","subtype":"channel_leave","ts":"1795446660.0","text":"left"}]`
	r, err := Parse([]byte(in), Options{Format: FormatSlack})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{`1: message 1 has a bad ts "soon"`, `2: record 2 is not a message (type "file")`, "3: message 3 has no text"}
	if got := problemReasons(r); !reflect.DeepEqual(got, want) {
		t.Errorf("got problems %q, want %q", got, want)
	}
	if len(r.Events) != 0 {
		t.Errorf("got %d events, want none", len(r.Events))
	}
}

func TestDetectNamesTheFormat(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want Format
	}{
		{"a Hindsight export object", `{"incident":"INC-1","events":[]}`, FormatJSON},
		{"a Hindsight event array", `[{"at":"2026-11-23T14:05:00Z","body":"x"}]`, FormatJSON},
		{"a Slack day file", `[{"type":"message","ts":"1700000000.000100","text":"x"}]`, FormatSlack},
		{"a CSV header", "When,Author,Text\n2026-11-23 14:00,me,x", FormatCSV},
		{"a semicolon CSV header", "Zeit;Time;Text\n", FormatCSV},
		{"a chat log that starts with a bracket", "[14:51] priya: hi", FormatText},
		{"a written timeline with commas", "14:05 Rolled back, then restarted", FormatText},
	}
	for _, tt := range tests {
		t.Run(tt.name+" is "+string(tt.want), func(t *testing.T) {
			if got := Detect([]byte(tt.in)); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestParseWarnsAboutLargeGapsAndMissingZones(t *testing.T) {
	r, err := Parse([]byte("2026-11-23 14:00 a\n2026-11-25 14:00 b\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := r.Events[1].Warnings; len(got) != 1 || got[0] != "time is more than a day after the previous event" {
		t.Errorf("got warnings %q, want the gap named", got)
	}
	if len(r.Warnings) != 1 || !strings.Contains(r.Warnings[0], "2 time(s) had no time zone") {
		t.Errorf("got result warnings %q, want the missing zones counted", r.Warnings)
	}
}

var fuzzSeeds = []string{
	"2026-11-23T14:05:00Z Rolled back",
	"2026-11-23 14:05:30.123 Detected high error rate",
	"2017/01/31 16:00 UTC — Incident started",
	"## Monday, 23 November 2026\n- 2:51 PM — [deploy] v2\n  continued\n\n14:51 <bot> paged",
	"[14:51] priya: Mitigated: errors down",
	"2026-11-23T14:05:00Z EST two zones",
	"2026-02-30 10:00 Feb 30",
	"| 14:00 | x |\n|---|---|",
	"2026-03-29 02:30 gap\n2026-10-25 02:30 repeat",
	"14:05 UTC+05:30 offset",
}

// FuzzParseText checks that no input makes the text parser panic, that every
// event has a time and every problem a line.
func FuzzParseText(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	berlin := mustZone(f, "Europe/Berlin")
	f.Fuzz(func(t *testing.T, in string) {
		for _, opts := range []Options{
			{Format: FormatText},
			{Format: FormatText, Zone: berlin, Date: time.Date(2026, 3, 29, 0, 0, 0, 0, time.UTC)},
		} {
			r, err := Parse([]byte(in), opts)
			if err != nil {
				continue
			}
			for _, e := range r.Events {
				if e.At.IsZero() || e.Line < 1 {
					t.Fatalf("event %+v has a zero time or no line", e)
				}
			}
			for _, p := range r.Problems {
				if p.Line < 1 {
					t.Fatalf("problem %+v has no line", p)
				}
			}
		}
	})
}

func BenchmarkParseText100k(b *testing.B) {
	forms := []string{
		"2026-11-23T14:%02d:00Z Rolled back payments to v2.13.2",
		"2026-11-23 14:%02d:30.250 Detected high error rate on checkout",
		"2017/01/31 16:%02d UTC — Incident started",
		"[14:%02d] priya: anyone seeing 500s?",
		"14:%02d <marco> looking at the dashboards",
		"- 2:%02d PM — [deploy] payments v2.14.0 rolled out",
		"  continuation line %02d with more detail",
	}
	var sb strings.Builder
	sb.WriteString("## Monday, 23 November 2026\n")
	for i := 0; i < 100_000; i++ {
		fmt.Fprintf(&sb, forms[i%len(forms)]+"\n", i%60)
	}
	data := []byte(sb.String())
	berlin := mustZone(b, "Europe/Berlin")
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		r, err := Parse(data, Options{Format: FormatText, Zone: berlin})
		if err != nil || len(r.Problems) != 0 {
			b.Fatalf("got %v and %d problems", err, len(r.Problems))
		}
	}
}
