package cli

import (
	"encoding/csv"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"
)

// action shows one action as JSON and decodes it.
func (w *world) action(ref string) map[string]any {
	w.t.Helper()
	var m map[string]any
	out := w.ok("action", "show", ref, "--json", "--tz", "UTC")
	if err := json.Unmarshal([]byte(out), &m); err != nil {
		w.t.Fatalf("action show --json: %v in %q", err, out)
	}
	return m
}

// actions runs action list --json with args and returns the refs in order.
func (w *world) actions(args ...string) []string {
	w.t.Helper()
	r := w.run("", append([]string{"action", "list", "--json", "--tz", "UTC"}, args...)...)
	if r.code > 1 {
		w.t.Fatalf("action list: exit %d, %q", r.code, r.stderr)
	}
	var items []map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &items); err != nil {
		w.t.Fatalf("action list --json: %v in %q", err, r.stdout)
	}
	refs := []string{}
	for _, it := range items {
		refs = append(refs, it["ref"].(string))
	}
	return refs
}

func TestActionCreateWithEveryFlagThenShowJSON(t *testing.T) {
	w := newWorld(t)
	w.ok("incident", "create", "--title", "Checkout 502s", "--severity", "2")
	out := w.ok("action", "create", "--incident", "inc-1", "--title", "Alert on pool wait above 200 ms",
		"--description", "Use the **pool** metric.", "--owner", "Dana Reyes", "--due", "2026-07-01",
		"--priority", "p1", "--type", "detect", "--status", "in_progress", "--link", "https://tracker.example.com/OPS-1",
		"--verify", "The alert fires in the load test", "--tz", "UTC")
	if out != "Created ACT-0001: Alert on pool wait above 200 ms\n" {
		t.Errorf("create: got %q", out)
	}
	got := w.action("ACT-0001")
	want := map[string]any{
		"ref": "ACT-0001", "title": "Alert on pool wait above 200 ms", "description": "Use the **pool** metric.",
		"owner": "Dana Reyes", "due": "2026-07-01", "priority": "P1", "type": "detect", "status": "in_progress",
		"reason": "", "incident": "INC-0001", "incidentTitle": "Checkout 502s", "link": "https://tracker.example.com/OPS-1",
		"verification": "The alert fires in the load test", "causeNodeId": nil, "overdue": false, "daysOverdue": 0.0, "hints": []any{},
		"createdAt": "2026-06-15T12:00:00Z", "updatedAt": "2026-06-15T12:00:00Z", "closedAt": nil, "version": 1.0,
		"history": []any{map[string]any{"field": "status", "from": "", "to": "in_progress", "at": "2026-06-15T12:00:00Z", "by": "tester"}},
	}
	for k, v := range want {
		if !reflect.DeepEqual(got[k], v) {
			t.Errorf("%s: got %#v, want %#v", k, got[k], v)
		}
	}
	if len(got) != len(want)+1 { // + id
		t.Errorf("keys: got %d (%v), want the %d documented", len(got), keys(got), len(want)+1)
	}
	// create --json prints the action; a bare create gets the defaults and hints.
	var created map[string]any
	if err := json.Unmarshal([]byte(w.ok("action", "create", "--title", "Investigate the pool", "--json", "--tz", "UTC")), &created); err != nil {
		t.Fatal(err)
	}
	if created["due"] != "2026-08-10" || created["priority"] != "P2" || created["type"] != "prevent" || created["incident"] != nil {
		t.Errorf("defaults: due %v, priority %v, type %v, incident %v", created["due"], created["priority"], created["type"], created["incident"])
	}
	if hints, _ := created["hints"].([]any); len(hints) != 2 {
		t.Errorf("hints: got %v, want no owner and vague", created["hints"])
	}
	if out := w.ok("action", "create", "--title", "Look into it", "--tz", "UTC"); !strings.Contains(out, "  hint: No owner") {
		t.Errorf("create prints hints: got %q", out)
	}
}

func TestActionBadInputNamesTheFieldAndSavesNothing(t *testing.T) {
	w := newWorld(t)
	for _, tc := range []struct {
		args  []string
		words []string
	}{
		{[]string{"--title", "x", "--due", "next friday"}, []string{"due:", "not a date"}},
		{[]string{"--title", "x", "--status", "finished"}, []string{"status:", "unknown status"}},
		{[]string{"--title", "x", "--priority", "P7"}, []string{"priority:", "P1, P2 or P3"}},
		{[]string{"--title", "x", "--link", "javascript:alert(1)"}, []string{"link:", "javascript:"}},
		{[]string{"--title", "x", "--link", "file:///etc/passwd"}, []string{"link:", "file:"}},
		{[]string{"--title", "x", "--status", "wont_do"}, []string{"reason:", "is required"}},
		{[]string{"--title", "x", "--incident", "INC-0042"}, []string{"incident:", "INC-0042"}},
		{[]string{"--owner", "x"}, []string{"title:", "is required"}},
		{[]string{"--title", "x", "--tz", "Mars/Base"}, []string{"zone:", "Mars/Base"}},
	} {
		w.fails(2, tc.words, append([]string{"action", "create"}, tc.args...)...)
	}
	if got := w.actions(); len(got) != 0 {
		t.Errorf("actions after bad input: %v, want none", got)
	}
	w.ok("action", "create", "--title", "x", "--tz", "UTC")
	w.fails(2, []string{"nothing to change"}, "action", "update", "1")
	w.fails(2, []string{"link:"}, "action", "update", "1", "--link", "ftp://example.com/x")
	w.fails(3, []string{"ACT-0042"}, "action", "show", "act-42")
	w.fails(3, []string{"ACT-0042"}, "action", "done", "1", "ACT-0042")
	if got := w.action("1"); got["version"] != 1.0 || got["status"] != "open" {
		t.Errorf("after refused changes: version %v, status %v", got["version"], got["status"])
	}
	w.fails(2, []string{"status:"}, "action", "list", "--status", "finished")
	w.fails(2, []string{"sort:"}, "action", "list", "--sort", "colour")
	w.fails(2, []string{"format:"}, "action", "export", "--format", "pdf")
}

// The end-to-end story: two actions on an incident, one done, the
// other found by the overdue filter once its date has passed.
func TestTwoActionsOneDoneTheOtherOverdueOnceItsDatePasses(t *testing.T) {
	w := newWorld(t)
	w.ok("incident", "create", "--title", "Checkout 502s", "--severity", "2")
	w.ok("action", "create", "--incident", "INC-0001", "--title", "Roll back the pool size", "--owner", "Dana", "--due", "2026-06-20", "--tz", "UTC")
	w.ok("action", "create", "--incident", "INC-0001", "--title", "Add a canary stage", "--owner", "Sam", "--due", "2026-06-20", "--tz", "UTC")
	if out := w.ok("action", "done", "ACT-0001"); out != "Done ACT-0001: Roll back the pool size\n" {
		t.Errorf("done: got %q", out)
	}

	r := w.run("", "action", "list", "--overdue", "--tz", "UTC")
	if r.code != 0 || !strings.Contains(r.stdout, "no actions match") {
		t.Errorf("before the date: exit %d, %q; want 0 and none", r.code, r.stdout)
	}
	w.now = time.Date(2026, 6, 20, 23, 59, 0, 0, time.UTC) // the due day: not overdue yet
	if got := w.actions("--overdue"); len(got) != 0 {
		t.Errorf("on the due day: %v, want none", got)
	}
	w.now = time.Date(2026, 6, 23, 9, 0, 0, 0, time.UTC)
	r = w.run("", "action", "list", "--overdue", "--tz", "UTC")
	if r.code != 1 {
		t.Fatalf("overdue: exit %d (%q), want 1", r.code, r.stderr)
	}
	checkOneErrorLine(t, r.stderr, "1 action overdue")
	if !strings.Contains(r.stdout, "ACT-0002") || strings.Contains(r.stdout, "ACT-0001") || !strings.Contains(r.stdout, "2026-06-20 (3 days overdue)") {
		t.Errorf("overdue list: %q", r.stdout)
	}
	if got := w.actions("--overdue"); !reflect.DeepEqual(got, []string{"ACT-0002"}) {
		t.Errorf("overdue --json: %v", got)
	}
	if a := w.action("2"); a["overdue"] != true || a["daysOverdue"] != 3.0 {
		t.Errorf("show: overdue %v, days %v", a["overdue"], a["daysOverdue"])
	}
	// Reopening the done one makes it overdue too; done again, it is not.
	w.ok("action", "reopen", "1")
	if got := w.actions("--overdue"); !reflect.DeepEqual(got, []string{"ACT-0001", "ACT-0002"}) {
		t.Errorf("after reopen: %v", got)
	}
	w.ok("action", "done", "1", "2")
	if r := w.run("", "action", "list", "--overdue", "--tz", "UTC"); r.code != 0 {
		t.Errorf("all done: exit %d, want 0", r.code)
	}
}

func TestActionUpdateAndTheHistory(t *testing.T) {
	w := newWorld(t)
	w.ok("action", "create", "--title", "Write the runbook", "--due", "2026-07-01", "--tz", "UTC")
	w.now = testNow.Add(time.Hour)
	if out := w.ok("action", "update", "ACT-1", "--owner", "Lee Chen", "--priority", "P1"); !strings.HasPrefix(out, "Updated ACT-0001: Write the runbook") {
		t.Errorf("update: %q", out)
	}
	w.now = testNow.Add(2 * time.Hour)
	w.ok("action", "update", "1", "--status", "wont_do", "--reason", "Superseded by ACT-0002")
	w.now = testNow.Add(3 * time.Hour)
	w.ok("action", "reopen", "1")
	a := w.action("1")
	var got []string
	for _, h := range a["history"].([]any) {
		c := h.(map[string]any)
		got = append(got, c["at"].(string)[11:16]+" "+c["field"].(string)+" "+c["from"].(string)+"→"+c["to"].(string))
	}
	want := []string{"12:00 status →open", "13:00 owner →Lee Chen", "13:00 priority P2→P1",
		"14:00 status open→wont_do", "14:00 reason →Superseded by ACT-0002", "15:00 status wont_do→open", "15:00 reason Superseded by ACT-0002→"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("history:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if a["closedAt"] != nil || a["version"] != 4.0 {
		t.Errorf("closedAt %v, version %v", a["closedAt"], a["version"])
	}
	show := w.ok("action", "show", "1", "--tz", "UTC")
	for _, s := range []string{"ACT-0001  Write the runbook", "Owner         Lee Chen", "created as open", "status: wont_do → open by tester"} {
		if !strings.Contains(show, s) {
			t.Errorf("show: missing %q in\n%s", s, show)
		}
	}
}

func TestActionListFiltersAndExport(t *testing.T) {
	w := newWorld(t)
	w.ok("incident", "create", "--title", "Checkout 502s", "--severity", "2", "--services", "checkout-api")
	w.ok("incident", "create", "--title", "Search slow", "--severity", "3", "--services", "search")
	for _, a := range [][]string{
		{"--incident", "1", "--title", "Alert | on pool wait", "--owner", "Dana", "--due", "2026-06-10", "--priority", "P1", "--type", "detect"},
		{"--incident", "1", "--title", "Canary stage", "--owner", "Sam", "--due", "2026-06-17", "--priority", "P2", "--status", "blocked"},
		{"--incident", "2", "--title", "Reindex drill", "--due", "2026-06-30", "--priority", "P3", "--type", "process"},
		{"--title", "Meeting follow-up", "--owner", "dana", "--due", "2026-06-21"},
	} {
		w.ok(append([]string{"action", "create", "--tz", "UTC"}, a...)...)
	}
	for _, tc := range []struct {
		args []string
		want []string
	}{
		{nil, []string{"ACT-0001", "ACT-0002", "ACT-0004", "ACT-0003"}},
		{[]string{"--owner", "DANA"}, []string{"ACT-0001", "ACT-0004"}},
		{[]string{"--unowned"}, []string{"ACT-0003"}},
		{[]string{"--status", "blocked,open", "--priority", "P2"}, []string{"ACT-0002", "ACT-0004"}},
		{[]string{"--type", "process"}, []string{"ACT-0003"}},
		{[]string{"--incident", "INC-0001", "--sort", "-due"}, []string{"ACT-0002", "ACT-0001"}},
		{[]string{"--service", "search"}, []string{"ACT-0003"}},
		{[]string{"--due-this-week"}, []string{"ACT-0002", "ACT-0004"}},
		{[]string{"-q", "canary"}, []string{"ACT-0002"}},
		{[]string{"--limit", "1", "--offset", "1"}, []string{"ACT-0002"}},
	} {
		if got := w.actions(tc.args...); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("list %v: got %v, want %v", tc.args, got, tc.want)
		}
	}
	table := w.ok("action", "list", "--tz", "UTC")
	if !strings.Contains(table, "REF") || !strings.Contains(table, "2026-06-10 (5 days overdue)") || !strings.Contains(table, "showing 1–4 of 4") {
		t.Errorf("table:\n%s", table)
	}

	md := w.ok("action", "export", "--incident", "1", "--tz", "UTC")
	for _, s := range []string{"| Ref | Action |", "| ACT-0001 | Alert \\| on pool wait | Dana | 2026-06-10 (5 days overdue) |", "| ACT-0002 |"} {
		if !strings.Contains(md, s) {
			t.Errorf("markdown: missing %q in\n%s", s, md)
		}
	}
	if strings.Contains(md, "ACT-0003") {
		t.Errorf("markdown export ignores the filter:\n%s", md)
	}
	rows, err := csv.NewReader(strings.NewReader(w.ok("action", "export", "--format", "csv", "--owner", "dana", "--tz", "UTC"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 || rows[0][0] != "ref" || rows[1][0] != "ACT-0001" || rows[1][1] != "Alert | on pool wait" || rows[2][0] != "ACT-0004" {
		t.Errorf("csv: %v", rows)
	}
}
