package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hindsight-app/hindsight/backend/domain"
)

// fixedNow is the clock of every test: 2026-11-23 12:00 UTC.
var fixedNow = time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)

// mustOpen opens a fresh database in a temp dir, closed when the test ends.
func mustOpen(tb testing.TB) *Store {
	tb.Helper()
	return mustOpenAt(tb, filepath.Join(tb.TempDir(), "hindsight.db"))
}

func mustOpenAt(tb testing.TB, path string) *Store {
	tb.Helper()
	s, err := Open(path, Options{Now: func() time.Time { return fixedNow }})
	if err != nil {
		tb.Fatalf("Open(%s): %v", path, err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

func validInput() domain.IncidentInput {
	return domain.IncidentInput{
		Title:     "Checkout API returned 502s",
		Severity:  "SEV2",
		Services:  []string{"checkout-api", "payments-db"},
		Tags:      []string{"database"},
		Commander: "Dana Reyes",
		StartedAt: "2026-11-20 09:00",
		Zone:      "UTC",
	}
}

func mustCreate(tb testing.TB, s *Store, in domain.IncidentInput) *domain.Incident {
	tb.Helper()
	i, err := s.CreateIncident(context.Background(), in)
	if err != nil {
		tb.Fatalf("CreateIncident(%q): %v", in.Title, err)
	}
	return i
}

func wantCode(t *testing.T, err error, code domain.Code) *domain.Error {
	t.Helper()
	if got := domain.ErrorCode(err); got != code {
		t.Fatalf("error code = %q (%v), want %q", got, err, code)
	}
	de, _ := err.(*domain.Error)
	return de
}

func count(t *testing.T, s *Store, sql string) int {
	t.Helper()
	var n int
	if err := s.db.Raw(sql).Row().Scan(&n); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return n
}

func TestOpenSetsPragmasOnEveryConnection(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	// Force several pooled connections to exist at once, then ask each.
	sqlDB, _ := s.db.DB()
	conns := make([]interface{ Close() error }, 0, 3)
	for range 3 {
		c, err := sqlDB.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
		for name, want := range map[string]string{"journal_mode": "wal", "foreign_keys": "1", "busy_timeout": "5000", "synchronous": "2"} {
			var got string
			if err := c.QueryRowContext(ctx, "PRAGMA "+name).Scan(&got); err != nil {
				t.Fatal(err)
			}
			if got != want {
				t.Errorf("PRAGMA %s on a pooled connection = %q, want %q", name, got, want)
			}
		}
	}
	for _, c := range conns {
		c.Close()
	}
}

func TestForeignKeysAreEnforced(t *testing.T) {
	s := mustOpen(t)
	err := s.db.Exec("INSERT INTO status_changes (id, incident_id, from_status, to_status, at) VALUES ('x', 'no-such-incident', '', 'investigating', 0)").Error
	if err == nil || !strings.Contains(err.Error(), "FOREIGN KEY") {
		t.Fatalf("insert with a dangling incident_id: err = %v, want a FOREIGN KEY error", err)
	}
}

func TestOpenRefusesADatabaseFromANewerVersion(t *testing.T) {
	path := filepath.Join(t.TempDir(), "h.db")
	s := mustOpenAt(t, path)
	mustCreate(t, s, validInput())
	if err := s.db.Exec("INSERT INTO " + migrationsTable + " (id) VALUES ('209901010000_from_the_future')").Error; err != nil {
		t.Fatal(err)
	}
	s.Close()
	before, _ := os.ReadFile(path)

	_, err := Open(path, Options{})
	de := wantCode(t, err, domain.ECONFLICT)
	if !strings.Contains(de.Message, "newer version") || !strings.Contains(de.Message, "not changed") {
		t.Errorf("message = %q, want it to say a newer version wrote it and nothing changed", de.Message)
	}
	after, _ := os.ReadFile(path)
	if string(before) != string(after) {
		t.Error("the refused database file was modified")
	}
}

func TestOpenRefusesFilesThatAreNotHindsightDatabases(t *testing.T) {
	dir := t.TempDir()
	t.Run("a text file is not a database", func(t *testing.T) {
		p := filepath.Join(dir, "notes.txt")
		os.WriteFile(p, []byte(strings.Repeat("hello world\n", 200)), 0o600)
		_, err := Open(p, Options{})
		de := wantCode(t, err, domain.EINVALID)
		if !strings.Contains(de.Message, "not a Hindsight database") {
			t.Errorf("message = %q", de.Message)
		}
	})
	t.Run("another program's SQLite database is left alone", func(t *testing.T) {
		p := filepath.Join(dir, "other.db")
		s := mustOpenAt(t, filepath.Join(dir, "scratch.db"))
		if err := s.db.Exec("ATTACH DATABASE ? AS other", p).Error; err != nil {
			t.Fatal(err)
		}
		s.db.Exec("CREATE TABLE other.things (x)")
		s.db.Exec("DETACH DATABASE other")
		_, err := Open(p, Options{})
		wantCode(t, err, domain.EINVALID)
	})
	t.Run("a folder is not a database", func(t *testing.T) {
		_, err := Open(dir, Options{})
		wantCode(t, err, domain.EINVALID)
	})
}

func TestReopeningKeepsDataAndSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "h.db")
	s := mustOpenAt(t, path)
	i := mustCreate(t, s, validInput())
	s.Close()
	s2 := mustOpenAt(t, path)
	got, err := s2.GetIncident(context.Background(), i.Ref())
	if err != nil {
		t.Fatal(err)
	}
	if got.Title != i.Title {
		t.Errorf("title after reopen = %q, want %q", got.Title, i.Title)
	}
}

func TestTwoStoresOnOneFileWriteConcurrently(t *testing.T) {
	// The window and the CLI each open the file; busy_timeout and
	// BEGIN IMMEDIATE must make them queue, never fail.
	path := filepath.Join(t.TempDir(), "h.db")
	a, b := mustOpenAt(t, path), mustOpenAt(t, path)
	var wg sync.WaitGroup
	errs := make(chan error, 40)
	for _, s := range []*Store{a, b} {
		for range 2 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for range 10 {
					i, err := s.CreateIncident(context.Background(), validInput())
					if err != nil {
						errs <- err
						return
					}
					in := validInput()
					in.Title = "changed"
					if _, err := s.UpdateIncident(context.Background(), i.ID, in, i.Version); err != nil {
						errs <- err
						return
					}
				}
			}()
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("concurrent write failed: %v", err)
	}
	if n := count(t, a, "SELECT count(*) FROM incidents"); n != 40 {
		t.Errorf("incidents = %d, want 40", n)
	}
	if n := count(t, a, "SELECT count(DISTINCT number) FROM incidents"); n != 40 {
		t.Errorf("distinct numbers = %d, want 40 (a reference was handed out twice)", n)
	}
}

func TestSettings(t *testing.T) {
	s := mustOpen(t)
	ctx := context.Background()
	if v, _ := s.Setting(ctx, "theme", "system"); v != "system" {
		t.Errorf("unset setting = %q, want the default", v)
	}
	s.SetSetting(ctx, "theme", "dark")
	s.SetSetting(ctx, "theme", "light")
	if v, _ := s.Setting(ctx, "theme", "system"); v != "light" {
		t.Errorf("setting = %q, want the last value saved", v)
	}
}

// A burst of saves from the window (hundreds of calls in flight at once)
// queues in the store instead of racing for SQLite's one write lock, so none
// fails with "database is locked".
func TestABurstOfConcurrentWritesAllSucceed(t *testing.T) {
	s := mustOpen(t)
	inc, err := s.CreateIncident(context.Background(), validInput())
	if err != nil {
		t.Fatal(err)
	}
	const n = 600
	var wg sync.WaitGroup
	errs := make(chan error, n)
	base := s.now().Add(-time.Hour)
	for k := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := s.AddEvent(context.Background(), inc.ID, domain.EventInput{
				At: base.Add(time.Duration(k) * time.Second).UTC().Format(time.RFC3339), Body: fmt.Sprintf("event %d", k)})
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatalf("a concurrent write failed: %v", err)
		}
	}
	p, err := s.ListEvents(context.Background(), inc.ID, domain.EventFilter{Limit: 1})
	if err != nil || p.Total != n {
		t.Fatalf("events = %d, %v; want %d", p.Total, err, n)
	}
}
