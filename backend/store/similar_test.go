package store

import (
	"context"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hindsight-app/hindsight/backend/domain"
)

func similarIncident(t *testing.T, s *Store, title, summary string, services, tags []string, causes ...string) *domain.Incident {
	t.Helper()
	i := mustCreate(t, s, domain.IncidentInput{Title: title, Summary: summary, Severity: "SEV2",
		Services: services, Tags: tags, StartedAt: "2026-11-01 09:00", Zone: "UTC"})
	for _, c := range causes {
		if _, err := s.AddCause(context.Background(), i.Ref(), domain.CauseInput{Kind: "root", Statement: c}); err != nil {
			t.Fatalf("AddCause(%q): %v", c, err)
		}
	}
	return i
}

func similarRefs(got []domain.SimilarIncident) []string {
	out := make([]string, len(got))
	for k, g := range got {
		out[k] = g.Ref
	}
	return out
}

func reasonOf(si *domain.SimilarIncident, kind string) *domain.SimilarReason {
	for k := range si.Reasons {
		if si.Reasons[k].Kind == kind {
			return &si.Reasons[k]
		}
	}
	return nil
}

func TestSimilarIncidentsRanksBySharedServicesCausesAndWords(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	me := similarIncident(t, s, "Checkout failing: pool exhausted on replica", "Orders timed out at checkout.",
		[]string{"checkout", "payments"}, []string{"database"}, "Connection pool exhausted on the read replica")
	// Same services and a root cause in other words (exhaustion, replica):
	// alike on three signals.
	both := similarIncident(t, s, "Payments slow during the sale", "Latency rose for an hour.",
		[]string{"checkout", "payments"}, nil, "Pool exhaustion on replica after a deploy")
	// Same services only, and a cause about something else.
	services := similarIncident(t, s, "Card form broken in Safari", "A script error hid the form.",
		[]string{"payments", "checkout"}, nil, "Browser-specific JavaScript bug shipped")
	// No services, no causes: only words.
	words := similarIncident(t, s, "Replica pool exhausted again", "", nil, nil)
	// Nothing alike.
	unrelated := similarIncident(t, s, "Search index stale", "Results lagged behind.",
		[]string{"search"}, []string{"cron"}, "Nightly cron job disabled")
	// As alike as can be, but in the trash.
	trashed := similarIncident(t, s, "Checkout failing: pool exhausted on replica", "Orders timed out at checkout.",
		[]string{"checkout", "payments"}, []string{"database"}, "Connection pool exhausted on the read replica")
	if err := s.DeleteIncident(ctx, trashed.Ref()); err != nil {
		t.Fatal(err)
	}

	got, err := s.SimilarIncidents(ctx, me.Ref(), 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range got {
		t.Logf("%s %.3f %+v", g.Ref, g.Score, g.Reasons)
	}
	// both: services 1 and a cause match outweigh services alone; the
	// word-only match shares three rare words of the title, which counts
	// for less than the services (0.3 of the weight to 0.2).
	want := []string{both.Ref(), services.Ref(), words.Ref()}
	if fmt.Sprint(similarRefs(got)) != fmt.Sprint(want) {
		t.Fatalf("order = %v, want %v", similarRefs(got), want)
	}
	for _, g := range got {
		if g.Ref == me.Ref() || g.Ref == trashed.Ref() || g.Ref == unrelated.Ref() {
			t.Errorf("%s should not be listed", g.Ref)
		}
		if g.Score <= 0 || g.Score > 1 {
			t.Errorf("%s score %v out of (0, 1]", g.Ref, g.Score)
		}
	}
	if r := reasonOf(&got[0], domain.SimilarServices); r == nil || r.Text != "Same services: checkout, payments" {
		t.Errorf("services reason = %+v", r)
	}
	if r := reasonOf(&got[0], domain.SimilarCauses); r == nil ||
		r.Text != "Root cause alike: “Connection pool exhausted on the read replica” ~ “Pool exhaustion on replica after a deploy”" {
		t.Errorf("cause reason = %+v", r)
	}
	// Reasons come strongest first: the services (the whole 0.3) before
	// a cause covering part of the statement's words.
	if got[0].Reasons[0].Kind != domain.SimilarServices || got[0].Reasons[1].Score > got[0].Reasons[0].Score {
		t.Errorf("the strongest reason first: %+v", got[0].Reasons)
	}
	if r := reasonOf(&got[1], domain.SimilarCauses); r != nil {
		t.Errorf("an unrelated cause matched: %+v", r)
	}
	if r := reasonOf(&got[2], domain.SimilarWords); r == nil || r.Text != "Words in common: pool, exhausted, replica" {
		t.Errorf("words reason = %+v", r)
	}
	if got[1].Severity != "SEV2" || got[1].Title != "Card form broken in Safari" || got[1].StartedAt.IsZero() {
		t.Errorf("fields: %+v", got[1])
	}

	t.Run("an incident without services or causes is matched by its words", func(t *testing.T) {
		got, err := s.SimilarIncidents(ctx, words.Ref(), 0)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) == 0 || got[0].Ref != me.Ref() {
			t.Fatalf("got %v, want %s first", similarRefs(got), me.Ref())
		}
		if r := reasonOf(&got[0], domain.SimilarWords); r == nil || !strings.Contains(r.Text, "replica") {
			t.Errorf("words reason = %+v", got[0].Reasons)
		}
	})
	t.Run("the limit", func(t *testing.T) {
		got, err := s.SimilarIncidents(ctx, me.Ref(), 1)
		if err != nil || len(got) != 1 || got[0].Ref != both.Ref() {
			t.Errorf("limit 1: %v %v", similarRefs(got), err)
		}
		for _, n := range []int{-1, domain.MaxSimilarLimit + 1} {
			_, err := s.SimilarIncidents(ctx, me.Ref(), n)
			if e := wantCode(t, err, domain.EINVALID); e.Fields["limit"] == "" {
				t.Errorf("limit %d: %v", n, err)
			}
		}
	})
	t.Run("a trashed or unknown incident is not found", func(t *testing.T) {
		_, err := s.SimilarIncidents(ctx, trashed.Ref(), 0)
		wantCode(t, err, domain.ENOTFOUND)
		_, err = s.SimilarIncidents(ctx, "INC-9999", 0)
		wantCode(t, err, domain.ENOTFOUND)
	})
	t.Run("restored, the trashed twin comes first", func(t *testing.T) {
		if _, err := s.RestoreIncident(ctx, trashed.Ref()); err != nil {
			t.Fatal(err)
		}
		got, err := s.SimilarIncidents(ctx, me.Ref(), 0)
		if err != nil || len(got) == 0 || got[0].Ref != trashed.Ref() {
			t.Fatalf("got %v %v", similarRefs(got), err)
		}
		if got[0].Score < 0.99 {
			t.Errorf("an identical incident scores %v, want 1", got[0].Score)
		}
	})
}

func TestSimilarIncidentsTiesGoToTheMostRecent(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	me := mustCreate(t, s, domain.IncidentInput{Title: "Alpha", Severity: "SEV3", Services: []string{"api"}, StartedAt: "2026-11-10 09:00", Zone: "UTC"})
	old := mustCreate(t, s, domain.IncidentInput{Title: "Beta", Severity: "SEV3", Services: []string{"api"}, StartedAt: "2026-01-10 09:00", Zone: "UTC"})
	recent := mustCreate(t, s, domain.IncidentInput{Title: "Gamma", Severity: "SEV3", Services: []string{"api"}, StartedAt: "2026-10-10 09:00", Zone: "UTC"})
	got, err := s.SimilarIncidents(ctx, me.Ref(), 0)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{recent.Ref(), old.Ref()}; fmt.Sprint(similarRefs(got)) != fmt.Sprint(want) {
		t.Errorf("order = %v, want %v", similarRefs(got), want)
	}
	if len(got) > 0 && (len(got[0].Reasons) != 1 || got[0].Reasons[0].Text != "Same service: api") {
		t.Errorf("reasons = %+v", got[0].Reasons)
	}
}

func TestSimilarIncidentsWithNothingAlikeIsEmpty(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	only := similarIncident(t, s, "The only one", "", []string{"api"}, nil, "A root cause")
	got, err := s.SimilarIncidents(ctx, only.Ref(), 0)
	if err != nil || got == nil || len(got) != 0 {
		t.Fatalf("alone: %v %v (want an empty list)", got, err)
	}
	similarIncident(t, s, "Zebra crossing", "", []string{"web"}, nil)
	got, err = s.SimilarIncidents(ctx, only.Ref(), 0)
	if err != nil || got == nil || len(got) != 0 {
		t.Fatalf("nothing alike: %v %v (want an empty list)", similarRefs(got), err)
	}
	// A title of stopwords and short words gives no word signal, and no error.
	bare := similarIncident(t, s, "It is up", "", nil, nil)
	got, err = s.SimilarIncidents(ctx, bare.Ref(), 0)
	if err != nil || got == nil || len(got) != 0 {
		t.Fatalf("no words: %v %v", similarRefs(got), err)
	}
}

func TestSimilarTerms(t *testing.T) {
	terms := similarTerms(`The "pool" was exhausted; OR NOT pools* exhaustion on a DB-replica, x1`)
	var got []string
	for _, tm := range terms {
		q := tm.stem
		if tm.prefix {
			q += "*"
		}
		got = append(got, q)
	}
	// Stopwords, short words and syntax go; forms of a word share a stem.
	if want := "pool* exhaust* replica*"; strings.Join(got, " ") != want {
		t.Errorf("terms = %q, want %q", strings.Join(got, " "), want)
	}
	if m := similarMatch(terms, "title", "cause"); m != `title : ("pool"* OR "exhaust"* OR "replica"*) AND "`+kindKeyPrefix+`cause"` {
		t.Errorf("match = %q", m)
	}
}

// The similar-incidents benchmark: 10,000 incidents over 40 services, with
// three cause statements each, and 100,000 timeline events sharing the
// vocabulary (so the word lists are as long as in a real database).
const (
	similarBenchIncidents = 10_000
	similarBenchVersion   = "v1"
)

func similarBenchDB(b *testing.B) *Store {
	b.Helper()
	path := filepath.Join(os.TempDir(), fmt.Sprintf("hindsight-similar-bench-%d-%s.db", similarBenchIncidents, similarBenchVersion))
	if os.Getenv("HINDSIGHT_BENCH_FRESH") != "" {
		for _, suffix := range []string{"", "-wal", "-shm"} {
			os.Remove(path + suffix)
		}
	}
	s, err := Open(path, Options{Now: func() time.Time { return fixedNow }})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	ctx := context.Background()
	if done, err := s.Setting(ctx, "bench.corpus", ""); err != nil {
		b.Fatal(err)
	} else if done == "complete" {
		return s
	}
	start := time.Now()
	if err := seedSimilarCorpus(s); err != nil {
		b.Fatal(err)
	}
	if err := s.SetSetting(ctx, "bench.corpus", "complete"); err != nil {
		b.Fatal(err)
	}
	b.Logf("built the corpus in %s at %s", time.Since(start).Round(time.Second), path)
	return s
}

func seedSimilarCorpus(s *Store) error {
	sqlDB, err := s.db.DB()
	if err != nil {
		return err
	}
	tx, err := sqlDB.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	r := rand.New(rand.NewSource(7))
	now := fixedNow.UnixMilli()
	first := fixedNow.Add(-3 * 365 * 24 * time.Hour).UnixMilli()
	span := now - first
	sentence := func(n int) string {
		w := make([]string, n)
		for k := range w {
			w[k] = benchWord(r)
		}
		return strings.Join(w, " ")
	}
	for k := 0; k < 40; k++ {
		if _, err := tx.Exec("INSERT INTO services (id, name, created_at) VALUES (?, ?, ?)", fmt.Sprintf("svc-%02d", k), fmt.Sprintf("service-%02d", k), now); err != nil {
			return err
		}
	}
	for n := 1; n <= similarBenchIncidents; n++ {
		at := first + span*int64(n)/similarBenchIncidents
		if _, err := tx.Exec(`INSERT INTO incidents (seq, id, number, title, summary, severity, status, started_at, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, 'resolved', ?, ?, ?)`, n, fmt.Sprintf("inc-%06d", n), n, "Incident "+sentence(5),
			sentence(40), fmt.Sprintf("SEV%d", 1+n%4), at, now, now); err != nil {
			return err
		}
		// One to three services, the first few far more common.
		seen := map[int]bool{}
		for k, m := 0, 1+r.Intn(3); k < m; k++ {
			v := int(r.ExpFloat64() * 8)
			if v >= 40 || seen[v] {
				continue
			}
			seen[v] = true
			if _, err := tx.Exec("INSERT INTO incident_services (incident_seq, service_id, position) VALUES (?, ?, ?)", n, fmt.Sprintf("svc-%02d", v), k); err != nil {
				return err
			}
		}
		for k := 0; k < 3; k++ {
			kind := []string{"problem", "cause", "root"}[k]
			if _, err := tx.Exec(`INSERT INTO cause_nodes (id, incident_seq, position, kind, statement, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?)`, fmt.Sprintf("c-%06d-%d", n, k), n, k, kind, sentence(8), at, at); err != nil {
				return err
			}
		}
	}
	if _, err := tx.Exec("UPDATE counters SET value = ? WHERE name = 'incident'", similarBenchIncidents); err != nil {
		return err
	}
	for n := 0; n < 10*similarBenchIncidents; n++ {
		inc := 1 + n%similarBenchIncidents
		if _, err := tx.Exec(`INSERT INTO timeline_events (id, incident_seq, at, kind, author, body, source, created_at, updated_at)
			VALUES (?, ?, ?, 'note', 'bench', ?, 'typed', ?, ?)`, fmt.Sprintf("ev-%08d", n), inc, first+span*int64(inc)/similarBenchIncidents, sentence(12), now, now); err != nil {
			return err
		}
	}
	if err := benchIndexEvents(tx, "true"); err != nil {
		return err
	}
	return commitOptimized(s, tx)
}

// BenchmarkSimilarIncidents asks for the incidents alike each of a spread
// of incidents in turn and reports the median and 95th percentile.
func BenchmarkSimilarIncidents(b *testing.B) {
	if testing.Short() {
		b.Skip("builds a 10,000-incident database; not under -short")
	}
	s := similarBenchDB(b)
	ctx := context.Background()
	times := make([]time.Duration, 0, b.N)
	found := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ref := domain.IncidentRef(1 + (i*7919)%similarBenchIncidents)
		t0 := time.Now()
		got, err := s.SimilarIncidents(ctx, ref, domain.DefaultSimilarLimit)
		if err != nil {
			b.Fatal(err)
		}
		times = append(times, time.Since(t0))
		found += len(got)
	}
	reportPercentiles(b, times)
	b.ReportMetric(float64(found)/float64(b.N), "found")
}
