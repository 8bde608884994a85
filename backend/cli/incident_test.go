package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/hindsight-app/hindsight/backend/domain"
)

// fullCreate creates an incident with every field set and returns its ref.
func fullCreate(w *world) string {
	w.t.Helper()
	out := w.ok("incident", "create",
		"--title", "Checkout 502s", "--severity", "sev2", "--status", "resolved",
		"--summary", "## What happened\n\nThe pool was too small.",
		"--services", "checkout-api,payments-db", "--services", "edge",
		"--tags", "database", "--tag", "sample",
		"--commander", "Priya Raman", "--impact", "18% of checkouts failed",
		"--started", "2026-03-02 14:05", "--detected", "2026-03-02 14:12",
		"--mitigated", "2026-03-02T13:46:00Z", "--resolved", "2026-03-02 15:37",
		"--tz", "Europe/Berlin")
	ref, _, ok := strings.Cut(strings.TrimPrefix(out, "Created "), ":")
	if !ok {
		w.t.Fatalf("create: got %q, want \"Created INC-…: title\"", out)
	}
	return ref
}

func TestCreateWithEveryFlagThenShowJSONRoundTripsTheValues(t *testing.T) {
	w := newWorld(t)
	ref := fullCreate(w)
	got := w.incident(ref)
	want := map[string]any{
		"ref": "INC-0001", "title": "Checkout 502s", "severity": "SEV2", "status": "resolved",
		"summary":  "## What happened\n\nThe pool was too small.",
		"services": []any{"checkout-api", "payments-db", "edge"}, "tags": []any{"database", "sample"},
		"commander": "Priya Raman", "customerImpact": "18% of checkouts failed",
		// Berlin is UTC+1 in March before the change of the 29th.
		"startedAt": "2026-03-02T13:05:00Z", "detectedAt": "2026-03-02T13:12:00Z",
		"mitigatedAt": "2026-03-02T13:46:00Z", "resolvedAt": "2026-03-02T14:37:00Z",
		"timeToDetectSeconds": 420.0, "timeToMitigateSeconds": 2460.0, "timeToResolveSeconds": 5520.0,
		"createdAt": "2026-06-15T12:00:00Z", "updatedAt": "2026-06-15T12:00:00Z",
		"deletedAt": nil, "version": 1.0,
	}
	for k, v := range want {
		if !reflect.DeepEqual(got[k], v) {
			t.Errorf("%s: got %#v, want %#v", k, got[k], v)
		}
	}
	if id, _ := got["id"].(string); len(id) < 32 {
		t.Errorf("id: got %q, want a UUID", id)
	}
	if len(got) != len(want)+1 {
		t.Errorf("keys: got %d (%v), want exactly the %d documented", len(got), keys(got), len(want)+1)
	}

	// create --json prints the same object as show --json.
	w2 := newWorld(t)
	var created map[string]any
	out := w2.ok("incident", "create", "--title", "Checkout 502s", "--severity", "2", "--json")
	if err := json.Unmarshal([]byte(out), &created); err != nil {
		t.Fatalf("create --json: %v in %q", err, out)
	}
	if shown := w2.incident("INC-0001"); !reflect.DeepEqual(created, shown) {
		t.Errorf("create --json: got %v, want what show --json prints: %v", created, shown)
	}
	if created["startedAt"] != "2026-06-15T12:00:00Z" || created["detectedAt"] != nil || created["timeToResolveSeconds"] != nil {
		t.Errorf("defaults: got startedAt %v, detectedAt %v, ttr %v; want now, null, null",
			created["startedAt"], created["detectedAt"], created["timeToResolveSeconds"])
	}
}

func keys(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestTheSummaryIsReadFromAFileOrStdin(t *testing.T) {
	w := newWorld(t)
	file := filepath.Join(w.dir, "summary.md")
	if err := os.WriteFile(file, []byte("# From a file\n\nSecond paragraph.\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	w.ok("incident", "create", "--title", "a", "--severity", "3", "--summary-file", file)
	if got := w.incident("1")["summary"]; got != "# From a file\n\nSecond paragraph." {
		t.Errorf("summary from a file: got %q", got)
	}
	if r := w.run("From stdin.\n", "incident", "update", "1", "--summary-file", "-"); r.code != 0 {
		t.Fatalf("update from stdin: exit %d, %q", r.code, r.stderr)
	}
	if got := w.incident("1")["summary"]; got != "From stdin." {
		t.Errorf("summary from stdin: got %q", got)
	}
	w.fails(2, []string{"summary:", "no such file"}, "incident", "create", "--title", "b", "--severity", "3", "--summary-file", filepath.Join(w.dir, "missing.md"))
	w.fails(2, []string{"summary:", "not both"}, "incident", "create", "--title", "b", "--severity", "3", "--summary", "x", "--summary-file", file)
	big := filepath.Join(w.dir, "big.md")
	if err := os.WriteFile(big, make([]byte, domain.MaxSummaryLen+1), 0o600); err != nil {
		t.Fatal(err)
	}
	w.fails(2, []string{"summary:", "limit"}, "incident", "create", "--title", "b", "--severity", "3", "--summary-file", big)
	if got := w.list(); len(got) != 1 {
		t.Errorf("incidents: got %v, want only the first", got)
	}
}

func TestTimesAreReadInTheZoneGivenWithTZ(t *testing.T) {
	for _, tc := range []struct {
		name        string
		started, tz string
		code        int
		want        string // startedAt in UTC, or words of the error
	}{
		{"a wall-clock time in Berlin summer time", "2026-04-10 09:30", "Europe/Berlin", 0, "2026-04-10T07:30:00Z"},
		{"a wall-clock time in Tokyo", "2026-04-10 09:30", "Asia/Tokyo", 0, "2026-04-10T00:30:00Z"},
		{"UTC by name", "2026-04-10 09:30", "UTC", 0, "2026-04-10T09:30:00Z"},
		{"RFC 3339 keeps its own offset whatever --tz says", "2026-04-10T09:30:00+02:00", "Asia/Tokyo", 0, "2026-04-10T07:30:00Z"},
		{"a time skipped by daylight saving is refused", "2026-03-29 02:30", "Europe/Berlin", 2, "startedAt:"},
		{"a time in the future is refused", "2026-07-01 00:00", "UTC", 2, "startedAt:"},
		{"a date without a time is refused", "2026-04-10", "UTC", 2, "startedAt:"},
		{"an unknown zone is refused", "2026-04-10 09:30", "Mars/Olympus", 2, "zone:"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := newWorld(t)
			r := w.run("", "incident", "create", "--title", "t", "--severity", "SEV3", "--started", tc.started, "--tz", tc.tz, "--json")
			if r.code != tc.code {
				t.Fatalf("exit: got %d (stderr %q), want %d", r.code, r.stderr, tc.code)
			}
			if tc.code != 0 {
				checkOneErrorLine(t, r.stderr, tc.want)
				if got := w.list(); len(got) != 0 {
					t.Errorf("incidents: got %v, want none saved", got)
				}
				return
			}
			var got map[string]any
			if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
				t.Fatal(err)
			}
			if got["startedAt"] != tc.want {
				t.Errorf("startedAt: got %v, want %s", got["startedAt"], tc.want)
			}
		})
	}
}

func TestInvalidIncidentsAreRefusedAndNothingIsSaved(t *testing.T) {
	valid := []string{"--title", "ok", "--severity", "SEV3"}
	with := func(extra ...string) []string {
		return append(append([]string{"incident", "create"}, valid...), extra...)
	}
	for _, tc := range []struct {
		name  string
		args  []string
		words []string
	}{
		{"an empty title", []string{"incident", "create", "--title", " ", "--severity", "SEV3"}, []string{"title: is required"}},
		{"no title at all", []string{"incident", "create", "--severity", "SEV3"}, []string{"title: is required"}},
		{"a 1 MB title", with("--title", strings.Repeat("x", 1<<20)), []string{"title:", "limit"}},
		{"a title of two lines", with("--title", "one\ntwo"), []string{"title:", "one line"}},
		{"an unknown severity", with("--severity", "SEV9"), []string{"severity:", "unknown severity"}},
		{"no severity", []string{"incident", "create", "--title", "t"}, []string{"severity: is required"}},
		{"an unknown status", with("--status", "done"), []string{"status:", "unknown status"}},
		{"resolved before started", with("--status", "resolved", "--started", "2026-05-02T10:00:00Z", "--resolved", "2026-05-02T09:00:00Z"), []string{"resolvedAt:", "before the start"}},
		{"a resolved time on an active incident", with("--started", "2026-05-02T08:00:00Z", "--resolved", "2026-05-02T09:00:00Z"), []string{"resolvedAt:", "investigating"}},
		{"a service with a line break", with("--services", "a\nb"), []string{"services:"}},
		{"a time that is not a time", with("--detected", "yesterday"), []string{"detectedAt:", "not a date and time"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := newWorld(t)
			w.fails(2, tc.words, tc.args...)
			if got := w.list(); len(got) != 0 {
				t.Errorf("incidents: got %v, want none saved", got)
			}
		})
	}
}

func TestUpdateChangesOnlyTheFlagsGiven(t *testing.T) {
	for _, tc := range []struct {
		name    string
		flags   []string
		changed map[string]any
	}{
		{"the title alone", []string{"--title", "Checkout 502s (pool)"},
			map[string]any{"title": "Checkout 502s (pool)"}},
		{"the status, to the next one", []string{"--status", "postmortem"},
			map[string]any{"status": "postmortem"}},
		{"an explicitly empty time clears it", []string{"--detected", ""},
			map[string]any{"detectedAt": nil, "timeToDetectSeconds": nil}},
		{"a time in --tz", []string{"--detected", "2026-03-02 14:20", "--tz", "Europe/Berlin"},
			map[string]any{"detectedAt": "2026-03-02T13:20:00Z", "timeToDetectSeconds": 900.0}},
		{"an empty commander clears it", []string{"--commander", ""},
			map[string]any{"commander": ""}},
		{"services replace the list", []string{"--service", "search", "--services", "edge,cdn"},
			map[string]any{"services": []any{"search", "edge", "cdn"}}},
		{"empty tags clear them", []string{"--tags", ""},
			map[string]any{"tags": []any{}}},
		{"several fields at once", []string{"--severity", "1", "--impact", "all checkouts"},
			map[string]any{"severity": "SEV1", "customerImpact": "all checkouts"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := newWorld(t)
			ref := fullCreate(w)
			before := w.incident(ref)
			out := w.ok(append([]string{"incident", "update", strings.ToLower(ref)}, tc.flags...)...)
			if !strings.HasPrefix(out, "Updated "+ref) {
				t.Errorf("stdout: got %q, want \"Updated %s: …\"", out, ref)
			}
			after := w.incident(ref)
			want := map[string]any{}
			for k, v := range before {
				want[k] = v
			}
			for k, v := range tc.changed {
				want[k] = v
			}
			want["version"] = 2.0
			for k := range want {
				if !reflect.DeepEqual(after[k], want[k]) {
					t.Errorf("%s: got %#v, want %#v", k, after[k], want[k])
				}
			}
		})
	}
}

func TestUpdateThatBreaksARuleExits2AndChangesNothing(t *testing.T) {
	for _, tc := range []struct {
		name  string
		flags []string
		words []string
	}{
		{"an invalid status transition", []string{"--status", "postmortem"}, []string{"status:", "cannot go from investigating to postmortem"}},
		{"an empty title", []string{"--title", ""}, []string{"title: is required"}},
		{"an empty start", []string{"--started", ""}, []string{"startedAt: is required"}},
		{"detected before started", []string{"--detected", "2026-05-01T00:00:00Z"}, []string{"detectedAt:", "before the start"}},
		{"no flags at all", nil, []string{"nothing to change"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := newWorld(t)
			w.ok("incident", "create", "--title", "t", "--severity", "SEV3", "--started", "2026-05-02T10:00:00Z")
			before := w.incident("INC-0001")
			w.fails(2, tc.words, append([]string{"incident", "update", "INC-0001"}, tc.flags...)...)
			if after := w.incident("INC-0001"); !reflect.DeepEqual(after, before) {
				t.Errorf("incident changed: got %v, want %v", after, before)
			}
		})
	}
}

func TestAMissingIncidentExits3(t *testing.T) {
	for _, args := range [][]string{
		{"incident", "show", "INC-0099"},
		{"incident", "update", "99", "--title", "x"},
		{"incident", "delete", "inc-99"},
		{"incident", "restore", "INC-0001"}, // live, so not in the trash
		{"incident", "purge", "INC-0001", "--yes"},
		{"incident", "show", "no-such-id"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			w := newWorld(t)
			w.ok("incident", "create", "--title", "t", "--severity", "SEV3")
			w.fails(3, nil, args...)
		})
	}
}

func TestDeleteRestoreAndPurge(t *testing.T) {
	w := newWorld(t)
	w.ok("incident", "create", "--title", "Keep me", "--severity", "SEV3")
	w.ok("incident", "create", "--title", "Trash me", "--severity", "SEV3")

	out := w.ok("incident", "delete", "inc-2")
	if !strings.Contains(out, "Moved INC-0002 to the trash") || !strings.Contains(out, "restore INC-0002") {
		t.Errorf("delete: got %q, want it to say where it went and how to undo", out)
	}
	w.fails(3, []string{"INC-0002", "trash"}, "incident", "show", "INC-0002")
	if got, want := w.list(), []string{"INC-0001"}; !reflect.DeepEqual(got, want) {
		t.Errorf("live: got %v, want %v", got, want)
	}
	if got, want := w.list("--trashed"), []string{"INC-0002"}; !reflect.DeepEqual(got, want) {
		t.Errorf("trash: got %v, want %v", got, want)
	}

	var restored map[string]any
	if err := json.Unmarshal([]byte(w.ok("incident", "restore", "INC-0002", "--json")), &restored); err != nil {
		t.Fatal(err)
	}
	if restored["title"] != "Trash me" || restored["deletedAt"] != nil {
		t.Errorf("restore --json: got %v, want the live incident", restored)
	}

	w.ok("incident", "delete", "INC-0002")
	w.fails(2, []string{"--yes", "for good"}, "incident", "purge", "INC-0002")
	if got := w.list("--trashed"); len(got) != 1 {
		t.Errorf("trash after a refused purge: got %v, want INC-0002 still there", got)
	}
	if out := w.ok("incident", "purge", "INC-0002", "--yes"); out != "Purged INC-0002 for good.\n" {
		t.Errorf("purge: got %q", out)
	}
	if got := w.list("--trashed"); len(got) != 0 {
		t.Errorf("trash after purge: got %v, want it empty", got)
	}
	w.fails(3, nil, "incident", "restore", "INC-0002")
	if got, want := w.list(), []string{"INC-0001"}; !reflect.DeepEqual(got, want) {
		t.Errorf("live after purge: got %v, want %v", got, want)
	}
}

// seedList makes seven incidents that differ in every filtered column.
func seedList(w *world) {
	w.t.Helper()
	mk := func(n int, sev, status, service, tag string) domain.IncidentInput {
		in := domain.IncidentInput{
			Title: fmt.Sprintf("Incident %d", n), Severity: sev, Status: status,
			Services: []string{service}, Tags: []string{tag},
			StartedAt: fmt.Sprintf("2026-05-%02dT10:00:00Z", n), Zone: "UTC",
		}
		if !domain.Status(status).IsActive() {
			// Resolved n hours after the start: INC-0007 took longest.
			in.ResolvedAt = fmt.Sprintf("2026-05-%02dT%02d:00:00Z", n, 10+n)
		}
		return in
	}
	w.seed(
		mk(1, "SEV1", "resolved", "checkout-api", "database"),
		mk(2, "SEV2", "investigating", "payments-db", "network"),
		mk(3, "SEV3", "closed", "checkout-api", "database"),
		mk(4, "SEV4", "identified", "search", "sample"),
		mk(5, "SEV2", "resolved", "payments-db", "database"),
		mk(6, "SEV3", "monitoring", "edge", "network"),
		mk(7, "SEV1", "postmortem", "checkout-api", "sample"),
	)
}

func TestListPagesAndFilters(t *testing.T) {
	w := newWorld(t)
	seedList(w)
	for _, tc := range []struct {
		name string
		args []string
		want []string
	}{
		{"newest first by default", nil, []string{"INC-0007", "INC-0006", "INC-0005", "INC-0004", "INC-0003", "INC-0002", "INC-0001"}},
		{"the first page", []string{"--limit", "3"}, []string{"INC-0007", "INC-0006", "INC-0005"}},
		{"the last page", []string{"--limit", "3", "--offset", "6"}, []string{"INC-0001"}},
		{"past the end", []string{"--offset", "50"}, []string{}},
		{"by status", []string{"--status", "resolved"}, []string{"INC-0005", "INC-0001"}},
		{"by statuses, comma-separated and repeated", []string{"--status", "investigating,identified", "--status", "MONITORING"}, []string{"INC-0006", "INC-0004", "INC-0002"}},
		{"by severities", []string{"--severity", "sev1,2"}, []string{"INC-0007", "INC-0005", "INC-0002", "INC-0001"}},
		{"by service", []string{"--service", "checkout-api"}, []string{"INC-0007", "INC-0003", "INC-0001"}},
		{"by services", []string{"--service", "edge", "--services", "search"}, []string{"INC-0006", "INC-0004"}},
		{"by a word", []string{"-q", "network"}, []string{"INC-0006", "INC-0002"}},
		{"by a reference", []string{"--query", "inc-4"}, []string{"INC-0004"}},
		{"filters combine", []string{"--service", "checkout-api", "--severity", "SEV1"}, []string{"INC-0007", "INC-0001"}},
		{"sorted by ref", []string{"--sort", "ref", "--limit", "2"}, []string{"INC-0001", "INC-0002"}},
		{"sorted by time to resolve, longest first", []string{"--sort", "-ttr", "--limit", "2"}, []string{"INC-0007", "INC-0005"}},
		{"sorted by title descending", []string{"--sort", "-title", "--limit", "1"}, []string{"INC-0007"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := w.list(tc.args...); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

func TestListBadFiltersExit2(t *testing.T) {
	w := newWorld(t)
	for _, tc := range []struct {
		name  string
		args  []string
		words []string
	}{
		{"an unknown sort key", []string{"--sort", "colour"}, []string{"sort:"}},
		{"an unknown status", []string{"--status", "done"}, []string{"status:"}},
		{"an unknown severity", []string{"--severity", "SEV9"}, []string{"severity:"}},
		{"a page too big", []string{"--limit", "100000"}, []string{"limit:"}},
		{"a page of nothing", []string{"--limit", "0"}, []string{"limit:"}},
		{"a negative offset", []string{"--offset", "-1"}, []string{"offset:"}},
		{"an unknown zone", []string{"--tz", "Nowhere/Land"}, []string{"zone:"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w.fails(2, tc.words, append([]string{"incident", "list"}, tc.args...)...)
		})
	}
}

func TestListPrintsAnAlignedTableWithAFooter(t *testing.T) {
	w := newWorld(t)
	seedList(w)
	out := w.ok("incident", "list", "--limit", "2", "--offset", "1", "--tz", "Europe/Berlin")
	want := "REF       SEV   STATUS      STARTED                TTR   TITLE\n" +
		"INC-0006  SEV3  monitoring  2026-05-06 12:00 CEST  —     Incident 6\n" +
		"INC-0005  SEV2  resolved    2026-05-05 12:00 CEST  5:00  Incident 5\n" +
		"showing 2–3 of 7\n"
	if out != want {
		t.Errorf("got\n%s\nwant\n%s", out, want)
	}
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"past the end", []string{"--offset", "9"}, "showing none of 7: --offset 9 is past the end\n"},
		{"nothing matches", []string{"-q", "zebra"}, "no incidents match\n"},
		{"an empty trash", []string{"--trashed"}, "no incidents in the trash\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := w.ok(append([]string{"incident", "list"}, tc.args...)...); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestShowPrintsAReadableBlock(t *testing.T) {
	w := newWorld(t)
	fullCreate(w)
	out := w.ok("incident", "show", "1", "--tz", "Europe/Berlin")
	for _, want := range []string{
		"INC-0001  Checkout 502s\n",
		"Severity          SEV2 Major — A core feature is broken",
		"Status            resolved — Customer impact is over.",
		"can move to: postmortem, closed, investigating",
		"Services          checkout-api, payments-db, edge\n",
		"Tags              database, sample\n",
		"Commander         Priya Raman\n",
		"Started           2026-03-02 14:05 CET\n",
		"Detected          2026-03-02 14:12 CET\n",
		"Mitigated         2026-03-02 14:46 CET\n",
		"Resolved          2026-03-02 15:37 CET\n",
		"Time to detect    0:07\n",
		"Time to mitigate  0:41\n",
		"Time to resolve   1:32\n",
		"Customer impact\n  18% of checkouts failed\n",
		"Summary\n  ## What happened\n\n  The pool was too small.\n",
		"Version 1",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("show: want %q in\n%s", want, out)
		}
	}
}

func TestShowCleansControlCharactersFromWhatPeopleTyped(t *testing.T) {
	w := newWorld(t)
	w.ok("incident", "create", "--title", "red \x1b[31malert", "--severity", "3", "--summary", "bell\a here")
	for _, args := range [][]string{{"incident", "show", "1"}, {"incident", "list"}} {
		if out := w.ok(args...); strings.ContainsAny(out, "\x1b\a") {
			t.Errorf("%v: got %q, want no control characters", args, out)
		}
	}
}

func TestDemoLoadsTheSampleIncident(t *testing.T) {
	w := newWorld(t)
	if out := w.ok("demo"); out != "INC-0001\n" {
		t.Errorf("demo: got %q, want the ref", out)
	}
	var got map[string]any
	if err := json.Unmarshal([]byte(w.ok("demo", "--json")), &got); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{
		"ref": "INC-0002", "severity": "SEV2", "status": "postmortem",
		"services":            []any{"checkout-api", "payments-db"},
		"timeToDetectSeconds": 420.0, "timeToMitigateSeconds": 2460.0, "timeToResolveSeconds": 5520.0,
	}
	for k, v := range want {
		if !reflect.DeepEqual(got[k], v) {
			t.Errorf("%s: got %#v, want %#v", k, got[k], v)
		}
	}
}

func TestDemoBulkLoadsGeneratedIncidents(t *testing.T) {
	w := newWorld(t)
	if out := w.ok("demo", "--bulk", "25"); out != "Loaded 25 generated incidents\n" {
		t.Errorf("demo --bulk: got %q", out)
	}
	if got := w.list("--limit", "200"); len(got) != 25 {
		t.Errorf("list after --bulk 25: got %d incidents, want 25", len(got))
	}
	w.fails(2, []string{"bulk:", "between 1 and"}, "demo", "--bulk", "0")
	w.fails(2, []string{"bulk:"}, "demo", "--bulk", "1000000")
}

func TestUpdateOfAnIncidentChangedMeanwhileIsAConflictAndOverwritesNothing(t *testing.T) {
	w := newWorld(t)
	w.ok("incident", "create", "--title", "t", "--severity", "SEV3")
	testHookAfterRead = func() {
		// Another window saves between the CLI's read and its write.
		w.seedUpdate("INC-0001", func(in *domain.IncidentInput) { in.Commander = "Someone Else" })
	}
	defer func() { testHookAfterRead = nil }()
	w.fails(4, []string{"INC-0001", "changed elsewhere"}, "incident", "update", "INC-0001", "--title", "mine")
	testHookAfterRead = nil
	got := w.incident("INC-0001")
	if got["title"] != "t" || got["commander"] != "Someone Else" || got["version"] != 2.0 {
		t.Errorf("incident: got title %v, commander %v, version %v; want the other change kept and ours refused",
			got["title"], got["commander"], got["version"])
	}
}
