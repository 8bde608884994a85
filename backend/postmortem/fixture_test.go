package postmortem

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"
	_ "time/tzdata" // the fixture's zone, wherever the tests run

	"github.com/hindsight-app/hindsight/backend/domain"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	file := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s (go test -update rewrites it); got:\n%s", file, got)
	}
}

func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func ptr[T any](v T) *T { return &v }

// fixture is a realistic incident: a bad configuration push to the
// payment gateway, found by a customer report 14 minutes after the error
// rate rose.
func fixture(t testing.TB) Data {
	zone, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	inc := &domain.Incident{
		ID: "0b7c4f3e-inc", Number: 42,
		Title:          "Checkout errors after payment gateway config push",
		Summary:        "A configuration push set the payment gateway's connection pool to 2.\nCheckout requests queued and timed out for 47 minutes.",
		Severity:       domain.SEV2,
		Status:         domain.StatusPostmortem,
		Services:       []string{"checkout", "payment-gateway"},
		Commander:      "Ana Lima",
		CustomerImpact: "About 18% of checkout attempts failed between 14:02 and 14:49 CET.",
		StartedAt:      ptr(at("2026-03-14T13:02:00Z")),
		DetectedAt:     ptr(at("2026-03-14T13:16:00Z")),
		MitigatedAt:    ptr(at("2026-03-14T13:49:00Z")),
		ResolvedAt:     ptr(at("2026-03-14T14:30:00Z")),
	}
	ev := func(ts, kind, who, body string, km domain.KeyMoment) domain.TimelineEvent {
		return domain.TimelineEvent{At: at(ts), Kind: domain.EventKind(kind), Author: who, Body: body, KeyMoment: km}
	}
	events := []domain.TimelineEvent{
		ev("2026-03-14T13:00:00Z", "deploy", "deploy-bot", "Config push 7731 to payment-gateway", ""),
		ev("2026-03-14T13:02:00Z", "observation", "", "Checkout error rate starts rising", "started"),
		ev("2026-03-14T13:16:00Z", "detection", "Sam Ortiz", "Support reports failed payments", "detected"),
		ev("2026-03-14T13:31:00Z", "decision", "Ana Lima", "Roll back config push 7731\nAgreed with the payments on-call", ""),
		ev("2026-03-14T13:49:00Z", "mitigation", "Ana Lima", "Rollback complete; errors back to baseline", "mitigated"),
		ev("2026-03-14T14:30:00Z", "resolution", "Ana Lima", "Queued orders replayed | all confirmed", "resolved"),
	}
	nodes := []domain.CauseNode{
		{ID: "c1", Kind: domain.CauseProblem, Statement: "Checkout requests timed out", Depth: 0},
		{ID: "c2", ParentID: "c1", Kind: domain.CauseCause, Statement: "Gateway pool had 2 connections", Depth: 1},
		{ID: "c3", ParentID: "c2", Kind: domain.CauseTrigger, Statement: "Config push 7731 set pool_size: 2", Depth: 2},
		{ID: "c4", ParentID: "c2", Kind: domain.CauseRoot, Statement: "Config changes skip validation", Depth: 2},
		{ID: "c5", ParentID: "c1", Kind: domain.CauseContributing, Statement: "No alert on checkout error rate", Depth: 1},
	}
	actions := []domain.ActionItem{
		{Number: 7, Title: "Validate pool sizes in config CI", Owner: "Sam Ortiz", Due: "2026-04-11",
			Priority: domain.P1, Type: "prevent", Status: domain.ActionInProgress, IncidentID: inc.ID, IncidentNumber: 42,
			Link: "https://tracker.example/PAY-120"},
		{Number: 8, Title: "Alert on checkout error rate above 2%", Owner: "Ana Lima", Due: "2026-03-28",
			Priority: domain.P1, Type: "detect", Status: domain.ActionOpen, IncidentID: inc.ID, IncidentNumber: 42},
		{Number: 9, Title: "Runbook: roll back a gateway config push", Owner: "Lee Chen", Due: "2026-05-09",
			Priority: domain.P2, Type: "process", Status: domain.ActionDone, IncidentID: inc.ID, IncidentNumber: 42},
	}
	start, end := at("2026-03-14T12:30:00Z"), at("2026-03-14T14:40:00Z")
	var ok, bad []domain.Point
	for ts := start; !ts.After(end); ts = ts.Add(5 * time.Minute) {
		e := 0.4
		if !ts.Before(*inc.StartedAt) && ts.Before(*inc.MitigatedAt) {
			e = 18.5
		}
		ok = append(ok, domain.Point{T: ts.UnixMilli(), V: 100 - e})
		bad = append(bad, domain.Point{T: ts.UnixMilli(), V: e})
	}
	snap := domain.Snapshot{
		ID: "s1", Title: "Checkout responses by status", SourceName: "prod-prom", SourceKind: domain.SourcePrometheus,
		Query: `sum by (code) (rate(http_requests_total{service="checkout"}[5m]))`,
		Start: start, End: end, Step: 5 * time.Minute, Signal: domain.Signal{SeriesKey: `{code="503"}`},
		Series: []domain.Series{
			{Key: `{code="200"}`, Labels: map[string]string{"code": "200"}, Points: ok},
			{Key: `{code="503"}`, Labels: map[string]string{"code": "503"}, Points: bad},
		},
	}
	lag := &domain.DetectionLag{SnapshotID: "s1", Title: "Checkout responses by status", SeriesKey: `{code="503"}`,
		VisibleAt: at("2026-03-14T13:02:00Z"), DetectedAt: *inc.DetectedAt, Lag: 14 * time.Minute}
	return Data{Incident: inc, Events: events, Causes: nodes, Actions: actions,
		Snapshots: []domain.Snapshot{snap}, Lag: lag, Zone: zone, Now: at("2026-04-01T09:00:00Z"),
		AssetDir: "assets/INC-0042"}
}
