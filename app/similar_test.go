package app

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/hindsight-app/hindsight/backend/domain"
)

func TestSimilarCrossesTheBridgeWithReasons(t *testing.T) {
	inc, _, _ := newAPI(t)
	a, err := inc.Create(domain.IncidentInput{Title: "Replica pool exhausted", Severity: "SEV2", Services: []string{"checkout", "payments"},
		StartedAt: "2026-11-20T10:00:00Z"})
	if err != nil {
		t.Fatal(err)
	}
	b, err := inc.Create(domain.IncidentInput{Title: "Checkout errors", Severity: "SEV1", Services: []string{"checkout", "payments"},
		StartedAt: "2026-10-01T08:00:00Z"})
	if err != nil {
		t.Fatal(err)
	}
	lone, err := inc.Create(domain.IncidentInput{Title: "Zebra", Severity: "SEV4", StartedAt: "2026-10-02T08:00:00Z"})
	if err != nil {
		t.Fatal(err)
	}

	got, err := inc.Similar(a.Ref)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Ref != b.Ref || got[0].Severity != "SEV1" || got[0].StartedAt != *b.StartedAt {
		t.Fatalf("got %+v", got)
	}
	if len(got[0].Reasons) != 1 || got[0].Reasons[0].Text != "Same services: checkout, payments" {
		t.Errorf("reasons = %+v", got[0].Reasons)
	}
	js, _ := json.Marshal(got)
	for _, want := range []string{`"ref":"INC-0002"`, `"startedAt":`, `"reasons":[{"kind":"services"`, `"items":["checkout","payments"]`} {
		if !strings.Contains(string(js), want) {
			t.Errorf("JSON %s lacks %s", js, want)
		}
	}

	none, err := inc.Similar(lone.Ref)
	if err != nil || none == nil || len(none) != 0 {
		t.Errorf("nothing alike: %v %v (want [] and no error)", none, err)
	}
	if js, _ := json.Marshal(none); string(js) != "[]" {
		t.Errorf("nothing alike crosses as %s, want []", js)
	}
	if err := inc.Delete(b.Ref); err != nil {
		t.Fatal(err)
	}
	if _, err := inc.Similar(b.Ref); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("a trashed incident: %v, want not found", err)
	}
	if _, err := (&IncidentsAPI{cfg: Config{Incidents: noDatabase{}}}).Similar("INC-0001"); err != errNoDatabase {
		t.Errorf("no database: %v", err)
	}
}
