package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/uuid"

	"github.com/hindsight-app/hindsight/backend/domain"
	"github.com/hindsight-app/hindsight/backend/postmortem"
)

// goldenBundle parses the postmortem package's golden export, with a data
// file of two series beside it.
func goldenBundle(tb testing.TB) *postmortem.Bundle {
	tb.Helper()
	md, err := os.ReadFile(filepath.Join("..", "postmortem", "testdata", "export-sre.md"))
	if err != nil {
		tb.Fatal(err)
	}
	var csv strings.Builder
	csv.WriteString("time_utc,unix_ms,\"{code=\"\"200\"\"}\",\"{code=\"\"503\"\"}\"\n")
	start := time.Date(2026, 3, 14, 12, 30, 0, 0, time.UTC)
	for k := range 27 {
		t := start.Add(time.Duration(k) * 5 * time.Minute)
		fmt.Fprintf(&csv, "%s,%d,%g,%g\n", t.Format("2006-01-02T15:04:05.000Z"), t.UnixMilli(), 99.6-float64(k%3), 0.4+float64(k%3))
	}
	b, err := postmortem.Parse(md, fstest.MapFS{"assets/INC-0042/checkout-responses-by-status.csv": {Data: []byte(csv.String())}})
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

func TestImportPostmortemCreatesThenKeeps(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	res, err := s.ImportPostmortem(ctx, goldenBundle(t), ImportOptions{Source: "export-sre.md"})
	if err != nil {
		t.Fatal(err)
	}
	if !res.IncidentCreated || res.IncidentRef != "INC-0042" || res.EventsAdded != 6 || res.Causes != 5 || !res.CausesReplaced ||
		res.ActionsCreated != 3 || res.SnapshotsAdded != 1 || res.Postmortem != "created" {
		t.Errorf("first import = %+v", res)
	}
	inc, err := s.GetIncident(ctx, "INC-0042")
	if err != nil || inc.ID != "0b7c4f3e-inc" || inc.Commander != "Ana Lima" {
		t.Fatalf("incident = %+v, %v", inc, err)
	}
	snaps, _ := s.ListSnapshots(ctx, inc.ID)
	if len(snaps) != 1 || snaps[0].Signal.SeriesKey != `{code="503"}` || snaps[0].PointCount != 54 {
		t.Errorf("snapshots = %+v", snaps)
	}
	revs, _ := s.Revisions(ctx, res.PostmortemID)
	if len(revs) != 1 || revs[0].Note != "Imported from export-sre.md" {
		t.Errorf("revisions = %+v", revs)
	}

	again, err := s.ImportPostmortem(ctx, goldenBundle(t), ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if again.IncidentCreated || again.IncidentUpdated || again.EventsAdded != 0 || again.EventsKept != 6 || again.CausesReplaced ||
		again.ActionsKept != 3 || again.SnapshotsAdded != 0 || again.SnapshotsKept != 1 || again.Postmortem != "unchanged" {
		t.Errorf("second import = %+v", again)
	}
	// The counters moved past the imported numbers.
	next, err := s.CreateIncident(ctx, domain.IncidentInput{Title: "Next", Severity: "SEV3"})
	if err != nil || next.Number != 43 {
		t.Errorf("next incident = %v, %v", next, err)
	}
}

func TestImportPostmortemDryRunAndFailuresWriteNothing(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	res, err := s.ImportPostmortem(ctx, goldenBundle(t), ImportOptions{DryRun: true})
	if err != nil || !res.IncidentCreated || res.EventsAdded != 6 {
		t.Fatalf("dry run = %+v, %v", res, err)
	}
	if _, err := s.GetIncident(ctx, "INC-0042"); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("a dry run wrote the incident: %v", err)
	}

	// A bad action, found after the incident and the events were written
	// in the transaction: all of it is rolled back.
	b := goldenBundle(t)
	b.Actions[2].Title = strings.Repeat("x", domain.MaxActionTitleLen+1)
	if _, err := s.ImportPostmortem(ctx, b, ImportOptions{}); domain.ErrorCode(err) != domain.EINVALID {
		t.Fatalf("err = %v", err)
	}
	b = goldenBundle(t)
	if _, err := s.CreateIncident(ctx, domain.IncidentInput{Title: "Holds ACT-0001…", Severity: "SEV3"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateAction(ctx, domain.ActionInput{Title: "Someone else's", Incident: "INC-0001"}); err != nil {
		t.Fatal(err)
	}
	b.Actions[0].Number = 1
	if _, err := s.ImportPostmortem(ctx, b, ImportOptions{}); domain.ErrorCode(err) != domain.ECONFLICT || !strings.Contains(err.Error(), "ACT-0001 here belongs to INC-0001") {
		t.Fatalf("err = %v", err)
	}
	if _, err := s.GetIncident(ctx, "INC-0042"); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("a failed import wrote the incident: %v", err)
	}
}

// BenchmarkImportPostmortem parses the golden export and imports it as a
// new incident each time: one transaction of an incident, 6 events, 5
// causes, 3 actions, a snapshot and the document.
func BenchmarkImportPostmortem(b *testing.B) {
	s := mustOpen(b)
	ctx := context.Background()
	md, err := os.ReadFile(filepath.Join("..", "postmortem", "testdata", "export-sre.md"))
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for n := range b.N {
		bundle := goldenBundle(b)
		bundle.Incident.ID, bundle.Incident.Number = uuid.NewString(), 1000+n
		for k := range bundle.Actions {
			bundle.Actions[k].Number = 10_000 + 3*n + k
		}
		if _, err := s.ImportPostmortem(ctx, bundle, ImportOptions{}); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(int64(len(md)))
}
