package store

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/hindsight-app/hindsight/backend/domain"
)

// The search benchmark's corpus: benchEvents timeline events under
// benchIncidents incidents, bodies of about a dozen words drawn so that
// some words are rare, some middling and some in a third of all events.
var benchEvents = benchSize()

const (
	benchIncidents = 2_000
	// benchCacheVersion names the cached file: change it when the corpus
	// or the schema changes.
	benchCacheVersion = "v5"
)

// benchSearchDB returns a store over the corpus. Building it takes a
// minute or so; the file is kept in the system's temp folder (never in
// the repository) so later runs, and each sub-benchmark, reuse it.
// HINDSIGHT_BENCH_FRESH=1 builds it again.
// benchSize is HINDSIGHT_BENCH_EVENTS, else a million.
func benchSize() int {
	var n int
	if _, err := fmt.Sscan(os.Getenv("HINDSIGHT_BENCH_EVENTS"), &n); err != nil || n < benchIncidents {
		return 1_000_000
	}
	return n
}

func benchSearchDB(b *testing.B) *Store {
	b.Helper()
	path := filepath.Join(os.TempDir(), fmt.Sprintf("hindsight-search-bench-%d-%s.db", benchEvents, benchCacheVersion))
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
	done, err := s.Setting(context.Background(), "bench.corpus", "")
	if err != nil {
		b.Fatal(err)
	}
	if done == "complete" {
		return s
	}
	start := time.Now()
	if err := seedSearchCorpus(s); err != nil {
		b.Fatal(err)
	}
	if err := s.SetSetting(context.Background(), "bench.corpus", "complete"); err != nil {
		b.Fatal(err)
	}
	b.Logf("built the corpus (%d events) in %s at %s", benchEvents, time.Since(start).Round(time.Second), path)
	return s
}

// benchWord draws a word for an event body: common words often, the
// named probe words at known rates, and otherwise one of 20,000 made-up
// words, so the index has a realistic vocabulary.
func benchWord(r *rand.Rand) string {
	switch x := r.Intn(100_000); {
	case x < 3_000: // in about a third of events (12 words each)
		return "service"
	case x < 3_800:
		return "connection"
	case x < 4_600:
		return []string{"pool", "pod", "postgres", "port", "policy"}[r.Intn(5)]
	case x < 4_700: // about 1% of events
		return "timeout"
	case x == 4_700 && r.Intn(10) == 0: // a handful of events
		return "kerberos"
	case x < 20_000:
		return []string{"the", "a", "on", "in", "to", "and", "of", "for", "at", "is"}[r.Intn(10)]
	}
	syl := []string{"ka", "lo", "mi", "ne", "ru", "ta", "ve", "zo", "pi", "su", "de", "gu", "ha", "jo", "bi", "fe", "wu", "xa", "yo", "ce"}
	n := r.Intn(20_000)
	return syl[n%20] + syl[n/20%20] + syl[n/400%20] + syl[n/8000%20]
}

func seedSearchCorpus(s *Store) error {
	sqlDB, err := s.db.DB()
	if err != nil {
		return err
	}
	tx, err := sqlDB.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	r := rand.New(rand.NewSource(42))
	now := fixedNow.UnixMilli()
	span := int64(2 * 365 * 24 * time.Hour / time.Millisecond)
	first := fixedNow.Add(-2 * 365 * 24 * time.Hour).UnixMilli()
	incStmt, err := tx.Prepare(`INSERT INTO incidents (id, number, title, summary, severity, status, started_at, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, 'resolved', ?, ?, ?)`)
	if err != nil {
		return err
	}
	for n := 1; n <= benchIncidents; n++ {
		words := make([]string, 6)
		for k := range words {
			words[k] = benchWord(r)
		}
		at := first + span*int64(n)/benchIncidents
		if _, err := incStmt.Exec(fmt.Sprintf("inc-%06d", n), n, "Incident "+strings.Join(words[:3], " "),
			strings.Join(words[3:], " "), fmt.Sprintf("SEV%d", 1+n%4), at, now, now); err != nil {
			return err
		}
	}
	if _, err := tx.Exec("UPDATE counters SET value = ? WHERE name = 'incident'", benchIncidents); err != nil {
		return err
	}
	for _, q := range flushSearch0008 {
		if _, err := tx.Exec(q); err != nil {
			return err
		}
	}
	evStmt, err := tx.Prepare(`INSERT INTO timeline_events (id, incident_seq, at, kind, author, body, source, created_at, updated_at)
		VALUES (?, ?, ?, 'note', 'bench', ?, 'typed', ?, ?)`)
	if err != nil {
		return err
	}
	words := make([]string, 12)
	t0 := time.Now()
	for n := 0; n < benchEvents; n++ {
		if n%100_000 == 0 && os.Getenv("HINDSIGHT_BENCH_VERBOSE") != "" {
			fmt.Fprintf(os.Stderr, "%d events in %s\n", n, time.Since(t0).Round(time.Second))
		}
		inc := 1 + n%benchIncidents
		for k := range words {
			words[k] = benchWord(r)
		}
		at := first + span*int64(inc)/benchIncidents + int64(n/benchIncidents)*60_000
		if _, err := evStmt.Exec(fmt.Sprintf("ev-%08d", n), inc, at, strings.Join(words, " "), now, now); err != nil {
			return err
		}
	}
	// Events are indexed by the code that adds them (indexEvents), a
	// batch at a time.
	for lo := 0; lo < benchEvents; lo += 100_000 {
		if err := benchIndexEvents(tx, "t.seq > ? AND t.seq <= ?", lo, lo+100_000); err != nil {
			return err
		}
	}
	return commitOptimized(s, tx)
}

// commitOptimized commits a bench database's writes and merges the
// full-text index into one segment, as a long-used database would be.
func commitOptimized(s *Store, tx *sql.Tx) error {
	if err := tx.Commit(); err != nil {
		return err
	}
	return s.db.Exec("INSERT INTO search_fts (search_fts) VALUES ('optimize')").Error
}

// reportPercentiles reports the median and 95th percentile of the times a
// benchmark measured, in ms (nearest rank below).
func reportPercentiles(b *testing.B, times []time.Duration) {
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	pct := func(p float64) float64 {
		return float64(times[int(p*float64(len(times)-1))]) / float64(time.Millisecond)
	}
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.95), "p95-ms")
}

// BenchmarkSearch times searches over a million timeline events and
// reports the median and 95th percentile of each kind of query (run it
// with -benchtime 200x or so for a stable p95).
func BenchmarkSearch(b *testing.B) {
	if testing.Short() {
		b.Skip("builds a million-event database; not under -short")
	}
	s := benchSearchDB(b)
	from := fixedNow.Add(-90 * 24 * time.Hour)
	to := fixedNow
	for _, c := range []struct {
		name string
		q    domain.SearchQuery
	}{
		{"rare word", domain.SearchQuery{Text: "kerberos "}},
		{"mid word", domain.SearchQuery{Text: "timeout "}},
		{"common word", domain.SearchQuery{Text: "service "}},
		{"prefix as typed", domain.SearchQuery{Text: "connection po"}},
		{"filtered", domain.SearchQuery{Text: "timeout ", Kinds: []string{"event"}, Severities: []string{"SEV1"}, From: &from, To: &to}},
		{"common word, filtered to incidents", domain.SearchQuery{Text: "service ", Kinds: []string{"incident"}}},
	} {
		b.Run(c.name, func(b *testing.B) {
			ctx := context.Background()
			times := make([]time.Duration, 0, b.N)
			hits := 0
			for i := 0; i < b.N; i++ {
				t0 := time.Now()
				p, err := s.Search(ctx, c.q)
				if err != nil {
					b.Fatal(err)
				}
				times = append(times, time.Since(t0))
				hits = len(p.Hits)
			}
			reportPercentiles(b, times)
			b.ReportMetric(float64(hits), "hits")
		})
	}
}

// benchIndexEvents indexes the events a bench database wrote directly
// (where selects them, over alias t), as indexEvents does for the store's
// own writes, and applies the queue to the index.
func benchIndexEvents(tx *sql.Tx, where string, args ...any) error {
	q := upsertDoc0008("SELECT 'event', t.id, t.incident_seq, NULL, NULL, t.at, '', t.body FROM timeline_events t WHERE " + where)
	if _, err := tx.Exec(q, args...); err != nil {
		return err
	}
	for _, q := range flushSearch0008 {
		if _, err := tx.Exec(q); err != nil {
			return err
		}
	}
	return nil
}
