package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hindsight-app/hindsight/backend/metrics/metricstest"
)

// fixtureStart is where the Prometheus fixture's three hours begin; the
// incident starts with the latency spike at +70 min.
var fixtureStart = time.Date(2026, 6, 10, 8, 0, 0, 0, time.UTC)

const p99Query = `http_request_duration_seconds{quantile="0.99",service="checkout"}`

// promWorld is a world with a real Prometheus serving the fixture, a
// source "prom" for it and INC-0001 over the fixture's incident.
func promWorld(t *testing.T) *world {
	t.Helper()
	url := metricstest.StartPrometheus(t, metricstest.OpenMetricsFixture(fixtureStart))
	w := newWorld(t)
	useFakeKeyring(t)
	w.ok("source", "add", "prom", "--kind", "prometheus", "--url", url)
	w.ok("incident", "create", "--title", "Checkout latency", "--severity", "SEV2", "--status", "resolved",
		"--started", "2026-06-10T09:10:00Z", "--detected", "2026-06-10T09:25:00Z", "--resolved", "2026-06-10T09:50:00Z")
	return w
}

func (w *world) snapshots(ref string) []snapshotJSON {
	w.t.Helper()
	var out []snapshotJSON
	if err := json.Unmarshal([]byte(w.ok("snapshot", "list", ref, "--json")), &out); err != nil {
		w.t.Fatal(err)
	}
	return out
}

func TestSnapshotsFromARealPrometheus(t *testing.T) {
	w := promWorld(t)
	if out := w.ok("source", "test", "prom"); strings.TrimSpace(out) == "" {
		t.Errorf("source test printed nothing")
	}

	out := w.ok("snapshot", "add", "INC-1", "--source", "PROM", "--query", p99Query, "--title", "checkout p99", "--tz", "UTC")
	if !strings.HasPrefix(out, "Added snapshot ") || !strings.Contains(out, "to INC-0001: checkout p99, 1 series") ||
		!strings.Contains(out, "2026-06-10 08:10 UTC – 2026-06-10 10:20 UTC") {
		t.Errorf("snapshot add: %q; want the incident's default window, started − 1 h to resolved + 30 min", out)
	}
	list := w.snapshots("1")
	if len(list) != 1 || list[0].Title != "checkout p99" || list[0].SourceName != "prom" || list[0].SeriesCount != 1 ||
		list[0].PointCount < 100 || list[0].Version != 1 || list[0].Versions != 1 || list[0].Incident != "INC-0001" {
		t.Fatalf("snapshot list = %+v", list)
	}
	id := list[0].ID
	// The table shows the id's first 8 characters, which show takes.
	if human := w.ok("snapshot", "list", "1"); !strings.Contains(human, id[:8]+" ") || !strings.Contains(human, "1 of 1") {
		t.Errorf("snapshot list:\n%s", human)
	}
	if human := w.ok("snapshot", "show", id[:8]); !strings.Contains(human, "checkout p99") {
		t.Errorf("snapshot show %s (the start of the id):\n%s", id[:8], human)
	}

	var shown snapshotJSON
	if err := json.Unmarshal([]byte(w.ok("snapshot", "show", id, "--json")), &shown); err != nil {
		t.Fatal(err)
	}
	if len(shown.Series) != 1 {
		t.Fatalf("show --json series = %+v", shown.Series)
	}
	st := shown.Series[0].Stats
	if st.Count != shown.PointCount || st.Max == nil || *st.Max != 2.5 || st.P50 == nil || *st.P50 > 0.2 ||
		st.BaselinePoints == 0 || st.DepartedAt == nil {
		t.Errorf("stats = %+v; want the spike as max 2.5, a median near 0.12, a baseline and a departure", st)
	}
	if shown.Series[0].Labels["service"] != "checkout" || shown.Query != p99Query || shown.StepSeconds <= 0 {
		t.Errorf("show --json = %+v", shown)
	}

	human := w.ok("snapshot", "show", id, "--tz", "UTC")
	for _, s := range []string{"checkout p99\n", "INC-0001", "prom (prometheus, http://127.0.0.1:", p99Query,
		"2026-06-10 08:10 UTC – 2026-06-10 10:20 UTC", "1 of 1", "P99.9", "DEPARTED", "2.5", `service="checkout"`} {
		if !strings.Contains(human, s) {
			t.Errorf("show lacks %q:\n%s", s, human)
		}
	}

	csv := w.ok("snapshot", "export", id, "--format", "csv")
	lines := strings.Split(strings.TrimSpace(csv), "\n")
	if !strings.HasPrefix(lines[0], "time_utc,unix_ms,") || !strings.Contains(lines[0], "checkout") || len(lines) != shown.PointCount+1 {
		t.Errorf("csv: header %q and %d lines; want time_utc,unix_ms,<series> and %d", lines[0], len(lines), shown.PointCount+1)
	}
	path := filepath.Join(w.dir, "out", "p99.csv")
	os.MkdirAll(filepath.Dir(path), 0o755)
	if out := w.ok("snapshot", "export", id, "--out", path); !strings.HasPrefix(out, "Wrote "+path) {
		t.Errorf("export --out: %q", out)
	}
	if b, err := os.ReadFile(path); err != nil || string(b) != csv {
		t.Errorf("the file holds %d bytes (%v); want what stdout got (%d)", len(b), err, len(csv))
	}
	w.fails(2, []string{"out:", "cannot write"}, "snapshot", "export", id, "--out", filepath.Join(w.dir, "missing", "x.csv"))

	// Prometheus has the same data: nothing new.
	if out := w.ok("snapshot", "sync", "INC-0001"); out != "Synced INC-0001: 0 new versions added, 1 unchanged\n" {
		t.Errorf("sync: %q", out)
	}
	if list := w.snapshots("1"); len(list) != 1 || list[0].Versions != 1 {
		t.Errorf("after sync: %+v", list)
	}
}

func TestAlertsAreFoundAndAddedToTheTimelineOnce(t *testing.T) {
	w := promWorld(t)
	out := w.ok("snapshot", "alerts", "1", "--source", "prom", "--tz", "UTC")
	for _, s := range []string{"HighLatency", "ErrorRate", "2026-06-10 09:15 UTC", "2026-06-10 09:20 UTC"} {
		if !strings.Contains(out, s) {
			t.Errorf("alerts lack %q:\n%s", s, out)
		}
	}
	var found []alertJSON
	if err := json.Unmarshal([]byte(w.ok("snapshot", "alerts", "1", "--source", "prom", "--json")), &found); err != nil {
		t.Fatal(err)
	}
	if len(found) != 2 || found[0].InTimeline || found[0].ResolvedAt == nil {
		t.Fatalf("alerts --json = %+v; want two, resolved, not on the timeline", found)
	}

	first := w.ok("snapshot", "alerts", "1", "--source", "prom", "--add")
	if first != "added 4, already there 0\n" {
		t.Errorf("first --add: %q; want two alerts' firing and resolved moments added", first)
	}
	if again := w.ok("snapshot", "alerts", "1", "--source", "prom", "--add"); again != "added 0, already there 4\n" {
		t.Errorf("second --add: %q", again)
	}
	if err := json.Unmarshal([]byte(w.ok("snapshot", "alerts", "1", "--source", "prom", "--json")), &found); err != nil {
		t.Fatal(err)
	}
	for _, a := range found {
		if !a.InTimeline {
			t.Errorf("%s is not marked as on the timeline after --add", a.Name)
		}
	}
	if tl := w.ok("timeline", "list", "1", "--tz", "UTC"); strings.Count(tl, "HighLatency") != 2 {
		t.Errorf("timeline:\n%s\nwant HighLatency firing and resolved", tl)
	}
}

func TestSnapshotCommandsRefuseBadInput(t *testing.T) {
	w := promWorld(t)
	add := []string{"snapshot", "add", "1", "--source", "prom", "--query", "up"}
	for _, tc := range []struct {
		name  string
		code  int
		args  []string
		words []string
	}{
		{"a step that is not a duration", 2, append(add, "--step", "often"), []string{"step:", "often"}},
		{"a negative step", 2, append(add, "--step", "-5s"), []string{"step:", "positive"}},
		{"a step giving too many points", 2, append(add, "--step", "1ms"), []string{"step:", "limit"}},
		{"a start after the end", 2, append(add, "--start", "2026-06-10 10:00", "--end", "2026-06-10 09:00", "--tz", "UTC"), []string{"end:", "after the start"}},
		{"a start that is not a time", 2, append(add, "--start", "yesterday"), []string{"start:", "yesterday"}},
		{"an unknown zone", 2, append(add, "--tz", "Mars/Base"), []string{"zone:"}},
		{"an unknown source", 2, []string{"snapshot", "add", "1", "--source", "nope", "--query", "up"}, []string{"source:", "nope"}},
		{"no query", 2, []string{"snapshot", "add", "1", "--source", "prom"}, []string{"query:", "required"}},
		{"an unknown incident", 3, []string{"snapshot", "add", "INC-9", "--source", "prom", "--query", "up"}, []string{"INC-9"}},
		{"an unknown snapshot", 3, []string{"snapshot", "show", "nope"}, []string{"no snapshot"}},
		{"an unknown export format", 2, []string{"snapshot", "export", "nope", "--format", "xlsx"}, []string{"format:", "xlsx"}},
		{"a bad PromQL query", 2, []string{"snapshot", "add", "1", "--source", "prom", "--query", "rate(("}, []string{"rate(("}},
		{"alerts without a source", 2, []string{"snapshot", "alerts", "1"}, []string{"source:"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w.fails(tc.code, tc.words, tc.args...)
		})
	}
	if list := w.snapshots("1"); len(list) != 0 {
		t.Errorf("bad input saved %d snapshots", len(list))
	}

	// A source that does not answer is unavailable, exit 6, naming it.
	w.ok("source", "add", "down", "--kind", "prometheus", "--url", "http://"+closedPort(t), "--timeout", "2s")
	w.fails(6, []string{"down"}, "snapshot", "add", "1", "--source", "down", "--query", "up")
	w.fails(6, []string{"down"}, "snapshot", "alerts", "1", "--source", "down")
}
