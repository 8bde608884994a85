package app

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/hindsight-app/hindsight/backend/cli"
	"github.com/hindsight-app/hindsight/backend/domain"
	"github.com/hindsight-app/hindsight/backend/store"
)

func newAPI(t *testing.T) (*IncidentsAPI, *SystemAPI, *bytes.Buffer) {
	t.Helper()
	s, err := store.Open(filepath.Join(t.TempDir(), "h.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	var logs bytes.Buffer
	cfg := Config{Incidents: s, Timeline: s, Settings: s, Actions: s, Causes: s, Logger: slog.New(slog.NewTextHandler(&logs, nil)), StartTime: time.Now()}
	return &IncidentsAPI{cfg: cfg}, &SystemAPI{cfg: cfg}, &logs
}

func TestErrorsReachTheUIWithTheirFields(t *testing.T) {
	inc, _, logs := newAPI(t)
	_, err := inc.Create(domain.IncidentInput{Title: "", Severity: "SEV2"})
	ui := toUIError(slog.New(slog.NewTextHandler(logs, nil)), err)
	if ui.Code != "invalid" || ui.Fields["title"] != "is required" {
		t.Errorf("UI error = %+v, want code invalid and a title message", ui)
	}
	b, _ := json.Marshal(ui)
	if !strings.Contains(string(b), `"fields":{"title":"is required"}`) {
		t.Errorf("JSON = %s", b)
	}

	internal := toUIError(slog.New(slog.NewTextHandler(logs, nil)), fmt.Errorf("store: disk on fire"))
	if internal.Code != "internal" || strings.Contains(internal.Message, "disk on fire") {
		t.Errorf("internal error shown as %+v; details must stay in the log", internal)
	}
	if !strings.Contains(logs.String(), "disk on fire") {
		t.Error("internal error detail was not logged")
	}
}

func TestIncidentViewsCarryDurationsAndNoLongTextInLists(t *testing.T) {
	inc, _, _ := newAPI(t)
	v, err := inc.Create(domain.IncidentInput{
		Title: "Search down", Severity: "SEV1", Summary: strings.Repeat("long ", 1000),
		StartedAt: "2026-11-20T10:00:00Z", DetectedAt: "2026-11-20T10:12:00Z",
	})
	if err != nil {
		t.Fatal(err)
	}
	if v.Ref != "INC-0001" || v.TimeToDetectMs == nil || *v.TimeToDetectMs != 12*60*1000 || v.TimeToResolveMs != nil {
		t.Errorf("view = %+v", v)
	}
	if len(v.NextStatuses) == 0 || v.Services == nil {
		t.Errorf("view lacks next statuses or has null services: %+v", v)
	}
	page, err := inc.List(domain.IncidentFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if page.Total != 1 || page.Items[0].Summary != "" {
		t.Errorf("list page = %+v; rows must not carry the summary", page)
	}
}

func TestListPayloadStaysUnderOneMegabyte(t *testing.T) {
	inc, _, _ := newAPI(t)
	// A full page of the largest rows the domain allows (the summary is
	// left out of list rows, so one long one stands for all).
	for k := range domain.MaxPageSize {
		in := domain.IncidentInput{
			Title:    strings.Repeat("t", domain.MaxTitleLen-3) + fmt.Sprint(k),
			Severity: "SEV3", Summary: strings.Repeat("s", 1000), Commander: strings.Repeat("c", domain.MaxNameLen),
			Services: make([]string, 0, domain.MaxServices),
		}
		for j := range domain.MaxServices {
			in.Services = append(in.Services, fmt.Sprintf("%s-%d", strings.Repeat("x", 90), j))
		}
		if _, err := inc.Create(in); err != nil {
			t.Fatal(err)
		}
	}
	page, err := inc.List(domain.IncidentFilter{Limit: domain.MaxPageSize})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(page)
	if len(page.Items) != domain.MaxPageSize {
		t.Fatalf("page has %d items, want %d", len(page.Items), domain.MaxPageSize)
	}
	t.Logf("largest page: %d bytes", len(b))
	if len(b) > 1<<20 {
		t.Errorf("a page of %d maximal incidents is %d bytes; the bridge budget is 1 MB", len(page.Items), len(b))
	}
}

func TestSettingsAreCheckedAndKept(t *testing.T) {
	_, sys, _ := newAPI(t)
	if _, err := sys.SaveSettings(SettingsView{Theme: "purple", Zone: "Mars/Base"}); err == nil {
		t.Fatal("bad settings were accepted")
	} else if de, ok := err.(*domain.Error); !ok || de.Fields["theme"] == "" || de.Fields["zone"] == "" {
		t.Errorf("err = %v, want theme and zone named", err)
	}
	got, err := sys.SaveSettings(SettingsView{Theme: "dark", Zone: "Europe/Berlin", UserName: "dana"})
	if want := (SettingsView{Theme: "dark", Zone: "Europe/Berlin", UserName: "dana", ActionDue: []int{28, 56, 84}}); err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("saved settings = %+v, %v; want %+v", got, err, want)
	}
	// Default deadlines: a bad number names its priority and saves nothing.
	if _, err := sys.SaveSettings(SettingsView{Theme: "dark", ActionDue: []int{14, 0, 84}}); err == nil {
		t.Error("a deadline of 0 days was accepted")
	} else if de, ok := err.(*domain.Error); !ok || de.Fields["actionDueP2"] == "" {
		t.Errorf("err = %v, want actionDueP2 named", err)
	}
	got, err = sys.SaveSettings(SettingsView{Theme: "dark", Zone: "Europe/Berlin", UserName: "dana", ActionDue: []int{14, 56, 84}})
	if err != nil || !reflect.DeepEqual(got.ActionDue, []int{14, 56, 84}) {
		t.Errorf("saved deadlines = %v, %v", got.ActionDue, err)
	}
}

func TestActorIsRecordedFromTheSettings(t *testing.T) {
	inc, sys, _ := newAPI(t)
	sys.SaveSettings(SettingsView{Theme: "system", UserName: "casey"})
	v, _ := inc.Create(domain.IncidentInput{Title: "x", Severity: "SEV4"})
	h, err := inc.History(v.ID)
	if err != nil || len(h) != 1 || h[0].By != "casey" {
		t.Errorf("history = %+v, %v; want one change by casey", h, err)
	}
}

func TestWithoutADatabaseEveryCallFailsClearly(t *testing.T) {
	// What Run does when the database could not be opened.
	cfg := Config{Incidents: noDatabase{}, Settings: noDatabase{}, StartupError: "db: newer version", Logger: slog.New(slog.DiscardHandler)}
	sys, inc := &SystemAPI{cfg: cfg}, &IncidentsAPI{cfg: cfg}
	if m := sys.Meta(); m.StartupError != "db: newer version" {
		t.Errorf("Meta().StartupError = %q", m.StartupError)
	}
	if s, err := sys.Settings(); err != nil || s.Theme != "system" {
		t.Errorf("Settings() = %+v, %v; want the defaults so the window can draw", s, err)
	}
	if _, err := inc.List(domain.IncidentFilter{}); domain.ErrorMessage(err) != "no database is open" {
		t.Errorf("List() error = %v, want 'no database is open'", err)
	}
}

func TestTimelineEventsCrossTheBridgeAndMoveTheIncidentsMoments(t *testing.T) {
	inc, _, _ := newAPI(t)
	tl := &TimelineAPI{cfg: inc.cfg}
	v, err := inc.Create(domain.IncidentInput{Title: "x", Severity: "SEV3", StartedAt: "2026-11-20T10:00:00Z"})
	if err != nil {
		t.Fatal(err)
	}
	e, err := tl.Add(v.Ref, domain.EventInput{At: "2026-11-20 10:05:30.250", Zone: "UTC", Body: "Alert fired", Kind: "alert", KeyMoment: "detected"})
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2026, 11, 20, 10, 5, 30, 250e6, time.UTC).UnixMilli(); e.At != want || e.KeyMoment != "detected" || e.Tags == nil {
		t.Errorf("event view = %+v", e)
	}
	got, _ := inc.Get(v.ID)
	if got.TimeToDetectMs == nil || *got.TimeToDetectMs != 330250 {
		t.Errorf("time to detect = %v ms, want 330250", got.TimeToDetectMs)
	}
	p, err := tl.List(v.ID, domain.EventFilter{})
	if err != nil || p.Total != 1 || p.Items[0].ID != e.ID {
		t.Errorf("List = %+v, %v", p, err)
	}
	if _, err := tl.Add(v.ID, domain.EventInput{At: "soon", Body: ""}); err == nil {
		t.Error("a bad event was accepted")
	} else if ui := toUIError(inc.cfg.Logger, err); ui.Fields["at"] == "" || ui.Fields["body"] == "" {
		t.Errorf("UI error = %+v, want at and body named", ui)
	}
}

// The same written timeline pasted in the window and imported by the CLI
// gives the same events.
func TestPasteAndCLIImportGiveTheSameEvents(t *testing.T) {
	inc, _, _ := newAPI(t)
	tl := &TimelineAPI{cfg: inc.cfg}
	text := "## 2026-11-20\n2:12 PM Detected: 5xx above 5% (PagerDuty)\nwe suspected the database\n14:46 [deploy] Mitigated: rolled back v1.42\n15:37 Resolved: error rate at baseline\n"
	a, _ := inc.Create(domain.IncidentInput{Title: "pasted", Severity: "SEV2", StartedAt: "2026-11-20T13:05:00Z"})
	b, _ := inc.Create(domain.IncidentInput{Title: "cli", Severity: "SEV2", StartedAt: "2026-11-20T13:05:00Z"})

	pv, err := tl.Preview(ImportRequest{Text: text, Zone: "Europe/Berlin"})
	if err != nil || pv.TotalEvents != 3 || pv.Pending != 0 {
		t.Fatalf("preview = %+v, %v", pv, err)
	}
	if _, err := tl.Import(a.ID, ImportRequest{Text: text, Zone: "Europe/Berlin"}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "timeline.md")
	os.WriteFile(path, []byte(text), 0o600)
	var stderr bytes.Buffer
	code := cli.Main([]string{"--db", inc.cfg.Incidents.(*store.Store).Path(), "timeline", "import", b.Ref, path, "--tz", "Europe/Berlin"},
		cli.Env{Stdout: io.Discard, Stderr: &stderr, Getenv: func(string) string { return "" }})
	if code != 0 {
		t.Fatalf("cli import: exit %d, %s", code, stderr.String())
	}
	pa, _ := tl.List(a.ID, domain.EventFilter{})
	pb, _ := tl.List(b.ID, domain.EventFilter{})
	if len(pa.Items) != 3 || len(pb.Items) != 3 {
		t.Fatalf("events: pasted %d, cli %d; want 3 and 3", len(pa.Items), len(pb.Items))
	}
	for k := range pa.Items {
		x, y := pa.Items[k], pb.Items[k]
		if x.At != y.At || x.Body != y.Body || x.Kind != y.Kind || x.KeyMoment != y.KeyMoment {
			t.Errorf("event %d differs: pasted %+v, cli %+v", k, x, y)
		}
	}
	ga, _ := inc.Get(a.ID)
	gb, _ := inc.Get(b.ID)
	if *ga.TimeToDetectMs != *gb.TimeToDetectMs || *ga.TimeToResolveMs != *gb.TimeToResolveMs {
		t.Errorf("durations differ: %v/%v vs %v/%v", *ga.TimeToDetectMs, *ga.TimeToResolveMs, *gb.TimeToDetectMs, *gb.TimeToResolveMs)
	}
	// 2:12 PM in Berlin (CET) is 13:12 UTC: seven minutes after the start.
	if *ga.TimeToDetectMs != 7*60*1000 {
		t.Errorf("time to detect = %d ms, want 7 minutes", *ga.TimeToDetectMs)
	}
}

// A chosen file is read on the Go side, and events days away from the
// incident are warned about in the preview but not refused.
func TestPreviewReadsAChosenFileAndWarnsAboutEventsOutsideTheIncident(t *testing.T) {
	inc, _, _ := newAPI(t)
	tl := &TimelineAPI{cfg: inc.cfg}
	tl.cfg.Clock = func() time.Time { return time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC) }
	v, _ := inc.Create(domain.IncidentInput{Title: "x", Severity: "SEV3", StartedAt: "2026-11-20T10:00:00Z"})
	path := filepath.Join(t.TempDir(), "timeline.txt")
	text := "2026-11-20 10:05 UTC alert fired\n2025-11-20 10:06 UTC wrong year\n2026-11-23 09:00 UTC three days on\n"
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := fileView(path)
	if err != nil || f.Name != "timeline.txt" || f.Size != int64(len(text)) || f.Folder {
		t.Fatalf("fileView = %+v, %v", f, err)
	}
	// Resolved two hours after it started.
	if _, err := inc.Update(v.ID, domain.IncidentInput{Title: "x", Severity: "SEV3", Status: "resolved",
		StartedAt: "2026-11-20T10:00:00Z", ResolvedAt: "2026-11-20T12:00:00Z"}, v.Version); err != nil {
		t.Fatal(err)
	}
	pv, err := tl.Preview(ImportRequest{Path: path, Incident: v.Ref, Zone: "UTC"})
	if err != nil || pv.TotalEvents != 3 {
		t.Fatalf("preview = %+v, %v", pv, err)
	}
	if w := pv.Events[0].Warnings; len(w) != 0 {
		t.Errorf("event inside the incident warned: %v", w)
	}
	if w := strings.Join(pv.Events[1].Warnings, "; "); !strings.Contains(w, "364 days before the incident started") {
		t.Errorf("wrong-year warning = %q", w)
	}
	if w := strings.Join(pv.Events[2].Warnings, "; "); !strings.Contains(w, "2 days after the incident was resolved") {
		t.Errorf("future warning = %q", w)
	}
	if w := strings.Join(pv.Warnings, "; "); !strings.Contains(w, "2 of 3 events are more than a day outside "+v.Ref) {
		t.Errorf("summary warning = %q", w)
	}
	// The same file without an incident: nothing to compare with.
	if pv, _ := tl.Preview(ImportRequest{Path: path, Zone: "UTC"}); len(pv.Warnings) != 0 {
		t.Errorf("warnings without an incident: %v", pv.Warnings)
	}
	res, err := tl.Import(v.ID, ImportRequest{Path: path, Zone: "UTC"})
	if err != nil || res.Added != 3 {
		t.Fatalf("import = %+v, %v", res, err)
	}
	_, err = tl.Preview(ImportRequest{Path: filepath.Join(t.TempDir(), "missing.txt")})
	if ui := toUIError(inc.cfg.Logger, err); ui.Fields["file"] == "" {
		t.Errorf("missing file error = %+v, want the file field named", ui)
	}
}
