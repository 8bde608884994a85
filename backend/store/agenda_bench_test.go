package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/hindsight-app/hindsight/backend/domain"
	"github.com/hindsight-app/hindsight/backend/meeting"
)

// seedYears loads n incidents spread evenly over the five years before
// fixedNow, with five actions each, a cause on one in four and a postmortem
// on one in three, in one transaction of raw inserts (the benchmark is about
// reading). Actions older than two months are nearly all closed and
// postmortems older than three months nearly all published, as in a team
// that works its lists: the October agenda still holds 1,545 actions and 85
// postmortems. With closeOld false, old actions keep the status they were
// drawn with: the worst case of a team that never closes its actions.
func seedYears(tb testing.TB, s *Store, n int, closeOld bool) {
	tb.Helper()
	rng := rand.New(rand.NewPCG(5, 10000))
	services := []string{"checkout", "payments", "search", "auth", "cdn", "queue", "billing", "web", "ledger", "inventory"}
	sevs := []string{"SEV1", "SEV2", "SEV3", "SEV4"}
	statuses := []string{"done", "done", "done", "wont_do", "open", "in_progress", "blocked"}
	span := 5 * 365 * 24 * time.Hour
	first := fixedNow.Add(-span)
	err := s.tx(context.Background(), func(tx *gorm.DB) error {
		svcIDs := make([]string, len(services))
		for k, name := range services {
			svcIDs[k] = uuid.NewString()
			if err := tx.Exec("INSERT INTO services (id, name, created_at) VALUES (?, ?, 0)", svcIDs[k], name).Error; err != nil {
				return err
			}
		}
		action := 0
		for k := range n {
			start := first.Add(time.Duration(int64(span) / int64(n) * int64(k))).Add(time.Duration(rng.IntN(60)) * time.Minute)
			detect := start.Add(time.Duration(1+rng.IntN(30)) * time.Minute)
			resolve := detect.Add(time.Duration(10+rng.IntN(600)) * time.Minute)
			id := uuid.NewString()
			seq := int64(k + 1)
			if err := tx.Exec(`INSERT INTO incidents (seq, id, number, title, severity, status, started_at, detected_at,
				resolved_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'resolved', ?, ?, ?, ?, ?)`,
				seq, id, k+1, fmt.Sprintf("incident %d", k), sevs[rng.IntN(4)], start.UnixMilli(), detect.UnixMilli(),
				resolve.UnixMilli(), start.UnixMilli(), resolve.UnixMilli()).Error; err != nil {
				return err
			}
			if err := tx.Exec("INSERT INTO incident_services (incident_seq, service_id, position) VALUES (?, ?, 0)",
				seq, svcIDs[rng.IntN(len(svcIDs))]).Error; err != nil {
				return err
			}
			if k%4 == 0 {
				if err := tx.Exec(`INSERT INTO cause_nodes (id, incident_seq, position, kind, statement, created_at, updated_at)
					VALUES (?, ?, 0, 'root', ?, 0, 0)`, uuid.NewString(), seq, fmt.Sprintf("Cause number %d", rng.IntN(50))).Error; err != nil {
					return err
				}
			}
			if k%3 == 0 {
				st := []string{"draft", "in_review", "approved", "published"}[rng.IntN(4)]
				if fixedNow.Sub(start) > 90*24*time.Hour && rng.IntN(50) > 0 {
					st = "published" // old reviews are mostly done
				}
				if err := tx.Exec(`INSERT INTO postmortems (id, incident_seq, title, status, created_at, updated_at)
					VALUES (?, ?, 'pm', ?, 0, 0)`, uuid.NewString(), seq, st).Error; err != nil {
					return err
				}
			}
			for range 5 {
				action++
				created := resolve
				due := created.AddDate(0, 0, 7+rng.IntN(60))
				st := statuses[rng.IntN(len(statuses))]
				if closeOld && fixedNow.Sub(created) > 60*24*time.Hour && rng.IntN(50) > 0 {
					st = statuses[rng.IntN(4)] // old actions are mostly closed
				}
				var closed *int64
				if st == "done" || st == "wont_do" {
					c := created.Add(time.Duration(rng.IntN(80*24)) * time.Hour)
					if c.After(fixedNow) {
						c = fixedNow
					}
					ms := c.UnixMilli()
					closed = &ms
				}
				reason := ""
				if st == "wont_do" {
					reason = "no"
				}
				if err := tx.Exec(`INSERT INTO actions (id, number, incident_seq, due, priority, type, status, created_at,
					updated_at, closed_at, title, reason) VALUES (?, ?, ?, ?, 'P2', 'prevent', ?, ?, ?, ?, ?, ?)`,
					uuid.NewString(), action, seq, due.Format(domain.DateLayout), st, created.UnixMilli(), created.UnixMilli(),
					closed, fmt.Sprintf("action %d", action), reason).Error; err != nil {
					return err
				}
			}
		}
		return tx.Exec("ANALYZE").Error
	})
	if err != nil {
		tb.Fatal(err)
	}
}

// BenchmarkMonthAgenda: the facts query and the build of a monthly
// meeting's agenda (October 2026, Europe/Berlin) over five years of data,
// 10,000 incidents and 50,000 actions. Budget: 200 ms; see
// docs/performance.md for the figures.
func BenchmarkMonthAgenda(b *testing.B) {
	benchmarkMonthAgenda(b, true)
}

// BenchmarkMonthAgendaNothingClosed: the same when old actions are never
// closed, so about 21,000 are overdue; each kind of item is capped at
// meeting.MaxItemsPerKind.
func BenchmarkMonthAgendaNothingClosed(b *testing.B) {
	benchmarkMonthAgenda(b, false)
}

func benchmarkMonthAgenda(b *testing.B, closeOld bool) {
	s := mustOpen(b)
	seedYears(b, s, 10_000, closeOld)
	q := domain.AgendaQuery{
		Start: time.Date(2026, 10, 1, 0, 0, 0, 0, berlin).UTC(), End: time.Date(2026, 11, 1, 0, 0, 0, 0, berlin).UTC(),
		Loc: berlin, Day: "2026-11-02", NextDay: "2026-12-02",
	}
	ctx := context.Background()
	b.ResetTimer()
	var items int
	for b.Loop() {
		f, err := s.AgendaFacts(ctx, q)
		if err != nil {
			b.Fatal(err)
		}
		items = len(meeting.Build(f))
	}
	b.ReportMetric(float64(items), "items")
}
