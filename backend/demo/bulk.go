package demo

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/hindsight-app/hindsight/backend/domain"
)

// MaxBulk bounds Generate: enough to try the app at scale, small enough to
// load in seconds.
const MaxBulk = 100_000

var (
	bulkServices = []string{"checkout-api", "payments-db", "search", "auth", "cdn", "queue", "billing", "web", "mobile-api", "notifications", "inventory", "ledger"}
	bulkSymptoms = []string{"5xx spike", "p99 latency above SLO", "timeouts", "disk full", "certificate expired", "bad deploy", "DNS failures", "memory leak", "replication lag", "cache stampede", "rate limiting misfired", "config push broke"}
	bulkRegions  = []string{"eu-west-1", "us-east-1", "ap-south-1", "eu-central-1"}
	bulkPeople   = []string{"Priya Raman", "Dana Reyes", "Sam Okafor", "Lee Chen", "Ana Silva", "Ike Berg", "Mo Haddad", "Yuki Sato"}
	bulkSev      = []string{"SEV1", "SEV2", "SEV2", "SEV3", "SEV3", "SEV3", "SEV4", "SEV4"}
)

// Generate returns n synthetic incidents spread over the years before now,
// deterministic for a given n: for trying the list, filters and search at
// scale (`hindsight demo --bulk 10000`), and for benchmarks. Most are
// closed, the newest few still active.
func Generate(n int, now time.Time) []domain.IncidentInput {
	rng := rand.New(rand.NewPCG(uint64(n), 42))
	out := make([]domain.IncidentInput, 0, n)
	// One incident every ~8 hours, newest an hour ago.
	step := 8 * time.Hour
	first := now.UTC().Add(-time.Hour - time.Duration(n)*step)
	for k := range n {
		start := first.Add(time.Duration(k)*step + time.Duration(rng.IntN(120))*time.Minute).Truncate(time.Minute)
		svc := bulkServices[rng.IntN(len(bulkServices))]
		in := domain.IncidentInput{
			Title: fmt.Sprintf("%s: %s in %s", svc, bulkSymptoms[rng.IntN(len(bulkSymptoms))],
				bulkRegions[rng.IntN(len(bulkRegions))]),
			Summary:   "Generated incident for trying Hindsight at scale.",
			Severity:  bulkSev[rng.IntN(len(bulkSev))],
			Services:  []string{svc},
			Tags:      []string{"generated"},
			Commander: bulkPeople[rng.IntN(len(bulkPeople))],
			StartedAt: start.Format(time.RFC3339),
			Zone:      "UTC",
		}
		if rng.IntN(3) == 0 {
			in.Services = append(in.Services, bulkServices[rng.IntN(len(bulkServices))])
		}
		detect := time.Duration(1+rng.IntN(30)) * time.Minute
		mitigate := detect + time.Duration(5+rng.IntN(120))*time.Minute
		resolve := mitigate + time.Duration(rng.IntN(240))*time.Minute
		in.DetectedAt = start.Add(detect).Format(time.RFC3339)
		age := n - k
		switch {
		case age <= 3:
			in.Status = "investigating"
			in.DetectedAt = ""
		case age <= 6:
			in.Status = "monitoring"
			in.MitigatedAt = start.Add(mitigate).Format(time.RFC3339)
		default:
			in.Status = []string{"resolved", "postmortem", "closed", "closed"}[min(age/20, 3)]
			in.MitigatedAt = start.Add(mitigate).Format(time.RFC3339)
			in.ResolvedAt = start.Add(resolve).Format(time.RFC3339)
		}
		out = append(out, in)
	}
	return out
}
