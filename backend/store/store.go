// Package store keeps Hindsight's data in SQLite through GORM.
//
// Everything SQLite-specific (the DSN pragmas, FTS5, RETURNING) stays inside
// this package behind the domain's service interfaces, so a shared
// PostgreSQL store can implement the same interfaces later.
package store

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"github.com/hindsight-app/hindsight/backend/domain"
)

// Store is the SQLite store. It implements domain.IncidentService and
// domain.SettingsService. It is safe for concurrent use.
type Store struct {
	db   *gorm.DB
	path string
	now  domain.Clock
	log  *slog.Logger
	// wmu queues this process's write transactions. SQLite has one writer;
	// without the queue, hundreds of concurrent writers (a burst of saves
	// from the window) poll busy_timeout with backoff, unfairly, and some
	// give up with "database is locked". busy_timeout still covers other
	// processes (the CLI while the window is open).
	wmu sync.Mutex
}

// Options tune Open; the zero value is fine.
type Options struct {
	// Now is the clock; tests replace it. Defaults to time.Now.
	Now domain.Clock
	// Logger receives warnings; defaults to a discarding logger.
	Logger *slog.Logger
}

var (
	_ domain.IncidentService = (*Store)(nil)
	_ domain.SettingsService = (*Store)(nil)
)

// DefaultPath is where the database lives unless --db or HINDSIGHT_DB says
// otherwise: the user's config folder, e.g. ~/.config/hindsight/hindsight.db.
func DefaultPath() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("store: no user config folder (set HINDSIGHT_DB or --db): %w", err)
	}
	return filepath.Join(dir, "hindsight", "hindsight.db"), nil
}

// dsn builds the connection string. The pragmas are in the DSN, not run once
// after opening, so that every connection the pool opens gets them:
//   - WAL: readers never block the writer, and a crash leaves a consistent file;
//   - foreign keys on: SQLite leaves them off per connection otherwise;
//   - busy_timeout 5000: a second writer (the CLI while the window is open)
//     waits instead of failing at once;
//   - _txlock=immediate: every transaction takes the write lock at BEGIN. A
//     deferred transaction that reads and then writes can fail to upgrade its
//     lock with SQLITE_BUSY, which busy_timeout does not retry; taking the lock
//     up front avoids that deadlock;
//   - synchronous FULL: a save that was acknowledged survives power loss, not
//     only a crash of the process. Writes here are small and rare;
//   - cache_size 64 MiB (per connection, allocated as used): a large import
//     inserts into indexes on random keys (UUIDs, import keys), and with
//     SQLite's default 2 MiB cache every insert went to the page cache of
//     the OS instead.
func dsn(path string) string {
	q := url.Values{}
	q.Set("_journal_mode", "WAL")
	q.Set("_foreign_keys", "on")
	q.Set("_busy_timeout", "5000")
	q.Set("_txlock", "immediate")
	q.Set("_synchronous", "FULL")
	q.Set("_cache_size", "-65536")
	return "file:" + path + "?" + q.Encode()
}

// Open opens (creating if needed) the database at path and brings its schema
// up to date. A database written by a newer Hindsight is refused with
// ECONFLICT and left untouched.
func Open(path string, opts Options) (*Store, error) {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if path == "" {
		return nil, domain.Errorf(domain.EINVALID, "db: no database path given")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, domain.Errorf(domain.EINVALID, "db: %q is not a usable path: %v", path, err)
	}
	if err := os.MkdirAll(filepath.Dir(abs), 0o700); err != nil {
		return nil, domain.Errorf(domain.EINVALID, "db: cannot create the folder for %s: %v", abs, err)
	}
	if fi, err := os.Stat(abs); err == nil && fi.IsDir() {
		return nil, domain.Errorf(domain.EINVALID, "db: %s is a folder; give the path of a database file", abs)
	}
	db, err := gorm.Open(sqlite.Open(dsn(abs)), &gorm.Config{
		Logger:                 logger.Default.LogMode(logger.Silent),
		SkipDefaultTransaction: true,
		NowFunc:                func() time.Time { return opts.Now().UTC() },
	})
	if err != nil {
		if strings.Contains(err.Error(), "file is not a database") {
			return nil, notHindsight(abs)
		}
		return nil, fmt.Errorf("store: open %s: %w", abs, err)
	}
	s := &Store{db: db, path: abs, now: opts.Now, log: opts.Logger}
	if err := s.checkFile(); err != nil {
		s.Close()
		return nil, err
	}
	if err := s.checkFTS5(); err != nil {
		s.Close()
		return nil, err
	}
	if err := s.migrate(); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// checkFile refuses a file that is not a SQLite database with a message that
// says so, rather than a driver error.
func (s *Store) checkFile() error {
	var mode string
	if err := s.db.Raw("PRAGMA journal_mode").Scan(&mode).Error; err != nil {
		if strings.Contains(err.Error(), "file is not a database") {
			return notHindsight(s.path)
		}
		return fmt.Errorf("store: read journal mode: %w", err)
	}
	return nil
}

func notHindsight(path string) error {
	return domain.Errorf(domain.EINVALID, "db: %s is not a Hindsight database (not SQLite at all)", path)
}

// migrate refuses a newer schema, then applies the migrations this binary
// knows, each in its own transaction.
func (s *Store) migrate() error {
	known := map[string]bool{}
	for _, m := range migrations {
		known[m.ID] = true
	}
	if s.db.Migrator().HasTable(migrationsTable) {
		var ids []string
		if err := s.db.Table(migrationsTable).Pluck("id", &ids).Error; err != nil {
			return fmt.Errorf("store: read applied migrations: %w", err)
		}
		for _, id := range ids {
			if !known[id] {
				return domain.Errorf(domain.ECONFLICT,
					"db: %s was written by a newer version of Hindsight (schema %s; this version knows up to %s). Upgrade Hindsight to open it; the database was not changed",
					s.path, id, migrations[len(migrations)-1].ID)
			}
		}
	} else {
		// A non-empty database that Hindsight never migrated is someone
		// else's: do not add tables to it.
		var n int
		if err := s.db.Raw("SELECT count(*) FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'").Scan(&n).Error; err != nil {
			return fmt.Errorf("store: inspect schema: %w", err)
		}
		if n > 0 {
			return domain.Errorf(domain.EINVALID, "db: %s is a SQLite database but not a Hindsight one; it was not changed", s.path)
		}
	}
	m := gormigrate.New(s.db, &gormigrate.Options{
		TableName:                 migrationsTable,
		IDColumnName:              "id",
		IDColumnSize:              190,
		UseTransaction:            true,
		ValidateUnknownMigrations: true,
	}, migrations)
	if err := m.Migrate(); err != nil {
		return fmt.Errorf("store: migrate %s: %w", s.path, err)
	}
	return nil
}

// Close closes the database.
func (s *Store) Close() error {
	sqlDB, err := s.db.DB()
	if err != nil {
		return err
	}
	return sqlDB.Close()
}

// Path is the absolute path of the database file.
func (s *Store) Path() string { return s.path }

// Pragma returns the value of a read-only pragma, for diagnostics and tests
// (journal_mode, foreign_keys, integrity_check, ...).
func (s *Store) Pragma(ctx context.Context, name string) (string, error) {
	switch name {
	case "journal_mode", "foreign_keys", "busy_timeout", "synchronous", "integrity_check", "user_version":
	default:
		return "", domain.Errorf(domain.EINVALID, "pragma: %q is not one this store reports", name)
	}
	var v string
	err := s.db.WithContext(ctx).Raw("PRAGMA " + name).Row().Scan(&v)
	return v, err
}

// tx runs fn in one transaction (BEGIN IMMEDIATE, see dsn), and brings
// the full-text index up to date with what fn wrote before it commits.
func (s *Store) tx(ctx context.Context, fn func(tx *gorm.DB) error) error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := fn(tx); err != nil {
			return err
		}
		return flushSearch(tx)
	})
}

// wrap prefixes unexpected errors with where they happened; domain errors
// pass through unchanged so their code and message reach the user.
func wrap(err error, format string, args ...any) error {
	if err == nil {
		return nil
	}
	var de *domain.Error
	if errors.As(err, &de) {
		return err
	}
	return fmt.Errorf("store: "+format+": %w", append(args, err)...)
}
