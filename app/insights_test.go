package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hindsight-app/hindsight/backend/domain"
	"github.com/hindsight-app/hindsight/backend/insights"
)

func TestInsightsThroughTheWindowsAPI(t *testing.T) {
	inc, _, _ := newAPI(t)
	cfg := inc.cfg
	cfg.Insights = cfg.Incidents.(InsightsStore)
	cfg.Clock = func() time.Time { return time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC) }
	if err := cfg.Settings.SetSetting(t.Context(), "zone", "Europe/Berlin"); err != nil {
		t.Fatal(err)
	}
	a := &InsightsAPI{cfg: cfg}
	for _, in := range []domain.IncidentInput{
		// 23:30 UTC on 31 Oct is November in Berlin.
		{Title: "Checkout 502s", Severity: "SEV1", Status: "resolved", Services: []string{"checkout"},
			StartedAt: "2026-10-31T23:30:00Z", DetectedAt: "2026-10-31T23:40:00Z", ResolvedAt: "2026-11-01T01:30:00Z"},
		{Title: "Checkout slow", Severity: "SEV3", Services: []string{"checkout"},
			StartedAt: "2026-09-10T10:00:00Z", DetectedAt: "2026-09-10T10:30:00Z"},
		{Title: "Search down", Severity: "SEV2", Services: []string{"search"}, StartedAt: "2026-11-02T10:00:00Z"},
	} {
		if _, err := (&IncidentsAPI{cfg: cfg}).Create(in); err != nil {
			t.Fatal(err)
		}
	}

	v, err := a.Insights(InsightsInput{})
	if err != nil {
		t.Fatal(err)
	}
	if v.From != "2025-11" || v.To != "2026-11" || len(v.Figures.Months) != 13 || v.Figures.Zone != "Europe/Berlin" {
		t.Fatalf("default range = %s..%s, %d months in %s; want 2025-11..2026-11, 13 in Europe/Berlin",
			v.From, v.To, len(v.Figures.Months), v.Figures.Zone)
	}
	if v.Incidents != 3 || len(v.Charts) != len(insights.Charts) || v.Charts[0].Title == "" {
		t.Errorf("incidents %d, charts %+v", v.Incidents, v.Charts)
	}
	nov := v.Figures.BySeverity[12]
	if nov.Month != "2026-11" || nov.SEV1 != 1 || nov.SEV2 != 1 || nov.Total != 2 {
		t.Errorf("November = %+v, want the SEV1 (started 31 Oct UTC) and the SEV2", nov)
	}
	if d := v.Figures.Detect[12]; d.N != 1 || d.Median == nil || *d.Median != 600 {
		t.Errorf("November's time to detect = %+v, want one of 600 s", d)
	}
	if len(v.Figures.Services) != 1 || v.Figures.Services[0].Name != "checkout" || v.Figures.Services[0].Incidents != 2 {
		t.Errorf("recurring services = %+v", v.Figures.Services)
	}

	v, err = a.Insights(InsightsInput{From: "2026-09", To: "2026-10", Services: []string{"checkout"}})
	if err != nil {
		t.Fatal(err)
	}
	if v.Incidents != 1 || len(v.Figures.Months) != 2 {
		t.Errorf("Sep–Oct on checkout: %d incidents over %v, want 1 over 2 months", v.Incidents, v.Figures.Months)
	}
	if v.FileSuffix != "-checkout-2026-09-to-2026-10" {
		t.Errorf("file suffix = %q, want the service and the months", v.FileSuffix)
	}
	if f := fieldsOf(t, func() error { _, err := a.Insights(InsightsInput{From: "2026-11", To: "2026-01"}); return err }()); !strings.Contains(f["to"], "must not be before the first month") {
		t.Errorf("a backward range: fields %v", f)
	}
	if f := fieldsOf(t, func() error { _, err := a.Insights(InsightsInput{From: "Nov"}); return err }()); !strings.Contains(f["from"], "YYYY-MM") {
		t.Errorf("a bad month: fields %v", f)
	}

	// November's bar: the SEV1 that started on 31 October UTC, then the SEV2.
	mi, err := a.MonthIncidents("2026-11", nil, 0, 0)
	if err != nil || mi.Total != 2 || mi.Items[0].Title != "Checkout 502s" || mi.Items[1].Title != "Search down" {
		t.Errorf("November's incidents: %+v, %v", mi, err)
	}
	if mi, err = a.MonthIncidents("2026-11", []string{"Checkout"}, 0, 0); err != nil || mi.Total != 1 {
		t.Errorf("November on checkout: %+v, %v; want one", mi, err)
	}
	if f := fieldsOf(t, func() error { _, err := a.MonthIncidents("11/2026", nil, 0, 0); return err }()); !strings.Contains(f["month"], "YYYY-MM") {
		t.Errorf("a bad month: fields %v", f)
	}

	csv, err := a.CSV(InsightsInput{}, "services")
	if err != nil || !strings.HasPrefix(csv, "name,incidents,refs\ncheckout,2,") {
		t.Errorf("CSV services = %q, %v", csv, err)
	}

	dir := t.TempDir()
	if f := fieldsOf(t, func() error {
		_, err := a.Export(InsightsExportInput{Charts: []string{"severity"}, Formats: []string{"svg"}})
		return err
	}()); f["dir"] == "" {
		t.Errorf("no folder: fields %v", f)
	}
	if f := fieldsOf(t, func() error {
		_, err := a.Export(InsightsExportInput{Dir: dir, Formats: []string{"svg"}})
		return err
	}()); f["charts"] == "" {
		t.Errorf("no charts: fields %v", f)
	}
	ex := InsightsExportInput{Charts: []string{"severity", "detect"}, Formats: []string{"svg", "csv"}, Dir: dir}
	got, err := a.Export(ex)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Files) != 4 || filepath.Base(got.Files[0]) != "insights-severity-2025-11-to-2026-11.svg" {
		t.Fatalf("export wrote %v", got.Files)
	}
	if b, err := os.ReadFile(got.Files[1]); err != nil || !strings.HasPrefix(string(b), "month,SEV1") {
		t.Errorf("%s = %q, %v", got.Files[1], b, err)
	}
	if a.ExportDir() != dir {
		t.Errorf("ExportDir = %q, want %q", a.ExportDir(), dir)
	}
	// Again: the files exist, so nothing is written without Force.
	if err := os.WriteFile(got.Files[0], []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	if f := fieldsOf(t, func() error { _, err := a.Export(ex); return err }()); !strings.Contains(f["dir"], "already exists") {
		t.Errorf("a second export: fields %v", f)
	}
	if b, _ := os.ReadFile(got.Files[0]); string(b) != "mine" {
		t.Error("a refused export overwrote a file")
	}
	ex.Force = true
	if _, err := a.Export(ex); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(got.Files[0]); !strings.Contains(string(b), "<svg") {
		t.Error("Force did not overwrite")
	}
}
