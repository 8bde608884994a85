// Package applog sets up Hindsight's log: JSON lines in a size-rotated file in
// the data folder, shared by the window and the CLI. Logging never stops the
// app: when the file cannot be used, the log goes to stderr instead.
package applog

import (
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sync"

	"gopkg.in/natefinch/lumberjack.v2"
)

// Rotation: the file is rotated at MaxSizeMB; at most MaxBackups old files are
// kept, none older than MaxAgeDays. At most about 60 MB of logs in all.
const (
	FileName   = "hindsight.log"
	MaxSizeMB  = 10
	MaxBackups = 5
	MaxAgeDays = 30
)

// Dir returns the folder the log goes to: $HINDSIGHT_LOG_DIR if set, else
// <user config folder>/hindsight/logs.
func Dir(getenv func(string) string) (string, error) {
	if d := getenv("HINDSIGHT_LOG_DIR"); d != "" {
		return d, nil
	}
	base, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("applog: no user config folder (set HINDSIGHT_LOG_DIR): %w", err)
	}
	return filepath.Join(base, "hindsight", "logs"), nil
}

// Open returns a logger writing to dir/hindsight.log (dir "" means
// Dir(os.Getenv)), the file's path, and a function that closes the file.
//
// It never fails the app: if the folder cannot be created or the file cannot
// be written, the logger writes to stderr, path is "", and err says why; the
// logger has already said so once on stderr, so callers may ignore err. The
// logger and close are never nil.
func Open(dir string) (logger *slog.Logger, path string, close func() error, err error) {
	return open(dir, os.Getenv, os.Stderr)
}

func open(dir string, getenv func(string) string, stderr io.Writer) (*slog.Logger, string, func() error, error) {
	nop := func() error { return nil }
	fail := func(err error) (*slog.Logger, string, func() error, error) {
		fmt.Fprintf(stderr, "hindsight: cannot use the log folder (%v); logging to stderr\n", err)
		return newLogger(stderr), "", nop, err
	}
	if dir == "" {
		d, err := Dir(getenv)
		if err != nil {
			return fail(err)
		}
		dir = d
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fail(fmt.Errorf("applog: %w", err))
	}
	path := filepath.Join(dir, FileName)
	// lumberjack opens the file on the first write; try it now so that a
	// folder we cannot write to is reported here, with the path left empty.
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return fail(fmt.Errorf("applog: %w", err))
	}
	f.Close()
	lj := &lumberjack.Logger{
		Filename: path, MaxSize: MaxSizeMB, MaxBackups: MaxBackups, MaxAge: MaxAgeDays,
	}
	w := &failover{primary: lj, fallback: stderr}
	return newLogger(w), path, lj.Close, nil
}

func newLogger(w io.Writer) *slog.Logger {
	// The window and the CLI may write the same file at once; the pid tells
	// their lines apart.
	return slog.New(slog.NewJSONHandler(w, &slog.HandlerOptions{Level: slog.LevelInfo})).With("pid", os.Getpid())
}

// failover writes to primary until a write fails (disk full, file removed
// with its folder), then says so once and writes to fallback from then on.
type failover struct {
	mu       sync.Mutex
	primary  io.Writer
	fallback io.Writer
	failed   bool
}

func (w *failover) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.failed {
		_, err := w.primary.Write(p)
		if err == nil {
			return len(p), nil
		}
		w.failed = true
		fmt.Fprintf(w.fallback, "hindsight: cannot write the log file (%v); logging to stderr from now on\n", err)
	}
	return w.fallback.Write(p)
}
