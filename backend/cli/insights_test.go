package cli

import (
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hindsight-app/hindsight/backend/domain"
)

// seedInsightsWorld: two checkout incidents; the first starts at 23:30 UTC
// on 31 May, which is June in Berlin.
func seedInsightsWorld(t *testing.T) *world {
	t.Helper()
	w := newWorld(t)
	w.seed(
		domain.IncidentInput{Title: "Checkout 502s", Severity: "SEV1", Status: "resolved", Services: []string{"checkout"},
			StartedAt: "2026-05-31 23:30", DetectedAt: "2026-05-31 23:40", ResolvedAt: "2026-06-01 00:40", Zone: "UTC"},
		domain.IncidentInput{Title: "Checkout slow", Severity: "SEV2", Status: "resolved", Services: []string{"checkout"},
			StartedAt: "2026-05-10 09:00", DetectedAt: "2026-05-10 09:20", ResolvedAt: "2026-05-10 10:00", Zone: "UTC"},
	)
	return w
}

func TestInsightsPrintsAMonthlyTable(t *testing.T) {
	w := seedInsightsWorld(t)
	out := w.ok("insights", "--tz", "UTC")
	lines := strings.Split(out, "\n")
	if !strings.HasPrefix(lines[0], "Months in UTC") || !strings.HasPrefix(lines[2], "MONTH") {
		t.Fatalf("got %q", out)
	}
	// The last 12 full months and the current one (the clock is 15 June 2026).
	if !strings.HasPrefix(lines[3], "2025-06 ") || !strings.HasPrefix(lines[15], "2026-06 ") {
		t.Errorf("first and last months: got %q and %q", lines[3], lines[15])
	}
	if got := strings.Fields(lines[14]); len(got) < 6 || strings.Join(got[:6], " ") != "2026-05 1 1 0 0 2" {
		t.Errorf("May: got %q, want both incidents", lines[14])
	}
	// Detect 0:10 and 0:20: median 0:15, p90 0:20.
	if !strings.Contains(lines[14], "0:15 / 0:20") {
		t.Errorf("May's time to detect: got %q", lines[14])
	}
	if !strings.Contains(out, "checkout: 2 incidents (INC-0002, INC-0001)") {
		t.Errorf("recurring services: got %q", out)
	}
}

func TestInsightsJSONCountsMonthsInTheZone(t *testing.T) {
	w := seedInsightsWorld(t)
	var got domain.Insights
	out := w.ok("insights", "--from", "2026-05", "--to", "2026-06", "--tz", "Europe/Berlin", "--json")
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v: %q", err, out)
	}
	if got.Zone != "Europe/Berlin" || len(got.Months) != 2 || got.BySeverity[0].Total != 1 || got.BySeverity[1].SEV1 != 1 {
		t.Errorf("got %+v, want one incident in May and the SEV1 in June", got)
	}
	if r := got.Resolve[1]; r.N != 1 || r.Median == nil || *r.Median != 4200 {
		t.Errorf("June's time to resolve: got %+v, want 70 minutes", r)
	}
}

func TestInsightsCSV(t *testing.T) {
	w := seedInsightsWorld(t)
	out := w.ok("insights", "--from", "2026-05", "--to", "2026-05", "--tz", "UTC", "--csv", "severity")
	if want := "month,SEV1,SEV2,SEV3,SEV4,total\n2026-05,1,1,0,0,2\n"; out != want {
		t.Errorf("got %q, want %q", out, want)
	}
}

func TestInsightsSVGIsWrittenWholeAndNotOverwritten(t *testing.T) {
	w := seedInsightsWorld(t)
	file := filepath.Join(w.dir, "detect.svg")
	w.ok("insights", "--svg", "detect", "--out", file, "--tz", "UTC")
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Title string `xml:"title"`
	}
	if err := xml.Unmarshal(data, &doc); err != nil || !strings.Contains(doc.Title, "Time to detect") {
		t.Errorf("got title %q, err %v", doc.Title, err)
	}
	w.fails(exitConflict, []string{"detect.svg", "--force"}, "insights", "--svg", "detect", "--out", file)
	w.ok("insights", "--svg", "resolve", "--out", file, "--force")
	if data, _ := os.ReadFile(file); !strings.Contains(string(data), "Time to resolve") {
		t.Error("--force did not overwrite")
	}
}

func TestInsightsBadFlagsNameTheirField(t *testing.T) {
	w := seedInsightsWorld(t)
	for _, c := range []struct {
		name  string
		words []string
		args  []string
	}{
		{"a month that is not one", []string{"from", "YYYY-MM"}, []string{"--from", "2026-13"}},
		{"to before from", []string{"to", "before the first month"}, []string{"--from", "2026-05", "--to", "2026-01"}},
		{"more than ten years", []string{"from", "120"}, []string{"--from", "2010-01", "--to", "2026-01"}},
		{"an unknown chart", []string{"csv", "unknown chart", "severity"}, []string{"--csv", "pie"}},
		{"an SVG without a file", []string{"out", "required"}, []string{"--svg", "detect"}},
		{"an unknown zone", []string{"zone"}, []string{"--tz", "Mars/Olympus"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			w.t = t
			w.fails(exitInvalid, c.words, append([]string{"insights"}, c.args...)...)
		})
	}
}

// insights incidents lists what a month counts, in the zone: in Berlin
// the SEV1 of 23:30 UTC on 31 May is June's.
func TestInsightsIncidentsListsAMonth(t *testing.T) {
	w := seedInsightsWorld(t)
	out := w.ok("insights", "incidents", "2026-05", "--tz", "UTC")
	if !strings.Contains(out, "INC-0001") || !strings.Contains(out, "INC-0002") || strings.Index(out, "INC-0001") > strings.Index(out, "INC-0002") {
		t.Errorf("May in UTC: got %q, want the SEV1 then the SEV2", out)
	}
	var got []map[string]any
	if err := json.Unmarshal([]byte(w.ok("insights", "incidents", "2026-05", "--tz", "Europe/Berlin", "--json")), &got); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0]["ref"] != "INC-0002" {
		t.Errorf("May in Berlin: got %v, want INC-0002 alone", got)
	}
	if out := w.ok("insights", "incidents", "2026-05", "--tz", "UTC", "--service", "search"); !strings.Contains(out, "no incidents match") {
		t.Errorf("a service with none: got %q", out)
	}
	w.fails(exitInvalid, []string{"month", "YYYY-MM"}, "insights", "incidents", "May")
}
