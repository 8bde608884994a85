package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestTimelineAddListAndExport(t *testing.T) {
	w := newWorld(t)
	w.ok("incident", "create", "--title", "Checkout 502s", "--severity", "SEV2", "--started", "2026-06-10T09:00:00Z")
	w.ok("timeline", "add", "INC-1", "--at", "2026-06-10 11:12", "--tz", "Europe/Berlin", "--kind", "alert",
		"--key-moment", "detected", "5xx", "above", "5%")
	w.ok("timeline", "add", "1", "--at", "2026-06-10T09:30:00.250Z", "Rolled back | the deploy")
	if got := w.incident("INC-0001")["timeToDetectSeconds"]; got != 720.0 {
		t.Errorf("timeToDetectSeconds = %v, want 720 (the detected marker moved it)", got)
	}
	out := w.ok("timeline", "list", "1", "--tz", "UTC")
	for _, want := range []string{"2026-06-10 09:12:00 UTC  alert  tester  detected  5xx above 5%", "2 events"} {
		if !strings.Contains(out, want) {
			t.Errorf("list lacks %q:\n%s", want, out)
		}
	}
	var doc struct {
		Incident string `json:"incident"`
		Events   []struct{ At, Body, KeyMoment string }
	}
	if err := json.Unmarshal([]byte(w.ok("timeline", "export", "1", "--format", "json")), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Incident != "INC-0001" || len(doc.Events) != 2 || doc.Events[1].At != "2026-06-10T09:30:00.25Z" {
		t.Errorf("json export = %+v", doc)
	}
	md := w.ok("timeline", "export", "1", "--tz", "UTC")
	if !strings.Contains(md, `| 2026-06-10 09:30:00 | T+0:30 | note | tester | Rolled back \| the deploy |`) {
		t.Errorf("markdown export:\n%s", md)
	}
}

func TestTimelineBadInput(t *testing.T) {
	w := newWorld(t)
	w.ok("incident", "create", "--title", "t", "--severity", "SEV3", "--started", "2026-06-10T09:00:00Z")
	w.fails(2, []string{"keyMoment:", "before the start"}, "timeline", "add", "1", "--at", "2026-06-10T08:00:00Z", "--key-moment", "detected", "too early")
	w.fails(2, []string{"at:", "does not exist"}, "timeline", "add", "1", "--at", "2026-03-29 02:30", "--tz", "Europe/Berlin", "x")
	w.fails(2, []string{"kind:"}, "timeline", "add", "1", "--at", "2026-06-10T10:00:00Z", "--kind", "gossip", "x")
	w.fails(2, []string{"format:"}, "timeline", "export", "1", "--format", "pdf")
	w.fails(3, []string{"no incident"}, "timeline", "list", "INC-9")
	if out := w.ok("timeline", "list", "1"); !strings.Contains(out, "0 events") {
		t.Errorf("after refused adds: %q, want 0 events", out)
	}
}

func TestTimelineImportFromAFileTwiceAddsNothingTheSecondTime(t *testing.T) {
	w := newWorld(t)
	w.ok("incident", "create", "--title", "t", "--severity", "SEV2", "--started", "2026-06-10T14:05:00Z")
	path := filepath.Join(w.dir, "timeline.md")
	text := "## 2026-06-10\n2:12 PM Detected: 5xx above 5%\n14:46 Mitigated: rolled back\n15:37 Resolved: all clear\n"
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	if out := w.ok("timeline", "import", "1", path, "--tz", "UTC"); !strings.Contains(out, "Imported 3 events into INC-0001 (0 already there") {
		t.Errorf("first import: %q", out)
	}
	if out := w.ok("timeline", "import", "1", path, "--tz", "UTC"); !strings.Contains(out, "Imported 0 events into INC-0001 (3 already there") {
		t.Errorf("second import: %q", out)
	}
	inc := w.incident("1")
	if inc["timeToDetectSeconds"] != 420.0 || inc["timeToMitigateSeconds"] != 2460.0 || inc["timeToResolveSeconds"] != 5520.0 || inc["status"] != "resolved" {
		t.Errorf("after import: %v", inc)
	}
}

func TestTimelineImportRefusesWhatItDoesNotUnderstand(t *testing.T) {
	w := newWorld(t)
	w.ok("incident", "create", "--title", "t", "--severity", "SEV2", "--started", "2026-06-10T14:00:00Z")
	// Line 2 names two zones; nothing may be saved until it is dealt with.
	text := "2026-06-10 14:05 UTC deploy started\n2026-06-10 14:07 UTC+02:00 CET confusing\n2026-06-10 14:09 UTC rolled back\n"
	r := w.run(text, "timeline", "import", "1", "-")
	if r.code != 2 || !strings.Contains(r.stderr, "line 2") {
		t.Fatalf("import with a bad line: exit %d, %q; want 2 naming line 2", r.code, r.stderr)
	}
	if out := w.ok("timeline", "list", "1"); !strings.Contains(out, "0 events") {
		t.Errorf("after a refused import: %q", out)
	}
	var preview struct {
		Events   []struct{ Line int }
		Problems []struct {
			Line    int
			Pending bool
		}
	}
	r = w.run(text, "timeline", "import", "1", "-", "--dry-run", "--json")
	if err := json.Unmarshal([]byte(r.stdout), &preview); err != nil {
		t.Fatalf("dry-run json: %v in %q (%s)", err, r.stdout, r.stderr)
	}
	if len(preview.Events) != 2 || len(preview.Problems) != 1 || preview.Problems[0].Line != 2 || !preview.Problems[0].Pending {
		t.Errorf("preview = %+v", preview)
	}
	if r := w.run(text, "timeline", "import", "1", "-", "--unparsed", "skip"); r.code != 0 || !strings.Contains(r.stdout, "Imported 2 events") {
		t.Errorf("--unparsed skip: exit %d, %q %q", r.code, r.stdout, r.stderr)
	}
	w.fails(2, []string{"binary"}, "timeline", "import", "1", writeFile(t, w.dir, "bin", "\x00\x01\x02"))
}

func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}
