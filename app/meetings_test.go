package app

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hindsight-app/hindsight/backend/domain"
)

func newMeetingsAPIForTest(t *testing.T) (*MeetingsAPI, *IncidentsAPI) {
	t.Helper()
	inc, _, _ := newAPI(t)
	cfg := inc.cfg
	cfg.Meetings = cfg.Incidents.(domain.MeetingService)
	cfg.Actions = cfg.Incidents.(domain.ActionService)
	cfg.Clock = func() time.Time { return time.Date(2026, 6, 15, 7, 0, 0, 0, time.UTC) }
	return &MeetingsAPI{cfg: cfg}, &IncidentsAPI{cfg: cfg}
}

func itemOfKind(t *testing.T, m MeetingView, kind string) AgendaItemView {
	t.Helper()
	for _, it := range m.Items {
		if it.Kind == kind {
			return it
		}
	}
	t.Fatalf("no %s item in the agenda: %+v", kind, m.Items)
	return AgendaItemView{}
}

func TestAMeetingIsPreparedHeldAndExportedThroughTheWindowsAPI(t *testing.T) {
	a, inc := newMeetingsAPIForTest(t)
	i, err := inc.Create(domain.IncidentInput{Title: "Checkout 502s", Severity: "SEV2", Status: "resolved",
		StartedAt: "2026-06-10T10:00:00Z", DetectedAt: "2026-06-10T10:06:00Z", ResolvedAt: "2026-06-10T11:00:00Z"})
	if err != nil {
		t.Fatal(err)
	}

	if f := fieldsOf(t, func() error {
		_, err := a.CreateSeries(domain.SeriesInput{Name: " ", Cadence: "fortnightly", Zone: "Mars/Olympus"})
		return err
	}()); f["name"] == "" || !strings.Contains(f["cadence"], "fortnightly") || !strings.Contains(f["zone"], "Mars/Olympus") {
		t.Errorf("bad series: fields %v", f)
	}
	s, err := a.CreateSeries(domain.SeriesInput{Name: "Weekly ops", Cadence: "weekly", Zone: "Europe/Berlin",
		Facilitator: "Dana Reyes", Attendees: []string{"Lee Chen"}})
	if err != nil {
		t.Fatal(err)
	}
	if list, err := a.Series(); err != nil || len(list) != 1 || list[0].Name != "Weekly ops" || list[0].Attendees[0] != "Lee Chen" {
		t.Fatalf("Series() = %+v, %v", list, err)
	}

	// The first weekly meeting reviews the week before it, in the series' zone.
	p, err := a.DefaultPeriod(s.Name, "2026-06-15", "10:00")
	if err != nil || p != (PeriodView{From: "2026-06-08", To: "2026-06-15", Zone: "Europe/Berlin"}) {
		t.Errorf("DefaultPeriod = %+v, %v", p, err)
	}
	if f := fieldsOf(t, func() error { _, err := a.DefaultPeriod(s.Name, "15/06/2026", ""); return err }()); f["date"] == "" {
		t.Errorf("a bad date: fields %v", f)
	}
	if f := fieldsOf(t, func() error {
		_, err := a.Create(domain.MeetingInput{Series: s.Name, Date: "2026-06-15", From: "2026-06-01"})
		return err
	}()); f["to"] == "" {
		t.Errorf("from without to: fields %v", f)
	}

	m, err := a.Create(domain.MeetingInput{Series: s.Name, Date: "2026-06-15", Time: "10:00"})
	if err != nil {
		t.Fatal(err)
	}
	berlin, _ := time.LoadLocation("Europe/Berlin")
	if m.Ref != "MTG-0001" || m.Status != "planned" || m.Facilitator != "Dana Reyes" ||
		m.At != time.Date(2026, 6, 15, 10, 0, 0, 0, berlin).UnixMilli() || len(m.Sections) != len(domain.AgendaSections) {
		t.Errorf("created: %+v", m.MeetingRowView)
	}
	if !strings.HasPrefix(m.FileName, "MTG-0001-") || !strings.HasSuffix(m.FileName, "-agenda.md") {
		t.Errorf("a planned meeting exports as %q, want MTG-0001-…-agenda.md", m.FileName)
	}
	item := itemOfKind(t, m, domain.KindIncident)
	if item.IncidentRef != i.Ref || item.BodyHTML == "" || strings.Contains(item.BodyHTML, "<script") {
		t.Errorf("incident item: %+v", item)
	}

	// In the meeting: a decision, an action from the item, a reviewed mark, notes.
	if f := fieldsOf(t, func() error { _, err := a.AddDecision(m.Ref, item.ID, "  "); return err }()); f["text"] == "" {
		t.Errorf("an empty decision: fields %v", f)
	}
	m, err = a.AddDecision(m.Ref, item.ID, "Canary every deploy")
	if err != nil {
		t.Fatal(err)
	}
	if f := fieldsOf(t, func() error {
		_, err := a.CreateAction(m.Ref, item.ID, domain.ActionInput{Title: "Add a canary stage", Due: "soon"})
		return err
	}()); f["due"] == "" {
		t.Errorf("a bad due date: fields %v", f)
	}
	m, err = a.CreateAction(m.Ref, item.ID, domain.ActionInput{Title: "Add a canary stage", Owner: "Lee Chen", Due: "2026-07-01", Priority: "P1"})
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Actions) != 1 || m.Actions[0].IncidentRef != i.Ref || m.Actions[0].Owner != "Lee Chen" {
		t.Errorf("meeting actions: %+v", m.Actions)
	}
	item = itemOfKind(t, m, domain.KindIncident)
	if len(item.Decisions) != 1 || item.Decisions[0].Text != "Canary every deploy" || len(item.Actions) != 1 {
		t.Errorf("item after the meeting's work: %+v", item)
	}
	m, err = a.MarkReviewed(m.Ref, item.ID, true)
	if err != nil || !itemOfKind(t, m, domain.KindIncident).Reviewed {
		t.Errorf("MarkReviewed: %v", err)
	}
	item = itemOfKind(t, m, domain.KindIncident)
	saved, err := a.UpdateItem(m.Ref, item.ID, domain.ItemInput{Notes: ptr("Pool sizing was guessed.")}, item.Version)
	if err != nil || saved.Notes != "Pool sizing was guessed." {
		t.Fatalf("UpdateItem = %+v, %v", saved, err)
	}
	if _, err := a.UpdateItem(m.Ref, item.ID, domain.ItemInput{Notes: ptr("stale")}, item.Version); domain.ErrorCode(err) != domain.ECONFLICT {
		t.Errorf("a stale item save = %v, want ECONFLICT", err)
	}

	// Items added by hand, moved and dismissed.
	m, err = a.AddItem(m.Ref, domain.ItemInput{Title: ptr("Pager rota")})
	if err != nil {
		t.Fatal(err)
	}
	added := itemOfKind(t, m, domain.KindManual)
	if added.Section != string(domain.SectionOther) || added.Position != len(m.Items) {
		t.Errorf("added: %+v of %d", added, len(m.Items))
	}
	if m, err = a.MoveItem(m.Ref, added.ID, 1); err != nil || m.Items[0].ID != added.ID {
		t.Errorf("MoveItem to 1: first is %+v, %v", m.Items[0], err)
	}
	if m, err = a.DismissItem(m.Ref, item.ID, true); err != nil || !itemOfKind(t, m, domain.KindIncident).Dismissed {
		t.Errorf("DismissItem: %v", err)
	}
	if m, err = a.DismissItem(m.Ref, item.ID, false); err != nil || itemOfKind(t, m, domain.KindIncident).Dismissed {
		t.Errorf("restore: %v", err)
	}
	if m, err = a.RemoveDecision(m.Ref, itemOfKind(t, m, domain.KindIncident).Decisions[0].ID); err != nil || len(itemOfKind(t, m, domain.KindIncident).Decisions) != 0 {
		t.Errorf("RemoveDecision: %v", err)
	}
	if m, err = a.AddDecision(m.Ref, item.ID, "Canary every deploy"); err != nil {
		t.Fatal(err)
	}

	// Held: the agenda is a record, and the export is the minutes.
	if f := fieldsOf(t, func() error { _, err := a.SetStatus(m.Ref, "finished"); return err }()); f["status"] == "" {
		t.Errorf("a bad status: fields %v", f)
	}
	if m, err = a.SetStatus(m.Ref, "held"); err != nil || m.Status != "held" || m.HeldAt == nil {
		t.Fatalf("SetStatus held = %+v, %v", m.MeetingRowView, err)
	}
	if _, err := a.Regenerate(m.Ref); domain.ErrorCode(err) != domain.EINVALID {
		t.Errorf("regenerating a held meeting = %v, want EINVALID", err)
	}
	md, err := a.Markdown(m.Ref)
	if err != nil || !strings.Contains(md, "Canary every deploy") || !strings.Contains(md, "Add a canary stage") {
		t.Errorf("Markdown = %q, %v", md, err)
	}

	dir := t.TempDir()
	if f := fieldsOf(t, func() error { _, err := a.Export(m.Ref, "  ", false); return err }()); f["dir"] == "" {
		t.Errorf("no folder: fields %v", f)
	}
	if f := fieldsOf(t, func() error { _, err := a.Export(m.Ref, filepath.Join(dir, "missing"), false); return err }()); f["dir"] == "" {
		t.Errorf("a missing folder: fields %v", f)
	}
	out, err := a.Export(m.Ref, dir, false)
	if err != nil || len(out.Files) != 1 || !strings.HasSuffix(out.Files[0], "-minutes.md") {
		t.Fatalf("Export = %+v, %v", out, err)
	}
	if filepath.Base(out.Files[0]) != m.FileName || !strings.HasPrefix(m.FileName, m.Ref+"-") {
		t.Errorf("the view's file name %q is not what Export wrote (%s)", m.FileName, out.Files[0])
	}
	b, err := os.ReadFile(out.Files[0])
	if err != nil || string(b) != md {
		t.Errorf("the file is not what Markdown shows: %v", err)
	}
	f := fieldsOf(t, func() error { _, err := a.Export(m.Ref, dir, false); return err }())
	if !strings.Contains(f["dir"], "exists") || strings.Contains(f["dir"], "--force") {
		t.Errorf("exporting again: fields %v; want the file named, in the window's words", f)
	}
	if _, err := a.Export(m.Ref, dir, true); err != nil {
		t.Errorf("overwrite: %v", err)
	}
	if a.ExportDir() != dir {
		t.Errorf("ExportDir = %q, want the last folder", a.ExportDir())
	}

	rows, err := a.List("")
	if err != nil || len(rows) != 1 || rows[0].Ref != "MTG-0001" || rows[0].Status != "held" {
		t.Errorf("List = %+v, %v", rows, err)
	}
	if _, err := a.Meeting("MTG-0099"); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("an unknown meeting = %v, want ENOTFOUND", err)
	}
}

func TestMeetingCallsWithoutADatabaseSaySo(t *testing.T) {
	a := &MeetingsAPI{cfg: Config{Settings: noDatabase{}}}
	if _, err := a.Series(); domain.ErrorMessage(err) != "no database is open" {
		t.Errorf("Series() = %v", err)
	}
	if _, err := a.Meeting("MTG-0001"); domain.ErrorMessage(err) != "no database is open" {
		t.Errorf("Meeting() = %v", err)
	}
}

func TestAMeetingViewStaysUnderOneMegabyte(t *testing.T) {
	a, inc := newMeetingsAPIForTest(t)
	// Many incidents in the period, each with a long title: the agenda
	// lists every one, so the page must still cross the bridge whole.
	for k := 0; k < 120; k++ {
		if _, err := inc.Create(domain.IncidentInput{Title: strings.Repeat("Checkout 502s ", 14), Severity: "SEV3",
			Status: "resolved", StartedAt: "2026-06-10T10:00:00Z", ResolvedAt: "2026-06-10T11:00:00Z",
			Services: []string{"checkout", "payments"}}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := a.CreateSeries(domain.SeriesInput{Name: "Weekly ops", Cadence: "weekly", Zone: "UTC"}); err != nil {
		t.Fatal(err)
	}
	m, err := a.Create(domain.MeetingInput{Series: "Weekly ops", Date: "2026-06-15"})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(m)
	if len(b) > 1<<20 {
		t.Errorf("the meeting view is %d bytes; the bridge budget is 1 MB", len(b))
	}
	t.Logf("%d items, %d bytes", len(m.Items), len(b))
}

func ptr[T any](v T) *T { return &v }
