package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hindsight-app/hindsight/backend/causes"
	"github.com/hindsight-app/hindsight/backend/domain"
	"github.com/hindsight-app/hindsight/backend/metrics"
	"github.com/hindsight-app/hindsight/backend/postmortem"
	"github.com/hindsight-app/hindsight/backend/store"
)

// seedRich stores an incident with everything a postmortem export shows:
// key moments, events with pipes, backslashes, line breaks and markdown in
// their text, a cause tree with every kind, actions with links, brackets,
// overdue and won't-do, two snapshots of several series (one Graphite, one
// a signal with a threshold), and a postmortem in review with authors
// whose names hold quotes.
func (w *world) seedRich() {
	w.t.Helper()
	t := w.t
	st, err := store.Open(w.env["HINDSIGHT_DB"], store.Options{Now: func() time.Time { return testNow }})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	inc, err := st.CreateIncident(ctx, domain.IncidentInput{
		Title: `Checkout 5xx | "gateway" [pool] \ config`, Severity: "SEV1", Status: "investigating",
		Services: []string{"checkout", "payment-gateway"}, Tags: []string{"config", "payments"},
		Commander:      "Ana Lima",
		Summary:        "A config push set the pool to 2.\n\n## How it was fixed\n\nRolled back; see `pool_size`.",
		CustomerImpact: "About 18% of checkouts failed.\nNo data was lost.",
		StartedAt:      "2026-05-02 11:58", Zone: "Europe/Berlin",
	})
	must(err)
	ev := func(at, kind, who, body, moment string) {
		t.Helper()
		_, err := st.AddEvent(ctx, inc.ID, domain.EventInput{At: at, Zone: "Europe/Berlin", Kind: kind, Author: who, Body: body, KeyMoment: moment})
		must(err)
	}
	ev("2026-05-02 11:55:10", "deploy", "deploy-bot", "Config push 7731: `pool_size: 2`", "")
	ev("2026-05-02 11:58:00", "observation", "", "Error rate **rising** | p99 up", "started")
	ev("2026-05-02 12:12:30", "alert", "alertmanager", `CheckoutErrors firing (C:\ops\runbook)`, "detected")
	ev("2026-05-02 12:12:30", "communication", `Sam "Sammy" Ortiz`, "Paged the gateway team\nand opened #inc-42", "")
	ev("2026-05-02 12:40:00", "mitigation", "Ana Lima", "Rolled back | errors at baseline", "mitigated")
	ev("2026-05-02 13:30:00", "resolution", "Ana Lima", "Replayed queued orders", "resolved")
	_, err = st.UpdateIncident(ctx, inc.ID, func() domain.IncidentInput {
		cur, err := st.GetIncident(ctx, inc.ID)
		must(err)
		in := cur.Input()
		in.Status = "postmortem"
		return in
	}(), 0)
	must(err)
	outline, err := causes.ParseOutline(`- [problem] Checkout requests timed out
  - [cause] Gateway pool had 2 connections
    - [trigger] Config push 7731 set pool_size: 2
    - [root] Config changes skip validation | no schema
  - [contributing] No alert on "error rate"
- [problem] Replays were slow
  - [root] Queue consumer had 1 worker`)
	must(err)
	_, err = st.ImportCauses(ctx, inc.ID, outline)
	must(err)
	act := func(in domain.ActionInput) {
		t.Helper()
		in.Incident = inc.ID
		_, err := st.CreateAction(ctx, in)
		must(err)
	}
	act(domain.ActionInput{Title: "Validate pool sizes in config CI", Owner: "Sam Ortiz", Due: "2026-07-11", Priority: "P1",
		Type: "prevent", Status: "in_progress", Link: "https://tracker.example/PAY-120?x=1&y=[2]"})
	act(domain.ActionInput{Title: "[alerts] Alert on checkout error rate | above 2%", Owner: "Ana Lima", Due: "2026-06-01",
		Priority: "P1", Type: "detect", Link: "https://tracker.example/PAY-121"})
	act(domain.ActionInput{Title: "Runbook: roll back a config push", Owner: "Lee Chen", Due: "2026-06-14", Priority: "P2",
		Type: "process", Status: "done"})
	act(domain.ActionInput{Title: "Rewrite the gateway", Owner: "Lee Chen", Due: "2026-09-01", Priority: "P3",
		Type: "prevent", Status: "wont_do", Reason: "Too big for the benefit: see ACT-0001"})
	act(domain.ActionInput{Title: "Blocked on vendor", Due: "2026-05-20", Priority: "P2", Type: "mitigate", Status: "blocked"})

	start, _ := time.Parse(time.RFC3339, "2026-05-02T09:00:00Z")
	end := start.Add(3 * time.Hour)
	series := func(key string, labels map[string]string, f func(k int) float64) domain.Series {
		se := domain.Series{Key: key, Labels: labels}
		for k := 0; k <= int(end.Sub(start).Minutes()); k++ {
			se.Points = append(se.Points, domain.Point{T: start.Add(time.Duration(k) * time.Hour / 60).UnixMilli(), V: f(k)})
		}
		se.Stats = metrics.ComputeStats(se.Points, *inc.StartedAt)
		return se
	}
	errRate := func(k int) float64 {
		if k >= 178 && k < 220 {
			return 18.5 + float64(k%7)/10
		}
		return 0.4 + float64(k%5)/100
	}
	prom := domain.Snapshot{
		SourceID: "src", SourceName: "prod-prom", SourceKind: domain.SourcePrometheus, SourceURL: "https://prom.example:9090",
		Title: "Checkout [5xx] rate", Query: "sum by (code) (rate(http_requests_total{service=\"checkout\"}[5m]))\n# by code",
		Start: start, End: end, Step: time.Minute, FetchedAt: testNow.Add(-time.Hour),
		Series: []domain.Series{
			series(`{code="200"}`, map[string]string{"code": "200"}, func(k int) float64 { return 100 - errRate(k) }),
			series(`{code="503"}`, map[string]string{"code": "503"}, errRate),
			series(`{__name__="http_requests_total", code="500", path="/a \"b\""}`,
				map[string]string{"__name__": "http_requests_total", "code": "500", "path": `/a "b"`}, func(k int) float64 { return float64(k) * 1e-4 }),
		},
	}
	graphite := domain.Snapshot{
		SourceName: "graphite", SourceKind: domain.SourceGraphite, SourceURL: "http://graphite.example",
		Title: "Checkout [5xx] rate", Query: "sumSeries(checkout.*.errors)", Start: start.Add(30 * time.Minute), End: end,
		Step: 5 * time.Minute, FetchedAt: testNow.Add(-time.Hour),
		Series: []domain.Series{
			series("checkout.eu.errors", map[string]string{"name": "checkout.eu.errors"}, func(k int) float64 { return float64(k % 13) }),
			series("-checkout.us.errors", map[string]string{"name": "-checkout.us.errors"}, func(k int) float64 { return 1e7 + float64(k) }),
		},
	}
	graphite.Series[0].Points = graphite.Series[0].Points[30:]
	graphite.Series[1].Points = graphite.Series[1].Points[31:]
	for k := range graphite.Series {
		graphite.Series[k].Stats = metrics.ComputeStats(graphite.Series[k].Points, *inc.StartedAt)
	}
	saved, err := st.SaveSnapshots(ctx, inc.ID, []domain.Snapshot{prom, graphite})
	must(err)
	threshold := 5.0
	_, err = st.SetSignal(ctx, saved[0].ID, domain.Signal{SeriesKey: `{code="503"}`, Threshold: &threshold})
	must(err)

	sre, _ := postmortem.FindTemplate("sre", nil)
	pm, err := st.CreatePostmortem(ctx, inc.ID, domain.PostmortemInput{Template: "sre", Title: "Checkout errors: the config push",
		Body: sre.Body + "\nWritten by {{incident.commander}}.\n", Authors: []string{"Ana Lima", `Sam "Sammy" Ortiz`}})
	must(err)
	_, err = st.Submit(ctx, pm.ID, []string{"Lee Chen", "Kim O'Neil"})
	must(err)
}

// richExport seeds the rich incident and exports it; it returns the
// world, the folder and the document.
func richExport(t *testing.T) (*world, string, string) {
	t.Helper()
	w := newWorld(t)
	w.seedRich()
	first := w.exportTo("first")
	return w, first, mdFile(t, first)
}

// exportTo exports INC-0001 into a new folder and returns it.
func (w *world) exportTo(name string) string {
	w.t.Helper()
	out := w.outDir(name)
	w.ok("export", "postmortem", "INC-0001", "--out", out, "--tz", "Europe/Berlin")
	return out
}

// sameTree fails unless both folders hold the same files, byte for byte.
func sameTree(t *testing.T, a, b string) {
	t.Helper()
	fa, fb := files(t, a), files(t, b)
	if strings.Join(fa, "\n") != strings.Join(fb, "\n") {
		t.Fatalf("files differ:\n%v\n%v", fa, fb)
	}
	for _, f := range fa {
		x, _ := os.ReadFile(filepath.Join(a, f))
		y, _ := os.ReadFile(filepath.Join(b, f))
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs:\n--- first\n%s\n--- second\n%s", f, x, y)
		}
	}
}

func mdFile(t *testing.T, dir string) string {
	t.Helper()
	m, _ := filepath.Glob(filepath.Join(dir, "*.md"))
	if len(m) != 1 {
		t.Fatalf("md files in %s: %v", dir, m)
	}
	return m[0]
}

func TestImportPostmortemRoundTripsEveryFileByteForByte(t *testing.T) {
	w := newWorld(t)
	w.seedRich()
	first := w.exportTo("first")
	if got := files(t, first); len(got) != 5 {
		t.Fatalf("exported %v; want the document and two snapshots' SVG and CSV", got)
	}

	fresh := newWorld(t)
	fresh.dir = w.dir
	fresh.env["HINDSIGHT_DB"] = filepath.Join(w.dir, "fresh.db")
	out := fresh.ok("import", "postmortem", mdFile(t, first))
	for _, want := range []string{"Created INC-0001", "6 events added", "7 causes", "5 actions (5 created)", "2 snapshots added", "postmortem In review (created)"} {
		if !strings.Contains(out, want) {
			t.Errorf("import said %q; want %q in it", out, want)
		}
	}
	second := fresh.exportTo("second")
	sameTree(t, first, second)

	// The restored template is the one written: placeholders, not text.
	st, err := store.Open(fresh.env["HINDSIGHT_DB"], store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	pm, err := st.GetPostmortem(context.Background(), "INC-0001")
	if err != nil {
		t.Fatal(err)
	}
	sre, _ := postmortem.FindTemplate("sre", nil)
	// An inline placeholder below the first "##" heading stays text.
	if want := sre.Body + "\nWritten by Ana Lima.\n"; pm.Body != want {
		t.Errorf("body is not the template again:\n%s", pm.Body)
	}
	if pm.Template != "sre" || strings.Join(pm.Reviewers, ",") != "Lee Chen,Kim O'Neil" || pm.Status != domain.PostmortemInReview {
		t.Errorf("postmortem = %+v", pm)
	}
	// Later incidents and actions are numbered after the imported ones.
	fresh.ok("incident", "create", "--title", "Next one", "--severity", "SEV3")
	if got := fresh.list(); len(got) != 2 {
		t.Fatalf("list = %v", got)
	}
	if inc := fresh.incident("INC-0002"); inc["title"] != "Next one" {
		t.Errorf("INC-0002 = %v", inc)
	}
	a := fresh.ok("action", "create", "--title", "Next action", "--incident", "INC-0002")
	if !strings.Contains(a, "ACT-0006") {
		t.Errorf("new action: %q; want ACT-0006", a)
	}
}

func TestImportPostmortemTwiceChangesNothing(t *testing.T) {
	w, first, file := richExport(t)

	// Imported twice into a new database: the second finds everything
	// there and changes nothing.
	w = newWorld(t)
	w.ok("import", "postmortem", file)
	out := w.ok("import", "postmortem", file)
	if !strings.HasPrefix(out, "Kept INC-0001") || !strings.Contains(out, "0 events added, 6 kept") ||
		!strings.Contains(out, "7 causes (unchanged)") || !strings.Contains(out, "5 unchanged") ||
		!strings.Contains(out, "0 snapshots added, 2 unchanged") || !strings.Contains(out, "(unchanged)\n") {
		t.Errorf("re-import said %q", out)
	}
	sameTree(t, first, w.exportTo("again"))

	// An edit in the file is applied in place: the event added, the action
	// changed, a new revision kept; no duplicates.
	md, _ := os.ReadFile(file)
	edited := strings.Replace(string(md), "| Runbook: roll back a config push | Lee Chen |", "| Runbook: roll back a config push | Kim O'Neil |", 1)
	edited = strings.Replace(edited, "## Trigger\n", "## Trigger\n\nA config push.\n", 1)
	edited = strings.Replace(edited, "\n\n<!-- hindsight:end timeline -->",
		"\n| 2026-05-02 15:40:00 | T+3:42 | note | Ana Lima | Review booked |\n\n<!-- hindsight:end timeline -->", 1)
	if err := os.WriteFile(file, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	r := w.run("", "import", "postmortem", file, "--json")
	if r.code != 0 {
		t.Fatalf("import: %d %s", r.code, r.stderr)
	}
	var res store.ImportResult
	if err := json.Unmarshal([]byte(r.stdout), &res); err != nil {
		t.Fatal(err)
	}
	if res.EventsAdded != 1 || res.EventsKept != 6 || res.ActionsUpdated != 1 || res.ActionsKept != 4 ||
		res.ActionsCreated != 0 || res.SnapshotsAdded != 0 || res.Postmortem != "revised" || res.IncidentCreated {
		t.Errorf("result = %+v", res)
	}
	again := w.ok("import", "postmortem", file)
	if !strings.Contains(again, "0 events added, 7 kept") || !strings.Contains(again, "(unchanged)\n") {
		t.Errorf("third import said %q", again)
	}
	w.ok("export", "postmortem", "INC-0001", "--out", w.outDir("edited"), "--tz", "Europe/Berlin")
	got, _ := os.ReadFile(mdFile(t, filepath.Join(w.dir, "edited")))
	for _, want := range []string{"A config push.", "| Kim O'Neil |", "Review booked"} {
		if strings.Count(string(got), want) != 1 {
			t.Errorf("export after the edit has %q %d times", want, strings.Count(string(got), want))
		}
	}
}

func TestImportPostmortemDryRunWritesNothing(t *testing.T) {
	_, _, file := richExport(t)
	fresh := newWorld(t)
	out := fresh.ok("import", "postmortem", file, "--dry-run")
	if !strings.HasPrefix(out, "Would have created INC-0001") || !strings.Contains(out, "6 events added") {
		t.Errorf("dry run said %q", out)
	}
	if got := fresh.list(); len(got) != 0 {
		t.Errorf("a dry run wrote %v", got)
	}
}

// TestImportPostmortemBadInputIsExit2AndWritesNothing covers each class of
// error: front matter, a table row, a missing data file, an unknown kind.
func TestImportPostmortemBadInputIsExit2AndWritesNothing(t *testing.T) {
	_, first, file := richExport(t)
	md, _ := os.ReadFile(file)
	for _, c := range []struct {
		name   string
		edit   func(string) string
		remove string
		words  []string
	}{
		{name: "broken front matter", edit: func(s string) string { return strings.Replace(s, "severity: \"SEV1\"", "severity: [SEV1", 1) },
			words: []string{"line", "front matter"}},
		{name: "no front matter", edit: func(s string) string { return s[4:] }, words: []string{"line 1", "front matter"}},
		{name: "a timeline row with a cell too few", edit: func(s string) string {
			return strings.Replace(s, "| deploy | deploy-bot |", "| deploy-bot |", 1)
		}, words: []string{"line", "timeline row has 4 cells; expected 5 (Time, T+, Kind, Who, What)"}},
		{name: "an unknown event kind", edit: func(s string) string {
			return strings.Replace(s, "| deploy | deploy-bot |", "| rollout | deploy-bot |", 1)
		},
			words: []string{"line", "timeline kind"}},
		{name: "an unknown cause kind", edit: func(s string) string { return strings.Replace(s, "- [trigger]", "- [spark]", 1) },
			words: []string{"line", "cause"}},
		{name: "a bad action status", edit: func(s string) string { return strings.Replace(s, "| In progress |", "| Half done |", 1) },
			words: []string{"line", "status"}},
		{name: "an end marker missing", edit: func(s string) string { return strings.Replace(s, "<!-- hindsight:end actions -->", "", 1) },
			words: []string{"line", "no end marker"}},
		{name: "a missing data file", remove: "checkout-5xx-rate.csv", words: []string{"line", "checkout-5xx-rate.csv is missing"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "copy")
			if err := os.CopyFS(dir, os.DirFS(first)); err != nil {
				t.Fatal(err)
			}
			target := filepath.Join(dir, filepath.Base(file))
			if c.edit != nil {
				if err := os.WriteFile(target, []byte(c.edit(string(md))), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if c.remove != "" {
				if err := os.Remove(filepath.Join(dir, "assets", "INC-0001", c.remove)); err != nil {
					t.Fatal(err)
				}
			}
			fresh := newWorld(t)
			stderr := fresh.fails(2, append([]string{filepath.Base(file)}, c.words...), "import", "postmortem", target)
			_ = stderr
			if got := fresh.list(); len(got) != 0 {
				t.Errorf("a failed import wrote %v", got)
			}
		})
	}
}

func TestImportPostmortemConflicts(t *testing.T) {
	w, _, file := richExport(t)

	// Another incident holds the number here.
	other := newWorld(t)
	other.ok("incident", "create", "--title", "Unrelated", "--severity", "SEV3")
	other.fails(4, []string{"INC-0001", "another incident", "nothing was imported"}, "import", "postmortem", file)
	if got := other.list(); len(got) != 1 {
		t.Errorf("list = %v", got)
	}

	// The postmortem changed here after the file was written.
	md, _ := os.ReadFile(file)
	older := strings.Replace(string(md), "## Trigger\n", "## Trigger\n\nOld text.\n", 1)
	older = strings.Replace(older, "updated_at: \"2026", "updated_at: \"2025", 1)
	if err := os.WriteFile(file, []byte(older), 0o644); err != nil {
		t.Fatal(err)
	}
	w.fails(4, []string{"changed here", "--force"}, "import", "postmortem", file)
	if out := w.ok("import", "postmortem", file, "--force"); !strings.Contains(out, "(revised)") {
		t.Errorf("forced import said %q", out)
	}
}

func TestImportNeedsOneFile(t *testing.T) {
	w := newWorld(t)
	w.fails(2, []string{"one FILE"}, "import", "postmortem")
	w.fails(2, []string{"missing.md"}, "import", "postmortem", filepath.Join(w.dir, "missing.md"))
}
