package app

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/hindsight-app/hindsight/backend/domain"
)

// memSecrets is a keyring in memory, for tests of the API around it (the
// real keyring is tested in backend/metrics).
type memSecrets map[string]string

func (m memSecrets) Get(id string) (string, error) { return m[id], nil }
func (m memSecrets) Set(id, secret string) error   { m[id] = secret; return nil }
func (m memSecrets) Delete(id string) error        { delete(m, id); return nil }

func newMetricsAPIForTest(t *testing.T) (*MetricsAPI, *IncidentsAPI, memSecrets) {
	t.Helper()
	inc, _, _ := newAPI(t)
	cfg := inc.cfg
	cfg.Metrics = cfg.Incidents.(domain.MetricService)
	keys := memSecrets{}
	cfg.Secrets = keys
	return newMetricsAPI(cfg), &IncidentsAPI{cfg: cfg}, keys
}

func TestSourceSecretsGoToTheKeyringAndNeverCrossTheBridge(t *testing.T) {
	m, _, keys := newMetricsAPIForTest(t)
	in := domain.SourceInput{Name: "prod", Kind: "prometheus", URL: "https://prom.example:9090", Auth: "bearer"}
	v, err := m.SaveSource("", in, "tok-123")
	if err != nil {
		t.Fatal(err)
	}
	if keys[v.ID] != "tok-123" || v.SecretWhere != "keyring" || !v.HasSecret {
		t.Fatalf("saved %+v; keyring %v", v, keys)
	}
	list, _ := m.Sources()
	b, _ := json.Marshal(list)
	if strings.Contains(string(b), "tok-123") {
		t.Errorf("the secret crossed the bridge: %s", b)
	}
	// Switching to an environment variable removes the keyring's copy.
	in.SecretEnv = "PROM_TOKEN"
	if v, err = m.SaveSource(v.ID, in, ""); err != nil || v.SecretWhere != "env" {
		t.Fatalf("update = %+v, %v", v, err)
	}
	if _, ok := keys[v.ID]; ok {
		t.Errorf("the keyring still holds the secret after the switch to an environment variable")
	}
	// A secret typed for a source that reads it from the environment is refused.
	if _, err := m.SaveSource(v.ID, in, "typed"); domain.ErrorCode(err) != domain.EINVALID || !strings.Contains(err.Error(), "PROM_TOKEN") {
		t.Errorf("secret with secretEnv = %v, want EINVALID naming the variable", err)
	}
	if err := m.DeleteSource(v.ID); err != nil {
		t.Fatal(err)
	}
}

func TestAChartOfManySeriesStaysUnderAMegabyte(t *testing.T) {
	m, inc, _ := newMetricsAPIForTest(t)
	start := time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)
	i, err := inc.Create(domain.IncidentInput{Title: "many series", Severity: "SEV2", StartedAt: start.Add(time.Hour).Format(time.RFC3339)})
	if err != nil {
		t.Fatal(err)
	}
	// 500 series (the most a snapshot holds) × 2,000 points, values with
	// many digits, one of them NaN and one +Inf (JSON has neither).
	series := make([]domain.Series, domain.MaxSeriesPerSnapshot)
	for k := range series {
		pts := make([]domain.Point, 2000)
		for j := range pts {
			pts[j] = domain.Point{T: start.Add(time.Duration(j) * 5 * time.Second).UnixMilli(), V: math.Pi * float64(k*j+1)}
		}
		pts[7].V, pts[8].V = math.NaN(), math.Inf(1)
		key := `{instance="i` + strings.Repeat("x", 3) + string(rune('a'+k%26)) + `", n="` + time.Duration(k).String() + `"}`
		series[k] = domain.Series{Key: key, Labels: map[string]string{"n": time.Duration(k).String()}, Points: pts}
	}
	saved, err := m.cfg.Metrics.SaveSnapshots(m.background(), i.ID, []domain.Snapshot{{
		SourceName: "prod", SourceKind: domain.SourcePrometheus, Title: "load", Query: "load",
		Start: start, End: start.Add(2000 * 5 * time.Second), Step: 5 * time.Second, FetchedAt: start, Series: series,
	}})
	if err != nil {
		t.Fatal(err)
	}
	c, err := m.Chart(saved[0].ID, 0, 0, maxChartBuckets)
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(c)
	if err != nil {
		t.Fatalf("the chart cannot be sent: %v", err)
	}
	if len(b) > 1<<20 {
		t.Errorf("the chart is %d KB over the bridge; the limit is 1 MB", len(b)>>10)
	}
	if len(c.Series) != domain.MaxSeriesPerSnapshot || len(c.X) == 0 {
		t.Errorf("chart has %d series and %d columns", len(c.Series), len(c.X))
	}
	t.Logf("500 series × 2,000 points: %d columns, %d KB", len(c.X), len(b)>>10)
	list, err := m.Snapshots(i.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := json.Marshal(list); err != nil {
		t.Errorf("the snapshot list cannot be sent (NaN or Inf in its stats?): %v", err)
	}
}
